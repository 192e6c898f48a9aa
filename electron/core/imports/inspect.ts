import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { InspectResult, ImportTemplate } from '../../../shared/contract/imports.ts';
import { proposeMapping } from '../../../shared/imports/headers.ts';
import { IMPORT_LENGTH_UNITS, IMPORT_WEIGHT_UNITS, SIMPLE_TARGETS, type Mapping } from '../../../shared/imports/targets.ts';
import type { KontorSchema } from '../db/schema.ts';
import { importContext } from './context.ts';
import { fileError } from './errors.ts';
import { openTable } from './read/openTable.ts';
import { cellText, type TableReadOptions } from './read/types.ts';
import { headerTexts, proposedOptions } from './runImport.ts';
import { listTemplates } from './templates.ts';

const SAMPLE_ROWS = 10;

/**
 * What the wizard's mapping step shows: the detected format, the header and the first rows, and a
 * mapping (Kontor's proposal, or a saved template applied to these headers). Reads only the top
 * of the file.
 */
export async function inspectFile(
  deps: { db: Kysely<KontorSchema>; sqlite: Database },
  input: { path: string; fileId: string; fileName: string; read: TableReadOptions; template?: string | undefined },
): Promise<InspectResult> {
  const source = await openTable(input.path, input.read, input.fileName);
  const context = await importContext(deps.db);
  let headers: string[] | null = null;
  let headerRow = 0;
  const sample: string[][] = [];
  for await (const row of source.rows()) {
    if (row.cells.every((c) => cellText(c).trim() === '')) continue;
    if (headers === null) {
      headers = headerTexts(row.cells);
      headerRow = row.rowNumber;
      continue;
    }
    sample.push(headers.map((_, i) => cellText(row.cells[i])));
    if (sample.length >= SAMPLE_ROWS) break;
  }
  if (headers === null) throw fileError('noRows', `${input.fileName} holds no rows with values.`, { fileName: input.fileName, sheet: source.info.sheet ?? '' });
  const proposed = proposeMapping(headers, context);
  const templates = listTemplates(deps.sqlite);
  let mapping: Mapping = { columns: proposed.columns, options: proposedOptions(proposed.columns, context) };
  if (input.template !== undefined) {
    const template = templates.find((t) => t.name.toLowerCase() === input.template?.toLowerCase());
    if (!template) throw fileError('templateNotFound', `There is no saved mapping named "${input.template}".`, { name: input.template });
    mapping = applyTemplate(template, headers);
  }
  return {
    fileId: input.fileId,
    fileName: input.fileName,
    format: source.info.format,
    encoding: source.info.encoding,
    delimiter: source.info.delimiter,
    sheets: source.info.sheets,
    sheet: source.info.sheet,
    headerRow,
    headers,
    sampleRows: sample,
    profile: proposed.profile,
    mapping,
    targets: targetsFor(deps.sqlite, context),
    matchingTemplates: templates.filter((t) => t.columns.every((c) => headers.includes(c.header))).map((t) => t.name),
  };
}

/** A template's targets by header; a header the template does not know is left unmapped. */
export function applyTemplate(template: ImportTemplate, headers: readonly string[]): Mapping {
  const byHeader = new Map(template.columns.map((c) => [c.header, c.target]));
  return { columns: headers.map((header) => ({ header, target: byHeader.get(header) ?? null })), options: template.options };
}

/** Every target this catalog offers, for the mapping selects. */
function targetsFor(sqlite: Database, context: Awaited<ReturnType<typeof importContext>>): string[] {
  const currencies = new Set([context.defaultCurrency, ...(sqlite.prepare('SELECT DISTINCT currency FROM product_price').pluck().all() as string[])]);
  const attributes = sqlite.prepare('SELECT DISTINCT code FROM category_attribute ORDER BY code').pluck().all() as string[];
  return [
    ...SIMPLE_TARGETS,
    ...context.languages.flatMap((l) => [`title:${l}`, `description:${l}`]),
    ...context.priceLists.flatMap((list) => [`price:${list}`, ...[...currencies].map((c) => `price:${list}:${c}`)]),
    ...context.priceLists.map((list) => `moq:${list}`),
    ...['netWeight', 'grossWeight'].flatMap((f) => IMPORT_WEIGHT_UNITS.map((u) => `${f}:${u}`)),
    ...['length', 'width', 'height'].flatMap((f) => IMPORT_LENGTH_UNITS.map((u) => `${f}:${u}`)),
    ...attributes.map((a) => `attribute:${a}`),
  ];
}
