import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { openTable } from '../../../../electron/core/imports/read/openTable.ts';
import { writeXlsx } from '../../../support/importFixtures.ts';

/**
 * unzipper, under exceljs's reader, may drop the archive's last entries (exceljs#3064); in
 * workbooks written by exceljs that is xl/workbook.xml. Here the loss is made to happen on purpose
 * by letting exceljs skip the workbook part on its first reads.
 */
type ReaderPrototype = {
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
};
const prototype = (ExcelJS.stream.xlsx.WorkbookReader as unknown as { prototype: ReaderPrototype }).prototype;

function loseWorkbookPart(times: number): { lost: () => number } {
  const parse = prototype._parseWorkbook;
  let lost = 0;
  vi.spyOn(prototype, '_parseWorkbook').mockImplementation(async function (this: ReaderPrototype, entry) {
    if (lost < times) {
      lost++;
      // As unzipper does when it ends early: the entry is never read, the model never set.
      (entry as unknown as { autodrain(): void }).autodrain();
      return;
    }
    return parse.call(this, entry);
  });
  return { lost: () => lost };
}

/** The shared strings dropped on the first reads: without the check, every text cell would read as {"sharedString": n}. */
function loseSharedStrings(times: number): { lost: () => number } {
  const parse = prototype._parseSharedStrings;
  let lost = 0;
  vi.spyOn(prototype, '_parseSharedStrings').mockImplementation(function (this: ReaderPrototype, entry) {
    if (lost < times) {
      lost++;
      (entry as unknown as { autodrain(): void }).autodrain();
      return (async function* () {})();
    }
    return parse.call(this, entry);
  });
  return { lost: () => lost };
}

const dir = mkdtempSync(join(tmpdir(), 'kontor-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function readAll(path: string): Promise<string[][]> {
  const source = await openTable(path, {}, 'catalog.xlsx');
  const rows: string[][] = [];
  for await (const row of source.rows()) rows.push(row.cells.map(String));
  return rows;
}

describe('an XLSX whose workbook part the reader lost', () => {
  const rows = [
    ['SKU', 'Title'],
    ['L-1', 'Lantern'],
    ['L-2', 'Lamp'],
  ];

  test('is read again, and every row arrives once', async () => {
    const path = await writeXlsx(dir, 'catalog.xlsx', { Products: rows, Other: [['x']] });
    const first = await openTable(path, {}, 'catalog.xlsx');
    expect(first.info.sheets).toEqual(['Products', 'Other']);
    const again = loseWorkbookPart(2);
    const read: string[][] = [];
    for await (const row of first.rows()) read.push(row.cells.map(String));
    expect(again.lost()).toBe(2);
    expect(read).toEqual(rows);
  });

  test('whose shared strings were lost is read again rather than giving placeholders for its texts', async () => {
    const path = await writeXlsx(dir, 'catalog.xlsx', { Products: rows });
    const loss = loseSharedStrings(1);
    expect(await readAll(path)).toEqual(rows);
    expect(loss.lost()).toBe(1);
  });

  test('that keeps being lost gives the damaged-workbook error, after a few tries', async () => {
    const path = await writeXlsx(dir, 'catalog.xlsx', { Products: rows });
    const loss = loseWorkbookPart(100);
    const error = await readAll(path).then(
      () => null,
      (e: unknown) => e as Error & { details?: { key?: string } },
    );
    expect(error?.details?.key).toBe('imports.file.damagedXlsx');
    expect(error?.message).toMatch(/catalog\.xlsx is a damaged or incomplete XLSX workbook/);
    expect(loss.lost()).toBeGreaterThan(1);
    expect(loss.lost()).toBeLessThan(10);
  });
});

/** Rewrites one part of a workbook, as another program (or damage) might have written it. */
async function rewritePart(path: string, part: string, change: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file(part)?.async('string');
  if (xml === undefined) throw new Error(`${part} is not in ${path}`);
  zip.file(part, change(xml));
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

describe('the sheet names, read from the workbook part', () => {
  test('are the worksheets in the workbook order, names with markup characters and any script included; a chart sheet is not offered', async () => {
    const names = ['Produits & prix', 'Ürün "2025" <alt>', 'منتجات'];
    const path = await writeXlsx(dir, 'names.xlsx', Object.fromEntries(names.map((n, i) => [n, [['SKU'], [`N-${i}`]]])));
    await rewritePart(path, 'xl/workbook.xml', (xml) => xml.replace('</sheets>', '<sheet name="Chart" sheetId="9" r:id="rId99"/></sheets>'));
    await rewritePart(path, 'xl/_rels/workbook.xml.rels', (xml) =>
      xml.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>'),
    );
    const source = await openTable(path, {}, 'names.xlsx');
    expect(source.info.sheets).toEqual(names);
    // Each name is the one the streaming reader hands that sheet out under.
    for (const [i, sheet] of names.entries()) {
      const rows: string[][] = [];
      for await (const row of (await openTable(path, { sheet }, 'names.xlsx')).rows()) rows.push(row.cells.map(String));
      expect(rows).toEqual([['SKU'], [`N-${i}`]]);
    }
  });

  test('a workbook part that is not XML gives the damaged-workbook error naming the part', async () => {
    const path = await writeXlsx(dir, 'broken.xlsx', { Products: [['SKU'], ['B-1']] });
    await rewritePart(path, 'xl/workbook.xml', (xml) => xml.replace('<sheets>', '<sheets><sheet name="unclosed'));
    const error = await openTable(path, {}, 'broken.xlsx').then(
      () => null,
      (e: unknown) => e as Error & { details?: { key?: string } },
    );
    expect(error?.details?.key).toBe('imports.file.damagedXlsx');
    expect(error?.message).toMatch(/broken\.xlsx is a damaged or incomplete XLSX workbook \(the part xl\/workbook\.xml is not well-formed XML/);
  });
});
