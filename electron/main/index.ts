/**
 * The Electron main process: one window onto the core (electron/core), which owns the database.
 *
 * Order matters. Until `ready`: the data folder (userData) is chosen, the sandbox is forced, the
 * app scheme is registered as privileged, every future webContents is guarded, and the
 * single-instance lock is taken (the lock lives in userData, so it is taken after setPath: two
 * different data folders are two independent Kontors). After `ready`: the session is hardened, the
 * app protocol served, the core opened, IPC registered, the menu set and the window opened.
 * Quitting closes the core (jobs stopped, database closed) before the process exits.
 *
 * Updates: electron-updater (updater/) starts in the `ready` block after the window opens;
 * installing an update goes through app.quit(), so the will-quit handler below still closes the
 * core first, and the core refuses to restart while a job runs.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, nativeTheme, session, shell, type MessageBoxOptions } from 'electron';
import type { Language, Theme } from '../../shared/contract/app.ts';
import { KontorError } from '../../shared/errors.ts';
import { databasePathIn, resolveDataDir } from '../core/dataDir.ts';
import { findLastGoodBackup } from '../core/backup/backupService.ts';
import { restoreDatabase } from '../core/backup/restore.ts';
import { classifyStartupFailure } from '../core/backup/startupFailure.ts';
import { backupDirIn } from '../core/dataDir.ts';
import { openKontorHost, type KontorHost } from '../core/kontorHost.ts';
import { getUpdateSettings } from '../core/updates/updates.ts';
import { createAppUpdates } from './updater/electronUpdates.ts';
import { consoleLogger } from '../core/logger.ts';
import { backgroundColorFor } from './appearance.ts';
import { registerAppScheme, serveAppProtocol } from './appProtocol.ts';
import { guardEveryWebContents, hardenSession } from './hardening.ts';
import { registerIpc } from './ipc.ts';
import { confirmLeave } from './leaveDialog.ts';
import { languageTracker } from './leaveTexts.ts';
import { appSecretBox } from './secretBox.ts';
import { createMainWindow } from './mainWindow.ts';
import { createPrintToPdfRenderer } from './pdfRenderer.ts';
import { buildMenuTemplate } from './menu.ts';
import { APP_ENTRY_URL, contentSecurityPolicy, devServerOrigin, isTrustedAppUrl, type CspOptions } from './security.ts';
import { CLOSE_TIMEOUT_MS, settleWithin } from './shutdown.ts';
import { windowStatePath } from './windowState.ts';

/** CSP hashes of the dev server's inline scripts, computed in electron.vite.config.ts. */
declare const __KONTOR_DEV_INLINE_SCRIPT_HASHES__: readonly string[] | undefined;

const log = consoleLogger;
// Created before the core opens (the core's update calls talk to it); started once settings are read.
const updates = createAppUpdates(app.isPackaged, log);

// The bundle sits in out/main; the preload and the renderer are built beside it.
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
const RENDERER_DIR = join(import.meta.dirname, '../renderer');
// The background-job worker is its own entry of the main build (electron.vite.config.ts), so it
// lands next to this file as out/main/jobWorker.js.
const JOB_WORKER_URL = new URL('./jobWorker.js', import.meta.url);

// ---- Before `ready` ----------------------------------------------------------------------------

const dataDir = chooseDataDir();
const devServerUrl = chooseDevServerUrl();
const trust: CspOptions = {
  devServerUrl,
  devInlineScriptHashes: typeof __KONTOR_DEV_INLINE_SCRIPT_HASHES__ === 'undefined' ? [] : __KONTOR_DEV_INLINE_SCRIPT_HASHES__,
};

// Every renderer sandboxed, whatever a future BrowserWindow forgets to say.
app.enableSandbox();
registerAppScheme();
guardEveryWebContents(trust, log);

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // The first instance gets 'second-instance' and brings its window forward.
  log.info('Kontor is already running with this data folder; bringing its window forward instead.');
  app.quit();
}

/** `--data-dir` or KONTOR_DATA_DIR (see electron/core/dataDir.ts) become Electron's userData. */
function chooseDataDir(): string {
  const defaultUserData = app.getPath('userData');
  const chosen = resolveDataDir({ argv: process.argv, env: process.env, electronUserData: defaultUserData });
  if (chosen !== defaultUserData) {
    // setPath throws for a folder that does not exist yet.
    mkdirSync(chosen, { recursive: true });
    app.setPath('userData', chosen);
  }
  return app.getPath('userData');
}

/** The electron-vite dev server, never in a packaged app, and only on this machine. */
function chooseDevServerUrl(): string | undefined {
  const value = process.env.ELECTRON_RENDERER_URL;
  if (app.isPackaged || !value) return undefined;
  if (!devServerOrigin(value)) {
    log.error(`ignoring ELECTRON_RENDERER_URL=${value}: the dev server must be http(s) on localhost; serving the built renderer`);
    return undefined;
  }
  return value;
}

// ---- The running app ---------------------------------------------------------------------------

function start(): void {
  let kontor: KontorHost | undefined;
  let mainWindow: BrowserWindow | undefined;
  let removeIpc: (() => void) | undefined;
  let quitState: 'running' | 'closing' | 'closed' = 'running';
  const uiLanguage = languageTracker('en');

  const openWindow = (backgroundColor: string): void => {
    mainWindow = createMainWindow({
      preloadPath: PRELOAD_PATH,
      url: devServerUrl ?? APP_ENTRY_URL,
      statePath: windowStatePath(dataDir),
      backgroundColor,
      log,
      confirmLeave: (window) => confirmLeave(window, uiLanguage.current()),
    });
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      if (kontor) openWindow(backgroundColorFor(undefined, nativeTheme.shouldUseDarkColors));
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // macOS keeps an app without windows running (Dock, menu bar); elsewhere closing the window quits.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (kontor && BrowserWindow.getAllWindows().length === 0) {
      openWindow(backgroundColorFor(undefined, nativeTheme.shouldUseDarkColors));
    }
  });

  // All windows are closed by now, so no call can arrive while the core closes.
  app.on('will-quit', (event) => {
    const closingKontor = kontor;
    if (!closingKontor || quitState === 'closed') return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    removeIpc?.();
    void settleWithin(() => closingKontor.close(), CLOSE_TIMEOUT_MS).then((result) => {
      if (result.outcome === 'timed-out') log.warn(`the core did not close within ${CLOSE_TIMEOUT_MS} ms; exiting anyway`);
      if (result.outcome === 'failed') log.error('the core failed to close cleanly', result.error);
      quitState = 'closed';
      app.exit(result.outcome === 'closed' ? 0 : 1);
    });
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, trust, log);
      // The app protocol never serves the dev server's pages, so its CSP has no dev additions.
      serveAppProtocol(RENDERER_DIR, contentSecurityPolicy(), log);

      kontor = await openCore();
      if (!kontor) return;
      log.info(`data folder: ${dataDir}`);
      removeIpc = registerIpc({ kontor: { events: kontor.events, dispatcher: uiLanguage.watch(kontor.dispatcher) }, isTrustedUrl: (url) => isTrustedAppUrl(url, trust), log });
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({
            appName: app.getName(),
            platform: process.platform,
            isPackaged: app.isPackaged,
            showAbout: () => showAbout(mainWindow),
            openDataFolder,
          }),
        ),
      );
      openWindow(backgroundColorFor(await savedTheme(kontor, uiLanguage.set), nativeTheme.shouldUseDarkColors));
      await startUpdates(kontor);
    })
    .catch(async (error: unknown) => {
      log.error('Kontor could not start', error);
      dialog.showErrorBox('Kontor could not start', describe(error));
      // The core may already be open (the failure came later): close it before leaving.
      const opened = kontor;
      if (opened) await settleWithin(() => opened.close(), CLOSE_TIMEOUT_MS);
      app.exit(1);
    });
}

/**
 * Opens the core. A database Kontor must not touch (written by a newer Kontor, or not Kontor's at all)
 * is explained in a dialog and the app quits; the core refused it before changing a byte.
 */
async function openCore(): Promise<KontorHost | undefined> {
  const open = () =>
    openKontorHost({
      dataDir,
      appVersion: app.getVersion(),
      mode: 'electron',
      log,
      jobWorkerUrl: JOB_WORKER_URL,
      // "Show in folder" after an export: the one shell call the ledger needs.
      revealFile: (path) => Promise.resolve((shell.showItemInFolder(path), true)),
      pdfRenderer: createPrintToPdfRenderer(),
      secretBox: appSecretBox(dataDir),
      // The start-up quick_check and the daily backup.
      dataSafety: true,
      ...(updates ? { updates } : {}),
    });
  try {
    return await open();
  } catch (error) {
    if (classifyStartupFailure(error) === 'damaged' && (await offerRestoreOfLastGoodBackup(error))) return open();
    if (error instanceof KontorError && (error.code === 'DATABASE_TOO_NEW' || error.code === 'NOT_A_KONTOR_DATABASE')) {
      log.error('refused to open the database', error.message);
      dialog.showErrorBox(
        'Kontor cannot open its database',
        `${error.message}\n\nThe file was left exactly as it was:\n${databasePathIn(dataDir)}`,
      );
      app.exit(1);
      return undefined;
    }
    throw error;
  }
}

/**
 * The database is damaged: when a backup that passes the integrity check exists, offer to put it
 * back (the damaged file is kept beside the backups). Answers whether it was restored.
 */
async function offerRestoreOfLastGoodBackup(error: unknown): Promise<boolean> {
  const good = findLastGoodBackup(dataDir, log);
  if (!good) return false;
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'Kontor cannot open its database',
    message: 'The database file is damaged.',
    detail:
      `${describe(error)}\n\nThe last good backup is from ${good.file.takenAt.toLocaleString()} (${good.file.path}).` +
      '\nRestore it? Changes made after that backup are lost; the damaged file is kept beside the backups.',
    buttons: ['Restore the last good backup', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response !== 0) return false;
  await restoreDatabase({ databasePath: databasePathIn(dataDir), from: good.file.path, safetyFolder: backupDirIn(dataDir), log });
  return true;
}

/** Checks at start and every 6 hours, with the channel and on/off the person chose in Settings. */
async function startUpdates(kontor: KontorHost): Promise<void> {
  if (!updates) return;
  // Read directly, not through a call: nobody may be signed in yet.
  updates.settingsChanged(await getUpdateSettings(kontor.current().database.db));
  updates.start();
}

/** The saved theme, so the window's first frame already has the right background. */
async function savedTheme(kontor: KontorHost, onLanguage: (language: Language) => void): Promise<Theme | undefined> {
  const result = await kontor.dispatcher.dispatch('app.getPreferences', {});
  if (result.ok) {
    onLanguage((result.value as { language: Language }).language);
    return (result.value as { theme: Theme }).theme;
  }
  log.warn('could not read the preferences; the window starts with the system theme', result.error.message);
  return undefined;
}

function showAbout(parent: BrowserWindow | undefined): void {
  const options: MessageBoxOptions = {
    type: 'info',
    title: 'About Kontor',
    message: `Kontor ${app.getVersion()}`,
    detail: [
      `Data folder: ${dataDir}`,
      '',
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    ].join('\n'),
    buttons: ['OK'],
  };
  const shown = parent && !parent.isDestroyed() ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  shown.catch((error: unknown) => log.warn('could not show the About box', error));
}

function openDataFolder(): void {
  shell
    .openPath(dataDir)
    .then((problem) => {
      // openPath answers an error message, or '' when the folder opened.
      if (!problem) return;
      log.warn(`could not open the data folder: ${problem}`);
      dialog.showErrorBox('Kontor could not open the data folder', `${problem}\n\n${dataDir}`);
    })
    .catch((error: unknown) => log.warn('could not open the data folder', error));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
