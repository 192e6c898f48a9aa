import Sqlite from 'better-sqlite3';
import { KontorError } from '../../../shared/errors.ts';

/**
 * Why the database did not open, as far as recovery is concerned: a damaged file (SQLite says
 * corrupt / not a database, or the file is not recognisably Kontor's), one from a newer Kontor
 * (update instead; restoring would lose data), or anything else (a bug, a full disk).
 */
export type StartupFailure = 'damaged' | 'too-new' | 'other';

export function classifyStartupFailure(error: unknown): StartupFailure {
  if (error instanceof KontorError) {
    if (error.code === 'DATABASE_TOO_NEW') return 'too-new';
    if (error.code === 'NOT_A_KONTOR_DATABASE' || error.code === 'DATABASE_CORRUPT') return 'damaged';
    return 'other';
  }
  if (error instanceof Sqlite.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) return 'damaged';
  return 'other';
}
