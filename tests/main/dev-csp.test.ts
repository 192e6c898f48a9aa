/**
 * In development the window loads the Vite dev server, which injects an inline script (React Fast
 * Refresh's preamble) into index.html. The dev CSP allows it by hash, not by 'unsafe-inline'; this
 * test asks Vite, with the renderer's real plugins, what it injects, and checks the hashes the main
 * process gets from electron.vite.config.ts cover exactly that. If it fails, dev shows a blank
 * window ("can't detect preamble") while every production test still passes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type PluginOption } from 'vite';
import { describe, expect, it } from 'vitest';
import config, { DEV_INLINE_SCRIPT_HASHES } from '../../electron.vite.config.ts';
import { contentSecurityPolicy } from '../../electron/main/security.ts';

async function inlineScriptsOfDevIndexHtml(): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'kontor-dev-csp-'));
  const renderer = (config as { renderer?: { plugins?: PluginOption[] } }).renderer;
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: renderer?.plugins ?? [],
    server: { middlewareMode: true, ws: false },
  });
  try {
    const html = await server.transformIndexHtml(
      '/index.html',
      '<!doctype html><html><head><meta charset="UTF-8" /></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
    );
    return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
      .filter(([, attributes = '']) => !/\bsrc\s*=/.test(attributes))
      .map(([, , body = '']) => body);
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

describe('the dev CSP', () => {
  it('allows, by hash, exactly the inline scripts the dev server injects', async () => {
    const inline = await inlineScriptsOfDevIndexHtml();
    // If Vite stops injecting it, the hash list (and this test) can go.
    expect(inline.length).toBeGreaterThan(0);
    const hashes = inline.map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    expect(new Set(hashes)).toEqual(new Set(DEV_INLINE_SCRIPT_HASHES));

    const scriptSrc = contentSecurityPolicy({ devServerUrl: 'http://localhost:5173', devInlineScriptHashes: DEV_INLINE_SCRIPT_HASHES })
      .split('; ')
      .find((d) => d.startsWith('script-src '));
    for (const hash of hashes) expect(scriptSrc).toContain(hash);
  });
});
