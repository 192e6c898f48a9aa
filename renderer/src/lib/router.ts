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

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
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
