import { resolve } from 'node:path';
import { fieldIssuesFromZod } from '../../../shared/fieldIssues.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { EXPORT_FORMATS, ExportRequestSchema, REPORT_IDS } from '../../../shared/ledger/schemas.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { openExistingDatabase } from '../database.ts';

/** `kontor export <report> --from --to --format --out`: the export the Ledger page runs, from a shell. */
export const exportCommand: CliCommand = {
  name: 'export',
  argsUsage: '<report>',
  summary: 'Export a ledger report: Excel, CSV, DATEV or FEC.',
  details: [
    `Reports: ${REPORT_IDS.join(', ')}.`,
    `Formats: ${EXPORT_FORMATS.join(', ')} (datev and fec export the journal).`,
    'Without --out the file goes to the exports folder of the data directory.',
    'The file is written under a temporary name and renamed when complete; an existing file is kept unless --force.',
  ].join('\n'),
  args: { min: 1, max: 1 },
  options: {
    from: { type: 'string', description: 'First day of the period (YYYY-MM-DD).', valueName: '<date>' },
    to: { type: 'string', description: 'Last day of the period (YYYY-MM-DD).', valueName: '<date>' },
    format: { type: 'string', description: 'xlsx (default), csv, datev or fec.', valueName: '<format>' },
    out: { type: 'string', description: 'The file to write.', valueName: '<path>' },
    force: { type: 'boolean', short: 'f', description: 'Replace the file if it exists.' },
  },
  json: true,
  async run(context) {
    const text = (name: string): string | undefined => (typeof context.options[name] === 'string' ? context.options[name] : undefined);
    if (!text('from') || !text('to')) throw new UsageError('Give the period with --from <date> and --to <date> (YYYY-MM-DD).', exportCommand);
    const parsed = ExportRequestSchema.safeParse({
      report: context.args[0],
      format: text('format') ?? 'xlsx',
      from: text('from'),
      to: text('to'),
      ...(text('out') ? { outPath: resolve(text('out') ?? '') } : {}),
    });
    if (!parsed.success) throw new ValidationError(fieldIssuesFromZod(parsed.error));
    // Loaded here, not at start-up: exceljs and the writers would slow every other command.
    const { runExport } = await import('../../core/ledger/exports/runExport.ts');
    const { invoiceSourceFor } = await import('../../core/ledger/reports/invoiceSourceFor.ts');
    const database = await openExistingDatabase(context.databasePath, context.appVersion);
    const started = performance.now();
    let lastNote = Date.now();
    try {
      const result = await runExport(database.sqlite, parsed.data, {
        dataDir: context.dataDir,
        invoices: invoiceSourceFor(database.sqlite),
        overwrite: context.options.force === true,
        onProgress: (done, total) => {
          if (Date.now() - lastNote < 1000) return;
          lastNote = Date.now();
          context.note(`${done.toLocaleString('en')} of ${total.toLocaleString('en')} lines…`);
        },
      });
      if (result.warning) context.note(result.warning);
      const seconds = (performance.now() - started) / 1000;
      context.result(`Wrote ${result.path}: ${result.rows} ${parsed.data.format === 'datev' ? 'bookings' : 'lines'} in ${seconds.toFixed(1)} s.`, { ...result, seconds });
    } finally {
      database.close();
    }
  },
};
