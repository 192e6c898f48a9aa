import { useEffect, useRef } from 'react';
import { BarcodeBuffer, type BarcodeTiming } from './barcode.ts';

/** Marks an input in which scans are also taken (the list's search box, a SKU field). */
export const BARCODE_INPUT_ATTRIBUTE = 'data-barcode-input';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Unidentified', 'Dead']);

/** Inputs that take text: keys typed there belong to the person, not to a scanner. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
}

export interface BarcodeScan {
  code: string;
  /** The element that had the focus: an input marked with `data-barcode-input`, or not an input at all. */
  target: Element | null;
}

export interface BarcodeScannerOptions extends Partial<BarcodeTiming> {
  enabled?: boolean;
}

/** Key presses seen so far, for single-key shortcuts that must not fire on a scanner's letters. */
let keyCounter = 0;

/**
 * Listens for a barcode scanner: characters arriving on average faster than `maxGapMs` apart (see
 * barcode.ts) and ending in Enter, typed outside text inputs (or inside one marked `data-barcode-input`). The Enter of a scan
 * is swallowed (it must not also open the grid's active row or submit a form); the characters
 * themselves are left alone, so in a marked input they are typed as usual.
 */
export function useBarcodeScanner(onScan: (scan: BarcodeScan) => void, options: BarcodeScannerOptions = {}): void {
  const { enabled = true, maxGapMs, jitterMs, minLength } = options;
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  });

  useEffect(() => {
    if (!enabled) return;
    const timing: Partial<BarcodeTiming> = {};
    if (maxGapMs !== undefined) timing.maxGapMs = maxGapMs;
    if (jitterMs !== undefined) timing.jitterMs = jitterMs;
    if (minLength !== undefined) timing.minLength = minLength;
    const buffer = new BarcodeBuffer(timing);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      if (isTextEntry(target) && !target?.closest(`[${BARCODE_INPUT_ATTRIBUTE}]`)) {
        buffer.reset();
        return;
      }
      if (event.key === 'Enter') {
        const code = buffer.enter(event.timeStamp);
        if (code === null) return;
        event.preventDefault();
        event.stopPropagation();
        onScanRef.current({ code, target });
        return;
      }
      if (MODIFIERS.has(event.key)) return;
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || event.key.length !== 1) {
        buffer.reset();
        return;
      }
      buffer.key(event.key, event.timeStamp);
    };
    // Capture phase on the window: ahead of React's handlers, so a scan's Enter never reaches the grid.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled, maxGapMs, jitterMs, minLength]);
}

window.addEventListener(
  'keydown',
  () => {
    keyCounter++;
  },
  true,
);

/**
 * Runs a single-key shortcut (N for "new product") only if no further key follows within the
 * scanner's gap: a scanner typing "N123…" must not open a dialog.
 */
export function afterScannerQuiet(action: () => void, waitMs = 60): () => void {
  const seen = keyCounter;
  const timer = setTimeout(() => {
    if (keyCounter === seen) action();
  }, waitMs);
  return () => clearTimeout(timer);
}
