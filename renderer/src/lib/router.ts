import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: the route is the part of `location.hash` after "#/", e.g.
 * "#/settings/company" → "settings/company". The hash survives a reload and works from file://
 * (the packaged app), which is all this desktop app needs from a router.
 *
 * A hash that is not a route (browser mode starts at "#secret=…") counts as no route.
 */
export function routeFromHash(hash: string): string {
  if (!hash.startsWith('#/')) return '';
  const path = hash.slice(2).split(/[?&]/)[0] ?? '';
  return path.replace(/\/+$/, '');
}

/**
 * Asked before every route change (a link, navigate(), Alt+digit, the back button): true keeps the
 * current screen. The unsaved-changes guard (unsavedChanges.ts) is the one user.
 */
export type NavigationGuard = (next: string) => boolean;
let guard: NavigationGuard | null = null;

export function setNavigationGuard(next: NavigationGuard | null): void {
  guard = next;
}

/**
 * The route the screens show. It follows the hash, except when the guard holds a change back: the
 * address is then put back where it was and the screens never see the other route, so nothing
 * unmounts and no edit is lost while the user is asked.
 *
 * Putting the address back must not leave a stray history entry (or Back would seem to do
 * nothing), so each entry is stamped with its place in the session's history: a new entry (a link,
 * navigate()) is undone with history.back(), a step through history (Back, Forward) with the
 * opposite step.
 */
let shown: string | null = null;
let shownIndex = 0;
const routeListeners = new Set<() => void>();

function indexOfEntry(): number | undefined {
  const state: unknown = window.history.state;
  const index = typeof state === 'object' && state !== null ? (state as { kontorIndex?: unknown }).kontorIndex : undefined;
  return typeof index === 'number' ? index : undefined;
}

function stampEntry(index: number): void {
  const state: unknown = window.history.state;
  const base = typeof state === 'object' && state !== null ? state : {};
  window.history.replaceState({ ...base, kontorIndex: index }, '');
}

function onHashChange(): void {
  const next = routeFromHash(window.location.hash);
  const index = indexOfEntry();
  if (next === shown) {
    if (index === undefined) stampEntry(shownIndex);
    return;
  }
  if (shown !== null && guard?.(next)) {
    if (index === undefined) window.history.back();
    else if (index !== shownIndex) window.history.go(shownIndex - index);
    else window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hrefFor(shown)}`);
    return;
  }
  shownIndex = index ?? shownIndex + 1;
  if (index === undefined) stampEntry(shownIndex);
  shown = next;
  for (const listener of routeListeners) listener();
}

function subscribe(onChange: () => void): () => void {
  if (routeListeners.size === 0) {
    window.addEventListener('hashchange', onHashChange);
    const index = indexOfEntry();
    if (index === undefined) stampEntry(shownIndex);
    else shownIndex = index;
  }
  routeListeners.add(onChange);
  return () => {
    routeListeners.delete(onChange);
    if (routeListeners.size === 0) window.removeEventListener('hashchange', onHashChange);
  };
}

function currentRoute(): string {
  // Before the first subscriber (and after the last left) the hash is the truth.
  if (routeListeners.size === 0) shown = routeFromHash(window.location.hash);
  return shown ?? routeFromHash(window.location.hash);
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, currentRoute);
}

export function hrefFor(route: string): string {
  return `#/${route}`;
}

/** Goes to `route`; `replace` keeps the browser history clean for redirects. */
export function navigate(route: string, { replace = false }: { replace?: boolean } = {}): void {
  const hash = hrefFor(route);
  if (window.location.hash === hash) return;
  if (replace) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
    // replaceState fires no hashchange; tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

/** Dev-only screens (the data grid test bench) show only when the URL has `?dev` or in `vite dev`. */
export function devToolsEnabled(): boolean {
  return import.meta.env.DEV || new URLSearchParams(window.location.search).has('dev');
}
