import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { KontorError } from '../../../shared/errors.ts';
import { isKontorRunning } from '../../core/backup/appRunning.ts';
import { inspectBackupFile } from '../../core/backup/inspectBackup.ts';
import { restoreDatabase } from '../../core/backup/restore.ts';
import { backupDirIn } from '../../core/dataDir.ts';
import { openDatabase } from '../../core/db/openDatabase.ts';
import type { CliCommand } from '../command.ts';
import { cliLogger } from '../database.ts';
import { formatBytes } from '../output.ts';

export const restoreCommand: CliCommand = {
  name: 'restore',
  argsUsage: '<file>',
  summary: 'Replace the data with a backup, after checking it (the current data is copied aside first).',
  details:
    'The file must be a Kontor database, not from a newer Kontor, and pass SQLite\'s integrity check.\n' +
    'Close the Kontor app first. Asks for confirmation unless --yes is given.',
  args: { min: 1, max: 1 },
  options: { yes: { type: 'boolean', short: 'y', description: 'Do not ask for confirmation.' } },
  json: true,
  async run(context) {
    const from = resolve(context.args[0] ?? '');
    const inspection = inspectBackupFile(from);
    if (isKontorRunning(context.dataDir)) {
      throw new KontorError('CONFLICT', 'Kontor is running on this data directory; close it first (or restore from Settings → Data safety in the app).');
    }
    context.note(
      `Backup: ${from} (${formatBytes(inspection.bytes)}, schema version ${inspection.schemaVersion}` +
        `${inspection.companyName ? `, company ${inspection.companyName}` : ''}${inspection.products === null ? '' : `, ${inspection.products} products`}); integrity check passed.`,
    );
    if (context.options.yes !== true && !(await confirm(`Replace the data in ${context.databasePath} with it? Type "yes": `))) {
      throw new KontorError('CANCELLED', 'Nothing was restored.');
    }
    const result = await restoreDatabase({ databasePath: context.databasePath, from, safetyFolder: backupDirIn(context.dataDir), log: cliLogger });
    // Brings an older backup to this Kontor's schema now, so the app opens it without a surprise.
    const opened = await openDatabase({ path: context.databasePath, appVersion: context.appVersion, backupDir: backupDirIn(context.dataDir), log: cliLogger });
    const schemaVersion = opened.schemaVersion;
    opened.close();
    context.result(
      `Restored ${from} into ${context.databasePath} (schema version ${schemaVersion}).` +
        (result.previousCopy ? `\nThe data it replaced is kept at ${result.previousCopy}` : ''),
      { restoredFrom: from, databasePath: context.databasePath, previousCopy: result.previousCopy, schemaVersion },
    );
  },
};

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new KontorError('VALIDATION', 'Restoring replaces all data: add --yes to confirm when not running in a terminal.');
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}
