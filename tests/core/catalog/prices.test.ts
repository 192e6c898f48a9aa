import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { errorOf, issuesOf, productInput } from './support.ts';

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
});
afterEach(async () => {
  await t.close();
});

const tier = (minQuantityMilli: number, amountMinor: number) => ({ minQuantityMilli, amountMinor });

describe('prices', () => {
  it('keeps prices per list and currency with quantity tiers (sorted) and a minimum order quantity', async () => {
    expect(await t.client.call('catalog.priceLists.list', {})).toEqual([
      { id: 1, code: 'RETAIL', name: 'Retail', kind: 'retail', currency: null },
      { id: 2, code: 'WHOLESALE', name: 'Wholesale', kind: 'wholesale', currency: null },
    ]);
    const created = await t.client.call(
      'products.create',
      productInput({
        sku: 'TAG-30',
        gtin: null,
        prices: [
          { priceList: 'wholesale', currency: 'eur', tiers: [tier(48_000, 2_900), tier(12_000, 3_200)] },
          { priceList: 'RETAIL', currency: 'EUR', tiers: [tier(1000, 4_900)] },
          { priceList: 'RETAIL', currency: 'MAD', tiers: [tier(1000, 52_000)] },
          { priceList: 'RETAIL', currency: 'JPY', tiers: [tier(1000, 8_100)] },
        ],
        minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 12_000 }],
      }),
    );
    expect(created.prices).toEqual([
      { priceList: 'RETAIL', currency: 'EUR', tiers: [tier(1000, 4_900)] },
      { priceList: 'RETAIL', currency: 'JPY', tiers: [tier(1000, 8_100)] },
      { priceList: 'RETAIL', currency: 'MAD', tiers: [tier(1000, 52_000)] },
      { priceList: 'WHOLESALE', currency: 'EUR', tiers: [tier(12_000, 3_200), tier(48_000, 2_900)] },
    ]);
    expect(created.minimumOrders).toEqual([{ priceList: 'WHOLESALE', quantityMilli: 12_000 }]);
  });

  it('refuses duplicate tiers, tiers the unit cannot count, tiers above the minimum order, and unknown lists', async () => {
    const dup = issuesOf(
      await t.client.tryCall('products.create', productInput({ prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [tier(1000, 1), tier(1000, 2)] }] })),
    );
    expect(dup).toEqual([expect.objectContaining({ path: 'prices.0.tiers.1.minQuantityMilli', key: 'catalog.price.tierDuplicate' })]);
    const rules = issuesOf(
      await t.client.tryCall(
        'products.create',
        productInput({
          prices: [
            { priceList: 'RETAIL', currency: 'EUR', tiers: [tier(1500, 100)] },
            { priceList: 'WHOLESALE', currency: 'EUR', tiers: [tier(20_000, 80)] },
            { priceList: 'EXPORT', currency: 'USD', tiers: [tier(1000, 90)] },
          ],
          minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 10_000 }],
        }),
      ),
    );
    expect(rules.map((i) => [i.path, i.key]).sort()).toEqual([
      ['prices.0.tiers.0.minQuantityMilli', 'catalog.quantity.decimals'],
      ['prices.1.tiers.0.minQuantityMilli', 'catalog.price.tierAboveMinimumOrder'],
      ['prices.2.priceList', 'catalog.priceList.unknown'],
    ]);
    // By the kilogram, half a kilogram is a fine tier.
    const spice = await t.client.call(
      'products.create',
      productInput({ sku: 'RAS-EL-HANOUT', gtin: null, unit: 'kg', prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [tier(500, 1_800)] }] }),
    );
    expect(spice.prices[0]?.tiers).toEqual([tier(500, 1_800)]);
    const badCurrency = issuesOf(
      await t.client.tryCall('products.create', productInput({ sku: 'X', gtin: null, prices: [{ priceList: 'RETAIL', currency: 'EURO', tiers: [tier(1000, 1)] }] })),
    );
    expect(badCurrency).toEqual([expect.objectContaining({ path: 'prices.0.currency', key: 'validation.currency' })]);
  });

  it('edits the list price inline: the lowest tier of that list and currency, with the revision', async () => {
    const created = await t.client.call(
      'products.create',
      productInput({
        prices: [{ priceList: 'WHOLESALE', currency: 'EUR', tiers: [tier(5000, 60_000), tier(2000, 64_000)] }],
        minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 2000 }],
      }),
    );
    const edited = await t.client.call('products.updateListFields', {
      id: created.id,
      revision: 1,
      price: { priceList: 'WHOLESALE', currency: 'EUR', amountMinor: 65_000 },
    });
    expect(edited).toMatchObject({ id: created.id, revision: 2, price: { amountMinor: 65_000, currency: 'EUR' } });
    const added = await t.client.call('products.updateListFields', { id: created.id, revision: 2, price: { currency: 'GBP', amountMinor: 79_900 } });
    expect(added.revision).toBe(3);
    const stale = errorOf(await t.client.tryCall('products.updateListFields', { id: created.id, revision: 2, price: { currency: 'GBP', amountMinor: 1 } }));
    expect(stale.code).toBe('CONFLICT');
    const product = await t.client.call('products.get', { id: created.id });
    expect(product.prices).toEqual([
      { priceList: 'RETAIL', currency: 'GBP', tiers: [tier(1000, 79_900)] },
      { priceList: 'WHOLESALE', currency: 'EUR', tiers: [tier(2000, 65_000), tier(5000, 60_000)] },
    ]);
    await t.client.call('products.updateListFields', { id: created.id, revision: 3, price: { currency: 'GBP', amountMinor: null } });
    expect((await t.client.call('products.get', { id: created.id })).prices.map((p) => p.currency)).toEqual(['EUR']);
  });
});

describe('bulk updates', () => {
  async function three() {
    const a = await t.client.call('products.create', productInput({ sku: 'A', gtin: null, prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [tier(1000, 1_000)] }] }));
    const b = await t.client.call(
      'products.create',
      productInput({
        sku: 'B',
        gtin: null,
        prices: [
          { priceList: 'RETAIL', currency: 'EUR', tiers: [tier(1000, 1_234)] },
          { priceList: 'WHOLESALE', currency: 'EUR', tiers: [tier(10_000, 900), tier(50_000, 860)] },
        ],
      }),
    );
    const c = await t.client.call('products.create', productInput({ sku: 'C', gtin: null, prices: [] }));
    return { a, b, c };
  }
  const amounts = async (id: number) => (await t.client.call('products.get', { id })).prices.flatMap((p) => p.tiers.map((x) => x.amountMinor));

  it('raises prices by 10 % rounded to .99 for every selected product in one call', async () => {
    const { a, b, c } = await three();
    const result = await t.client.call('products.bulkUpdate', { ids: [a.id, b.id, c.id], set: { priceChange: { percent: 10, rounding: '.99' } } });
    expect(result).toEqual({ updated: 2, pricesChanged: 4 });
    expect(await amounts(a.id)).toEqual([1_099]); // 11.00 → 10.99
    expect(await amounts(b.id)).toEqual([1_399, 999, 899]); // 13.57 → 13.99, 9.90 → 9.99, 9.46 → 8.99
    expect((await t.client.call('products.get', { id: a.id })).revision).toBe(2);
    expect((await t.client.call('products.get', { id: c.id })).revision).toBe(1);
    const onlyWholesale = await t.client.call('products.bulkUpdate', {
      ids: [b.id],
      set: { priceChange: { percent: -10, rounding: 'none', priceList: 'wholesale' } },
    });
    expect(onlyWholesale).toEqual({ updated: 1, pricesChanged: 2 });
    expect(await amounts(b.id)).toEqual([1_399, 899, 809]);
  });

  it('rolls everything back when one product fails in the middle', async () => {
    const { a, b } = await three();
    // A trigger stands in for any failure halfway through: the first rows are already updated when it fires.
    t.kontor.database.sqlite.exec(`CREATE TRIGGER fail_b BEFORE UPDATE ON product WHEN OLD.sku = 'B' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const failed = await t.client.tryCall('products.bulkUpdate', { ids: [a.id, b.id], set: { priceChange: { percent: 10, rounding: '.99' } } });
    expect(errorOf(failed).code).toBe('INTERNAL');
    expect(await amounts(a.id)).toEqual([1_000]);
    expect(await amounts(b.id)).toEqual([1_234, 900, 860]);
    expect((await t.client.call('products.get', { id: a.id })).revision).toBe(1);
    const status = await t.client.tryCall('products.bulkUpdate', { ids: [a.id, b.id], set: { status: 'archived' } });
    expect(errorOf(status).code).toBe('INTERNAL');
    expect((await t.client.call('products.get', { id: a.id })).status).toBe('active');
  });

  it('refuses the whole batch when a product no longer exists', async () => {
    const { a } = await three();
    const error = errorOf(await t.client.tryCall('products.bulkUpdate', { ids: [a.id, 999], set: { status: 'archived' } }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('999');
    expect((await t.client.call('products.get', { id: a.id })).status).toBe('active');
  });

  it('sets the status or category of many products, variants of a selected parent included', async () => {
    const { a, b } = await three();
    const { product } = await t.client.call('products.generateVariants', { productId: a.id, revision: 1, options: [{ name: 'Size', values: ['S', 'M'] }] });
    const category = await t.client.call('catalog.categories.create', { code: 'RUGS', names: { en: 'Rugs' } });
    expect(await t.client.call('products.bulkUpdate', { ids: [a.id, b.id], set: { categoryId: category.id } })).toEqual({ updated: 4, pricesChanged: 0 });
    expect(await t.client.call('products.bulkUpdate', { ids: [a.id], set: { status: 'draft' } })).toEqual({ updated: 3, pricesChanged: 0 });
    const variant = await t.client.call('products.get', { id: product.variants[0]!.id });
    expect(variant).toMatchObject({ categoryId: category.id, status: 'draft' });
    const missing = issuesOf(await t.client.tryCall('products.bulkUpdate', { ids: [b.id], set: { categoryId: 999 } }));
    expect(missing).toEqual([expect.objectContaining({ path: 'set.categoryId', key: 'catalog.category.notFound' })]);
  });
});
