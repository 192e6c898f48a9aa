import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { UpdateSettings, UpdateState } from '../../../shared/contract/updates.ts';
import type { Logger } from '../../core/logger.ts';
import type { UpdatesPort } from '../../core/updates/updates.ts';

/** Check at start, then every 6 hours while automatic checks are on. */
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** The part of electron-updater's AppUpdater this controller drives (tests pass a real updater built on a test adapter). */
export type Updater = Pick<AppUpdater, 'on' | 'checkForUpdates' | 'quitAndInstall' | 'autoDownload' | 'autoInstallOnAppQuit' | 'allowPrerelease' | 'allowDowngrade' | 'channel' | 'logger'>;

export interface UpdateControllerOptions {
  updater: Updater;
  settings: UpdateSettings;
  log: Logger;
  intervalMs?: number;
  now?: () => Date;
}

export interface UpdateController extends UpdatesPort {
  /** Resolves once a download under way has finished or failed (tests, and the shell before quitting). */
  settled(): Promise<UpdateState>;
  /** Starts the schedule (a check now when automatic checks are on). */
  start(): void;
  stop(): void;
}

/**
 * electron-updater behind the four things the app needs: where an update stands, check, install,
 * settings. A newer version downloads on its own (verified against the sha512 in latest.yml
 * while it streams); installing waits for the person to choose "Restart to update". Every failure
 * becomes a state with a message and the app carries on: an update is never worth a crash.
 */
export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater, log } = options;
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? CHECK_INTERVAL_MS;
  let settings = options.settings;
  let state: UpdateState = { state: 'idle' };
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<UpdateState> | null = null;
  let notes: string | null = null;
  let downloading: Promise<void> | null = null;

  updater.autoDownload = true;
  // Installing on quit would restart into a new version at a moment nobody chose.
  updater.autoInstallOnAppQuit = false;
  updater.logger = { info: (m: unknown) => log.info(`updater: ${String(m)}`), warn: (m: unknown) => log.warn(`updater: ${String(m)}`), error: (m: unknown) => log.warn(`updater: ${String(m)}`) };

  const applyChannel = (): void => {
    // "latest" is electron-builder's name for the stable channel (latest.yml); beta reads beta.yml and accepts pre-releases.
    updater.channel = settings.channel === 'beta' ? 'beta' : 'latest';
    updater.allowPrerelease = settings.channel === 'beta';
    // Going back from beta to stable offers the stable version even though it is "older".
    updater.allowDowngrade = settings.channel === 'stable';
  };
  applyChannel();

  updater.on('checking-for-update', () => {
    if (state.state !== 'downloading' && state.state !== 'ready') state = { state: 'checking' };
  });
  updater.on('update-available', (info: UpdateInfo) => {
    notes = releaseNotesText(info);
    state = { state: 'downloading', version: info.version, percent: 0, releaseNotes: notes };
  });
  updater.on('update-not-available', () => {
    state = { state: 'up-to-date', checkedAt: now().toISOString() };
  });
  updater.on('download-progress', (progress: ProgressInfo) => {
    if (state.state === 'downloading') state = { ...state, percent: Math.min(100, Math.max(0, Math.round(progress.percent * 10) / 10)) };
  });
  updater.on('update-downloaded', (info: UpdateInfo) => {
    state = { state: 'ready', version: info.version, releaseNotes: releaseNotesText(info) ?? notes };
  });
  updater.on('error', (error: Error) => {
    state = describeFailure(error, now());
    log.warn(`update failed: ${state.state === 'error' ? state.message : error.message}`);
  });

  const check = (): Promise<UpdateState> => {
    if (state.state === 'ready') return Promise.resolve(state);
    checking ??= (async () => {
      try {
        const result = await updater.checkForUpdates();
        // null: the updater is inactive (not a packaged app); say so rather than "up to date".
        if (result === null) state = { state: 'unsupported' };
        else if (result.downloadPromise) {
          // The download goes on after the check answers; its failure arrives as the 'error' event too.
          downloading = result.downloadPromise.then(
            () => undefined,
            (error: unknown) => {
              if (state.state !== 'error') state = describeFailure(error instanceof Error ? error : new Error(String(error)), now());
            },
          );
        }
      } catch (error) {
        // The 'error' event has already set the state; a rejection without one still needs a message.
        if (state.state !== 'error') state = describeFailure(error instanceof Error ? error : new Error(String(error)), now());
      } finally {
        checking = null;
      }
      return state;
    })();
    return checking;
  };

  const schedule = (): void => {
    clearInterval(timer);
    timer = undefined;
    if (!settings.automatic) return;
    void check();
    timer = setInterval(() => void check(), intervalMs);
    timer.unref();
  };

  return {
    state: () => state,
    check,
    async settled() {
      await checking;
      await downloading;
      return state;
    },
    install() {
      if (state.state !== 'ready') return { restarting: false, reason: 'not-ready' };
      log.info(`restarting into Kontor ${state.version}`);
      // quitAndInstall goes through app.quit(): will-quit still closes the core before the installer runs.
      updater.quitAndInstall(false, true);
      return { restarting: true, reason: null };
    },
    settingsChanged(next) {
      const rescheduled = next.automatic !== settings.automatic || next.channel !== settings.channel;
      settings = next;
      applyChannel();
      if (rescheduled) schedule();
    },
    start: schedule,
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

function releaseNotesText(info: UpdateInfo): string | null {
  const notes = info.releaseNotes;
  if (!notes) return null;
  if (typeof notes === 'string') return notes;
  return notes.map((n) => `${n.version}\n${n.note ?? ''}`.trim()).join('\n\n');
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** A sentence a person can act on, by kind: the server is unreachable, the download was damaged, or something else. */
export function describeFailure(error: Error, at: Date): Extract<UpdateState, { state: 'error' }> {
  const code = (error as { code?: string }).code ?? '';
  const status = (error as { statusCode?: number }).statusCode;
  if (code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/i.test(error.message)) {
    return { state: 'error', kind: 'checksum', at: at.toISOString(), message: 'The downloaded update was damaged (its sha512 checksum does not match the release) and was not installed. Kontor will download it again at the next check.' };
  }
  if (OFFLINE_CODES.has(code) || (status !== undefined && status >= 500) || /net::ERR_|ECONNREFUSED|ENOTFOUND|ETIMEDOUT/.test(error.message)) {
    return { state: 'error', kind: 'offline', at: at.toISOString(), message: `The update server could not be reached (${code || status || error.message.split('\n')[0]}). Kontor keeps working and tries again later.` };
  }
  return { state: 'error', kind: 'other', at: at.toISOString(), message: `The update check failed: ${error.message.split('\n')[0]}` };
}
