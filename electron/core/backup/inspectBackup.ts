import { statSync } from 'node:fs';
import Sqlite, { type Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors.ts';
import { KONTOR_APPLICATION_ID } from '../db/openDatabase.ts';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.ts';

export interface BackupInspection {
  path: string;
  bytes: number;
  schemaVersion: number;
  /** Whether opening it will migrate it to this Kontor's schema first. */
  needsMigration: boolean;
  /** The company's name in the copy, so the person confirming sees whose data it is. */
  companyName: string | null;
  products: number | null;
}

/**
 * Checks a file before it may replace the live database: it must be a Kontor database (its
 * application_id), from this Kontor or an older one, and pass SQLite's full integrity_check.
 * Refusals are KontorErrors a person can act on; the file is opened read-only and never changed.
 */
export function inspectBackupFile(path: string): BackupInspection {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new KontorError('NOT_FOUND', `There is no file at ${path}.`, { path });
  let db: Database;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw foreign(path, error);
  }
  try {
    let applicationId: number;
    let schemaVersion: number;
    try {
      applicationId = db.pragma('application_id', { simple: true }) as number;
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      throw foreign(path, error);
    }
    if (applicationId !== KONTOR_APPLICATION_ID) throw foreign(path);
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new KontorError(
        'DATABASE_TOO_NEW',
        `${path} was written by a newer Kontor (schema version ${schemaVersion}; this Kontor knows up to ${LATEST_SCHEMA_VERSION}). Update Kontor first.`,
        { path, schemaVersion, supportedVersion: LATEST_SCHEMA_VERSION },
      );
    }
    const problems = integrityProblems(db, 'integrity_check');
    if (problems.length > 0) throw corrupt(path, problems);
    return {
      path,
      bytes: stat.size,
      schemaVersion,
      needsMigration: schemaVersion < LATEST_SCHEMA_VERSION,
      companyName: hasTable(db, 'company') ? ((db.prepare('SELECT coalesce(trade_name, legal_name) FROM company LIMIT 1').pluck().get() as string | undefined) ?? null) : null,
      products: hasTable(db, 'product') ? (db.prepare('SELECT count(*) FROM product').pluck().get() as number) : null,
    };
  } finally {
    db.close();
  }
}

/**
 * SQLite's own check: `quick_check` (O(N), skips index-content cross-checks) at start-up,
 * `integrity_check` before a restore. Answers the problems found, none when the file is sound.
 * A file too damaged to be read at all answers the error as its one problem.
 */
export function integrityProblems(db: Database, pragma: 'quick_check' | 'integrity_check', maxErrors = 20): string[] {
  try {
    const rows = db.pragma(`${pragma}(${maxErrors})`, { simple: false }) as Record<string, string>[];
    const lines = rows.map((row) => Object.values(row)[0] ?? '');
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/** An old schema may not have the table yet; the summary then shows nothing for it. */
function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function foreign(path: string, cause?: unknown): KontorError {
  const reason = cause instanceof Error ? ` (${cause.message})` : '';
  return new KontorError('NOT_A_KONTOR_DATABASE', `${path} is not a Kontor database${reason}; nothing was restored.`, { path });
}

function corrupt(path: string, problems: string[]): KontorError {
  return new KontorError(
    'DATABASE_CORRUPT',
    `${path} is damaged (SQLite integrity check: ${problems.slice(0, 3).join('; ')}); nothing was restored. Choose an older backup.`,
    { path, problems },
  );
}
