import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import ExcelJS from 'exceljs';
import type { ImportIssue } from '../../../shared/imports/result.ts';
import type { Mapping } from '../../../shared/imports/targets.ts';
import type { RowRecord } from './interpret.ts';

/** Row-level problems name a field rather than a header; these find the column it was read from. */
const LABEL_TARGETS: Record<string, (target: string) => boolean> = {
  SKU: (t) => t === 'sku',
  Parent: (t) => t === 'parentSku' || t === 'handle',
  GTIN: (t) => t === 'gtin',
  Title: (t) => t.startsWith('title:'),
  'Option1 name': (t) => /^option\dName$/.test(t),
  'Option1 value': (t) => /^option\dValue$/.test(t),
};

const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };

/**
 * The rejected rows as they were in the file (every original value, in the original columns),
 * with an "Errors" column saying what is wrong and the cells at fault filled red. Fix them in
 * this file and import it again: its headers are the original ones.
 */
export async function writeErrorReport(
  path: string,
  file: { headers: string[]; mapping: Mapping; records: readonly RowRecord[] },
  issues: readonly ImportIssue[],
): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const sheet = workbook.addWorksheet('Rejected rows', { views: [{ state: 'frozen', ySplit: 1 }] });
  const errorsColumn = file.headers.length + 2;
  const header = sheet.addRow(['Row', ...file.headers, 'Errors']);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  header.commit();
  const byRow = new Map<number, ImportIssue[]>();
  for (const issue of issues) {
    const list = byRow.get(issue.row);
    if (list) list.push(issue);
    else byRow.set(issue.row, [issue]);
  }
  const recordOf = new Map<number, RowRecord>();
  for (const r of file.records) if (!recordOf.has(r.row)) recordOf.set(r.row, r);
  for (const [rowNumber, rowIssues] of [...byRow.entries()].sort(([a], [b]) => a - b)) {
    const record = recordOf.get(rowNumber);
    const values = file.headers.map((_, i) => {
      const cell = record?.cells[i];
      if (cell === undefined) return null;
      if (typeof cell === 'string') return cell;
      return 'date' in cell ? cell.date : cell.error;
    });
    const row = sheet.addRow([rowNumber, ...values, rowIssues.map((i) => `${i.column}: ${i.message}`).join('\n')]);
    row.getCell(errorsColumn).alignment = { wrapText: true, vertical: 'top' };
    for (const issue of rowIssues) {
      for (const index of columnsOf(issue.column, file)) row.getCell(index + 2).fill = BAD_FILL;
    }
    row.commit();
  }
  sheet.getColumn(errorsColumn).width = 80;
  await workbook.commit();
}

function columnsOf(column: string, file: { headers: string[]; mapping: Mapping }): number[] {
  const direct = file.headers.flatMap((h, i) => (h === column ? [i] : []));
  if (direct.length > 0) return direct;
  const byLabel = LABEL_TARGETS[column];
  const own = /^(title|description)_([a-z]{2,3})$/.exec(column);
  return file.mapping.columns.flatMap((c, i) => {
    if (c.target === null) return [];
    if (byLabel?.(c.target)) return [i];
    if (own && c.target === `${own[1]}:${own[2]}`) return [i];
    return [];
  });
}
