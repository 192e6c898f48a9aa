import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runImport, type ImportRequest } from '../../../electron/core/imports/runImport.ts';
import { callErrorOf } from '../../../renderer/src/lib/errors.ts';
import { contentHash, encode, writeCsv, writeXlsx } from '../../support/importFixtures.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

let t: TestKontor;
let before: string;
beforeAll(async () => {
  t = await openTestKontor();
  await t.client.call('products.create', { sku: 'EXISTING', texts: { en: { title: 'Already there' } } });
  before = contentHash(t.kontor.database.sqlite);
});
afterAll(async () => {
  await t.close();
});

const deps = () => ({ sqlite: t.kontor.database.sqlite, db: t.kontor.database.db });
const request = (path: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  path,
  fileName: path.split('/').pop() ?? path,
  read: {},
  mode: 'all',
  dryRun: false,
  reportDir: null,
  ...extra,
});

/** The import fails with a file-level error whose key and message are as given; the database is untouched. */
async function expectRefused(path: string, key: string, message: RegExp, extra: Partial<ImportRequest> = {}): Promise<void> {
  const error = await runImport(deps(), request(path, extra)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `importing ${path} should fail`).not.toBeNull();
  const details = (error as { details?: { key?: string } }).details;
  expect(details?.key).toBe(key);
  expect((error as Error).message).toMatch(message);
  expect(callErrorOf((error as { toCallError?: () => unknown }).toCallError?.())?.code).toBe('VALIDATION');
  expect(contentHash(t.kontor.database.sqlite)).toBe(before);
}

const products = [
  ['SKU', 'Title', 'Price'],
  ['B-1', 'One', '1.00'],
  ['B-2', 'Two', '2.00'],
];

describe('files that cannot be imported give a clear error and leave the database as it was', () => {
  test('a truncated XLSX (cut zip)', async () => {
    const path = await writeXlsx(t.dataDir, 'cut.xlsx', { Products: Array.from({ length: 500 }, (_, i) => [`C-${i}`, `Title ${i} with some text`, i]) });
    const size = readFileSync(path).length;
    truncateSync(path, Math.floor(size * 0.6));
    await expectRefused(path, 'imports.file.damagedXlsx', /cut\.xlsx is a damaged or incomplete XLSX workbook/);
  });

  test('not a spreadsheet: a PNG, a PDF, an old .xls', async () => {
    const png = join(t.dataDir, 'photo.csv');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    await expectRefused(png, 'imports.file.notSpreadsheet', /photo\.csv is not a spreadsheet/);
    const pdf = join(t.dataDir, 'doc.xlsx');
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n'), Buffer.alloc(64, 0)]));
    await expectRefused(pdf, 'imports.file.notSpreadsheet', /doc\.xlsx is not a spreadsheet/);
    const xls = join(t.dataDir, 'old.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512, 0)]));
    await expectRefused(xls, 'imports.file.legacyXls', /Excel 97–2003/);
  });

  test('an empty file, an empty sheet, a header without rows', async () => {
    const empty = join(t.dataDir, 'empty.csv');
    writeFileSync(empty, '');
    await expectRefused(empty, 'imports.file.empty', /empty\.csv is empty/);
    const emptySheet = await writeXlsx(t.dataDir, 'empty-sheet.xlsx', { Products: [] });
    await expectRefused(emptySheet, 'imports.file.noRows', /sheet Products\) holds no rows/);
    const headerOnly = writeCsv(t.dataDir, 'header.csv', [products[0] ?? []]);
    await expectRefused(headerOnly, 'imports.file.headerOnly', /column headers in row 1 but no rows/);
  });

  test('a million empty rows under the header', async () => {
    const path = join(t.dataDir, 'million.csv');
    writeFileSync(path, `SKU,Title,Price\r\n${',,\r\n'.repeat(1_000_000)}`);
    await expectRefused(path, 'imports.file.headerOnly', /1000000 empty rows/);
  }, 60_000);

  test('a wrong encoding: Windows-1252 bytes read as UTF-8', async () => {
    const path = join(t.dataDir, 'latin.csv');
    writeFileSync(path, encode('SKU;Titre\r\nE-1;Théière en cuivre\r\n', 'windows-1252'));
    await expectRefused(path, 'imports.file.encoding', /latin\.csv is not valid UTF-8/, { read: { encoding: 'utf-8' } });
    // Detected, the same file reads right.
    const result = await runImport(deps(), request(path, { dryRun: true }));
    expect(result.encoding).toBe('windows-1252');
    expect(result.preview[0]?.title).toBe('Théière en cuivre');
  });

  test('a CSV with a quote that never closes', async () => {
    const path = join(t.dataDir, 'quote.csv');
    writeFileSync(path, 'SKU,Title\r\nQ-1,"Open quote\r\nQ-2,Two\r\n');
    await expectRefused(path, 'imports.file.csvSyntax', /quote\.csv cannot be read as CSV after row 1/);
  });

  test('a sheet name that is not there', async () => {
    const path = await writeXlsx(t.dataDir, 'sheets.xlsx', { Products: products, Prices: products });
    await expectRefused(path, 'imports.file.sheetNotFound', /has no sheet named "Stock"; its sheets are Products, Prices/, { read: { sheet: 'Stock' } });
  });
});

describe('cells a spreadsheet program makes: formulas, merged cells, dates stored as numbers', () => {
  test('a formula imports its computed value; one without a value is an error naming its cell', async () => {
    const path = await writeXlsx(t.dataDir, 'formulas.xlsx', {
      Products: [
        ['SKU', 'Title', 'Price'],
        ['F-1', 'Computed', { formula: '2*6.25', result: 12.5 }],
        ['F-2', 'Not computed', { formula: 'C2*2' }],
      ],
    });
    const result = await runImport(deps(), request(path));
    expect(result.outcome).toBe('refused');
    expect(result.issues).toEqual([expect.objectContaining({ row: 3, column: 'Price', value: '=C2*2', key: 'imports.cell.formulaNoValue' })]);
    expect(result.preview[0]).toMatchObject({ sku: 'F-1', price: '12.50 EUR', action: 'create' });
    expect(contentHash(t.kontor.database.sqlite)).toBe(before);
  });

  test('a date where a price or GTIN is expected is an error, not a serial number', async () => {
    const path = await writeXlsx(t.dataDir, 'dates.xlsx', {
      Products: [
        ['SKU', 'Title', 'Price', 'GTIN'],
        ['D-1', 'Dated price', new Date(Date.UTC(2024, 2, 1)), ''],
      ],
    });
    const result = await runImport(deps(), request(path));
    expect(result.outcome).toBe('refused');
    expect(result.issues[0]).toMatchObject({ row: 2, column: 'Price', value: '2024-03-01', key: 'imports.cell.date' });
    expect(result.issues[0]?.message).toMatch(/holds a date \(2024-03-01\) where a price was expected/);
    expect(contentHash(t.kontor.database.sqlite)).toBe(before);
  });

  test('merged cells: only the first row of a merge holds the value, and the others are named', async () => {
    const path = await writeXlsx(
      t.dataDir,
      'merged.xlsx',
      {
        Products: [
          ['SKU', 'Title', 'Price'],
          ['M-1', 'Merged title', '1'],
          ['M-2', null, '2'],
        ],
      },
      (workbook) => workbook.getWorksheet('Products')?.mergeCells('B2:B3'),
    );
    const result = await runImport(deps(), request(path));
    expect(result.outcome).toBe('refused');
    expect(result.issues).toEqual([expect.objectContaining({ row: 3, key: 'catalog.text.required' })]);
    expect(contentHash(t.kontor.database.sqlite)).toBe(before);
  });
});

describe('encodings and delimiters', () => {
  const rows = [
    ['Artikelnummer', 'Bezeichnung', 'Preis (EUR)', 'Beschreibung'],
    ['ENC-1', 'Grüner Tee', '4,50', 'Zeile eins\r\nZeile "zwei"'],
    ['ENC-2', 'Straße', '1.234,56', ''],
  ];
  const cases = [
    ['utf-8', ','],
    ['utf-8-bom', ';'],
    ['utf-16le', '\t'],
    ['utf-16be', '|'],
    ['windows-1252', ';'],
  ] as const;
  for (const [encoding, delimiter] of cases) {
    test(`${encoding} with ${JSON.stringify(delimiter)} is detected and read, quoted line breaks included`, async () => {
      const path = writeCsv(t.dataDir, `enc-${encoding}.csv`, rows, { encoding, delimiter });
      const result = await runImport(deps(), request(path, { dryRun: true }));
      expect(result.issues).toEqual([]);
      expect(result.encoding).toBe(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
      expect(result.delimiter).toBe(delimiter);
      expect(result.preview.map((p) => [p.sku, p.title, p.price])).toEqual([
        ['ENC-1', 'Grüner Tee', '4.50 EUR'],
        ['ENC-2', 'Straße', '1234.56 EUR'],
      ]);
    });
  }
});
