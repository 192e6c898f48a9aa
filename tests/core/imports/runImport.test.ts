import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runImport, type ImportRequest } from '../../../electron/core/imports/runImport.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { contentHash, writeCsv, writeXlsx } from '../../support/importFixtures.ts';

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
});
afterEach(async () => {
  await t.close();
});

const deps = () => ({ sqlite: t.kontor.database.sqlite, db: t.kontor.database.db });
const request = (path: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  path,
  fileName: path.split('/').pop() ?? path,
  read: {},
  mode: 'all',
  dryRun: false,
  reportDir: t.dataDir,
  ...extra,
});

describe('import of a generic sheet', () => {
  test('creates products with texts per language, decimal-comma prices, units and a new category', async () => {
    const path = writeCsv(
      t.dataDir,
      'catalogue.csv',
      [
        ['Référence', 'Titre', 'title_de', 'Beschreibung (DE)', 'Prix', 'Poids (kg)', 'Catégorie', 'EAN', 'Unité'],
        ['TAP-01', 'Tapis berbère', 'Berberteppich', 'Handgeknüpft', '1.234,50', '12,5', 'Maison > Tapis', '6111000450017', 'pcs'],
        ['SAF-1G', 'Safran', 'Safran', '', '9,90', '0,001', 'Épices', '', 'g'],
      ],
      { delimiter: ';' },
    );
    const result = await runImport(deps(), request(path));
    expect(result.issues).toEqual([]);
    expect(result.outcome).toBe('committed');
    expect(result.counts).toMatchObject({ create: 2, update: 0, errors: 0, categoriesToCreate: 3 });
    const rug = await t.client.call('products.getBySku', { sku: 'TAP-01' });
    expect(rug.texts).toEqual({ fr: { title: 'Tapis berbère', description: null }, de: { title: 'Berberteppich', description: 'Handgeknüpft' } });
    expect(rug.prices).toEqual([{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 123_450 }] }]);
    expect(rug.netWeightG).toBe(12_500);
    expect(rug.gtin).toBe('6111000450017');
    const categories = await t.client.call('catalog.categories.list', {});
    const tapis = categories.find((c) => c.names.fr === 'Tapis');
    expect(tapis?.parentId).toBe(categories.find((c) => c.names.fr === 'Maison')?.id);
    expect(rug.categoryId).toBe(tapis?.id);
    const saffron = await t.client.call('products.getBySku', { sku: 'SAF-1G' });
    expect(saffron.unit).toBe('g');
    expect(saffron.netWeightG).toBe(1);
    const found = await t.client.call('products.search', { text: 'berberteppich', limit: 5 });
    expect(found.map((h) => h.sku)).toEqual(['TAP-01']);
  });

  test('each error names row, column, value and what was expected; all-or-nothing writes nothing', async () => {
    const path = await writeXlsx(t.dataDir, 'bad.xlsx', {
      Products: [
        ['SKU', 'Title', 'Price', 'GTIN'],
        ['OK-1', 'Fine', '10', ''],
        ['BAD 1', 'Space in SKU', '10', ''],
        ['OK-2', 'Bad GTIN', '10', '6111000450018'],
        ['OK-3', 'Negative', '-5', ''],
        ['ok-1', 'Duplicate', '1', ''],
        ['OK-4', '', '1', ''],
      ],
    });
    const before = contentHash(t.kontor.database.sqlite);
    const result = await runImport(deps(), request(path));
    expect(result.outcome).toBe('refused');
    expect(contentHash(t.kontor.database.sqlite)).toBe(before);
    const byRow = Object.fromEntries(result.issues.map((i) => [i.row, i]));
    expect(byRow[3]).toMatchObject({ column: 'SKU', value: 'BAD 1', key: 'validation.sku.format' });
    expect(byRow[4]).toMatchObject({ column: 'GTIN', value: '6111000450018', key: 'validation.gtin.checksum' });
    expect(byRow[4]?.message).toContain('should be 7');
    expect(byRow[5]).toMatchObject({ column: 'Price', value: '-5', key: 'imports.cell.negative' });
    expect(byRow[6]).toMatchObject({ key: 'imports.row.skuDuplicate', params: { firstRow: 2 } });
    expect(byRow[7]).toMatchObject({ key: 'catalog.text.required' });
    expect(result.counts).toMatchObject({ create: 1, errors: 5 });
    expect(result.report).not.toBeNull();
  });

  test('skip-invalid imports the valid rows and lists the skipped ones', async () => {
    const path = writeCsv(t.dataDir, 'mixed.csv', [
      ['sku', 'title', 'price'],
      ['A-1', 'One', '1.50'],
      ['A-2', 'Two', 'abc'],
      ['A-3', 'Three', '3'],
    ]);
    const result = await runImport(deps(), request(path, { mode: 'skipInvalid' }));
    expect(result.outcome).toBe('committed');
    expect(result.skippedRows).toEqual([3]);
    expect(result.counts).toMatchObject({ create: 2, errors: 1 });
    await expect(t.client.call('products.getBySku', { sku: 'A-2' })).rejects.toThrow();
    expect((await t.client.call('products.getBySku', { sku: 'A-3' })).prices[0]?.tiers[0]?.amountMinor).toBe(300);
  });

  test('upsert by SKU: a second import updates what changed and counts the rest unchanged', async () => {
    await t.client.call('products.create', { sku: 'KEEP', texts: { en: { title: 'Kept' } }, brand: 'Atlas' });
    const first = writeCsv(t.dataDir, 'a.csv', [
      ['sku', 'title_en', 'brand'],
      ['KEEP', 'Kept', 'Atlas'],
      ['NEW', 'New one', 'Rif'],
    ]);
    const r1 = await runImport(deps(), request(first));
    expect(r1.counts).toMatchObject({ create: 1, update: 0, unchanged: 1 });
    const second = writeCsv(t.dataDir, 'b.csv', [
      ['sku', 'title_en', 'brand'],
      ['keep', 'Kept', 'Atlas Bleu'],
      ['NEW', 'New one', 'Rif'],
    ]);
    const r2 = await runImport(deps(), request(second));
    expect(r2.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    expect((await t.client.call('products.getBySku', { sku: 'KEEP' })).brand).toBe('Atlas Bleu');
  });

  test('a dry run previews without writing', async () => {
    const path = writeCsv(t.dataDir, 'dry.csv', [
      ['sku', 'title'],
      ['D-1', 'Dry'],
    ]);
    const before = contentHash(t.kontor.database.sqlite);
    const result = await runImport(deps(), request(path, { dryRun: true }));
    expect(result.outcome).toBe('preview');
    expect(result.preview[0]).toMatchObject({ row: 2, action: 'create', sku: 'D-1', title: 'Dry', kind: 'simple' });
    expect(contentHash(t.kontor.database.sqlite)).toBe(before);
  });
});
