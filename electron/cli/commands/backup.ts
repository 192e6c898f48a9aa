import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KontorError } from '../../../shared/errors.ts';
import { backupDatabase } from '../../core/jobs/kinds/databaseBackup.ts';
import type { CliCommand } from '../command.ts';
import { openExistingDatabase } from '../database.ts';
import { formatBytes } from '../output.ts';

export const backupCommand: CliCommand = {
  name: 'backup',
  argsUsage: '<file>',
  summary: 'Copy the database to <file> while Kontor may keep running.',
  details: 'Uses SQLite\'s online backup, so the copy is consistent even while the app is open.\nRefuses to replace an existing file unless --force is given.',
  args: { min: 1, max: 1 },
  options: { force: { type: 'boolean', short: 'f', description: 'Replace <file> if it exists.' } },
  json: true,
  async run(context) {
    const destination = resolve(context.args[0] ?? '');
    const force = context.options.force === true;
    if (existsSync(destination) && !force) {
      throw new KontorError('CONFLICT', `${destination} already exists; choose another file or add --force to replace it.`, {
        path: destination,
      });
    }
    if (existsSync(destination) && statSync(destination).isDirectory()) {
      throw new KontorError('CONFLICT', `${destination} is a folder; give the name of the backup file to write.`);
    }
    if (!existsSync(dirname(destination))) {
      throw new KontorError('NOT_FOUND', `The folder ${dirname(destination)} does not exist; create it first or choose another place.`);
    }
    const database = await openExistingDatabase(context.databasePath, context.appVersion);
    const started = performance.now();
    let result;
    try {
      result = await backupDatabase(database.sqlite, destination, { overwrite: force });
    } finally {
      database.close();
    }
    const seconds = (performance.now() - started) / 1000;
    context.result(`Backed up ${context.databasePath} to ${result.path}: ${result.bytes} bytes (${formatBytes(result.bytes)}) in ${seconds.toFixed(1)} s.`, {
      source: context.databasePath,
      path: result.path,
      bytes: result.bytes,
      pages: result.pages,
      seconds,
    });
  },
};
