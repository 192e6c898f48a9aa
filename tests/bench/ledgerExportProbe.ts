/**
 * One export in a fresh process, so its peak RSS is its own: prints {ms, maxRssMiB, rows} as JSON.
 *
 *   node tests/bench/ledgerExportProbe.ts <mode> <dataDir> <outFile>
 *
 * kontor-gl     Kontor's general ledger export (runExport, xlsx)
 * bare-gl       exceljs' streaming writer writing the same rows and columns, read with one bare
 *               query in the same order: no opening rows, running balance, totals or notes
 * kontor-datev  Kontor's DATEV export of the same lines
 * bare-text     the same lines written as ';'-separated Latin-1 text with a plain write stream
 */
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { runExport } from '../../electron/core/ledger/exports/runExport.ts';
import { GENERAL_LEDGER_COLUMNS } from '../../electron/core/ledger/reports/generalLedger.ts';
import { excelDate } from '../../electron/core/ledger/reports/xlsxOutput.ts';

const [mode, dataDir, out] = process.argv.slice(2) as [string, string, string];
const FROM = '2025-01-01';
const TO = '2025-12-31';
const LINES = `SELECT l.account_code, a.name, e.entry_date, e.journal, e.number, e.reference, e.description, l.party_name, l.debit_minor, l.credit_minor
  FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id JOIN ledger_account a ON a.code = l.account_code
  WHERE e.status = 'posted' AND e.entry_date BETWEEN ? AND ? ORDER BY l.account_code, e.entry_date, e.journal, e.number, l.id`;

rmSync(out, { force: true });
const sqlite = new Sqlite(join(dataDir, 'kontor.sqlite'), { readonly: true, fileMustExist: true });
const started = performance.now();
let rows = 0;

if (mode === 'kontor-gl' || mode === 'kontor-datev') {
  const result = await runExport(sqlite, { report: mode === 'kontor-gl' ? 'general-ledger' : 'journal', format: mode === 'kontor-gl' ? 'xlsx' : 'datev', from: FROM, to: TO, outPath: out }, { dataDir });
  rows = result.rows;
} else if (mode === 'bare-gl') {
  const stream = createWriteStream(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('General ledger', { views: [{ state: 'frozen', ySplit: 7 }] });
  sheet.columns = GENERAL_LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width, ...(c.kind === 'money' ? { style: { numFmt: '#,##0.00;[Red]-#,##0.00' } } : c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
  let balance = 0;
  let account = '';
  for (const r of sqlite.prepare(LINES).raw().iterate(FROM, TO) as IterableIterator<[string, string, string, string, number, string, string, string, number, number]>) {
    if (r[0] !== account) {
      account = r[0];
      balance = 0;
    }
    balance += r[8] - r[9];
    sheet.addRow([r[0], r[1], excelDate(r[2]), r[3], r[4], r[5], r[6], r[7], r[8] ? r[8] / 100 : null, r[9] ? r[9] / 100 : null, balance / 100]).commit();
    if (++rows % 2000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
} else if (mode === 'bare-text') {
  const stream = createWriteStream(out);
  for (const r of sqlite.prepare(LINES.replace('ORDER BY l.account_code, e.entry_date', 'ORDER BY e.entry_date')).raw().iterate(FROM, TO) as IterableIterator<unknown[]>) {
    if (!stream.write(Buffer.from(`${r.join(';')}\r\n`, 'latin1'))) await new Promise<void>((resolve) => stream.once('drain', resolve));
    rows++;
  }
  await new Promise<void>((resolve) => stream.end(resolve));
} else {
  throw new Error(`unknown mode ${mode}`);
}

const ms = performance.now() - started;
sqlite.close();
console.log(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, rows }));
