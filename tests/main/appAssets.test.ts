import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor as mimeTypeFor } from '../../electron/core/files/staticFiles.ts';
import { assetHeaders, lookupAsset } from '../../electron/main/appAssets.ts';

const ROOT = resolve('/opt/kontor/out/renderer');

describe('lookupAsset', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(lookupAsset(ROOT, 'app://kontor/assets/index-abc.js')).toEqual({ kind: 'file', path: join(ROOT, 'assets/index-abc.js') });
    expect(lookupAsset(ROOT, 'app://kontor/index.html?x=1#y')).toEqual({ kind: 'file', path: join(ROOT, 'index.html') });
    expect(lookupAsset(ROOT, 'app://kontor/')).toEqual({ kind: 'file', path: join(ROOT, 'index.html') });
    expect(lookupAsset(ROOT, 'app://kontor/fonts/Inter%20Var.woff2')).toEqual({ kind: 'file', path: join(ROOT, 'fonts/Inter Var.woff2') });
  });

  it('serves exactly the file asked for (the renderer routes by hash, so there is no fallback page)', () => {
    expect(lookupAsset(ROOT, 'app://kontor/index.html#/settings/company')).toEqual({ kind: 'file', path: join(ROOT, 'index.html') });
    expect(lookupAsset(ROOT, 'app://kontor/settings/company')).toEqual({ kind: 'file', path: join(ROOT, 'settings/company') });
  });

  it('never leaves the renderer folder', () => {
    for (const url of [
      'app://kontor/%2e%2e/%2e%2e/main/index.js',
      'app://kontor/..%2f..%2fpackage.json',
      'app://kontor/assets/..%2f..%2f..%2fetc/passwd',
      'app://kontor/%2Fetc%2Fpasswd/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      'app://kontor/..%5c..%5cpackage.json',
      'app://kontor/index.html%00.png',
      'app://kontor/%E0%A4%A',
    ]) {
      const found = lookupAsset(ROOT, url);
      if (found.kind === 'file') {
        // Where a path is answered at all, it is inside the folder.
        expect(found.path.startsWith(`${ROOT}/`), `${url} -> ${found.path}`).toBe(true);
      }
    }
    // The URL parser already treats %2e%2e as '..' and stops at the root, as Chromium does.
    expect(lookupAsset(ROOT, 'app://kontor/%2e%2e/%2e%2e/main/index.js')).toEqual({ kind: 'file', path: join(ROOT, 'main/index.js') });
    // An encoded slash survives the parser; decoding it must not let the path climb out.
    expect(lookupAsset(ROOT, 'app://kontor/..%2f..%2fpackage.json')).toEqual({ kind: 'refused' });
    expect(lookupAsset(ROOT, 'app://kontor/..%5c..%5cpackage.json').kind).toBe(process.platform === 'win32' ? 'refused' : 'file');
    expect(lookupAsset(ROOT, 'app://kontor/index.html%00.png')).toEqual({ kind: 'refused' });
    expect(lookupAsset(ROOT, 'app://kontor/%E0%A4%A')).toEqual({ kind: 'refused' });
  });

  it('answers only its own host and scheme', () => {
    expect(lookupAsset(ROOT, 'app://other/index.html')).toEqual({ kind: 'refused' });
    expect(lookupAsset(ROOT, 'app://kontor:1/index.html')).toEqual({ kind: 'refused' });
    expect(lookupAsset(ROOT, 'app://u:p@kontor/index.html')).toEqual({ kind: 'refused' });
    expect(lookupAsset(ROOT, 'file:///opt/kontor/out/renderer/index.html')).toEqual({ kind: 'refused' });
  });
});

describe('headers', () => {
  it('states a type for every file a Vite build emits', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/assets/index-abc.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/assets/logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/x/assets/inter.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/assets/unknown.bin')).toBe('application/octet-stream');
  });

  it('sends the CSP and forbids sniffing on every response', () => {
    expect(assetHeaders('/x/index.html', "default-src 'self'")).toMatchObject({
      'Content-Security-Policy': "default-src 'self'",
      'X-Content-Type-Options': 'nosniff',
    });
    expect(assetHeaders('/x/a.js', 'csp')['Content-Security-Policy']).toBe('csp');
  });
});
