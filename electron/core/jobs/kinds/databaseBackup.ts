import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../../shared/errors.ts';
import { backupDirIn } from '../../dataDir.ts';
import type { JobImplementation } from '../jobKinds.ts';

/** About 4 MB at SQLite's default page size: a cancel is noticed within milliseconds. */
export const DEFAULT_BACKUP_PAGES_PER_STEP = 1024;

export interface BackupOptions {
  signal?: AbortSignal;
  pagesPerStep?: number;
  onProgress?: (donePages: number, totalPages: number) => void;
  /** Told the temporary file's path before anything is written to it. */
  onTempFile?: (path: string) => void;
  /** Replace a file already at the destination; refused otherwise. */
  overwrite?: boolean;
}

export interface BackupResult {
  path: string;
  bytes: number;
  pages: number;
}

/**
 * Copies a consistent snapshot of `source` to `destination` with SQLite's online backup API while
 * others keep using the database. The copy goes to `<destination>.partial` and is renamed only when
 * complete, so a failed or cancelled backup leaves no file that looks like a backup.
 */
export async function backupDatabase(source: Database, destination: string, options: BackupOptions = {}): Promise<BackupResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  refuseExisting(destination, options.overwrite ?? false);
  if (source.inTransaction) throw new Error('backupDatabase needs a connection that is not inside a transaction.');
  const partial = `${destination}.partial`;
  // A leftover from a killed run would be opened by SQLite as the destination and mixed into the copy.
  removeDatabaseFiles(partial);
  options.onTempFile?.(partial);
  const pagesPerStep = Math.max(1, Math.floor(options.pagesPerStep ?? DEFAULT_BACKUP_PAGES_PER_STEP));

  let pages: number;
  // One read transaction for the whole copy: without it, each write by another connection (the app
  // saving a form, the runner storing this very job's progress) restarts the backup from page one,
  // and a busy database is never copied. In WAL mode a reader blocks no writer.
  source.exec('BEGIN');
  try {
    source.prepare('SELECT count(*) FROM sqlite_schema').get();
    const outcome = await source.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        // Throwing here is how better-sqlite3 aborts a backup; it then closes the destination.
        signal?.throwIfAborted();
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return pagesPerStep;
      },
    });
    pages = outcome.totalPages;
    refuseExisting(destination, options.overwrite ?? false);
    renameSync(partial, destination);
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  } finally {
    source.exec('COMMIT');
  }
  options.onProgress?.(pages, pages);
  return { path: destination, bytes: statSync(destination).size, pages };
}

function refuseExisting(destination: string, overwrite: boolean): void {
  if (!overwrite && existsSync(destination)) {
    throw new KontorError('CONFLICT', `${destination} already exists; choose another file name or allow replacing it.`, {
      path: destination,
    });
  }
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/** `<dataDir>/backups/kontor-2025-01-31T18-04-05-123Z.sqlite`, never one that exists already. */
export function newBackupPath(dataDir: string, now: Date): string {
  const dir = backupDirIn(dataDir);
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `kontor-${stamp}.sqlite` : `kontor-${stamp}-${n}.sqlite`);
    if (!existsSync(path) && !existsSync(`${path}.partial`)) return path;
  }
}

export const databaseBackupJob: JobImplementation<'database.backup'> = {
  async run(_input, context) {
    const path = newBackupPath(context.dataDir, new Date());
    const result = await backupDatabase(context.sqlite(), path, {
      signal: context.signal,
      ...(context.tuning.backupPagesPerStep === undefined ? {} : { pagesPerStep: context.tuning.backupPagesPerStep }),
      onTempFile: (temp) => context.tempFile(temp),
      onProgress: (done, total) => context.progress(done, total, 'Copying the database'),
    });
    return { path: result.path, bytes: result.bytes };
  },
};
