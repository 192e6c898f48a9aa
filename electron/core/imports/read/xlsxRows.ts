import { createReadStream, type ReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { damagedXlsxError, fileError } from '../errors.ts';
import { worksheetNames } from './workbookSheets.ts';
import { checkZip } from './zipCheck.ts';
import type { RawCell, SheetRow, TableReadOptions, TableSource } from './types.ts';

type WorksheetReader = AsyncIterable<ExcelJS.Row> & { name: string };
type WorkbookReader = AsyncIterable<WorksheetReader> & {
  model?: { sheets?: { name: string }[] };
  /** With `entries: 'emit'`: each part the reader starts on ('workbook', 'shared-strings', 'styles', 'worksheet'). */
  on(event: 'entry', listener: (entry: { type: string }) => void): unknown;
};

function readerFor(stream: ReadStream): WorkbookReader {
  // styles 'cache': a date is only told apart from a number by its cell format.
  return new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  }) as unknown as WorkbookReader;
}

/** exceljs reports damage as whatever its unzip or XML layer threw; the person needs one sentence. */
function damaged(fileName: string, error: unknown): Error {
  if (error instanceof Error && error.name === 'KontorError') return error;
  return damagedXlsxError(fileName, error instanceof Error ? error.message : String(error));
}

/**
 * XLSX through exceljs's streaming WorkbookReader: rows arrive one by one, so a 100,000-row sheet
 * never sits in memory as a workbook. The sheet names come from the workbook part itself
 * (workbookSheets.ts), without a pass of the reader.
 */
export async function openXlsx(path: string, fileName: string, options: TableReadOptions): Promise<TableSource> {
  const entries = await checkZip(path, fileName);
  // A ZIP64 archive's table of contents is not read by checkZip: the reader names the sheets then.
  const sheets = entries ? await worksheetNames(path, fileName, entries) : await sheetNames(path, fileName);
  if (sheets.length === 0) throw fileError('noSheets', `${fileName} is a ZIP file but not an XLSX workbook with sheets.`, { fileName });
  const sheet = options.sheet ?? sheets[0] ?? '';
  if (!sheets.includes(sheet)) {
    throw fileError('sheetNotFound', `${fileName} has no sheet named "${sheet}"; its sheets are ${sheets.join(', ')}.`, { fileName, sheet, sheets: sheets.join(', ') });
  }
  return {
    info: { format: 'xlsx', encoding: null, delimiter: null, sheets, sheet },
    rows: () => xlsxRows(path, fileName, sheet, entries ? new Set(entries.map((e) => e.name)) : null),
  };
}

/**
 * The last guard against a damaged file that checkZip could not see (corrupt compressed data):
 * once every byte of the file has been read, the reader must hand out something within
 * STALL_MS, or it is waiting for data that will never come.
 */
const STALL_MS = 10_000;

async function* guarded<T>(source: AsyncIterable<T>, file: ReadStream, fileName: string): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  // Only the wait for the reader counts, not the time the caller spends on a row. One timer for
  // the whole read: one per row cost about half a second on a 100,000-row sheet.
  let waiting: { since: number; stall(error: Error): void } | null = null;
  const timer = setInterval(() => {
    if (waiting && file.readableEnded && Date.now() - waiting.since > STALL_MS) waiting.stall(damaged(fileName, new Error('the reader stopped before the end of the workbook')));
  }, 250);
  try {
    for (;;) {
      const step = await new Promise<IteratorResult<T>>((resolve, reject) => {
        waiting = { since: Date.now(), stall: reject };
        iterator.next().then(resolve, reject);
      });
      waiting = null;
      if (step.done) return;
      yield step.value;
    }
  } finally {
    clearInterval(timer);
  }
}

/**
 * unzipper 0.10, under exceljs's reader, announces the end of the archive when it has parsed the
 * last bytes, not when its reader has taken the last entries: entries still waiting behind a slow
 * step (a sheet copied to a temporary file, the shared strings) are dropped. Workbooks written by
 * exceljs, Kontor's own exports among them, keep xl/workbook.xml last; losing it, exceljs fails
 * with "Cannot read properties of undefined (reading 'sheets')" (exceljs#3064), here about one
 * read in a hundred on a loaded machine. A lost entry is always noticed before the sheet's first
 * row (the sheet needs the workbook part, a lost sheet is not found, the shared strings are checked
 * for), so such a read is simply tried again; a damaged file fails the same way each time and is
 * not retried.
 */
class LostEntries extends Error {}

const ATTEMPTS = 4;

function lostEntries(error: unknown): boolean {
  return error instanceof LostEntries || (error instanceof TypeError && error.message.includes("reading 'sheets'"));
}

async function* withAttempts<T>(fileName: string, read: () => AsyncGenerator<T>): AsyncGenerator<T> {
  for (let attempt = 1; ; attempt++) {
    let handedOut = false;
    try {
      for await (const item of read()) {
        handedOut = true;
        yield item;
      }
      return;
    } catch (error) {
      if (handedOut || attempt === ATTEMPTS || !lostEntries(error)) throw damaged(fileName, error);
    }
  }
}

async function sheetNames(path: string, fileName: string): Promise<string[]> {
  const attempts = withAttempts(fileName, async function* () {
    const stream = createReadStream(path);
    try {
      const reader = readerFor(stream);
      // The workbook part is read before the first sheet is handed out.
      for await (const _first of guarded(reader, stream, fileName)) {
        if (!reader.model) throw new LostEntries('the workbook part was lost');
        yield reader.model.sheets?.map((s) => s.name) ?? [];
        return;
      }
    } finally {
      stream.destroy();
    }
  });
  for await (const names of attempts) return names;
  return [];
}

function xlsxRows(path: string, fileName: string, sheet: string, parts: ReadonlySet<string> | null): AsyncGenerator<SheetRow> {
  return withAttempts(fileName, () => sheetRows(path, fileName, sheet, parts));
}

/**
 * The shared strings, when the archive has them, must have been read before a sheet's rows mean
 * anything: without them every text cell reads as {"sharedString": n}, garbage rather than an
 * error. The reader only reads a sheet directly after the shared strings, or else after its whole
 * pass over the archive, so a part it never saw was lost. (The styles are not checked this way: a
 * workbook may legitimately keep them after a sheet that is read directly.)
 */
const SHARED_STRINGS = 'xl/sharedStrings.xml';

async function* sheetRows(path: string, fileName: string, sheet: string, parts: ReadonlySet<string> | null): AsyncGenerator<SheetRow> {
  const stream = createReadStream(path);
  try {
    const reader = readerFor(stream);
    const seen = new Set<string>();
    reader.on('entry', (entry) => seen.add(entry.type));
    for await (const worksheet of guarded(reader, stream, fileName)) {
      if (worksheet.name !== sheet) continue;
      if (parts?.has(SHARED_STRINGS) && !seen.has('shared-strings')) throw new LostEntries(`the part ${SHARED_STRINGS} was lost`);
      for await (const row of guarded(worksheet, stream, fileName)) {
        const values = row.values as unknown[];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
        yield { rowNumber: row.number, cells };
      }
      return;
    }
  } finally {
    stream.destroy();
  }
  // The workbook part names this sheet (openXlsx checked): its part went missing on the way.
  throw new LostEntries(`the sheet ${sheet} was lost`);
}

/** Excel keeps 15 significant digits; beyond that a binary float shows noise (12.499999999999998). */
function numberText(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}

function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** One exceljs cell value as the import's cell: text, a date, or an error value. */
export function toCell(value: unknown): RawCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { error: '#DATE' } : { date: isoDate(value) };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const formula = typeof v.formula === 'string' ? v.formula : typeof v.sharedFormula === 'string' ? v.sharedFormula : '';
      if (v.result === undefined || v.result === null) return { error: `=${formula}` };
      if (typeof v.result === 'object' && v.result !== null && 'error' in v.result) return { error: String((v.result).error) };
      return toCell(v.result);
    }
    if ('error' in v) return { error: String(v.error) };
    if ('hyperlink' in v) return toCell(v.text ?? v.hyperlink);
    if ('text' in v) return toCell(v.text);
    // Only when the shared strings were not read (see SHARED_STRINGS): never a value to import.
    if ('sharedString' in v) throw new LostEntries('a cell points into shared strings that were not read');
    // An exceljs value kind not listed above: keep what JSON shows rather than "[object Object]".
    return JSON.stringify(value);
  }
  return typeof value === 'bigint' ? value.toString() : '';
}
