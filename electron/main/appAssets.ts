import { resolve } from 'node:path';
import { contentTypeFor, isInside } from '../core/files/staticFiles.ts';
import { APP_HOST, APP_SCHEME } from './security.ts';

/**
 * Which file of the built renderer (out/renderer) answers an `app://kontor/…` request. Plain
 * functions, no `electron`, so tests/main/appAssets.test.ts covers the path handling that keeps a
 * request inside the renderer folder.
 */

export type AssetLookup =
  | { kind: 'file'; path: string }
  /** Another host, a malformed escape, a path that leaves the renderer folder. */
  | { kind: 'refused' };

/**
 * The file for `requestUrl` inside `rendererDir`; `/` is index.html. There is no fallback to
 * index.html for unknown paths: the renderer routes by hash (renderer/src/lib/router.ts), so its
 * only page is index.html, and its asset URLs are relative to it.
 */
export function lookupAsset(rendererDir: string, requestUrl: string): AssetLookup {
  const url = URL.parse(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) {
    return { kind: 'refused' };
  }
  const pathname = decodePathname(url.pathname);
  if (pathname === undefined || pathname.includes('\0')) return { kind: 'refused' };
  const root = resolve(rendererDir);
  const file = resolve(root, pathname.replace(/^[/\\]+/, '') || 'index.html');
  return isInside(file, root) ? { kind: 'file', path: file } : { kind: 'refused' };
}

function decodePathname(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch (error) {
    // A malformed escape (`%E0%A4%A`) names no file of ours: refuse the request rather than guess.
    if (error instanceof URIError) return undefined;
    throw error;
  }
}




/**
 * Headers for a file served from the app protocol. The CSP goes on every response, not only HTML:
 * a worker script takes its policy from its own response.
 */
export function assetHeaders(path: string, csp: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(path),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // Files change only with an app update; the renderer must never run yesterday's bundle.
    'Cache-Control': 'no-cache',
  };
}
