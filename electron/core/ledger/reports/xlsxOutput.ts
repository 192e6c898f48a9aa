import { createWriteStream, type WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { minorUnitsOf } from '../../../../shared/reference/currencies.ts';
import { columnLetter, type CellValue, type ColumnSpec, type Notes, type ReportOutput, type RowStyle, type TableMeta, type TableWriter } from './table.ts';

/** Rows of the title block above the header row. */
const TITLE_ROWS = 6;

function moneyFormat(currency: string): string {
  const digits = minorUnitsOf(currency) ?? 2;
  const n = digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
  return `${n};[Red]-${n}`;
}

const FORMATS: Record<Exclude<ColumnSpec['kind'], 'money'>, string | undefined> = {
  text: undefined,
  date: 'yyyy-mm-dd',
  integer: '0',
  quantity: '#,##0.###',
  percent: '0.00%',
};

/** 'YYYY-MM-DD' → a UTC Date, which exceljs writes as that day (exceljs #486). */
export function excelDate(day: string): Date {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))));
}

/**
 * Excel output through exceljs' streaming writer: rows are written and forgotten as they come, no
 * shared strings (their table grows with every distinct text), styles through column defaults so
 * a row costs no style lookups. Memory stays flat however many lines the ledger has.
 */
export async function openXlsxOutput(
  path: string,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<ReportOutput & { pendingBytes(): number | null }> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  workbook.creator = 'Kontor';
  const sheets: ExcelJS.Worksheet[] = [];
  let lastProgress = 0;

  return {
    table(sheetName, columns, meta) {
      const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: TITLE_ROWS + 1, activeCell: `A${TITLE_ROWS + 2}` }] });
      sheets.push(sheet);
      return new XlsxTable(sheet, columns, meta);
    },
    notes(notes) {
      writeNotes(workbook, notes);
    },
    /** Sheet XML waiting for deflate (see deflateCaughtUp); null when exceljs' internals are not there. */
    pendingBytes() {
      const current = sheets.at(-1);
      return current ? (pipeOf(current)?._writableState?.length ?? null) : null;
    },
    async tick(done, total) {
      options.signal?.throwIfAborted();
      const now = Date.now();
      if (now - lastProgress > 100) {
        lastProgress = now;
        options.onProgress?.(done, total);
      }
      const current = sheets.at(-1);
      if (current) await deflateCaughtUp(current);
      await drained(stream);
    },
    async finish() {
      for (const s of sheets) finishTable(s);
      await workbook.commit();
      await new Promise<void>((resolve, reject) => {
        if (stream.closed) resolve();
        else stream.once('close', resolve).once('error', reject);
      });
    },
  };
}

/** Uncompressed sheet XML allowed to wait for deflate before the writer pauses. */
export const PENDING_LIMIT = 4 * 2 ** 20;

interface PendingStream {
  _writableState?: { length: number };
  once(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

/**
 * exceljs writes each committed row into the sheet's stream and ignores write()'s answer, so
 * whatever deflate has not taken yet waits in the PassThrough that archiver reads from: with a
 * million rows that is the whole uncompressed sheet (hundreds of MB). Waiting here while more than
 * PENDING_LIMIT is queued keeps memory flat. Internals of exceljs 4.4 (StreamBuf.pipes); when they
 * are not there, this waits for nothing and the export still works.
 */
function pipeOf(sheet: ExcelJS.Worksheet): PendingStream | undefined {
  return (sheet as unknown as { _stream?: { pipes?: PendingStream[] } })._stream?.pipes?.[0];
}

async function deflateCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipe = pipeOf(sheet);
  while (pipe?._writableState && pipe._writableState.length > PENDING_LIMIT) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        pipe.off('drain', done);
        resolve();
      };
      // 'drain' comes once the queue empties; the timer re-checks in case it came already.
      const timer = setTimeout(done, 50);
      pipe.once('drain', done);
    });
  }
}

/** Gives zlib and the file a turn, and waits while the file has more buffered than it wants. */
async function drained(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (stream.writableNeedDrain) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

const autoFilterRanges = new WeakMap<ExcelJS.Worksheet, () => string>();

function finishTable(sheet: ExcelJS.Worksheet): void {
  const range = autoFilterRanges.get(sheet);
  if (range) sheet.autoFilter = range();
  sheet.commit();
}

class XlsxTable implements TableWriter {
  readonly firstDataRow = TITLE_ROWS + 2;
  private row = this.firstDataRow;
  private readonly letters: Map<string, string>;
  private readonly divisor: number;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly columns: readonly ColumnSpec[];

  constructor(sheet: ExcelJS.Worksheet, columns: readonly ColumnSpec[], meta: TableMeta) {
    this.sheet = sheet;
    this.columns = columns;
    this.letters = new Map(columns.map((c, i) => [c.key, columnLetter(i)]));
    this.divisor = 10 ** (minorUnitsOf(meta.currency) ?? 2);
    const money = moneyFormat(meta.currency);
    sheet.columns = columns.map((c) => {
      const numFmt = c.kind === 'money' ? money : FORMATS[c.kind];
      // exceljs leaves out a column whose width is its own default (9) and has no style.
      return { key: c.key, width: c.width === 9 ? 10 : c.width, ...(numFmt ? { style: { numFmt } } : {}) };
    });
    const title = sheet.getRow(1);
    title.getCell(1).value = meta.title;
    title.getCell(1).font = { bold: true, size: 14 };
    title.commit();
    this.label(2, 'Company', meta.company);
    this.label(3, 'Period', `${meta.from} – ${meta.to}`);
    const generated = sheet.getRow(4);
    generated.getCell(1).value = 'Generated at';
    generated.getCell(2).value = meta.generatedAt;
    generated.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss "UTC"';
    generated.getCell(2).alignment = { horizontal: 'left' };
    generated.commit();
    this.label(5, 'Amounts in', meta.currency + (meta.remarks?.length ? ` · ${meta.remarks.join(' · ')}` : ''));
    const header = sheet.getRow(TITLE_ROWS + 1);
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
      cell.border = { bottom: { style: 'thin' } };
      cell.numFmt = '@';
      if (c.kind !== 'text' && c.kind !== 'date') cell.alignment = { horizontal: 'right' };
    });
    header.commit();
    const lastCol = columnLetter(columns.length - 1);
    autoFilterRanges.set(sheet, () => `A${TITLE_ROWS + 1}:${lastCol}${Math.max(TITLE_ROWS + 1, this.row - 1)}`);
  }

  get nextRow(): number {
    return this.row;
  }

  col(key: string): string {
    const letter = this.letters.get(key);
    if (!letter) throw new Error(`report: no column "${key}"`);
    return letter;
  }

  addRow(cells: Readonly<Record<string, CellValue>>, style: RowStyle = 'line'): number {
    const values: unknown[] = [];
    this.columns.forEach((c, i) => {
      const v = cells[c.key];
      values[i] = v === undefined || v === null ? null : this.convert(c, v);
    });
    const r = this.sheet.addRow(values);
    if (style !== 'line') r.font = { bold: style !== 'opening', italic: style === 'opening' };
    r.commit();
    return this.row++;
  }

  private convert(c: ColumnSpec, v: CellValue): unknown {
    if (typeof v === 'object' && v !== null) return { formula: v.formula, result: this.scale(c, v.result) };
    if (c.kind === 'date' && typeof v === 'string') return excelDate(v);
    if (typeof v === 'number') return this.scale(c, v);
    return v;
  }

  private scale(c: ColumnSpec, n: number): number {
    if (c.kind === 'money') return n / this.divisor;
    if (c.kind === 'quantity') return n / 1000;
    if (c.kind === 'percent') return n / 10_000;
    return n;
  }

  private label(row: number, label: string, value: string): void {
    const r = this.sheet.getRow(row);
    r.getCell(1).value = label;
    r.getCell(2).value = value;
    r.commit();
  }
}

function writeNotes(workbook: ExcelJS.stream.xlsx.WorkbookWriter, notes: Notes): void {
  const sheet = workbook.addWorksheet('Notes');
  sheet.columns = [
    { key: 'term', width: 28 },
    { key: 'meaning', width: 110, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  const head = sheet.addRow(['Column', 'What it means']);
  head.font = { bold: true };
  head.commit();
  for (const [term, meaning] of notes.entries) sheet.addRow([term, meaning]).commit();
  sheet.commit();
}
