import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  decideNavigation,
  decideWindowOpen,
  devServerOrigin,
  externalUrlToOpen,
  isAllowedRequestUrl,
  isPermissionGranted,
  isTrustedAppUrl,
} from '../../electron/main/security.ts';

const DEV = { devServerUrl: 'http://localhost:5173' };

describe('isTrustedAppUrl', () => {
  it('trusts the app protocol on its own host', () => {
    expect(isTrustedAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedAppUrl('app://kontor/')).toBe(true);
    expect(isTrustedAppUrl('app://kontor/settings?tab=company#bank')).toBe(true);
    expect(isTrustedAppUrl('app://kontor')).toBe(true);
  });

  it('refuses look-alikes of the app protocol', () => {
    for (const url of [
      'app://evil/index.html',
      'app://kontor.evil/index.html',
      'app://kontor:8080/index.html',
      'app://user:pass@kontor/index.html',
      'app://user@kontor/',
      'apps://kontor/',
      'file:///app/kontor/index.html',
      'kontor://app/',
    ]) {
      expect(isTrustedAppUrl(url), url).toBe(false);
    }
  });

  it('refuses everything remote or local-but-foreign', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'about:blank',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'devtools://devtools/bundled/inspector.html',
      'chrome://gpu',
      '',
      'not a url',
    ]) {
      expect(isTrustedAppUrl(url), url).toBe(false);
    }
  });

  it('trusts the dev server only at its exact origin', () => {
    expect(isTrustedAppUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/src/main.tsx?t=1', DEV)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isTrustedAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isTrustedAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isTrustedAppUrl('http://user@localhost:5173/', DEV)).toBe(false);
    // The app protocol stays trusted in development.
    expect(isTrustedAppUrl(APP_ENTRY_URL, DEV)).toBe(true);
  });

  it('never trusts a dev server that is not on this machine', () => {
    const remote = { devServerUrl: 'http://example.com:5173' };
    expect(isTrustedAppUrl('http://example.com:5173/', remote)).toBe(false);
    expect(devServerOrigin('http://example.com:5173')).toBeUndefined();
    expect(devServerOrigin('file:///tmp/index.html')).toBeUndefined();
    expect(devServerOrigin('http://user:pw@localhost:5173')).toBeUndefined();
    expect(devServerOrigin('http://127.0.0.1:5173/')?.origin).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://[::1]:5173')?.origin).toBe('http://[::1]:5173');
    expect(devServerOrigin(undefined)).toBeUndefined();
  });
});

describe('isAllowedRequestUrl', () => {
  it('lets the app load its own files and in-page data', () => {
    for (const url of [
      'app://kontor/assets/index-abc.js',
      'data:image/png;base64,AAAA',
      'blob:app://kontor/7b1c5c8e-0000-4000-8000-000000000000',
      'devtools://devtools/bundled/devtools_app.html',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(true);
    }
  });

  it('blocks remote content and local files', () => {
    for (const url of [
      'https://fonts.googleapis.com/css2?family=Inter',
      'http://example.com/tracker.gif',
      'wss://example.com/socket',
      'file:///home/user/.ssh/id_rsa',
      'app://other/x.js',
      'http://localhost:5173/src/main.tsx',
      'ws://localhost:5173/',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });

  it('allows the dev server and its HMR socket in development, nothing else', () => {
    expect(isAllowedRequestUrl('http://localhost:5173/@vite/client', DEV)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/?token=abc', DEV)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5174/', DEV)).toBe(false);
    expect(isAllowedRequestUrl('wss://localhost:5173/', DEV)).toBe(false);
    expect(isAllowedRequestUrl('https://example.com/', DEV)).toBe(false);
  });
});

describe('opening links', () => {
  it('hands only plain https URLs to the system browser', () => {
    expect(externalUrlToOpen('https://example.com/help?q=1')).toBe('https://example.com/help?q=1');
    for (const url of [
      'http://example.com/',
      'file:///Applications/Calculator.app',
      'mailto:buyer@example.com',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'https://bank.example@evil.example/',
      'https://user:pw@example.com/',
      'app://kontor/index.html',
      'not a url',
    ]) {
      expect(externalUrlToOpen(url), url).toBeUndefined();
    }
  });

  it('navigates inside the app, opens https outside, refuses the rest', () => {
    expect(decideNavigation('app://kontor/settings')).toEqual({ action: 'allow' });
    expect(decideNavigation('https://example.com/')).toEqual({ action: 'open-externally', url: 'https://example.com/' });
    expect(decideNavigation('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(decideNavigation('http://localhost:5173/', DEV)).toEqual({ action: 'allow' });
    expect(decideNavigation('http://localhost:5173/')).toEqual({ action: 'deny' });
  });

  it('never opens a new app window, not even for its own URL', () => {
    expect(decideWindowOpen('app://kontor/index.html')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('about:blank')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'open-externally', url: 'https://example.com/' });
  });
});

describe('isPermissionGranted', () => {
  it('grants only sanitized clipboard writes, and only to the app', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://kontor/index.html')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://kontor')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.com')).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'hid', 'usb', 'serial', 'unknown']) {
      expect(isPermissionGranted(permission, 'app://kontor/index.html'), permission).toBe(false);
    }
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

  it('is the strict production policy', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('adds only the dev server, its HMR socket and the given inline-script hashes in development', () => {
    const csp = directives(contentSecurityPolicy({ ...DEV, devInlineScriptHashes: ["'sha256-abc='"] }));
    expect(csp.get('script-src')).toEqual(["'self'", 'http://localhost:5173', "'sha256-abc='"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy({ devServerUrl: 'https://example.com' })).toBe(contentSecurityPolicy());
  });

  it('never allows inline or evaluated script', () => {
    for (const csp of [contentSecurityPolicy(), contentSecurityPolicy(DEV)]) {
      expect(directives(csp).get('script-src')).not.toContain("'unsafe-inline'");
      expect(directives(csp).get('script-src')).not.toContain("'unsafe-eval'");
    }
  });
});
