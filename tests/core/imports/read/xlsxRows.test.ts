import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { openTable } from '../../../../electron/core/imports/read/openTable.ts';
import { writeXlsx } from '../../../support/importFixtures.ts';

/**
 * unzipper, under exceljs's reader, may drop the archive's last entries (exceljs#3064); in
 * workbooks written by exceljs that is xl/workbook.xml. Here the loss is made to happen on purpose
 * by letting exceljs skip the workbook part on its first reads.
 */
type ReaderPrototype = { _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void> };
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
    // Once while the sheet names are read, once while the rows are.
    const loss = loseWorkbookPart(1);
    const first = await openTable(path, {}, 'catalog.xlsx');
    expect(first.info.sheets).toEqual(['Products', 'Other']);
    expect(loss.lost()).toBe(1);
    vi.restoreAllMocks();
    const again = loseWorkbookPart(2);
    const read: string[][] = [];
    for await (const row of first.rows()) read.push(row.cells.map(String));
    expect(again.lost()).toBe(2);
    expect(read).toEqual(rows);
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
