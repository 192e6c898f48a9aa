import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { KontorError } from '../../../shared/errors.ts';
import { backupDatabase } from '../jobs/kinds/databaseBackup.ts';
import type { Logger } from '../logger.ts';
import { newBackupPathIn } from './backupFiles.ts';
import { inspectBackupFile, type BackupInspection } from './inspectBackup.ts';

export interface RestoreOptions {
  /** The live database; no Kontor may have it open (the host closes its own first). */
  databasePath: string;
  from: string;
  /** Where the copy of the current data goes before it is replaced. */
  safetyFolder: string;
  log: Logger;
}

export interface RestoreResult {
  restored: BackupInspection;
  /** The copy of what was there before, or null when there was no database. */
  previousCopy: string | null;
}

/**
 * Replaces the live database with a backup: the backup must pass `inspectBackupFile` (a Kontor
 * file, not newer, integrity_check ok), the current data is copied aside first, and the new file
 * is written beside the live one and renamed over it, so a crash part-way leaves either the old
 * database or the restored one, never a mix. Opening Kontor afterwards migrates an older backup.
 */
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  const from = resolve(options.from);
  const target = resolve(options.databasePath);
  if (from === target) throw new KontorError('CONFLICT', 'That file is the live database itself; choose a backup.', { path: from });
  const restored = inspectBackupFile(from);

  const previousCopy = existsSync(target) ? await copyCurrentAside(target, options) : null;

  const staging = `${target}.restoring`;
  removeSqliteFiles(staging);
  const source = new Sqlite(from, { readonly: true, fileMustExist: true });
  try {
    await backupDatabase(source, staging, { overwrite: true });
  } finally {
    source.close();
  }
  // The old WAL belongs to the old file: left beside the restored one, SQLite would replay it into it.
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(staging, target);
  options.log.info(`restored the database from ${from}${previousCopy ? `; the data it replaced is in ${previousCopy}` : ''}`);
  return { restored, previousCopy };
}

/**
 * The online backup API when the current file can be read; a raw copy of the file (and its WAL)
 * when it is too damaged for that, so whatever is left of it can still be looked at later.
 */
async function copyCurrentAside(target: string, options: RestoreOptions): Promise<string> {
  const destination = newBackupPathIn(options.safetyFolder, new Date(), 'restore');
  try {
    const current = new Sqlite(target, { readonly: true, fileMustExist: true });
    try {
      await backupDatabase(current, destination);
    } finally {
      current.close();
    }
  } catch (error) {
    options.log.warn(`could not back up the current database through SQLite (${String(error)}); copying its files as they are`);
    copyFileSync(target, destination);
    if (existsSync(`${target}-wal`)) copyFileSync(`${target}-wal`, `${destination}-wal`);
  }
  return destination;
}

function removeSqliteFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
