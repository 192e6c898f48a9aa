import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The main window's size, position and maximized state, kept in a small JSON file in userData.
 * No `electron` import: mainWindow.ts passes in the displays' work areas, and
 * tests/main/windowState.test.ts checks the clamping without a screen.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** What BrowserWindow gets: no x/y means "let the OS place it" (centred on the primary display). */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;

/** A window must show at least this much of itself on some display to stay where it was. */
const MIN_VISIBLE = 100;

export function windowStatePath(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE);
}

/** The saved state, or undefined when the file is missing or not something we wrote. */
export function parseWindowState(value: unknown): WindowState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (!isRect(bounds) || typeof maximized !== 'boolean') return undefined;
  return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, maximized };
}

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (['x', 'y', 'width', 'height'] as const).every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

/**
 * Where to open the window, given what was saved and the displays there are now (their work areas,
 * i.e. without task bar and menu bar). A window saved on a display that is gone, or so far off
 * screen that less than a strip of it would show, is centred instead; one that fits partly is moved
 * (and if need be shrunk) to lie wholly inside the display it overlaps most.
 */
export function placeWindow(saved: Rect | undefined, workAreas: readonly Rect[]): WindowPlacement {
  const largest = workAreas.reduce<Rect | undefined>((a, b) => (a && area(a) >= area(b) ? a : b), undefined);
  const fallback = fitSize(DEFAULT_SIZE, largest);
  if (!saved || saved.width <= 0 || saved.height <= 0) return fallback;

  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const display of workAreas) {
    const overlap = intersection(saved, display);
    if (overlap && area(overlap) > bestOverlap) {
      best = display;
      bestOverlap = area(overlap);
    }
  }
  const overlapOnBest = best ? intersection(saved, best) : undefined;
  if (!best || !overlapOnBest || overlapOnBest.width < Math.min(MIN_VISIBLE, saved.width) || overlapOnBest.height < Math.min(MIN_VISIBLE, saved.height)) {
    return fitSize(saved, largest);
  }

  const width = Math.round(Math.max(Math.min(saved.width, best.width), Math.min(MIN_SIZE.width, best.width)));
  const height = Math.round(Math.max(Math.min(saved.height, best.height), Math.min(MIN_SIZE.height, best.height)));
  const x = Math.round(clamp(saved.x, best.x, best.x + best.width - width));
  const y = Math.round(clamp(saved.y, best.y, best.y + best.height - height));
  return { x, y, width, height };
}

/** A size no larger than `display` and no smaller than the minimum (unless the display is smaller). */
function fitSize(size: { width: number; height: number }, display: Rect | undefined): WindowPlacement {
  const maxW = display?.width ?? size.width;
  const maxH = display?.height ?? size.height;
  return {
    width: Math.round(Math.min(Math.max(size.width, MIN_SIZE.width), maxW)),
    height: Math.round(Math.min(Math.max(size.height, MIN_SIZE.height), maxH)),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

function area(r: Rect): number {
  return r.width * r.height;
}

function intersection(a: Rect, b: Rect): Rect | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

export interface StateFileLog {
  warn(message: string, ...details: unknown[]): void;
}

/** Reads the saved state; a missing file is normal (first start), a broken one is logged and ignored. */
export function readWindowState(file: string, log: StateFileLog): WindowState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    log.warn(`could not read ${file}; the window opens at its default size`, error);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    log.warn(`${file} is not valid JSON; the window opens at its default size`, error);
    return undefined;
  }
  const state = parseWindowState(json);
  if (!state) log.warn(`${file} does not hold a window state; the window opens at its default size`);
  return state;
}

/** Writes through a temporary file and a rename, so a crash mid-write never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, file);
}
