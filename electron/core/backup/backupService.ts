import { accessSync, constants, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ValidationError } from '../../../shared/errors.ts';
import { backupDirIn } from '../dataDir.ts';
import type { KontorSchema } from '../db/schema.ts';
import { backupDatabase } from '../jobs/kinds/databaseBackup.ts';
import type { Logger } from '../logger.ts';
import { listBackupFiles, newBackupPathIn, type BackupFile, type BackupReason } from './backupFiles.ts';
import { inspectBackupFile, type BackupInspection } from './inspectBackup.ts';
import { backupsToKeep } from './retention.ts';

const SETTINGS_KEY = 'backup.settings';

export const BackupSettingsSchema = z.object({
  /** Absolute path of the folder the user chose; null: `<data dir>/backups`. */
  folder: z.string().nullable(),
  /** The daily backup (the ones before risky work are always taken). */
  daily: z.boolean(),
});
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

const DEFAULT_SETTINGS: BackupSettings = { folder: null, daily: true };

export interface BackupProgress {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  onTempFile?: (path: string) => void;
}

export interface BackupService {
  settings(): Promise<BackupSettings>;
  setSettings(change: Partial<BackupSettings>): Promise<BackupSettings>;
  /** The folder backups go to now. */
  folder(): Promise<string>;
  /** Takes a backup into the folder, then applies the retention rules. */
  backupNow(reason: BackupReason, progress?: BackupProgress): Promise<BackupFile>;
  /**
   * The copy taken before risky work (an import, a bulk price change, an upload): call it before
   * the first write, outside any transaction. Failing to back up stops the work.
   */
  backupBefore(reason: Exclude<BackupReason, 'manual' | 'daily'>): Promise<BackupFile>;
  /** Takes the daily backup when the newest backup in the folder is 24 hours old or more. */
  ensureDaily(now?: Date): Promise<BackupFile | null>;
  list(): Promise<BackupFile[]>;
  /** Deletes what the retention rules do not keep; answers the deleted paths. */
  prune(now?: Date): Promise<string[]>;
}

export interface BackupServiceOptions {
  db: Kysely<KontorSchema>;
  databasePath: string;
  dataDir: string;
  log: Logger;
  now?: () => Date;
}

export function createBackupService(options: BackupServiceOptions): BackupService {
  const { db, log } = options;
  const now = options.now ?? (() => new Date());

  const settings = async (): Promise<BackupSettings> => {
    const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
    const stored = row ? BackupSettingsSchema.partial().safeParse(JSON.parse(row.value)) : undefined;
    return { ...DEFAULT_SETTINGS, ...(stored?.success ? stored.data : {}) };
  };

  const folder = async (): Promise<string> => (await settings()).folder ?? backupDirIn(options.dataDir);

  const prune = async (at = now()): Promise<string[]> => {
    const files = listBackupFiles(await folder());
    const keep = backupsToKeep(files, at);
    const removed: string[] = [];
    for (const file of files) {
      if (keep.has(file)) continue;
      rmSync(file.path, { force: true });
      removed.push(file.path);
    }
    if (removed.length > 0) log.info(`removed ${removed.length} old backup(s) by the retention rules`);
    return removed;
  };

  const backupNow = async (reason: BackupReason, progress: BackupProgress = {}): Promise<BackupFile> => {
    const takenAt = now();
    const destination = newBackupPathIn(await folder(), takenAt, reason);
    // Its own read-only connection: the backup holds a read transaction for the whole copy, which
    // on the app's connection would block every write transaction until it ends.
    const source = new Sqlite(options.databasePath, { readonly: true, fileMustExist: true });
    let result;
    try {
      result = await backupDatabase(source, destination, progress);
    } finally {
      source.close();
    }
    log.info(`backed up the database (${reason}) to ${result.path}`);
    await prune(takenAt);
    return { path: result.path, name: basename(result.path), takenAt, reason, bytes: result.bytes };
  };

  return {
    settings,
    folder,
    prune,
    backupNow,
    async setSettings(change) {
      if (change.folder !== undefined && change.folder !== null) checkFolder(change.folder);
      const next = { ...(await settings()), ...change };
      const value = JSON.stringify(next);
      const updatedAt = now().toISOString();
      await db
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value, updated_at: updatedAt })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: updatedAt }))
        .execute();
      writeFileSync(join(options.dataDir, BACKUP_LOCATION_FILE), JSON.stringify({ folder: next.folder }));
      return next;
    },
    backupBefore: (reason) => backupNow(reason),
    async ensureDaily(at = now()) {
      if (!(await settings()).daily) return null;
      const newest = listBackupFiles(await folder())[0];
      if (newest && at.getTime() - newest.takenAt.getTime() < 24 * 3_600_000) return null;
      return backupNow('daily');
    },
    list: async () => listBackupFiles(await folder()),
  };
}

/** The chosen folder must exist, be a folder and be writable; said per field so the form shows it. */
function checkFolder(folder: string): void {
  const issue = (key: string, message: string): never => {
    throw new ValidationError([{ path: 'folder', key, message, params: { folder } }]);
  };
  if (!isAbsolute(folder)) issue('safety.issues.folderNotAbsolute', 'Give the full path of the folder.');
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (!stat) issue('safety.issues.folderMissing', 'This folder does not exist.');
  if (!stat?.isDirectory()) issue('safety.issues.folderNotFolder', 'This is a file, not a folder.');
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    issue('safety.issues.folderNotWritable', 'Kontor cannot write into this folder.');
  }
}

/**
 * The folder setting is mirrored into a small file beside the database: when the database itself
 * is too damaged to open, its settings cannot be read, and the way back is through the backups.
 */
export const BACKUP_LOCATION_FILE = 'backup-location.json';

export function knownBackupFolders(dataDir: string): string[] {
  const folders = [backupDirIn(dataDir)];
  const file = join(dataDir, BACKUP_LOCATION_FILE);
  if (existsSync(file)) {
    const parsed = z.object({ folder: z.string().nullable() }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success && parsed.data.folder) folders.unshift(parsed.data.folder);
  }
  return folders;
}

/**
 * Where a backup taken before the database is open goes (before a migration): the chosen folder
 * when it is there (a removed USB drive is not), the data folder's backups otherwise.
 */
export function preferredBackupFolder(dataDir: string): string {
  return knownBackupFolders(dataDir).find((folder) => existsSync(folder)) ?? backupDirIn(dataDir);
}

/** The newest backup in the known folders that passes the full integrity check, or null. */
export function findLastGoodBackup(dataDir: string, log: Logger): { file: BackupFile; inspection: BackupInspection } | null {
  const files = knownBackupFolders(dataDir)
    .flatMap((folder) => listBackupFiles(folder))
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  for (const file of files) {
    try {
      return { file, inspection: inspectBackupFile(file.path) };
    } catch (error) {
      log.warn(`backup ${file.path} cannot be restored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return null;
}
