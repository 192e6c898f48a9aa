import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { format } from 'node:util';
import { KontorError } from '../../shared/errors.ts';
import { backupDirIn } from '../core/dataDir.ts';
import { openDatabase, type OpenedDatabase } from '../core/db/openDatabase.ts';
import type { Logger } from '../core/logger.ts';

/** The CLI prints its own summary; the core's info lines would repeat it. */
export const cliLogger: Logger = {
  info() {},
  warn: (message, ...details) => process.stderr.write(`kontor: ${format(message, ...details)}\n`),
  error: (message, ...details) => process.stderr.write(`kontor: ${format(message, ...details)}\n`),
};

/**
 * Opens an existing database as it is: refuses a foreign file or one from a newer Kontor (without
 * touching it) and never migrates. targetVersion 0 is below every version, so openDatabase has
 * nothing to migrate and only runs its checks.
 */
export async function openExistingDatabase(path: string, appVersion: string): Promise<OpenedDatabase> {
  if (!existsSync(path)) {
    throw new KontorError('NOT_FOUND', `There is no Kontor database at ${path} yet; run "kontor migrate" to create one.`, { path });
  }
  return openDatabase({ path, appVersion, backupDir: backupDirIn(dirname(path)), log: cliLogger, targetVersion: 0 });
}

/** Rows per table, like the settings screen shows them. */
export function countRows(database: OpenedDatabase): Record<string, number> {
  const tables = database.sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, database.sqlite.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number]),
  );
}
