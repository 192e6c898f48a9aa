/**
 * Telling a barcode scanner from a person. A USB or Bluetooth scanner is a keyboard: it "types" the
 * code and presses Enter. What gives it away is speed: a scanner sends a character every few
 * milliseconds, a fast typist one every 80–150 ms (and held-down keys repeat with `event.repeat`).
 *
 * The rule: the characters before Enter came on average at most `maxGapMs` apart, and none of the
 * gaps (Enter's included) was longer than `jitterMs`. The average, not every single gap, because a
 * Bluetooth scanner (or a busy computer) now and then delivers one key late; no person keeps up an
 * average of 30 ms over four keys or more.
 *
 * This file is the timing logic alone, without the DOM, so tests/renderer can drive it with made-up
 * timestamps; useBarcodeScanner.ts feeds it the window's key events.
 */

export interface BarcodeTiming {
  /** The longest average pause between two characters of one scan, in ms. */
  maxGapMs: number;
  /** The longest single pause inside one scan; a longer one starts a new sequence. */
  jitterMs: number;
  /** Shorter codes are not taken for scans (a stray fast double key press is not a barcode). */
  minLength: number;
}

export const DEFAULT_BARCODE_TIMING: BarcodeTiming = { maxGapMs: 30, jitterMs: 100, minLength: 4 };

export class BarcodeBuffer {
  private chars = '';
  private first = Number.NEGATIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private readonly timing: BarcodeTiming;

  constructor(timing: Partial<BarcodeTiming> = {}) {
    this.timing = { ...DEFAULT_BARCODE_TIMING, ...timing };
  }

  /**
   * A printable character at `time` (ms, any monotonic clock). After a pause longer than the
   * jitter it starts a new sequence: a person who typed "ab", paused, then a scanner's code, still scans.
   */
  key(char: string, time: number): void {
    if (time - this.last > this.timing.jitterMs) {
      this.chars = char;
      this.first = time;
    } else {
      this.chars += char;
    }
    this.last = time;
  }

  /** Enter at `time`: the scanned code, or null when what came before it was typed at a person's pace. */
  enter(time: number): string | null {
    const n = this.chars.length;
    const inTime = time - this.last <= this.timing.jitterMs;
    // n characters and the Enter make n gaps.
    const fast = n > 0 && (time - this.first) / n <= this.timing.maxGapMs;
    const code = inTime && fast && n >= this.timing.minLength ? this.chars : null;
    this.reset();
    return code;
  }

  /** Anything else (an arrow key, a shortcut, a held-down key) ends the sequence. */
  reset(): void {
    this.chars = '';
    this.first = Number.NEGATIVE_INFINITY;
    this.last = Number.NEGATIVE_INFINITY;
  }

  /** Whether a fast sequence is under way at `time`: a single-key shortcut should then hold back. */
  inProgress(time: number): boolean {
    return this.chars.length > 0 && time - this.last <= this.timing.maxGapMs;
  }
}
