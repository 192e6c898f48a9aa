import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';

export type Cell = string | number | boolean | Date | null | { formula: string; result?: number | string };

/** RFC 4180 CSV: fields with the delimiter, quotes or line breaks are quoted. */
export function csvText(rows: readonly (readonly (string | number | null)[])[], delimiter = ','): string {
  const quote = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

export function writeCsv(dir: string, name: string, rows: readonly (readonly (string | number | null)[])[], options: { delimiter?: string; encoding?: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' } = {}): string {
  const text = csvText(rows, options.delimiter ?? ',');
  const path = join(dir, name);
  writeFileSync(path, encode(text, options.encoding ?? 'utf-8'));
  return path;
}

export function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252'): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.alloc(le.length);
      for (let i = 0; i < le.length; i += 2) {
        be[i] = le[i + 1] ?? 0;
        be[i + 1] = le[i] ?? 0;
      }
      return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    }
    case 'windows-1252':
      // Latin-1 covers what these fixtures use (é, ü, ß); the euro sign is 0x80 in Windows-1252.
      return Buffer.from(text.replaceAll('€', '\u0080'), 'latin1');
  }
}

export async function writeXlsx(
  dir: string,
  name: string,
  sheets: Record<string, readonly (readonly Cell[])[]>,
  decorate?: (workbook: ExcelJS.Workbook) => void,
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(sheetName);
    for (const row of rows) sheet.addRow(row);
  }
  decorate?.(workbook);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

/**
 * A hash of every user table's rows (in primary-key order) and of the triggers: equal before and after means the
 * database holds exactly what it held. The job table is left out: the runner writes it.
 */
export function contentHash(sqlite: Database): string {
  const hash = createHash('sha256');
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'product_search%' AND name <> 'job' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    hash.update(table);
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  // Triggers too: large imports drop and remake some inside their transaction (sort keys, audit).
  for (const sql of sqlite.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").pluck().iterate()) hash.update(String(sql));
  // The contentless search index has no readable rows; its row count still shows a partial write.
  hash.update(String(sqlite.prepare('SELECT count(*) FROM product_search_docsize').pluck().get()));
  return hash.digest('hex');
}
