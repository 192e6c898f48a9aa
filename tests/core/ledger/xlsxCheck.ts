import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect } from 'vitest';

/**
 * Reads an exported workbook back and checks what every Kontor file promises: title block, frozen
 * header, autofilter, a notes sheet, and every formula's stored result equal to what the formula
 * computes from the cells it names (evaluated here, independently of the writer).
 */
export interface ReadBack {
  wb: ExcelJS.Workbook;
  /** Per sheet name: cell address → the formula and the cached value as written in the file's XML. */
  formulas: Map<string, Map<string, { formula: string; cached: string | null }>>;
  /** Per sheet name: column number → width, from the sheet XML. */
  widths: Map<string, Map<number, number>>;
}

/**
 * exceljs' reader drops a cached result of 0 (it tests the text for truthiness after parsing), so
 * the formulas and their cached values are read from the sheet XML itself.
 */
export async function readWorkbook(path: string): Promise<ReadBack> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const zip = await JSZip.loadAsync(readFileSync(path));
  const formulas = new Map<string, Map<string, { formula: string; cached: string | null }>>();
  const widths = new Map<string, Map<number, number>>();
  for (const sheet of wb.worksheets) {
    const xml = await zip.file(`xl/worksheets/sheet${sheet.id}.xml`)!.async('string');
    const cells = new Map<string, { formula: string; cached: string | null }>();
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>(.*?)<\/c>)/g)) {
      const f = /<f>(.*?)<\/f>/.exec(m[2] ?? '');
      if (!f) continue;
      const v = /<v>(.*?)<\/v>/.exec(m[2] ?? '');
      cells.set(m[1]!, { formula: f[1]!, cached: v ? v[1]! : null });
    }
    formulas.set(sheet.name, cells);
    const cols = new Map<number, number>();
    for (const m of xml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) {
      for (let c = Number(m[1]); c <= Number(m[2]); c++) cols.set(c, Number(m[3]));
    }
    widths.set(sheet.name, cols);
  }
  return { wb, formulas, widths };
}

type Sheet = ExcelJS.Worksheet;

let cachedOf: Map<string, { formula: string; cached: string | null }> = new Map();

function numberAt(sheet: Sheet, ref: string): number {
  const raw = cachedOf.get(ref);
  if (raw) return Number(raw.cached);
  const v = sheet.getCell(ref).value;
  if (v === null || v === undefined || v === '') return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && 'result' in v) return Number(v.result);
  throw new Error(`${ref} holds ${JSON.stringify(v)}, not a number`);
}

function isSubtotal(_sheet: Sheet, ref: string): boolean {
  return /^SUBTOTAL/.test(cachedOf.get(ref)?.formula ?? '');
}

/** The value of the formulas Kontor writes: SUBTOTAL(9,…), SUM(row range), +/− of cells, IF(x=0,0,a/b). */
export function evaluate(sheet: Sheet, formula: string): number {
  let m = /^SUBTOTAL\(9,([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(formula);
  if (m) {
    let sum = 0;
    for (let r = Number(m[2]); r <= Number(m[4]); r++) if (!isSubtotal(sheet, `${m[1]}${r}`)) sum += numberAt(sheet, `${m[1]}${r}`);
    return sum;
  }
  m = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(formula);
  if (m) {
    const from = sheet.getColumn(m[1]!).number;
    const to = sheet.getColumn(m[3]!).number;
    let sum = 0;
    for (let c = from; c <= to; c++) sum += numberAt(sheet, `${sheet.getColumn(c).letter}${m[2]}`);
    return sum;
  }
  m = /^IF\(([A-Z]+\d+)=0,0,([A-Z]+\d+)\/([A-Z]+\d+)\)$/.exec(formula);
  if (m) return numberAt(sheet, m[1]!) === 0 ? 0 : numberAt(sheet, m[2]!) / numberAt(sheet, m[3]!);
  if (/^[A-Z]+\d+([+-][A-Z]+\d+)*$/.test(formula)) {
    let total = 0;
    for (const part of formula.matchAll(/([+-]?)([A-Z]+\d+)/g)) total += (part[1] === '-' ? -1 : 1) * numberAt(sheet, part[2]!);
    return total;
  }
  throw new Error(`the test cannot evaluate ${formula}`);
}

export interface CheckedSheet {
  sheet: Sheet;
  headerRow: number;
  headers: string[];
  formulas: number;
  cells: Map<string, { formula: string; cached: string | null }>;
  /** Column header → letter. */
  col: (header: string) => string;
}

export function checkTable(read: ReadBack, name: string, expected: { title: string; company: string; period: string; currency: string }): CheckedSheet {
  const { wb } = read;
  const sheet = wb.getWorksheet(name);
  cachedOf = read.formulas.get(name)!;
  expect(sheet, `sheet ${name}`).toBeDefined();
  const s = sheet!;
  expect(s.getCell('A1').value).toBe(expected.title);
  expect(s.getCell('B2').value).toBe(expected.company);
  expect(s.getCell('B3').value).toBe(expected.period);
  expect(s.getCell('B4').value).toBeInstanceOf(Date);
  expect(s.getCell('B5').text).toContain(expected.currency);
  const headerRow = 7;
  expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
  const headers = (s.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const filter = s.autoFilter as unknown as string | { from: string; to: string };
  const filterText = typeof filter === 'string' ? filter : `${filter.from}:${filter.to}`;
  expect(filterText).toMatch(new RegExp(`^A${headerRow}:[A-Z]+${s.rowCount}$`));
  for (let c = 1; c <= headers.length; c++) expect(read.widths.get(name)!.get(c) ?? 0, `width of column ${c}`).toBeGreaterThan(5);
  let formulas = 0;
  for (const [address, { formula, cached }] of cachedOf) {
    formulas++;
    expect(cached, `result stored in ${address}`).toMatch(/^-?\d+(\.\d+)?(E-?\d+)?$/);
    expect(Number(cached), `${address} = ${formula}`).toBeCloseTo(evaluate(s, formula), 6);
  }
  expect(wb.getWorksheet('Notes')?.rowCount ?? 0).toBeGreaterThan(2);
  return { sheet: s, headerRow, headers, formulas, cells: cachedOf, col: (h) => s.getColumn(headers.indexOf(h) + 1).letter };
}

/** Every data row (under the header) as header → value. */
export function rowsOf(c: CheckedSheet): Record<string, unknown>[] {
  cachedOf = c.cells;
  const out: Record<string, unknown>[] = [];
  for (let r = c.headerRow + 1; r <= c.sheet.rowCount; r++) {
    const row: Record<string, unknown> = {};
    c.headers.forEach((h, i) => {
      const v = c.sheet.getRow(r).getCell(i + 1).value;
      const raw = cachedOf.get(`${c.sheet.getColumn(i + 1).letter}${r}`);
      row[h] = raw ? Number(raw.cached) : v;
    });
    out.push(row);
  }
  return out;
}
