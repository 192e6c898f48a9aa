import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { Logger } from '../core/logger.ts';
import { assetHeaders, lookupAsset } from './appAssets.ts';
import { APP_SCHEME } from './security.ts';

/**
 * `app://kontor/` serves the built renderer (out/renderer) in production. A real origin instead of
 * file:// gives the page a CSP sent as a header, an origin that `'self'` means something for, and
 * nothing else on the disk to reach.
 */

/**
 * Must run before `ready` (Electron reads privileged schemes once, at start-up). `standard` makes
 * relative and absolute URLs resolve like http; `secure` makes it a secure context; `supportFetchAPI`
 * and `corsEnabled` let the page load its module scripts (Vite emits `<script type="module"
 * crossorigin>`) and fetch its own assets; `codeCache` lets V8 cache compiled bundles.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/**
 * Answers `app://kontor/…` from `rendererDir`, after `ready`. Files are read with fs (not net.fetch of
 * a file:// URL) so the file: scheme stays blocked for every renderer, and asar paths still work.
 */
export function serveAppProtocol(rendererDir: string, csp: string, log: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const asset = lookupAsset(rendererDir, request.url);
    if (asset.kind === 'refused') {
      log.warn('refused an app protocol request', request.url);
      return new Response(null, { status: 404 });
    }
    const body = await readAsset(asset.path, log);
    if (!body) return new Response(null, { status: 404 });
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: assetHeaders(asset.path, csp) });
  });
}

async function readAsset(path: string, log: Logger): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing file is an ordinary 404; anything else is worth a line.
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') log.warn(`could not read ${path}`, error);
    return undefined;
  }
}
