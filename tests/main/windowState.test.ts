import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  parseWindowState,
  placeWindow,
  readWindowState,
  writeWindowState,
  type Rect,
} from '../../electron/main/windowState.ts';
import { memoryLogger } from '../../electron/core/logger.ts';

// Work areas (without task bar / menu bar): a laptop and a monitor to its left.
const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const LEFT_MONITOR: Rect = { x: -1920, y: -200, width: 1920, height: 1080 };

describe('placeWindow', () => {
  it('keeps a window that is fully on a display where it was', () => {
    const saved = { x: 100, y: 100, width: 1200, height: 700 };
    expect(placeWindow(saved, [LAPTOP])).toEqual(saved);
  });

  it('keeps a window on a secondary display at negative coordinates', () => {
    const saved = { x: -1800, y: -100, width: 1280, height: 800 };
    expect(placeWindow(saved, [LAPTOP, LEFT_MONITOR])).toEqual(saved);
  });

  it('centres a window whose display is gone (no x/y), keeping its size if it fits', () => {
    const saved = { x: -1800, y: -100, width: 1280, height: 800 };
    expect(placeWindow(saved, [LAPTOP])).toEqual({ width: 1280, height: 800 });
  });

  it('centres a window that shows only a sliver of itself', () => {
    expect(placeWindow({ x: 1400, y: 100, width: 1000, height: 700 }, [LAPTOP])).toEqual({ width: 1000, height: 700 });
    expect(placeWindow({ x: 100, y: 880, width: 1000, height: 700 }, [LAPTOP])).toEqual({ width: 1000, height: 700 });
  });

  it('moves a window that hangs partly off its display back inside', () => {
    expect(placeWindow({ x: 900, y: -50, width: 1000, height: 700 }, [LAPTOP])).toEqual({ x: 440, y: 25, width: 1000, height: 700 });
  });

  it('shrinks a window larger than its display to fit it', () => {
    expect(placeWindow({ x: 0, y: 0, width: 2560, height: 1600 }, [LAPTOP])).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('picks the display the window overlaps most when it straddles two', () => {
    const straddling = { x: -300, y: 100, width: 1200, height: 700 };
    expect(placeWindow(straddling, [LAPTOP, LEFT_MONITOR])).toEqual({ x: 0, y: 100, width: 1200, height: 700 });
  });

  it('never makes a window smaller than the minimum, unless the display is', () => {
    expect(placeWindow({ x: 10, y: 30, width: 200, height: 100 }, [LAPTOP])).toEqual({
      x: 10,
      y: 30,
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 500 };
    expect(placeWindow({ x: 0, y: 0, width: 1200, height: 800 }, [tiny])).toEqual({ x: 0, y: 0, width: 800, height: 500 });
  });

  it('opens at the default size without a saved state, fitted to the largest display', () => {
    expect(placeWindow(undefined, [LAPTOP])).toEqual(DEFAULT_SIZE);
    expect(placeWindow(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ width: 1024, height: 700 });
    expect(placeWindow(undefined, [])).toEqual(DEFAULT_SIZE);
    expect(placeWindow({ x: 0, y: 0, width: 0, height: 0 }, [LAPTOP])).toEqual(DEFAULT_SIZE);
  });

  it('rounds fractional bounds (scaled displays)', () => {
    expect(placeWindow({ x: 10.4, y: 40.6, width: 1000.5, height: 700.2 }, [LAPTOP])).toEqual({
      x: 10,
      y: 41,
      width: 1001,
      height: 700,
    });
  });
});

describe('parseWindowState', () => {
  it('accepts what writeWindowState writes', () => {
    const state = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: true };
    expect(parseWindowState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('refuses anything else', () => {
    for (const value of [
      null,
      42,
      'x',
      {},
      { bounds: { x: 1, y: 2, width: 3 }, maximized: false },
      { bounds: { x: '1', y: 2, width: 3, height: 4 }, maximized: false },
      { bounds: { x: 1, y: 2, width: 3, height: 4 } },
      { bounds: { x: 1, y: 2, width: 3, height: null }, maximized: false },
    ]) {
      expect(parseWindowState(value), JSON.stringify(value)).toBeUndefined();
    }
  });
});

describe('the state file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('round-trips, and a missing file is a quiet first start', () => {
    dir = mkdtempSync(join(tmpdir(), 'kontor-window-'));
    const file = join(dir, 'nested', 'window-state.json');
    const log = memoryLogger();
    expect(readWindowState(file, log)).toBeUndefined();
    expect(log.lines).toEqual([]);

    const state = { bounds: { x: -5, y: 30, width: 1100, height: 720 }, maximized: false };
    writeWindowState(file, state);
    expect(readWindowState(file, log)).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
  });

  it('ignores a broken file and says so', () => {
    dir = mkdtempSync(join(tmpdir(), 'kontor-window-'));
    const file = join(dir, 'window-state.json');
    const log = memoryLogger();
    writeFileSync(file, '{"bounds": ');
    expect(readWindowState(file, log)).toBeUndefined();
    writeFileSync(file, '{"something": "else"}');
    expect(readWindowState(file, log)).toBeUndefined();
    expect(log.lines.map((l) => l.level)).toEqual(['warn', 'warn']);
  });
});
