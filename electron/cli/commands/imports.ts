import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { KontorError } from '../../../shared/errors.ts';
import type { ImportResult } from '../../../shared/imports/result.ts';
import { CSV_ENCODING_NAMES } from '../../../shared/imports/files.ts';
import { exportCatalog } from '../../core/imports/catalogExport.ts';
import { outDirIn } from '../../core/imports/files.ts';
import { inspectFile } from '../../core/imports/inspect.ts';
import { runImport } from '../../core/imports/runImport.ts';
import { fetchDueImages, undoImportWithMedia } from '../../core/imports/importImages.ts';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.ts';
import type { OpenedDatabase } from '../../core/db/openDatabase.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { openExistingDatabase } from '../database.ts';

async function withDatabase<T>(context: CommandContext, work: (database: OpenedDatabase) => Promise<T>): Promise<T> {
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

const text = (context: CommandContext, name: string): string | undefined => {
  const v = context.options[name];
  return typeof v === 'string' ? v : undefined;
};

function describe(result: ImportResult, reportPath: string | null): string {
  const c = result.counts;
  const lines = [
    `${result.fileName} (${result.format}${result.encoding ? `, ${result.encoding}` : ''}${result.delimiter ? `, delimiter ${JSON.stringify(result.delimiter)}` : ''}${result.sheet ? `, sheet ${result.sheet}` : ''}): ${c.rows} rows`,
    `  create ${c.create}, update ${c.update}, unchanged ${c.unchanged}, rows with errors ${c.errors}${c.categoriesToCreate > 0 ? `, new categories ${c.categoriesToCreate}` : ''}${c.imageUrls > 0 ? `, images recorded ${c.imageUrls} (fetched later)` : ''}`,
  ];
  const images = result.images;
  if (images && images.attached + images.pending + images.failed > 0) {
    lines.push(`  images: attached ${images.attached}, URLs waiting to be fetched ${images.pending} ("kontor import images" fetches them now), failed ${images.failed}`);
    for (const f of images.failures.slice(0, 20)) lines.push(`  row ${f.row} (${f.sku}), image ${f.source}: ${f.message}`);
  }
  for (const issue of result.issues.slice(0, 20)) lines.push(`  row ${issue.row}, ${issue.column}${issue.value ? ` "${issue.value}"` : ''}: ${issue.message}`);
  if (result.issueCount > 20) lines.push(`  … ${result.issueCount - 20} more problems`);
  if (reportPath) lines.push(`Error report: ${reportPath}`);
  if (result.outcome === 'preview') lines.push('Dry run: nothing was written.');
  else if (result.outcome === 'refused') lines.push('Nothing was imported: fix the rows above, or add --skip-invalid to import the valid rows only.');
  else lines.push(`Imported as import #${result.runId ?? '?'} in ${(result.ms / 1000).toFixed(1)} s${result.skippedRows.length > 0 ? `; skipped rows ${result.skippedRows.slice(0, 30).join(', ')}${result.skippedRows.length > 30 ? ', …' : ''}` : ''}. "kontor import undo ${result.runId ?? ''}" takes it back.`);
  return lines.join('\n');
}

export const importProductsCommand: CliCommand = {
  name: 'import products',
  argsUsage: '<file>',
  summary: 'Import products from an XLSX, CSV or TSV file (Shopify, WooCommerce and Kontor exports are recognised).',
  details:
    'Rows are matched to products by SKU: new SKUs are created, known ones updated. Every row is\n' +
    'checked before anything is written; with errors nothing is imported unless --skip-invalid is given.\n' +
    'Columns are mapped by their headers (English, French, German, Arabic) or by a mapping saved in the app.',
  args: { min: 1, max: 1 },
  options: {
    mapping: { type: 'string', valueName: '<name>', description: 'Use the column mapping saved under this name.' },
    'dry-run': { type: 'boolean', description: 'Check and count, write nothing.' },
    'skip-invalid': { type: 'boolean', description: 'Import the valid rows and list the others.' },
    sheet: { type: 'string', valueName: '<name>', description: 'XLSX: the sheet to read (default: the first).' },
    encoding: { type: 'string', valueName: '<encoding>', description: `CSV: ${CSV_ENCODING_NAMES.join(', ')} (default: detected).` },
    delimiter: { type: 'string', valueName: '<char>', description: 'CSV: , ; | or "tab" (default: detected).' },
  },
  json: true,
  async run(context) {
    const path = resolve(context.args[0] ?? '');
    if (!existsSync(path)) throw new KontorError('NOT_FOUND', `There is no file ${path}.`, { path });
    const encoding = text(context, 'encoding');
    if (encoding !== undefined && !(CSV_ENCODING_NAMES as readonly string[]).includes(encoding)) throw new UsageError(`--encoding takes ${CSV_ENCODING_NAMES.join(', ')}`, importProductsCommand);
    const delimiterText = text(context, 'delimiter');
    const delimiter = delimiterText === 'tab' ? '\t' : delimiterText;
    if (delimiter !== undefined && ![',', ';', '\t', '|'].includes(delimiter)) throw new UsageError('--delimiter takes , ; | or tab', importProductsCommand);
    const read = {
      ...(text(context, 'sheet') !== undefined ? { sheet: text(context, 'sheet') } : {}),
      ...(encoding !== undefined ? { encoding: encoding as (typeof CSV_ENCODING_NAMES)[number] } : {}),
      ...(delimiter !== undefined ? { delimiter } : {}),
    };
    const result = await withDatabase(context, async (database) => {
      const deps = { sqlite: database.sqlite, db: database.db };
      const template = text(context, 'mapping');
      const mapping = template === undefined ? undefined : (await inspectFile(deps, { path, fileId: '', fileName: basename(path), read, template })).mapping;
      return runImport(
        deps,
        {
          path,
          fileName: basename(path),
          read,
          mapping,
          mode: context.options['skip-invalid'] === true ? 'skipInvalid' : 'all',
          dryRun: context.options['dry-run'] === true,
          reportDir: outDirIn(context.dataDir),
          // Image paths in the sheet are read relative to the sheet's own folder.
          media: { dataDir: context.dataDir, baseDir: dirname(path) },
        },
        { progress: (done, total, phase) => (phase === 'writing' && total > 0 && done % 5000 === 0 ? context.note(`writing ${done} of ${total}`) : undefined) },
      );
    });
    const reportPath = result.report ? join(outDirIn(context.dataDir), result.report) : null;
    context.result(describe(result, reportPath), { ...result, reportPath });
    if (result.outcome === 'refused') {
      throw new KontorError('VALIDATION', `${result.counts.errors} rows have errors; nothing was imported.`);
    }
  },
};

export const importImagesCommand: CliCommand = {
  name: 'import images',
  summary: 'Fetch the image URLs that imports recorded and that are due (never tried, or failed and due again).',
  args: { min: 0, max: 0 },
  options: { timeout: { type: 'string', valueName: '<seconds>', description: 'Per image (default 30).' } },
  json: true,
  async run(context) {
    const seconds = Number(text(context, 'timeout') ?? 30);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--timeout takes a number of seconds', importImagesCommand);
    const summary = await withDatabase(context, (database) => fetchDueImages({ sqlite: database.sqlite, dataDir: context.dataDir }, { timeoutMs: seconds * 1000 }));
    context.result(
      `Tried ${summary.tried} image URLs: ${summary.attached} attached, ${summary.failed} failed${summary.unreachable > 0 ? ` (${summary.unreachable} could not reach their host: offline?)` : ''}.`,
      summary,
    );
  },
};

export const importUndoCommand: CliCommand = {
  name: 'import undo',
  argsUsage: '<import-id>',
  summary: 'Undo an import: updated products get their previous values, created ones are removed unless used since.',
  args: { min: 1, max: 1 },
  json: true,
  async run(context) {
    const id = Number(context.args[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('the import id is a whole number, as "import products" printed it', importUndoCommand);
    const result = await withDatabase(context, (database) => undoImportWithMedia(database.sqlite, context.dataDir, id));
    const kept = result.kept.map((k) => `${k.sku} (${k.reason})`).join(', ');
    context.result(`Undid import #${id}: ${result.restored} restored, ${result.removed} removed, ${result.categoriesRemoved} categories removed${kept ? `; kept: ${kept}` : ''}.`, result);
  },
};

export const exportProductsCommand: CliCommand = {
  name: 'export products',
  argsUsage: '<file.xlsx|file.csv>',
  summary: 'Export the catalog in the columns "import products" reads back.',
  args: { min: 1, max: 1 },
  options: { force: { type: 'boolean', short: 'f', description: 'Replace <file> if it exists.' } },
  json: true,
  async run(context) {
    const path = resolve(context.args[0] ?? '');
    const format = extname(path).toLowerCase() === '.csv' ? 'csv' : extname(path).toLowerCase() === '.xlsx' ? 'xlsx' : null;
    if (format === null) throw new UsageError('the file name ends in .xlsx or .csv', exportProductsCommand);
    if (existsSync(path) && context.options.force !== true) throw new KontorError('CONFLICT', `${path} already exists; add --force to replace it.`, { path });
    // Written beside and renamed when complete: a failed export leaves no half file under the name.
    const partial = `${path}.partial`;
    const summary = await withDatabase(context, async (database) => {
      try {
        return await exportCatalog(database.sqlite, partial, format);
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      }
    });
    renameSync(partial, path);
    context.result(`Exported ${summary.products} products in ${summary.columns} columns to ${path}.`, { path, ...summary });
  },
};

export const IMPORT_COMMANDS: readonly CliCommand[] = [importProductsCommand, importImagesCommand, importUndoCommand, exportProductsCommand];
