import { useEffect, useSyncExternalStore } from 'react';
import { navigate, setNavigationGuard } from './router.ts';

/**
 * "You have unsaved changes": forms that hold edits register here while they do. Leaving the
 * screen inside the app (a link, the sidebar, Alt+digit, the back button) is held back by the
 * router and asked about (UnsavedChangesPrompt); closing or reloading the window goes through
 * beforeunload (the browser asks; in the desktop app the main process does, see leaveDialog.ts).
 */

const dirtyForms = new Set<symbol>();
let pending: string | null = null;
/** Set when the user chose to leave: the next route change passes. */
let leaving = false;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function holdBack(next: string): boolean {
  if (leaving) {
    leaving = false;
    return false;
  }
  if (dirtyForms.size === 0) return false;
  pending = next;
  emit();
  return true;
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (dirtyForms.size === 0) return;
  event.preventDefault();
  // Older Chromium (and Electron's will-prevent-unload) still look at returnValue.
  event.returnValue = '';
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  setNavigationGuard(holdBack);
  window.addEventListener('beforeunload', onBeforeUnload);
}

/** While `dirty` is true, leaving the screen asks first. */
export function useUnsavedChanges(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    install();
    const token = Symbol('dirty form');
    dirtyForms.add(token);
    return () => {
      dirtyForms.delete(token);
      // A form that saved (or unmounted) while the question was open: nothing to ask any more.
      if (dirtyForms.size === 0 && pending !== null) {
        pending = null;
        emit();
      }
    };
  }, [dirty]);
}

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

/** The route a held-back navigation wanted, or null: what the prompt shows itself for. */
export function usePendingNavigation(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
  );
}

/** The user chose to stay: the edits stay, the address already points at the current screen. */
export function stay(): void {
  pending = null;
  emit();
}

/** The user chose to drop the edits and go where they wanted. */
export function leave(): void {
  const target = pending;
  pending = null;
  emit();
  if (target === null) return;
  leaving = true;
  navigate(target);
}
