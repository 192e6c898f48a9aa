import { randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { proposeMapping } from '../../../shared/imports/headers.ts';
import type { ImportCounts, ImportImages, ImportIssue, ImportResult, PreviewRow } from '../../../shared/imports/result.ts';
import type { Mapping, Profile } from '../../../shared/imports/targets.ts';
import { formatAmount } from '../../../shared/money.ts';
import { BULK_AUDIT_FROM, beginBulkAudit } from '../audit/bulkAudit.ts';
import { listCategories } from '../catalog/categories.ts';
import type { KontorSchema } from '../db/schema.ts';
import { fileError } from './errors.ts';
import { groupByHandle } from './group.ts';
import { attachLocalImages, discardMedia, runImages, type WrittenMedia } from './importImages.ts';
import { interpretRow, mappedColumns, type RowRecord } from './interpret.ts';
import { planImport, type ImportPlan, type PlannedProduct } from './plan.ts';
import { PRODUCT_WRITER_TABLES, productWriter } from './productWriter.ts';
import { openTable } from './read/openTable.ts';
import { cellText, type RawCell, type TableReadOptions, type TableSource } from './read/types.ts';
import { writeErrorReport } from './report.ts';
import { reindexSync } from './searchRows.ts';
import { importContext } from './context.ts';
import { bulkSortKeys, worthBulk } from './sortKeys.ts';

export interface ImportRequest {
  path: string;
  fileName: string;
  read: TableReadOptions;
  /** The column mapping; Kontor's proposal for the file's headers when absent. */
  mapping?: Mapping | undefined;
  mode: 'all' | 'skipInvalid';
  dryRun: boolean;
  /** Where the error report goes; none is written when null. */
  reportDir: string | null;
  /**
   * Where images of the image column go: the data directory, and the folder that relative paths
   * are read from (the spreadsheet's own folder; null when it is unknown, as for a file uploaded
   * through the window). Without it (benchmarks) image sources are only recorded.
   */
  media?: { dataDir: string; baseDir: string | null } | undefined;
  /** From how many written products the sort keys are refilled once instead of by triggers (tests turn it). */
  bulkThreshold?: number;
  /** From how many written products the audit records are written in bulk instead of by triggers (tests turn it). */
  bulkAuditFrom?: number;
}

export interface ImportDeps {
  sqlite: Database;
  db: Kysely<KontorSchema>;
}

export interface ImportControl {
  signal?: AbortSignal | undefined;
  progress?: (done: number, total: number, message: string) => void;
}

const PREVIEW_ROWS = 20;
const ISSUES_RETURNED = 200;
/** See sortKeys.ts. */
const BULK_THRESHOLD = 2000;
/** Products written between two looks at the cancel signal. */
const WRITE_CHUNK = 500;

/** The header row and the data rows after it, empty rows counted and left out. */
export interface ReadFile {
  source: TableSource;
  headers: string[];
  headerRow: number;
  profile: Profile;
  mapping: Mapping;
  records: RowRecord[];
  /** Data rows read (not empty), before rows of one handle were grouped. */
  dataRows: number;
  emptyRows: number;
}

/**
 * Reads the whole file into rows in Kontor's terms. Nothing touches the database here; a file
 * that cannot be read stops with a sentence naming the file and, where it applies, the row.
 */
export async function readImportFile(deps: ImportDeps, request: ImportRequest, control: ImportControl): Promise<ReadFile> {
  const source = await openTable(request.path, request.read, request.fileName);
  const context = await importContext(deps.db);
  let headers: string[] | null = null;
  let headerRow = 0;
  let mapping: Mapping | undefined = request.mapping;
  let profile: Profile = 'generic';
  let columns: ReturnType<typeof mappedColumns> = [];
  const records: RowRecord[] = [];
  let emptyRows = 0;
  let seen = 0;
  for await (const row of source.rows()) {
    seen++;
    if (seen % 2000 === 0) {
      control.signal?.throwIfAborted();
      control.progress?.(seen, 0, 'reading');
    }
    if (isEmptyRow(row.cells)) {
      if (headers !== null) emptyRows++;
      continue;
    }
    if (headers === null) {
      headers = headerTexts(row.cells);
      headerRow = row.rowNumber;
      const proposed = proposeMapping(headers, context);
      profile = proposed.profile;
      mapping ??= { columns: proposed.columns, options: proposedOptions(proposed.columns, context) };
      checkMappingFits(mapping, headers, request.fileName);
      columns = mappedColumns(mapping);
      if (!columns.some((c) => c.target.kind === 'simple' && (c.target.field === 'sku' || c.target.field === 'handle'))) {
        throw fileError('noSkuColumn', `No column of ${request.fileName} is mapped to the SKU; map the column that holds the article numbers to "SKU".`, { fileName: request.fileName });
      }
      continue;
    }
    records.push(interpretRow(row, columns, mapping as Mapping));
  }
  if (headers === null || mapping === undefined) {
    throw fileError('noRows', `${request.fileName}${source.info.sheet ? ` (sheet ${source.info.sheet})` : ''} holds no rows with values.`, { fileName: request.fileName, sheet: source.info.sheet ?? '' });
  }
  if (records.length === 0) {
    throw fileError('headerOnly', `${request.fileName}${source.info.sheet ? ` (sheet ${source.info.sheet})` : ''} has column headers in row ${headerRow} but no rows of products under them${emptyRows > 0 ? ` (${emptyRows} empty rows)` : ''}.`, {
      fileName: request.fileName,
      row: headerRow,
      emptyRows,
    });
  }
  return { source, headers, headerRow, profile, mapping, records: groupByHandle(records), dataRows: records.length, emptyRows };
}

/** New categories are named in the language of the file's first title column (a French sheet, French names). */
export function proposedOptions(columns: Mapping['columns'], context: { defaultCurrency: string; languages: readonly string[] }): Mapping['options'] {
  const title = columns.find((c) => c.target?.startsWith('title:'))?.target?.slice(6);
  return { defaultCurrency: context.defaultCurrency, defaultLanguage: title ?? context.languages[0] ?? 'en' };
}

function isEmptyRow(cells: readonly RawCell[]): boolean {
  for (const c of cells) if (typeof c !== 'string' || c.trim() !== '') return false;
  return true;
}

export function headerTexts(cells: readonly RawCell[]): string[] {
  return cells.map((c, i) => cellText(c).trim() || `Column ${i + 1}`);
}

function checkMappingFits(mapping: Mapping, headers: readonly string[], fileName: string): void {
  const differs = mapping.columns.length !== headers.length || mapping.columns.some((c, i) => c.header !== headers[i]);
  if (differs) {
    throw fileError('mappingMismatch', `The column mapping was made for other columns than those of ${fileName}; check the mapping again.`, { fileName });
  }
}

/**
 * Reads, checks and (unless it is a dry run or all-or-nothing found errors) writes an import in
 * one transaction. A cancel or any failure before COMMIT rolls everything back: the database is
 * exactly as it was.
 */
export async function runImport(deps: ImportDeps, request: ImportRequest, control: ImportControl = {}): Promise<ImportResult> {
  const started = performance.now();
  const file = await readImportFile(deps, request, control);
  control.progress?.(file.records.length, file.records.length, 'checking');
  const { sqlite } = deps;
  sqlite.exec(request.dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
  let committed = false;
  const media: WrittenMedia[] = [];
  try {
    const context = await importContext(deps.db);
    const plan = planImport(file.records, { sqlite, categories: await listCategories(deps.db), languages: context.languages, priceLists: context.priceListIds, inheritEmpty: file.profile !== 'kontor' });
    const counts = countPlan(plan, file);
    const refused = !request.dryRun && request.mode === 'all' && counts.errors > 0;
    const allIssues = plan.products.flatMap((p) => p.issues).concat(plan.issues).sort((a, b) => a.row - b.row);
    const reportName = allIssues.length > 0 && request.reportDir !== null ? `import-errors-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.xlsx` : null;
    let runId: number | null = null;
    let images: ImportImages | null = null;
    if (!request.dryRun && !refused) {
      runId = await writePlan(sqlite, plan, file, request, reportName, context.priceListIds, control);
      if (request.media) await attachLocalImages(sqlite, { ...request.media, runId, signal: control.signal, progress: control.progress }, media);
      images = runImages(sqlite, runId);
      // A cancel that arrived during the last synchronous steps is heard here, before COMMIT.
      await nextTurn();
      control.signal?.throwIfAborted();
      sqlite.exec('COMMIT');
      committed = true;
    }
    if (reportName !== null && request.reportDir !== null) {
      await writeErrorReport(`${request.reportDir}/${reportName}`, file, allIssues);
    }
    const skipped = plan.products.filter((p) => p.action === 'error' && p.record).map((p) => p.row);
    return {
      dryRun: request.dryRun,
      outcome: request.dryRun ? 'preview' : refused ? 'refused' : 'committed',
      runId,
      fileName: request.fileName,
      format: file.source.info.format,
      encoding: file.source.info.encoding,
      delimiter: file.source.info.delimiter,
      sheet: file.source.info.sheet,
      counts,
      preview: plan.products.filter((p) => p.record).slice(0, PREVIEW_ROWS).map((p) => previewRow(p, context.languages)),
      issues: allIssues.slice(0, ISSUES_RETURNED),
      issueCount: allIssues.length,
      skippedRows: request.mode === 'skipInvalid' ? [...new Set(skipped)].slice(0, 1000) : [],
      categoriesToCreate: plan.newCategories.map((c) => c.name),
      report: reportName,
      images,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    if (!committed && sqlite.inTransaction) sqlite.exec('ROLLBACK');
    if (!committed && media.length > 0) await discardMedia(sqlite, media);
  }
}

function countPlan(plan: ImportPlan, file: ReadFile): ImportCounts {
  const fromFile = plan.products.filter((p) => p.record);
  const errorRows = new Set(fromFile.filter((p) => p.action === 'error').map((p) => p.row));
  return {
    rows: file.dataRows,
    emptyRows: file.emptyRows,
    create: fromFile.filter((p) => p.action === 'create').length,
    update: plan.products.filter((p) => p.action === 'update').length,
    unchanged: fromFile.filter((p) => p.action === 'unchanged').length,
    errors: errorRows.size,
    categoriesToCreate: plan.newCategories.length,
    imageUrls: fromFile.filter((p) => p.action !== 'error').reduce((n, p) => n + (p.images?.length ?? 0), 0),
  };
}

function previewRow(p: PlannedProduct, languages: readonly string[]): PreviewRow {
  const texts = p.fields.texts;
  const title = texts[languages[0] ?? 'en']?.title ?? Object.values(texts)[0]?.title ?? null;
  const price = p.fields.prices[0];
  const tier = price?.tiers[0];
  return {
    row: p.row,
    action: p.action,
    sku: p.sku,
    kind: p.kind,
    parentSku: p.parentSku,
    title,
    status: p.fields.status,
    category: p.newCategory ?? (p.fields.categoryId === null ? null : String(p.fields.categoryId)),
    price: price && tier ? `${formatAmount(tier.amountMinor, price.currency)} ${price.currency}` : null,
    gtin: p.fields.gtin,
    options: p.optionValues ? Object.values(p.optionValues).join(' / ') : p.options.length > 0 ? p.options.map((o) => o.name).join(', ') : null,
  };
}

async function writePlan(
  sqlite: Database,
  plan: ImportPlan,
  file: ReadFile,
  request: ImportRequest,
  reportName: string | null,
  priceLists: ReadonlyMap<string, number>,
  control: ImportControl,
): Promise<number> {
  const now = new Date().toISOString();
  const writer = productWriter(sqlite, priceLists);
  const toWrite = plan.products.filter((p) => p.action === 'create' || p.action === 'update');
  const skipped = new Set(plan.products.filter((p) => p.action === 'error' && p.record).map((p) => p.row)).size;
  const categoryIds = new Map<string, number>();
  const insertCategory = sqlite.prepare('INSERT INTO category (parent_id, code, position, created_at, updated_at) VALUES (?, ?, (SELECT coalesce(max(position) + 1, 0) FROM category WHERE parent_id IS ?), ?, ?) RETURNING id');
  const insertName = sqlite.prepare('INSERT INTO category_name (category_id, language, name) VALUES (?, ?, ?)');
  const usedKeys = new Set(toWrite.flatMap((p) => (p.newCategory ? [p.newCategory] : [])));
  // A new category's ancestors are needed too.
  for (const c of [...plan.newCategories].reverse()) if (usedKeys.has(c.key) && c.parentKey) usedKeys.add(c.parentKey);
  const language = request.mapping?.options.defaultLanguage ?? file.mapping.options.defaultLanguage;
  for (const c of plan.newCategories) {
    if (!usedKeys.has(c.key)) continue;
    const parentId = c.parentKey ? (categoryIds.get(c.parentKey) ?? null) : c.parentId;
    const { id } = insertCategory.get(parentId, c.code, parentId, now, now) as { id: number };
    insertName.run(id, language, c.name);
    categoryIds.set(c.key, id);
  }
  const counts = countPlan(plan, file);
  const { id: runId } = sqlite
    .prepare('INSERT INTO import_run (file_name, format, mode, created, updated, unchanged, skipped, categories_created, report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id')
    .get(request.fileName, file.source.info.format, request.mode, counts.create, counts.update, counts.unchanged, skipped, JSON.stringify([...categoryIds.values()]), reportName, now) as { id: number };
  const recordChange = sqlite.prepare('INSERT INTO import_change (run_id, product_id, sku, action, before, revision_after) VALUES (?, ?, ?, ?, ?, ?)');
  // A source named again by a later import belongs to that import; unless it is attached, it is tried again.
  const insertImage = sqlite.prepare(
    `INSERT INTO product_image_source (product_id, position, source, status, import_run_id, row, created_at)
     VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM product_image_source WHERE product_id = ?), ?, 'pending', ?, ?, ?)
     ON CONFLICT (product_id, source) DO UPDATE SET import_run_id = excluded.import_run_id, row = excluded.row,
       status = CASE WHEN status = 'fetched' AND image_id IS NOT NULL THEN 'fetched' ELSE 'pending' END,
       attempts = CASE WHEN status = 'fetched' AND image_id IS NOT NULL THEN attempts ELSE 0 END,
       retry_at = NULL`,
  );
  const variantsOf = sqlite.prepare('SELECT id FROM product WHERE parent_id = ?').pluck();
  const ids = new Map<string, number>();
  const storedIds = new Map(plan.products.flatMap((p) => (p.stored ? [[p.sku.toUpperCase(), p.stored.id] as const] : [])));
  const touched: number[] = [];
  // Parents and simple products before variants, which need their parent's id.
  const ordered = [...toWrite].sort((a, b) => Number(a.kind === 'variant') - Number(b.kind === 'variant'));
  const catalogSize = sqlite.prepare('SELECT count(*) FROM product').pluck().get() as number;
  const bulk = worthBulk(ordered.length, catalogSize, request.bulkThreshold ?? BULK_THRESHOLD) ? bulkSortKeys(sqlite) : null;
  const audit = ordered.length >= (request.bulkAuditFrom ?? BULK_AUDIT_FROM) ? beginBulkAudit(sqlite, PRODUCT_WRITER_TABLES) : null;
  audit?.remember(ordered.flatMap((p) => (p.stored ? [p.stored.id] : [])));
  const created: number[] = [];
  for (let i = 0; i < ordered.length; i++) {
    if (i % WRITE_CHUNK === 0) {
      control.progress?.(i, ordered.length, 'writing');
      // Lets the worker receive a cancel between chunks; the transaction is still open.
      await nextTurn();
      control.signal?.throwIfAborted();
    }
    const p = ordered[i] as PlannedProduct;
    if (p.newCategory) p.fields.categoryId = categoryIds.get(p.newCategory) ?? null;
    const parentId = p.kind === 'variant' && p.parentSku ? (ids.get(p.parentSku.toUpperCase()) ?? p.stored?.parentId ?? storedIds.get(p.parentSku.toUpperCase()) ?? null) : null;
    let id: number;
    if (p.stored) {
      id = p.stored.id;
      writer.update(id, p.fields, p.optionValues, now, p.stored.fields);
      recordChange.run(runId, id, p.stored.sku, 'update', JSON.stringify({ fields: p.stored.fields, options: p.stored.options, optionValues: p.stored.optionValues }), p.stored.revision + 1);
      if (p.kind === 'parent') touched.push(...(variantsOf.all(id) as number[]));
    } else {
      id = writer.insert(p.fields, p.kind, parentId, p.optionValues, now);
      recordChange.run(runId, id, p.fields.sku, 'create', null, 1);
      created.push(id);
    }
    if (p.kind === 'parent') writer.setOptions(id, p.options);
    for (const source of p.images ?? []) insertImage.run(id, id, source, runId, p.row, now);
    ids.set(p.sku.toUpperCase(), id);
    touched.push(id);
  }
  if (audit) {
    control.progress?.(ordered.length, ordered.length, 'recording');
    audit.finish(created);
  }
  control.progress?.(ordered.length, ordered.length, 'indexing');
  reindexSync(sqlite, touched);
  bulk?.restore();
  return runId;
}

export type { ImportIssue };
