import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exportCatalog } from '../../../electron/core/imports/catalogExport.ts';
import { runImport, type ImportRequest } from '../../../electron/core/imports/runImport.ts';
import { contentHash } from '../../support/importFixtures.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'imports');
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
  reportDir: null,
  ...extra,
});

describe('known exports are recognised without a mapping', () => {
  test("Shopify's product CSV: handle groups become a parent with variants, Default Title a simple product", async () => {
    const path = join(t.dataDir, 'products_export.csv');
    copyFileSync(join(FIXTURES, 'shopify-products.csv'), path);
    const result = await runImport(deps(), request(path));
    expect(result.issues).toEqual([]);
    expect(result.counts).toMatchObject({ create: 5, errors: 0, imageUrls: 3 });
    const rug = await t.client.call('products.getBySku', { sku: 'BENI-OURAIN-RUG' });
    expect(rug.kind).toBe('parent');
    expect(rug.brand).toBe('Atlas Weavers');
    expect(rug.tags).toEqual(['handmade', 'wool']);
    expect(rug.status).toBe('active');
    expect(rug.options).toEqual([
      { name: 'Size', values: ['150 x 250 cm', '200 x 300 cm'] },
      { name: 'Colour', values: ['Ivory', 'Charcoal'] },
    ]);
    expect(rug.variants.map((v) => [v.sku, v.optionValues, v.gtin, v.prices[0]?.tiers[0]?.amountMinor])).toEqual([
      ['RUG-BO-150-IV', { Size: '150 x 250 cm', Colour: 'Ivory' }, '6111000450017', 59_000],
      ['RUG-BO-200-IV', { Size: '200 x 300 cm', Colour: 'Ivory' }, '6111000450024', 89_000],
      ['RUG-BO-200-CH', { Size: '200 x 300 cm', Colour: 'Charcoal' }, null, 89_000],
    ]);
    const variant = await t.client.call('products.getBySku', { sku: 'RUG-BO-200-CH' });
    expect(variant.grossWeightG).toBe(18_000);
    expect(variant.costPrice).toEqual({ amountMinor: 45_000, currency: 'EUR' });
    expect(variant.brand).toBe('Atlas Weavers');
    const categories = await t.client.call('catalog.categories.list', {});
    expect(categories.find((c) => c.id === rug.categoryId)?.names.en).toBe('Rugs');
    const argan = await t.client.call('products.getBySku', { sku: 'ARGAN-100' });
    expect(argan.kind).toBe('simple');
    expect(argan.status).toBe('draft');
    expect(argan.texts.en?.title).toBe('Argan oil 100 ml');
  });

  test("WooCommerce's product CSV: variable and variation rows, decimal commas, units in the headers", async () => {
    const path = join(t.dataDir, 'wc-product-export.csv');
    copyFileSync(join(FIXTURES, 'woocommerce-products.csv'), path);
    const result = await runImport(deps(), request(path));
    expect(result.issues).toEqual([]);
    expect(result.counts).toMatchObject({ create: 5, errors: 0 });
    const tajine = await t.client.call('products.getBySku', { sku: 'TAG-FES-30' });
    expect(tajine.texts.en?.title).toBe('Tajine de Fès, 30 cm');
    expect(tajine.prices[0]?.tiers[0]?.amountMinor).toBe(3_990);
    expect(tajine.netWeightG).toBe(2_400);
    expect([tajine.lengthMm, tajine.widthMm, tajine.heightMm]).toEqual([300, 300, 250]);
    expect(tajine.tags).toEqual(['céramique', 'fès']);
    const babouche = await t.client.call('products.getBySku', { sku: 'BABOUCHE' });
    expect(babouche.kind).toBe('parent');
    expect(babouche.options).toEqual([{ name: 'Pointure', values: ['38', '40', '42'] }]);
    expect(babouche.variants.map((v) => [v.sku, v.status, v.prices[0]?.tiers[0]?.amountMinor])).toEqual([
      ['BABOUCHE-38', 'active', 2_900],
      ['BABOUCHE-40', 'active', 2_900],
      ['BABOUCHE-42', 'draft', 3_100],
    ]);
  });

  for (const format of ['xlsx', 'csv'] as const) {
    test(`Kontor's own ${format} export imports back unchanged`, async () => {
      const shop = join(t.dataDir, 'shop.csv');
      copyFileSync(join(FIXTURES, 'shopify-products.csv'), shop);
      await runImport(deps(), request(shop));
      await t.client.call('products.create', {
        sku: 'TIERED',
        texts: { en: { title: 'Tiered' }, ar: { title: 'متدرج', description: 'سطر\nسطر ثان' } },
        unit: 'kg',
        hsCode: '0910.20',
        originCountry: 'MA',
        prices: [
          { priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 1250 }, { minQuantityMilli: 10_500, amountMinor: 1100 }] },
          { priceList: 'WHOLESALE', currency: 'MAD', tiers: [{ minQuantityMilli: 5000, amountMinor: 9900 }] },
        ],
        minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 5000 }],
      });
      const file = join(t.dataDir, `catalog.${format}`);
      const exported = await exportCatalog(t.kontor.database.sqlite, file, format);
      expect(exported.products).toBe(6);
      const before = contentHash(t.kontor.database.sqlite);
      const result = await runImport(deps(), request(file));
      expect(result.issues).toEqual([]);
      expect(result.counts).toMatchObject({ rows: 6, create: 0, update: 0, unchanged: 6, errors: 0 });
      expect(contentHash(t.kontor.database.sqlite)).not.toBe(before); // the run itself is recorded
      const runs = t.kontor.database.sqlite.prepare('SELECT count(*) FROM import_change WHERE run_id = ?').pluck().get(result.runId);
      expect(runs).toBe(0);
    });
  }
});
