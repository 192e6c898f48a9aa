import { join } from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';

export const RUNNER_LOCK_FILE = 'jobs.lock';

export interface RunnerLock {
  /** True when no other job runner was alive on this data directory as this one started. */
  readonly alone: boolean;
  release(): void;
}

/**
 * Every job runner (the app, the CLI, a browser-mode server) holds a shared lock on
 * `<dataDir>/jobs.lock`, an empty SQLite file, for as long as it lives; the operating system drops
 * it when the process ends, however it ends. Whoever can take the lock exclusively is alone, so the
 * jobs it finds unfinished belong to no living process: `whenAlone` runs then, while the exclusive
 * lock keeps a runner starting at the same moment from starting jobs it would wrongly interrupt.
 */
export async function takeRunnerLock(dataDir: string, whenAlone: () => Promise<void>): Promise<RunnerLock> {
  // timeout 0: a busy lock is the answer to the question, not something to wait for.
  const lock = new Sqlite(join(dataDir, RUNNER_LOCK_FILE), { timeout: 0 });
  try {
    const alone = tryExclusive(lock);
    if (alone) {
      try {
        await whenAlone();
      } finally {
        lock.exec('COMMIT');
      }
    }
    // Another runner may be running `whenAlone` right now; wait for it rather than start jobs meanwhile.
    lock.pragma('busy_timeout = 60000');
    lock.exec('BEGIN');
    lock.prepare('SELECT count(*) FROM sqlite_schema').get();
    return {
      alone,
      release: () => {
        if (!lock.open) return;
        lock.exec('COMMIT');
        lock.close();
      },
    };
  } catch (error) {
    lock.close();
    throw error;
  }
}

function tryExclusive(lock: Database): boolean {
  try {
    lock.exec('BEGIN EXCLUSIVE');
    return true;
  } catch (error) {
    if (error instanceof Sqlite.SqliteError && error.code === 'SQLITE_BUSY') return false;
    throw error;
  }
}
