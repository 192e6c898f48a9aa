import { KontorError, type CallResult } from '../../shared/errors.ts';
import { backupDirIn } from './dataDir.ts';
import { restoreDatabase, type RestoreResult } from './backup/restore.ts';
import type { Dispatcher } from './dispatcher.ts';
import { createEventHub, type EventHub } from './events.ts';
import { openKontor, type Kontor, type KontorOptions } from './kontor.ts';

/**
 * Holds the running core and can swap it: a restore closes the core, replaces the database file
 * and opens a new core on it. Shells (Electron IPC, browser mode) talk to the host's dispatcher and
 * events, which always reach the current core, so nothing has to be re-registered after a restore.
 */
export interface KontorHost {
  readonly dispatcher: Dispatcher;
  readonly events: EventHub;
  current(): Kontor;
  restore(path: string): Promise<RestoreResult>;
  close(): Promise<void>;
}

export async function openKontorHost(options: Omit<KontorOptions, 'restore'>): Promise<KontorHost> {
  const events = createEventHub((error) => options.log.error('an event listener failed', error));
  let restoring: Promise<RestoreResult> | null = null;
  let closed = false;

  const open = async (): Promise<{ kontor: Kontor; unsubscribe: () => void }> => {
    const kontor = await openKontor({ ...options, restore: (path) => host.restore(path) });
    return { kontor, unsubscribe: kontor.events.subscribe((event) => events.emit(event)) };
  };
  let state = await open();

  const swap = async (path: string): Promise<RestoreResult> => {
    const old = state;
    // Read while the old core is still open: the folder is one of its settings.
    const folder = await old.kontor.backups.folder();
    old.unsubscribe();
    await old.kontor.close();
    let result: RestoreResult;
    try {
      result = await restoreDatabase({ databasePath: old.kontor.databasePath, from: path, safetyFolder: folder, log: options.log });
    } catch (error) {
      // Nothing was replaced (the checks run first, the rename last): carry on with the old data.
      state = await open();
      throw error;
    }
    try {
      state = await open();
    } catch (error) {
      // The restored file would not open (a migration failed): put the previous data back.
      options.log.error('the restored database did not open; putting the previous data back', error);
      if (!result.previousCopy) throw error;
      await restoreDatabase({ databasePath: old.kontor.databasePath, from: result.previousCopy, safetyFolder: backupDirIn(options.dataDir), log: options.log });
      state = await open();
      throw error;
    }
    return result;
  };

  const host: KontorHost = {
    events,
    current: () => state.kontor,
    dispatcher: {
      dispatch(name, input): Promise<CallResult<unknown>> {
        // The restore call itself was dispatched before; anything arriving meanwhile would meet a closed core.
        if (restoring || closed) {
          return Promise.resolve({
            ok: false,
            error: { code: 'CONFLICT', message: closed ? 'Kontor is closing.' : 'Kontor is restoring a backup; try again in a moment.' },
          });
        }
        return state.kontor.dispatcher.dispatch(name, input);
      },
    },
    async restore(path) {
      if (restoring) throw new KontorError('CONFLICT', 'A restore is already under way.');
      restoring = swap(path);
      try {
        return await restoring;
      } finally {
        restoring = null;
      }
    },
    async close() {
      closed = true;
      state.unsubscribe();
      await state.kontor.close();
    },
  };
  return host;
}
