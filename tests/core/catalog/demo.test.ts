import { afterEach, expect, test } from 'vitest';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

let t: TestKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

test('the demo catalogue is created through the catalog services and is valid and searchable', async () => {
  t = await openTestKontor();
  const job = await t.kontor.jobs.wait((await t.client.call('jobs.start', { kind: 'demo.generate', input: {} })).id);
  expect(job).toMatchObject({ status: 'succeeded', result: { created: { categories: 4, products: 6 } } });

  const list = await t.client.call('products.list', { language: 'fr' });
  expect(list.rows.map((r) => [r.sku, r.status, r.price])).toEqual([
    ['ARGAN-OIL', 'active', { amountMinor: 1_490, currency: 'EUR' }],
    ['ARGAN-OIL-100-ML', 'active', { amountMinor: 1_490, currency: 'EUR' }],
    ['ARGAN-OIL-250-ML', 'active', { amountMinor: 2_990, currency: 'EUR' }],
    ['BOWL-FES-BLUE', 'draft', { amountMinor: 2_400, currency: 'EUR' }],
    ['RUG-BO-200x300', 'active', { amountMinor: 89_000, currency: 'EUR' }],
    ['TAG-FES-30', 'active', { amountMinor: 4_900, currency: 'EUR' }],
  ]);
  expect(list.rows[4]?.title).toBe('Tapis Béni Ouarain 200 × 300 cm');

  const argan = await t.client.call('products.getBySku', { sku: 'argan-oil' });
  expect(argan.variants.map((v) => [v.sku, v.gtin, v.optionValues])).toEqual([
    ['ARGAN-OIL-100-ML', '6111000450031', { Size: '100 ml' }],
    ['ARGAN-OIL-250-ML', '6111000450109', { Size: '250 ml' }],
  ]);
  expect(Object.keys(argan.texts)).toEqual(['en', 'fr', 'de', 'ar']);

  const rug = await t.client.call('products.getBySku', { sku: 'RUG-BO-200x300' });
  expect(rug).toMatchObject({ attributes: { material: 'wool', pile_height_mm: 25 }, hsCode: '570110', minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 2000 }] });
  const categories = await t.client.call('catalog.categories.list', {});
  expect(categories.map((c) => [c.code, c.depth, c.names.ar])).toEqual([
    ['RUGS', 0, 'زرابي'],
    ['CERAMICS', 0, 'خزف'],
    ['COSMETICS', 0, 'مستحضرات التجميل'],
    ['ARGAN', 1, 'زيت أركان'],
  ]);
  expect((await t.client.call('products.search', { text: 'زيت' })).map((h) => h.sku)).toHaveLength(3);
  expect(await t.client.call('products.lookupCode', { code: '6111000450109' })).toMatchObject({ sku: 'ARGAN-OIL-250-ML', kind: 'variant' });
});
