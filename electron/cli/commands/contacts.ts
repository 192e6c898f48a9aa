import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { ContactListQuerySchema } from '../../../shared/contacts/list.ts';
import { KontorError } from '../../../shared/errors.ts';
import { exportContacts } from '../../core/contacts/export.ts';
import { runImport } from '../../core/contacts/import/importContacts.ts';
import { listContacts } from '../../core/contacts/list.ts';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.ts';
import type { OpenedDatabase } from '../../core/db/openDatabase.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { openExistingDatabase } from '../database.ts';

async function withContacts<T>(context: CommandContext, work: (database: OpenedDatabase) => Promise<T>): Promise<T> {
  const database = await openExistingDatabase(context.databasePath, context.appVersion);
  try {
    if (database.schemaVersion < LATEST_SCHEMA_VERSION) {
      throw new KontorError('CONFLICT', `The database is at schema version ${database.schemaVersion}; run "kontor migrate" first.`);
    }
    return await work(database);
  } finally {
    database.close();
  }
}

export const contactsListCommand: CliCommand = {
  name: 'contacts list',
  summary: 'List contacts by name: role, country, email and name.',
  details: '--search finds words or their beginnings in names, emails, phones, tax IDs, cities and tags (accents and Arabic folded).',
  args: { min: 0, max: 0 },
  options: {
    search: { type: 'string', valueName: '<text>', description: 'Only contacts matching this text.' },
    country: { type: 'string', valueName: '<code>', description: 'Only contacts in this country (ISO code, e.g. MA).' },
    limit: { type: 'string', valueName: '<n>', description: 'At most this many contacts (default 100, at most 500).' },
  },
  json: true,
  async run(context) {
    const limit = typeof context.options.limit === 'string' ? Number(context.options.limit) : 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit takes a whole number from 1 to 500', contactsListCommand);
    const query = ContactListQuerySchema.parse({
      limit,
      ...(typeof context.options.search === 'string' ? { search: context.options.search } : {}),
      ...(typeof context.options.country === 'string' ? { country: context.options.country } : {}),
    });
    const list = await withContacts(context, (database) => listContacts(database.db, query));
    const lines = list.rows.map((r) => [r.role.padEnd(8), (r.country ?? '').padEnd(2), (r.email ?? '').padEnd(32), r.name].join('  '));
    context.result(list.rows.length === 0 ? 'No contacts match.' : [...lines, `${list.rows.length} of ${list.total} contacts.`].join('\n'), list);
  },
};

export const contactsImportCommand: CliCommand = {
  name: 'contacts import',
  argsUsage: '<file>',
  summary: 'Import contacts from CSV, XLSX (Google Contacts, Outlook, any sheet) or vCard.',
  details:
    'Columns are recognised by their headers. By default one bad row refuses the whole file, each\n' +
    'problem named with its row and column, and nothing is written; --skip-invalid imports the rest.\n' +
    'Rows with the tax ID, email or phone of a known contact are skipped unless --create-duplicates.',
  args: { min: 1, max: 1 },
  options: {
    'skip-invalid': { type: 'boolean', description: 'Import the good rows and report the bad ones.' },
    'create-duplicates': { type: 'boolean', description: 'Create rows that match a known contact anyway.' },
  },
  json: true,
  async run(context) {
    const path = context.args[0] ?? '';
    const result = await withContacts(context, (database) =>
      runImport(
        database.db,
        { fileName: basename(path), bytes: readFileSync(path) },
        { invalidRows: context.options['skip-invalid'] === true ? 'skip' : 'refuse', duplicates: context.options['create-duplicates'] === true ? 'create' : 'skip' },
      ),
    );
    const lines = [
      `${result.created} contacts created (${result.organisationsCreated} organisations, ${result.peopleCreated} people) from ${basename(path)} (${result.format}).`,
      ...result.skippedDuplicates.map((d) => `row ${d.row}: skipped, already known as ${d.name} (${d.reason})`),
      ...result.skippedInvalid.flatMap((r) => r.issues.map((i) => `row ${r.row}, ${i.column}: ${i.message}`)),
    ];
    context.result(lines.join('\n'), result);
  },
};

export const contactsExportCommand: CliCommand = {
  name: 'contacts export',
  argsUsage: '<file.xlsx|file.csv>',
  summary: 'Write every contact to an Excel workbook or a UTF-8 CSV with the headers the import reads.',
  args: { min: 1, max: 1 },
  json: true,
  async run(context) {
    const path = context.args[0] ?? '';
    const extension = extname(path).toLowerCase();
    if (extension !== '.xlsx' && extension !== '.csv') throw new UsageError('contacts export writes a .xlsx or a .csv file', contactsExportCommand);
    const file = await withContacts(context, (database) => exportContacts(database.db, { format: extension === '.xlsx' ? 'xlsx' : 'csv' }));
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
    context.result(`${file.rows} contacts written to ${path}.`, { path, rows: file.rows });
  },
};

export const CONTACT_COMMANDS: readonly CliCommand[] = [contactsListCommand, contactsImportCommand, contactsExportCommand];
