import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KontorError } from '../../../shared/errors.ts';
import { registerAuditFunctions, runAs } from '../audit/actor.ts';
import { newBackupPathIn } from '../backup/backupFiles.ts';
import { syncAuditTriggers } from '../audit/triggers.ts';
import type { Logger } from '../logger.ts';
import { AUDIT_SCHEMA_VERSION, LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';
import type { KontorSchema } from './schema.ts';

/** "KONT": marks a SQLite file as Kontor's, so a foreign database is refused, not migrated. */
export const KONTOR_APPLICATION_ID = 0x4b4f4e54;

export interface OpenDatabaseOptions {
  path: string;
  appVersion: string;
  /** Where the copy taken before migrations goes. */
  backupDir: string;
  log: Logger;
  /** Stop at this version instead of the latest (tests build older databases this way). */
  targetVersion?: number;
  /** Open without migrating; refuses a database that is not at the latest version. */
  migrate?: boolean;
}

export interface OpenedDatabase {
  sqlite: Database;
  db: Kysely<KontorSchema>;
  schemaVersion: number;
  /** The copy taken before migrating, or null when nothing had to migrate. */
  backupPath: string | null;
  close(): void;
}

interface FileState {
  applicationId: number;
  userVersion: number;
  tableCount: number;
}

/**
 * Opens (or creates) the database, refuses files that are not Kontor's or come from a newer
 * Kontor without touching them, copies the file before any migration, then migrates in one
 * transaction.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const target = options.targetVersion ?? LATEST_SCHEMA_VERSION;
  let backupPath: string | null = null;

  if (existsSync(options.path)) {
    // Inspect read-only first: even switching to WAL would rewrite the header of a file we refuse.
    const probe = openReadOnly(options.path);
    try {
      const state = readFileState(probe);
      refuseForeignOrNewer(state, options.path);
      if (state.userVersion > 0 && state.userVersion < target) {
        if (options.migrate === false) {
          throw new KontorError(
            'CONFLICT',
            `The database is at schema version ${state.userVersion} and needs migrating to ${target}; run "kontor migrate".`,
          );
        }
        backupPath = await backupBeforeMigration(probe, options, state.userVersion, target);
      }
    } finally {
      probe.close();
    }
  } else {
    mkdirSync(dirname(options.path), { recursive: true });
  }

  const sqlite = new Sqlite(options.path);
  try {
    configureConnection(sqlite);
    const schemaVersion = migrate(sqlite, target, options.appVersion, options.log);
    const db = new Kysely<KontorSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      sqlite,
      db,
      schemaVersion,
      backupPath,
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export function configureConnection(sqlite: Database, actor = 'system'): void {
  // Before anything writes: the audit triggers call these (audit/actor.ts).
  registerAuditFunctions(sqlite, actor);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Two processes (the app and the CLI) may write at once; wait rather than fail.
  sqlite.pragma('busy_timeout = 5000');
  // Safe with WAL: a power cut can lose the last commits, never corrupt the file.
  sqlite.pragma('synchronous = NORMAL');
  // Reads of the first 256 MiB go through the page cache of the OS without a copy into SQLite's
  // own cache: list pages and searches on a 100,000-product catalogue read 15-25 % faster
  // (tests/bench/catalog.bench.ts). Writes still go through the WAL, so durability is unchanged.
  sqlite.pragma('mmap_size = 268435456');
}

function openReadOnly(path: string): Database {
  try {
    return new Sqlite(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw notKontor(path, error);
  }
}

function readFileState(db: Database): FileState {
  try {
    return {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      userVersion: db.pragma('user_version', { simple: true }) as number,
      tableCount: (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n,
    };
  } catch (error) {
    throw notKontor(db.name, error);
  }
}

function refuseForeignOrNewer(state: FileState, path: string): void {
  const empty = state.applicationId === 0 && state.tableCount === 0;
  if (state.applicationId !== KONTOR_APPLICATION_ID && !empty) throw notKontor(path);
  if (state.userVersion > LATEST_SCHEMA_VERSION) {
    throw new KontorError(
      'DATABASE_TOO_NEW',
      `This database was written by a newer Kontor (schema version ${state.userVersion}; this Kontor knows up to ${LATEST_SCHEMA_VERSION}). ` +
        'Update Kontor to open it. The file was not changed.',
      { path, schemaVersion: state.userVersion, supportedVersion: LATEST_SCHEMA_VERSION },
    );
  }
}

function notKontor(path: string, cause?: unknown): KontorError {
  const reason = cause instanceof Error ? ` (${cause.message})` : '';
  return new KontorError(
    'NOT_A_KONTOR_DATABASE',
    `${path} is not a Kontor database${reason}. Choose another data directory or restore a Kontor backup; the file was not changed.`,
    { path },
  );
}

async function backupBeforeMigration(
  source: Database,
  options: OpenDatabaseOptions,
  from: number,
  to: number,
): Promise<string> {
  // Named like every other backup, so the backups screen lists it and the retention rules apply.
  const path = newBackupPathIn(options.backupDir, new Date(), 'migration');
  // The online backup API copies a consistent snapshot, WAL content included.
  await source.backup(path);
  options.log.info(`copied the database to ${path} before migrating from version ${from} to ${to}`);
  return path;
}

/** Runs every pending migration in one IMMEDIATE transaction; answers the version reached. */
export function migrate(sqlite: Database, target: number, appVersion: string, log: Logger): number {
  const run = sqlite.transaction(() => runAs('system:migration', () => {
    // Re-read inside the write lock: another process may have migrated while we waited.
    const current = sqlite.pragma('user_version', { simple: true }) as number;
    if (current > LATEST_SCHEMA_VERSION) refuseForeignOrNewer({ applicationId: KONTOR_APPLICATION_ID, userVersion: current, tableCount: 1 }, sqlite.name);
    if (current >= target) return current;
    if (current === 0) sqlite.pragma(`application_id = ${KONTOR_APPLICATION_ID}`);
    const appliedAt = new Date().toISOString();
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > target) continue;
      migration.up(sqlite);
      sqlite
        .prepare('INSERT INTO schema_migrations (version, name, applied_at, app_version) VALUES (?, ?, ?, ?)')
        .run(migration.version, migration.name, appliedAt, appVersion);
    }
    // A table added to AUDITED_TABLES, or a column added to an audited table, gets its triggers now.
    if (target >= AUDIT_SCHEMA_VERSION) syncAuditTriggers(sqlite);
    sqlite.pragma(`user_version = ${target}`);
    log.info(`migrated the database from schema version ${current} to ${target}`);
    return target;
  }));
  return run.immediate();
}
