import { existsSync } from 'node:fs';
import { backupDirIn } from '../../core/dataDir.ts';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.ts';
import { openDatabase } from '../../core/db/openDatabase.ts';
import type { CliCommand } from '../command.ts';
import { cliLogger, openExistingDatabase } from '../database.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Bring the database to the latest schema version (a copy is kept first).',
  details:
    'Creates the database if there is none. Before changing an existing database, Kontor copies it to the\n' +
    'backups folder of the data directory; the command says where.',
  args: { min: 0, max: 0 },
  json: true,
  async run(context) {
    const existed = existsSync(context.databasePath);
    let from = 0;
    if (existed) {
      // Also refuses a foreign or newer file before anything is written.
      const probe = await openExistingDatabase(context.databasePath, context.appVersion);
      from = probe.schemaVersion;
      probe.close();
    }
    const database = await openDatabase({
      path: context.databasePath,
      appVersion: context.appVersion,
      backupDir: backupDirIn(context.dataDir),
      log: cliLogger,
    });
    const to = database.schemaVersion;
    const backupPath = database.backupPath;
    database.close();

    const text = !existed
      ? `Created a new database at schema version ${to}: ${context.databasePath}`
      : from === to
        ? `The database is already at schema version ${to}; nothing to do.`
        : `Migrated the database from schema version ${from} to ${to}.` +
          (backupPath ? `\nThe database as it was before is kept at ${backupPath}` : '');
    context.result(text, {
      databasePath: context.databasePath,
      created: !existed,
      fromVersion: from,
      toVersion: to,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      backupPath,
    });
  },
};
