import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_LANGUAGES } from '../../../shared/catalog/languages.ts';
import { FILL_SORT_KEYS } from '../../../electron/core/db/migrations/005-list-sort-keys.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { productInput } from './support.ts';

/*
 * The product list sorts titles and prices on key tables that triggers keep (migration 005). After
 * every kind of catalog write they must hold exactly what the list's own expressions compute, and
 * what a fill from scratch gives.
 */

let t: TestKontor;
afterEach(async () => {
  await t.close();
});

/** The keys as stored, and as a fill from scratch makes them (in a transaction rolled back). */
function storedAndRebuilt(sqlite: Database): { stored: unknown; rebuilt: unknown } {
  const read = () => ({
    titles: sqlite.prepare('SELECT * FROM product_title_key ORDER BY product_id, language').raw().all(),
    prices: sqlite.prepare('SELECT * FROM product_price_key ORDER BY product_id, price_list_id, currency').raw().all(),
  });
  const stored = read();
  sqlite.exec('SAVEPOINT rebuild');
  sqlite.exec(FILL_SORT_KEYS);
  const rebuilt = read();
  sqlite.exec('ROLLBACK TO rebuild; RELEASE rebuild');
  return { stored, rebuilt };
}

function expectInStep(sqlite: Database): void {
  const { stored, rebuilt } = storedAndRebuilt(sqlite);
  expect(stored).toEqual(rebuilt);
}

describe('product list sort keys', () => {
  it('follow creates, edits, variants, price changes, bulk updates, deletes and the catalog languages', async () => {
    t = await openTestKontor();
    const sqlite = t.kontor.database.sqlite;
    const c = t.client;
    const rug = await c.call('products.create', productInput({ sku: 'RUG-1' }));
    // Without a stored language setting, the keys use the default catalog languages.
    const defaults = sqlite.prepare('SELECT language FROM product_title_key WHERE product_id = ?').pluck().all(rug.id);
    expect(defaults.sort()).toEqual([...DEFAULT_CATALOG_LANGUAGES].sort());
    const vase = await c.call('products.create', productInput({ sku: 'VASE', gtin: null, texts: { fr: { title: 'Vase bleu' } }, prices: [] }));
    const oil = await c.call('products.create', productInput({ sku: 'OIL', gtin: null, texts: { de: { title: 'Arganöl' } } }));
    expectInStep(sqlite);

    // A parent without a price of its own shows its cheapest variant's; variants show its title.
    const withVariants = await c.call('products.generateVariants', {
      productId: vase.id,
      revision: vase.revision,
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
    });
    const [small, medium] = withVariants.product.variants;
    await c.call('products.updateListFields', { id: small!.id, revision: small!.revision, price: { priceList: 'RETAIL', currency: 'EUR', amountMinor: 1200 } });
    await c.call('products.updateListFields', { id: medium!.id, revision: medium!.revision, price: { priceList: 'WHOLESALE', currency: 'USD', amountMinor: 900 } });
    expectInStep(sqlite);
    const vasePrice = sqlite.prepare("SELECT unpriced, amount_minor FROM product_price_key WHERE product_id = ? AND currency = 'EUR' AND price_list_id = 1").get(vase.id);
    expect(vasePrice).toEqual({ unpriced: 0, amount_minor: 1200 });

    // Texts of the parent change the variants' titles; SKU, status and category are copied.
    const parent = await c.call('products.get', { id: vase.id });
    await c.call('products.update', { id: vase.id, revision: parent.revision, texts: { en: { title: 'Blue vase' }, fr: { title: 'Vase bleu' } }, status: 'archived' });
    const current = await c.call('products.get', { id: rug.id });
    await c.call('products.update', { id: rug.id, revision: current.revision, sku: 'RUG-001', texts: { ar: { title: 'زربية' } } });
    expectInStep(sqlite);

    await c.call('products.bulkUpdate', { ids: [rug.id, oil.id, vase.id], set: { priceChange: { percent: 12.5, rounding: '.99' } } });
    await c.call('products.bulkUpdate', { ids: [rug.id, vase.id], set: { status: 'active' } });
    const category = await c.call('catalog.categories.create', { code: 'HOME', names: { en: 'Home' } });
    await c.call('products.bulkUpdate', { ids: [oil.id, vase.id], set: { categoryId: category.id } });
    expectInStep(sqlite);

    const last = await c.call('products.get', { id: withVariants.product.variants[2]!.id });
    await c.call('products.delete', { id: last.id, revision: last.revision });
    const oilNow = await c.call('products.get', { id: oil.id });
    await c.call('products.delete', { id: oilNow.id, revision: oilNow.revision });
    expectInStep(sqlite);
    expect(sqlite.prepare('SELECT count(*) FROM product_title_key WHERE product_id = ?').pluck().get(oil.id)).toBe(0);

    // Another order of languages changes which title a product without the asked one shows.
    await c.call('catalog.languages.set', { languages: ['fr', 'en', 'de', 'ar', 'es'] });
    expectInStep(sqlite);
    const titles = sqlite.prepare('SELECT DISTINCT language FROM product_title_key ORDER BY 1').pluck().all();
    expect(titles).toEqual(['ar', 'de', 'en', 'es', 'fr']);
  });

  it('follow a bulk price change, which refreshes them set-based instead of row by row', async () => {
    t = await openTestKontor();
    const sqlite = t.kontor.database.sqlite;
    const c = t.client;
    const tiers = [
      { minQuantityMilli: 1000, amountMinor: 10_000 },
      { minQuantityMilli: 10_000, amountMinor: 8_000 },
    ];
    const rug = await c.call('products.create', productInput({ sku: 'RUG-1', prices: [{ priceList: 'WHOLESALE', currency: 'EUR', tiers }, { priceList: 'RETAIL', currency: 'USD', tiers }] }));
    const vase = await c.call('products.create', productInput({ sku: 'VASE', gtin: null, prices: [] }));
    const { product } = await c.call('products.generateVariants', { productId: vase.id, revision: vase.revision, options: [{ name: 'Size', values: ['S', 'M'] }] });
    const [small, medium] = product.variants;
    await c.call('products.updateListFields', { id: small!.id, revision: small!.revision, price: { priceList: 'RETAIL', currency: 'EUR', amountMinor: 1200 } });
    await c.call('products.updateListFields', { id: medium!.id, revision: medium!.revision, price: { priceList: 'RETAIL', currency: 'EUR', amountMinor: 1500 } });
    expectInStep(sqlite);
    const key = (id: number, list: number, currency: string) =>
      sqlite.prepare('SELECT unpriced, amount_minor FROM product_price_key WHERE product_id = ? AND price_list_id = ? AND currency = ?').get(id, list, currency);

    // Only the cheaper variant: the parent, priced by its cheapest variant, follows.
    await c.call('products.bulkUpdate', { ids: [small!.id], set: { priceChange: { percent: 50, rounding: 'none' } } });
    expect(key(vase.id, 1, 'EUR')).toEqual({ unpriced: 0, amount_minor: 1500 });
    expect(key(small!.id, 1, 'EUR')).toEqual({ unpriced: 0, amount_minor: 1800 });
    expectInStep(sqlite);
    // Every list and currency of a tiered product: the lowest tier is the key, in each pair.
    await c.call('products.bulkUpdate', { ids: [rug.id, vase.id], set: { priceChange: { percent: -10, rounding: 'none' } } });
    expect(key(rug.id, 2, 'EUR')).toEqual({ unpriced: 0, amount_minor: 9000 });
    expect(key(rug.id, 1, 'USD')).toEqual({ unpriced: 0, amount_minor: 9000 });
    expectInStep(sqlite);
    // One list and currency of the whole family.
    await c.call('products.bulkUpdate', { ids: [vase.id], set: { priceChange: { percent: 10, rounding: '.99', priceList: 'RETAIL', currency: 'EUR' } } });
    expectInStep(sqlite);
    // The per-row trigger is back for every other writer.
    expect(sqlite.prepare('SELECT count(*) FROM sort_key_suspension').pluck().get()).toBe(0);
    const now = await c.call('products.get', { id: medium!.id });
    await c.call('products.updateListFields', { id: medium!.id, revision: now.revision, price: { priceList: 'RETAIL', currency: 'EUR', amountMinor: 100 } });
    expect(key(vase.id, 1, 'EUR')).toEqual({ unpriced: 0, amount_minor: 100 });
    expectInStep(sqlite);
    // A refused change (a price too large) leaves the trigger in place too.
    const refused = await c.tryCall('products.bulkUpdate', { ids: [rug.id], set: { priceChange: { percent: 1_000_000_000, rounding: 'none' } } });
    expect(refused.ok).toBe(false);
    expect(sqlite.prepare('SELECT count(*) FROM sort_key_suspension').pluck().get()).toBe(0);
    expectInStep(sqlite);
  });

  it('sort the list like the computed title and price, blanks last both ways', async () => {
    t = await openTestKontor();
    const c = t.client;
    await c.call('products.create', productInput({ sku: 'B', gtin: null, texts: { en: { title: 'beta' } }, prices: [] }));
    await c.call('products.create', productInput({ sku: 'A', gtin: null, texts: { fr: { title: 'Alpha' } } }));
    await c.call('products.create', productInput({ sku: 'C', gtin: null, texts: { en: { title: 'alpha' } }, prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 5 }] }] }));
    const skus = async (field: 'title' | 'price', direction: 'asc' | 'desc', offset = 0, limit = 10) =>
      (await c.call('products.list', { sort: { field, direction }, currency: 'EUR', offset, limit })).rows.map((r) => r.sku);
    expect(await skus('title', 'asc')).toEqual(['A', 'C', 'B']);
    expect(await skus('title', 'desc')).toEqual(['B', 'C', 'A']);
    expect(await skus('price', 'asc')).toEqual(['C', 'A', 'B']);
    expect(await skus('price', 'desc')).toEqual(['A', 'C', 'B']);
    // Pages that cross from the priced rows into the unpriced ones.
    expect(await skus('price', 'desc', 1, 1)).toEqual(['C']);
    expect(await skus('price', 'desc', 1, 5)).toEqual(['C', 'B']);
    expect(await skus('price', 'desc', 2, 5)).toEqual(['B']);
    expect(await skus('price', 'desc', 3, 5)).toEqual([]);
  });
});
