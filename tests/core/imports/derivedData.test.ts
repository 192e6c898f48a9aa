import { join } from 'node:path';
import { copyFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { reindexProducts } from '../../../electron/core/catalog/search.ts';
import { runImport, type ImportRequest } from '../../../electron/core/imports/runImport.ts';
import { writeCsv } from '../../support/importFixtures.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'imports');
const opened: TestKontor[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

async function importInto(path: (dir: string) => string, bulkThreshold: number): Promise<TestKontor> {
  const t = await openTestKontor();
  opened.push(t);
  await t.client.call('products.create', { sku: 'ALREADY', texts: { en: { title: 'Already here' } }, prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 100 }] }] });
  const file = path(t.dataDir);
  const request: ImportRequest = { path: file, fileName: 'x.csv', read: {}, mode: 'all', dryRun: false, reportDir: null, bulkThreshold };
  const result = await runImport({ sqlite: t.kontor.database.sqlite, db: t.kontor.database.db }, request);
  expect(result.issues).toEqual([]);
  return t;
}

const keys = (t: TestKontor) => ({
  titles: t.kontor.database.sqlite.prepare('SELECT * FROM product_title_key ORDER BY product_id, language').all(),
  prices: t.kontor.database.sqlite.prepare('SELECT * FROM product_price_key ORDER BY product_id, price_list_id, currency').all(),
  pairs: t.kontor.database.sqlite.prepare('SELECT * FROM product_price_key_pair ORDER BY 1, 2').all(),
  triggers: t.kontor.database.sqlite.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all(),
});

const shopify = (dir: string): string => {
  const path = join(dir, 'products_export.csv');
  copyFileSync(join(FIXTURES, 'shopify-products.csv'), path);
  return path;
};

describe("an import keeps the product list's sort keys and the search index as every other write does", () => {
  test('refilling the sort keys once (large import) gives the same keys as the triggers (small import)', async () => {
    const bulk = await importInto(shopify, 0);
    const triggered = await importInto(shopify, Number.MAX_SAFE_INTEGER);
    expect(keys(bulk)).toEqual(keys(triggered));
    expect(keys(bulk).titles.length).toBeGreaterThan(20);
  });

  test('the search rows it writes find what the catalog service would find', async () => {
    const t = await importInto(
      (dir) =>
        writeCsv(dir, 'search.csv', [
          ['sku', 'title_en', 'title_ar', 'title_fr', 'description_fr', 'tags', 'gtin'],
          ['SRCH-1', 'Argan oil', 'زيت أركان', 'Huile d’argan', 'Huile pressée à froid', 'cosmétique, bio', '6111000450017'],
          ['SRCH-2', 'Rose water', 'ماء الورد', 'Eau de rose', '', 'bio', ''],
        ]),
      0,
    );
    const queries = ['argan', 'ارگان', 'أركان', 'huile pressee', 'cosmetique', 'bio', '6111000450017', '0611100045001', 'srch 1', 'srch2', 'rose'];
    const search = async () => Promise.all(queries.map(async (text) => (await t.client.call('products.search', { text, limit: 10 })).map((h) => h.sku).sort()));
    const imported = await search();
    const ids = t.kontor.database.sqlite.prepare('SELECT id FROM product').pluck().all() as number[];
    await reindexProducts(t.kontor.database.db, ids);
    expect(await search()).toEqual(imported);
    expect(imported[0]).toEqual(['SRCH-1']);
    expect(imported[5]).toEqual(['SRCH-1', 'SRCH-2']);
  });
});
