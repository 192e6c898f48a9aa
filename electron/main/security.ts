/**
 * The desktop app's security policy as plain functions: which URLs the app trusts, which requests
 * may leave a renderer, which permissions a page gets, what the Content-Security-Policy says.
 * No `electron` import here, so tests/main/security.test.ts can run it without an Electron binary;
 * hardening.ts, appProtocol.ts and ipc.ts wire these decisions into Electron.
 */

/** The privileged scheme the production renderer is served from (see appProtocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kontor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface TrustOptions {
  /** The electron-vite dev server (ELECTRON_RENDERER_URL), in development only. */
  devServerUrl?: string | undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server's origin, if `value` is one we are willing to trust: plain http(s) on this
 * machine. Anything else (a remote host, another scheme) is refused, so a stray
 * ELECTRON_RENDERER_URL can never make the app trust a remote site.
 */
export function devServerOrigin(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  const url = URL.parse(value);
  if (!url || url.username || url.password) return undefined;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return new URL(url.origin);
}

/**
 * Whether `url` is the app itself: `app://kontor/…` (exact host, no port, no credentials), or in
 * development the dev server's exact origin. Used for navigation, IPC senders and permissions.
 */
export function isTrustedAppUrl(url: string, options: TrustOptions = {}): boolean {
  const parsed = URL.parse(url);
  if (!parsed || parsed.username || parsed.password) return false;
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  const dev = devServerOrigin(options.devServerUrl);
  return dev !== undefined && parsed.origin === dev.origin;
}

/** The WebSocket origin Vite's HMR client connects to, for the dev server at `dev`. */
function hmrOrigin(dev: URL): string {
  return `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
}

/**
 * Whether a renderer request may go out at all (session.webRequest.onBeforeRequest). Kontor shows
 * no remote content: only the app's own files, in-page data/blob URLs, DevTools, and in development
 * the dev server with its HMR socket.
 */
export function isAllowedRequestUrl(url: string, options: TrustOptions = {}): boolean {
  const parsed = URL.parse(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    default:
      break;
  }
  if (isTrustedAppUrl(url, options)) return true;
  const dev = devServerOrigin(options.devServerUrl);
  return dev !== undefined && !parsed.username && !parsed.password && `${parsed.protocol}//${parsed.host}` === hmrOrigin(dev);
}

/**
 * The URL to hand to the operating system's browser, or undefined to just refuse. Only https, and
 * no credentials in the URL (`https://bank.example@evil.example` tricks). Everything else (http,
 * file:, mailto:, custom schemes that launch other programs) is refused: shell.openExternal on an
 * arbitrary URL is one of Electron's classic ways to run code.
 */
export function externalUrlToOpen(url: string): string | undefined {
  const parsed = URL.parse(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password || !parsed.hostname) return undefined;
  return parsed.href;
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny' } | { action: 'open-externally'; url: string };

/**
 * What to do when a page tries to navigate (`will-navigate`, `will-frame-navigate`): stay inside the
 * app, hand an https link to the browser, refuse anything else.
 */
export function decideNavigation(url: string, options: TrustOptions = {}): NavigationDecision {
  if (isTrustedAppUrl(url, options)) return { action: 'allow' };
  const external = externalUrlToOpen(url);
  return external ? { action: 'open-externally', url: external } : { action: 'deny' };
}

/**
 * What to do with `window.open` / `target="_blank"`: Kontor never opens a second window from the page
 * (not even one of its own URLs); an https link goes to the browser.
 */
export function decideWindowOpen(url: string): NavigationDecision {
  const external = externalUrlToOpen(url);
  return external ? { action: 'open-externally', url: external } : { action: 'deny' };
}

/**
 * Permissions a page may have: none, except writing sanitized text to the clipboard from the app
 * itself (Mantine's copy buttons use navigator.clipboard.writeText). Reading the clipboard, camera,
 * notifications, geolocation, HID/USB/serial, fullscreen by script, … are all refused.
 */
export function isPermissionGranted(permission: string, requestingUrl: string, options: TrustOptions = {}): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedAppUrl(requestingUrl, options);
}

export interface CspOptions {
  /** Development only: the dev server's URL; adds its origin and HMR socket. */
  devServerUrl?: string | undefined;
  /**
   * Development only: CSP hash sources (`'sha256-…'`) of the inline scripts the dev server injects
   * (React Fast Refresh's preamble). The production build has no inline script.
   */
  devInlineScriptHashes?: readonly string[];
}

/** The Content-Security-Policy header for the app's pages. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = devServerOrigin(options.devServerUrl);
  const scriptSrc = ["'self'"];
  const connectSrc = ["'self'"];
  if (dev) {
    scriptSrc.push(dev.origin, ...(options.devInlineScriptHashes ?? []));
    connectSrc.push(dev.origin, hmrOrigin(dev));
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSrc],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connectSrc],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
