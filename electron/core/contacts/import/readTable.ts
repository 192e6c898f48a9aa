import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { KontorError } from '../../../../shared/errors.ts';

/** A spreadsheet as text: its header row and data rows, every cell a string. */
export interface Table {
  headers: string[];
  rows: string[][];
}

/**
 * Text from a file of unknown encoding: a BOM decides (UTF-8, UTF-16 LE/BE, as Outlook writes
 * "Unicode" CSV); otherwise strict UTF-8, and Windows-1252 when that fails (Outlook's and Excel's
 * "CSV (comma delimited)" on a Western Windows).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function fileProblem(fileName: string, message: string, key: string): KontorError {
  return new KontorError('VALIDATION', `${fileName}: ${message}`, {
    issues: [{ path: 'file', key, message: `${fileName}: ${message}`, params: { file: fileName } }],
  });
}

/** Drops rows with no text at all (Excel's trailing blank lines) and pads short rows. */
function tidy(headers: string[], rows: string[][]): Table {
  const width = headers.length;
  return {
    headers: headers.map((h) => h.trim()),
    rows: rows.filter((r) => r.some((c) => c.trim() !== '')).map((r) => (r.length >= width ? r : [...r, ...Array<string>(width - r.length).fill('')])),
  };
}

export function readCsv(text: string, fileName: string): Table {
  // Papa guesses the delimiter (comma, semicolon from a German or French Excel, tab) from the first lines.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal !== undefined) {
    throw fileProblem(fileName, `row ${(fatal.row ?? 0) + 1} has a quote that is never closed: check that line in a text editor.`, 'contacts.import.csvQuotes');
  }
  const [headers, ...rows] = parsed.data;
  if (headers === undefined || headers.every((h) => h.trim() === '')) throw fileProblem(fileName, 'the file is empty: there is no header row.', 'contacts.import.empty');
  return tidy(headers, rows);
}

function cellText(cell: ExcelJS.Cell): string {
  // `text` renders rich text, hyperlinks and formula results as shown in Excel.
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cell.text ?? '';
}

export async function readXlsx(bytes: Uint8Array, fileName: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw fileProblem(
      fileName,
      `this is not an Excel workbook (.xlsx) that can be read (${error instanceof Error ? error.message : String(error)}). Save it again as .xlsx or CSV.`,
      'contacts.import.badXlsx',
    );
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined || sheet.rowCount === 0) throw fileProblem(fileName, 'the workbook has no rows.', 'contacts.import.empty');
  const width = sheet.columnCount;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  });
  const [headers, ...data] = rows;
  if (headers === undefined || headers.every((h) => h.trim() === '')) throw fileProblem(fileName, 'the first row holds no column headers.', 'contacts.import.empty');
  return tidy(headers, data);
}

export type FileKind = 'csv' | 'xlsx' | 'vcard';

export function fileKindOf(fileName: string, bytes: Uint8Array): FileKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.vcf') || lower.endsWith('.vcard')) return 'vcard';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  // No telling extension: a zip (PK) is a workbook, "BEGIN:VCARD" a vCard, anything else text.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (decodeText(bytes.subarray(0, 64)).trimStart().toUpperCase().startsWith('BEGIN:VCARD')) return 'vcard';
  if (lower.endsWith('.xls')) {
    throw fileProblem(fileName, 'old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV.', 'contacts.import.xls');
  }
  return 'csv';
}
