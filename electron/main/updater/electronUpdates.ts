import electronUpdater from 'electron-updater';
import { DEFAULT_UPDATE_SETTINGS } from '../../core/updates/updates.ts';
import type { Logger } from '../../core/logger.ts';
import { createUpdateController, type UpdateController } from './updateController.ts';

/**
 * The packaged app's updater: electron-updater's autoUpdater (NSIS on Windows, dmg/zip on macOS,
 * AppImage or deb on Linux) reading the publish configuration electron-builder wrote into
 * app-update.yml (electron-builder.yml: a generic server first, GitHub releases second).
 * Not packaged (a dev run): no updater, unless KONTOR_DEV_UPDATES=1 and a dev-app-update.yml exist.
 */
export function createAppUpdates(isPackaged: boolean, log: Logger): UpdateController | undefined {
  const devUpdates = !isPackaged && process.env.KONTOR_DEV_UPDATES === '1';
  if (!isPackaged && !devUpdates) return undefined;
  // electron-updater is CommonJS; its autoUpdater is created on first access.
  const { autoUpdater } = electronUpdater;
  if (devUpdates) autoUpdater.forceDevUpdateConfig = true;
  return createUpdateController({ updater: autoUpdater, settings: DEFAULT_UPDATE_SETTINGS, log });
}
