import type { CsvEncoding, SpreadsheetFormat } from './types.ts';
import { fileError } from '../errors.ts';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * XLSX or CSV, judged by the first bytes and never by the file name (a ".csv" saved by Excel as a
 * workbook is a workbook). Refuses, with a sentence a person can act on, what is neither.
 */
export function sniffFormat(head: Uint8Array, fileName: string): SpreadsheetFormat {
  if (head.length === 0) throw fileError('empty', `${fileName} is empty (0 bytes).`, { fileName });
  if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) return 'xlsx';
  if (startsWith(head, OLE2)) {
    throw fileError('legacyXls', `${fileName} is an old Excel 97–2003 (.xls) workbook; open it in Excel or LibreOffice and save it as .xlsx or CSV.`, { fileName });
  }
  if (looksBinary(head)) {
    throw fileError('notSpreadsheet', `${fileName} is not a spreadsheet: it is neither an XLSX workbook nor a CSV or TSV text file.`, { fileName });
  }
  return 'csv';
}

/** NUL bytes outside a UTF-16 pattern, or many control characters: an image, a PDF, an archive. */
function looksBinary(head: Uint8Array): boolean {
  if (utf16Order(head) !== null) return false;
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > sample.length * 0.01;
}

/** UTF-16 without a BOM: ASCII text has a NUL in every other byte, on the odd or even side. */
function utf16Order(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length - (head.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** The BOM's length for the encoding, when the file starts with one. */
export function bomLength(head: Uint8Array, encoding: CsvEncoding): number {
  if (encoding === 'utf-8') return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (encoding === 'utf-16le') return head[0] === 0xff && head[1] === 0xfe ? 2 : 0;
  if (encoding === 'utf-16be') return head[0] === 0xfe && head[1] === 0xff ? 2 : 0;
  return 0;
}

/**
 * A BOM decides; else the UTF-16 NUL pattern; else UTF-8 when the sample decodes strictly as UTF-8
 * (a Windows-1252 "é" is one byte that is never valid UTF-8 on its own); else Windows-1252, the
 * encoding Excel on Windows writes for "CSV" in Western Europe. The sample may end mid-character,
 * so only the last three bytes are allowed to be incomplete.
 */
export function detectEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  const utf16 = utf16Order(head);
  if (utf16) return utf16;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    // Not UTF-8 by construction: the decoder refused a byte sequence. Windows-1252 decodes any byte.
    return 'windows-1252';
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter that splits the first lines into the same, largest number of fields (quotes
 * respected): ";" for a French or German Excel export, "," for Shopify, tab for TSV.
 */
export function detectDelimiter(sample: string): string {
  const lines = firstRecords(sample, 10);
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = first * consistent;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Up to `n` records, a quoted line break kept inside its record. */
function firstRecords(sample: string, n: number): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < sample.length && out.length < n; i++) {
    const c = sample[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      out.push(sample.slice(start, i));
      start = i + 1;
    }
  }
  if (out.length < n && start < sample.length && !quoted) out.push(sample.slice(start));
  return out.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, d: string): number {
  let quoted = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}
