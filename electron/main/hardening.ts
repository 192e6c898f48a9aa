import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/logger.ts';
import {
  contentSecurityPolicy,
  decideNavigation,
  decideWindowOpen,
  isAllowedRequestUrl,
  isPermissionGranted,
  isTrustedAppUrl,
  type CspOptions,
} from './security.ts';

/**
 * Wires the decisions of security.ts into Electron. Everything here is deny-by-default; the pure
 * functions it calls are what tests/main/security.test.ts covers.
 */

/**
 * Every webContents that will ever exist (windows, DevTools, anything a page tries to create) gets the
 * same guard: no <webview>, no new windows, no navigation away from the app. Register before `ready`
 * so nothing is created unguarded.
 */
export function guardEveryWebContents(trust: CspOptions, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, trust, log));
}

function guardWebContents(contents: WebContents, trust: CspOptions, log: Logger): void {
  contents.on('will-attach-webview', (event) => {
    // Kontor never uses <webview>: a page that tries is not ours.
    event.preventDefault();
    log.warn('refused to attach a <webview>');
  });

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.action === 'open-externally') openExternally(decision.url, log);
    else log.warn('refused to open a window', url);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, trust);
    if (decision.action === 'allow') return;
    event.preventDefault();
    // A plain <a href="https://…"> without target: the user clicked a link, show it in the browser.
    if (decision.action === 'open-externally') openExternally(decision.url, log);
    else log.warn('refused to navigate', event.url);
  });

  contents.on('will-frame-navigate', (event) => {
    // The main frame is will-navigate's; a sub-frame may only ever show the app itself.
    if (event.isMainFrame || isTrustedAppUrl(event.url, trust)) return;
    event.preventDefault();
    log.warn('refused to navigate a frame', event.url);
  });

  contents.on('will-redirect', (event) => {
    if (isTrustedAppUrl(event.url, trust)) return;
    event.preventDefault();
    log.warn('refused a redirect', event.url);
  });
}

function openExternally(url: string, log: Logger): void {
  shell.openExternal(url).catch((error: unknown) => log.warn(`the system could not open ${url}`, error));
}

/**
 * The session's policy: permissions refused (see isPermissionGranted), no request leaves for
 * anywhere but the app (and, in development, the dev server), and the dev server's pages get the
 * same CSP the app protocol sends in production. Call once, after `ready`.
 */
export function hardenSession(session: Session, options: CspOptions, log: Logger): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, options);
    if (!granted) log.warn(`refused the ${permission} permission`, details.requestingUrl);
    callback(granted);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, options),
  );

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, options);
    if (!allowed) log.warn('blocked a request for remote content', details.url);
    callback({ cancel: !allowed });
  });

  if (options.devServerUrl) {
    const csp = contentSecurityPolicy(options);
    session.webRequest.onHeadersReceived((details, callback) => {
      if (!isTrustedAppUrl(details.url, options)) {
        callback({});
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
      );
      callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
    });
  }
}
