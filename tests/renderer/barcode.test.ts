import { describe, expect, it } from 'vitest';
import { BarcodeBuffer, DEFAULT_BARCODE_TIMING } from '../../renderer/src/lib/barcode.ts';

// The timing logic behind useBarcodeScanner: a scanner types a code at ~30 ms a character or
// faster (on average; one late key is tolerated) and ends it with Enter; a person types slower.
// Times are made up (ms).

/** Types `text` starting at `start`, one character every `gap` ms; answers the time of the last one. */
function type(buffer: BarcodeBuffer, text: string, start: number, gap: number): number {
  let time = start;
  for (const [i, char] of [...text].entries()) {
    time = start + i * gap;
    buffer.key(char, time);
  }
  return time;
}

describe('BarcodeBuffer', () => {
  it('takes a fast sequence ending in Enter for a scan', () => {
    const buffer = new BarcodeBuffer();
    const last = type(buffer, '6111000450017', 1000, 8);
    expect(buffer.enter(last + 10)).toBe('6111000450017');
  });

  it('accepts an average gap up to the limit and not beyond', () => {
    const { maxGapMs } = DEFAULT_BARCODE_TIMING;
    const atLimit = new BarcodeBuffer();
    const last = type(atLimit, 'RUG-01', 0, maxGapMs);
    expect(atLimit.enter(last + maxGapMs)).toBe('RUG-01');

    const slower = new BarcodeBuffer();
    const end = type(slower, 'RUG-01', 0, maxGapMs + 1);
    expect(slower.enter(end + maxGapMs + 1)).toBeNull();
  });

  it('tolerates one late key in a fast scan (Bluetooth scanners and busy computers do that)', () => {
    const buffer = new BarcodeBuffer();
    const head = type(buffer, '611100', 0, 5);
    const last = type(buffer, '0471100', head + 45, 5);
    expect(buffer.enter(last + 5)).toBe('6111000471100');
  });

  it('does not take a fast typist for a scanner', () => {
    const buffer = new BarcodeBuffer();
    const last = type(buffer, '6111000450017', 0, 70);
    expect(buffer.enter(last + 70)).toBeNull();
  });

  it('does not take a person’s typing for a scan', () => {
    const buffer = new BarcodeBuffer();
    const last = type(buffer, '6111000450017', 0, 120);
    expect(buffer.enter(last + 150)).toBeNull();
  });

  it('needs the Enter to follow the code quickly', () => {
    const buffer = new BarcodeBuffer();
    const last = type(buffer, '6111000450017', 0, 5);
    expect(buffer.enter(last + 400)).toBeNull();
  });

  it('starts afresh after a pause: slow keys before a scan do not stick to it', () => {
    const buffer = new BarcodeBuffer();
    type(buffer, 'ab', 0, 200);
    const last = type(buffer, '40123455', 1000, 6);
    expect(buffer.enter(last + 6)).toBe('40123455');
  });

  it('ignores codes shorter than the minimum (a fast double key press)', () => {
    const buffer = new BarcodeBuffer();
    const last = type(buffer, 'nn', 0, 10);
    expect(buffer.enter(last + 10)).toBeNull();
    const custom = new BarcodeBuffer({ minLength: 2 });
    const end = type(custom, 'nn', 0, 10);
    expect(custom.enter(end + 10)).toBe('nn');
  });

  it('forgets the sequence once Enter was handled, and on reset', () => {
    const buffer = new BarcodeBuffer();
    let last = type(buffer, '12345678', 0, 5);
    expect(buffer.enter(last + 5)).toBe('12345678');
    expect(buffer.enter(last + 10)).toBeNull();
    last = type(buffer, '12345678', 100, 5);
    buffer.reset();
    expect(buffer.enter(last + 5)).toBeNull();
  });

  it('says when a fast sequence is under way, for single-key shortcuts', () => {
    const buffer = new BarcodeBuffer();
    expect(buffer.inProgress(0)).toBe(false);
    const last = type(buffer, 'N12', 0, 5);
    expect(buffer.inProgress(last + 10)).toBe(true);
    expect(buffer.inProgress(last + 100)).toBe(false);
  });

  it('takes a custom gap', () => {
    const buffer = new BarcodeBuffer({ maxGapMs: 60 });
    const last = type(buffer, 'ABCD-1', 0, 50);
    expect(buffer.enter(last + 50)).toBe('ABCD-1');
  });
});
