import { existsSync, statSync } from 'node:fs';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.ts';
import type { CliCommand } from '../command.ts';
import { countRows, openExistingDatabase } from '../database.ts';
import { formatBytes, table } from '../output.ts';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Data directory, database, schema version and row counts.',
  args: { min: 0, max: 0 },
  json: true,
  async run(context) {
    const exists = existsSync(context.databasePath);
    let schemaVersion = 0;
    let rowCounts: Record<string, number> = {};
    if (exists) {
      const database = await openExistingDatabase(context.databasePath, context.appVersion);
      try {
        schemaVersion = database.schemaVersion;
        rowCounts = countRows(database);
      } finally {
        database.close();
      }
    }
    const bytes = exists ? statSync(context.databasePath).size : 0;

    const state = !exists
      ? 'no database yet; Kontor creates it on first start, or run "kontor migrate"'
      : schemaVersion < LATEST_SCHEMA_VERSION
        ? `${schemaVersion}, needs migrating to ${LATEST_SCHEMA_VERSION}: run "kontor migrate"`
        : `${schemaVersion} (the latest)`;
    const lines = [
      `Kontor ${context.appVersion}`,
      table([
        ['Data directory', context.dataDir],
        ['Database', exists ? `${context.databasePath} (${formatBytes(bytes)})` : `${context.databasePath} (not created yet)`],
        ['Schema version', state],
      ]),
    ];
    const counts = Object.entries(rowCounts);
    if (counts.length > 0) lines.push('Rows', table(counts.map(([name, n]) => [name, String(n).padStart(9)]), '  '));

    context.result(lines.join('\n'), {
      appVersion: context.appVersion,
      mode: 'cli',
      dataDir: context.dataDir,
      databasePath: context.databasePath,
      databaseExists: exists,
      databaseBytes: bytes,
      schemaVersion,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      rowCounts,
    });
  },
};
