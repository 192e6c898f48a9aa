import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../core/logger.ts';
import { MIN_SIZE, placeWindow, readWindowState, writeWindowState } from './windowState.ts';

export interface MainWindowOptions {
  /** The built, CommonJS preload (out/preload/index.cjs). */
  preloadPath: string;
  /** app://kontor/index.html, or the dev server's URL. */
  url: string;
  /** window-state.json in userData. */
  statePath: string;
  backgroundColor: string;
  log: Logger;
  /** Asked when the page objects to unloading (unsaved edits); true closes or reloads anyway. */
  confirmLeave?: (window: BrowserWindow) => boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = readWindowState(options.statePath, options.log);
  const placement = placeWindow(
    saved?.bounds,
    screen.getAllDisplays().map((display) => display.workArea),
  );

  const window = new BrowserWindow({
    ...placement,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Kontor',
    // Shown on ready-to-show, so the user never sees an empty frame.
    show: false,
    backgroundColor: options.backgroundColor,
    webPreferences: {
      preload: options.preloadPath,
      // The renderer is untrusted web content: no Node, an isolated preload world, Chromium's sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads dictionaries from Google; Kontor loads nothing remote.
      spellcheck: false,
    },
  });
  if (saved?.maximized) window.maximize();

  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    // getNormalBounds: the size to come back to, even when closed maximized or minimized.
    try {
      writeWindowState(options.statePath, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      options.log.warn('could not save the window size and position', error);
    }
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    options.log.error(`the window's renderer stopped (${details.reason}, exit code ${details.exitCode})`);
  });
  window.webContents.on('will-prevent-unload', (event) => {
    // preventDefault here overrides the page's objection: the user chose to leave.
    if (options.confirmLeave?.(window)) event.preventDefault();
  });
  window.webContents.on('preload-error', (_event, preloadPath, error) => {
    // A preload that fails leaves the page without kontorBridge: say so loudly.
    options.log.error(`the preload ${preloadPath} failed`, error);
  });

  window.loadURL(options.url).catch((error: unknown) => options.log.error(`could not load ${options.url}`, error));
  return window;
}
