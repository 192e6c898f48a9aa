import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { RUNNER_LOCK_FILE } from '../jobs/runnerLock.ts';

/**
 * Whether a Kontor (the app, browser mode) has this data directory open: every running core
 * holds a shared lock on jobs.lock (see jobs/runnerLock.ts), so an exclusive lock cannot be had.
 */
export function isKontorRunning(dataDir: string): boolean {
  const path = join(dataDir, RUNNER_LOCK_FILE);
  if (!existsSync(path)) return false;
  const lock = new Sqlite(path, { timeout: 0 });
  try {
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('COMMIT');
    return false;
  } catch (error) {
    if (error instanceof Sqlite.SqliteError && error.code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    lock.close();
  }
}
