import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductListQuerySchema, type ProductListQuery, type ProductListRow } from '../../../shared/catalog/list.ts';
import type { ProductStatus } from '../../../shared/catalog/product.ts';
import { listProducts } from '../../../electron/core/catalog/list.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

/*
 * A few hundred generated products, then every sort and filter of the grid checked against the
 * same question answered in plain JavaScript over what was created.
 */
const N = 320;
const WORDS = ['kilim', 'Tagine', 'pouf', 'argan', 'Lantern', 'babouche', 'zellige', 'tray', 'Basket', 'cushion', 'blanket', 'mirror'];
const STATUSES: ProductStatus[] = ['draft', 'active', 'archived'];

interface Made {
  id: number;
  sku: string;
  status: ProductStatus;
  title: string;
  price: number | null;
  category: 'A' | 'A1' | 'B' | null;
  tags: string[];
}

let t: TestKontor;
const made: Made[] = [];
const categories: Record<string, number> = {};

beforeAll(async () => {
  t = await openTestKontor();
  const a = await t.client.call('catalog.categories.create', { code: 'A', names: { en: 'Home' } });
  const a1 = await t.client.call('catalog.categories.create', { parentId: a.id, code: 'A1', names: { en: 'Rugs' } });
  const b = await t.client.call('catalog.categories.create', { code: 'B', names: { en: 'Beauty' } });
  Object.assign(categories, { A: a.id, A1: a1.id, B: b.id });
  for (let i = 0; i < N; i++) {
    // Multiplying by a number prime to N shuffles SKU order against title and price order.
    const k = (i * 97) % N;
    const title = `${WORDS[k % WORDS.length]} ${String(k).padStart(3, '0')}`;
    const frenchOnly = i % 11 === 0;
    const price = i % 7 === 0 ? null : ((i * 37) % 100) * 100 + 99;
    const category = (['A', 'A1', 'B', null] as const)[i % 4] ?? null;
    const tags = i % 5 === 0 ? ['sale'] : [];
    const status = STATUSES[i % 3]!;
    const created = await t.client.call('products.create', {
      sku: `P-${String(i).padStart(4, '0')}`,
      status,
      texts: frenchOnly ? { fr: { title } } : { en: { title }, fr: { title: `FR ${title}` } },
      tags,
      categoryId: category === null ? null : (categories[category] ?? null),
      prices: price === null ? [] : [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: price }] }],
    });
    made.push({ id: created.id, sku: created.sku, status, title, price, category, tags });
  }
  await t.client.call('company.save', {
    legalName: 'Test SARL',
    country: 'MA',
    baseCurrency: 'EUR',
    fiscalYearStart: { month: 1, day: 1 },
    defaultLanguage: 'en',
    addresses: [{ kind: 'registered', line1: '1 rue', city: 'Fès', country: 'MA' }],
    bankAccounts: [],
    taxIds: [],
  });
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function allPages(query: ProductListQuery, pageSize: number): Promise<ProductListRow[]> {
  const rows: ProductListRow[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await t.client.call('products.list', { ...query, offset, limit: pageSize });
    rows.push(...page.rows);
    if (page.rows.length < pageSize) {
      expect(page.total).toBe(rows.length);
      return rows;
    }
  }
}

/** SQLite's NOCASE: ASCII letters folded, then compared by code unit. */
const nocase = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};
const bySku = (a: Made, b: Made): number => nocase(a.sku, b.sku);

describe('products.list paging, sorting and filtering', () => {
  it('pages through every row exactly once, by SKU both ways', async () => {
    const asc = await allPages({}, 64);
    expect(asc.map((r) => r.sku)).toEqual([...made].sort(bySku).map((m) => m.sku));
    const desc = await allPages({ sort: { field: 'sku', direction: 'desc' } }, 100);
    expect(desc.map((r) => r.sku)).toEqual([...made].sort(bySku).reverse().map((m) => m.sku));
    const page = await t.client.call('products.list', { offset: 310, limit: 50 });
    expect({ rows: page.rows.length, total: page.total }).toEqual({ rows: 10, total: N });
    expect((await t.client.call('products.list', { offset: 1000 })).rows).toEqual([]);
  });

  it('sorts by title in the asked language, falling back along the catalog languages', async () => {
    const rows = await allPages({ sort: { field: 'title', direction: 'asc' }, language: 'en' }, 128);
    const expected = [...made].sort((a, b) => nocase(a.title, b.title) || bySku(a, b));
    expect(rows.map((r) => r.title)).toEqual(expected.map((m) => m.title));
    const french = await t.client.call('products.list', { sort: { field: 'title', direction: 'desc' }, language: 'fr', limit: 3 });
    expect(french.rows.every((r) => r.title?.startsWith('FR ') || made.find((m) => m.id === r.id)?.title === r.title)).toBe(true);
  });

  it('sorts by the retail price in the company currency, products without one last', async () => {
    const rows = await allPages({ sort: { field: 'price', direction: 'desc' } }, 100);
    const priced = made.filter((m) => m.price !== null).sort((a, b) => (b.price ?? 0) - (a.price ?? 0) || -bySku(a, b));
    const unpriced = made.filter((m) => m.price === null).sort(bySku).reverse();
    expect(rows.map((r) => r.sku)).toEqual([...priced, ...unpriced].map((m) => m.sku));
    expect(rows[0]?.price).toEqual({ amountMinor: priced[0]?.price, currency: 'EUR' });
    const inDirhams = await t.client.call('products.list', { currency: 'MAD', limit: 5 });
    expect(inDirhams.rows.every((r) => r.price === null)).toBe(true);
  });

  it('sorts by status in the order of the lifecycle: draft, active, archived', async () => {
    const rows = await allPages({ sort: { field: 'status', direction: 'asc' } }, 200);
    const order = { draft: 0, active: 1, archived: 2 };
    expect(rows.map((r) => r.sku)).toEqual([...made].sort((a, b) => order[a.status] - order[b.status] || bySku(a, b)).map((m) => m.sku));
  });

  it('filters by status, category with its subcategories, no category, and tag, with the right totals', async () => {
    const active = await allPages({ status: ['active'] }, 50);
    expect(active.map((r) => r.sku)).toEqual(made.filter((m) => m.status === 'active').sort(bySku).map((m) => m.sku));
    const home = await allPages({ categoryId: categories.A }, 100);
    expect(home.map((r) => r.sku)).toEqual(made.filter((m) => m.category === 'A' || m.category === 'A1').sort(bySku).map((m) => m.sku));
    const rugs = await t.client.call('products.list', { categoryId: categories.A1, limit: 1 });
    expect(rugs.total).toBe(made.filter((m) => m.category === 'A1').length);
    const none = await t.client.call('products.list', { uncategorised: true, limit: 1 });
    expect(none.total).toBe(made.filter((m) => m.category === null).length);
    const sale = await allPages({ tag: 'SALE', status: ['draft', 'archived'] }, 30);
    expect(sale.map((r) => r.sku)).toEqual(made.filter((m) => m.tags.includes('sale') && m.status !== 'active').sort(bySku).map((m) => m.sku));
  });

  it('combines a search with filters and paging', async () => {
    const rows = await allPages({ search: 'kilim', status: ['active'], sort: { field: 'title', direction: 'asc' } }, 7);
    const expected = made.filter((m) => m.title.startsWith('kilim') && m.status === 'active').sort((a, b) => nocase(a.title, b.title) || bySku(a, b));
    expect(rows.map((r) => r.sku)).toEqual(expected.map((m) => m.sku));
    expect(rows.length).toBeGreaterThan(5);
  });

  it('puts the most recently changed first when sorting by update time', async () => {
    const target = made[123]!;
    const current = await t.client.call('products.get', { id: target.id });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.client.call('products.update', { id: target.id, revision: current.revision, brand: 'Touched' });
    const page = await t.client.call('products.list', { sort: { field: 'updated', direction: 'desc' }, limit: 2 });
    expect(page.rows[0]?.sku).toBe(target.sku);
  });

  it('shows parents and variants as asked, and the variants of one parent', async () => {
    const parent = made[1]!;
    const current = await t.client.call('products.get', { id: parent.id });
    await t.client.call('products.generateVariants', { productId: parent.id, revision: current.revision, options: [{ name: 'Size', values: ['S', 'M', 'L'] }] });
    const all = await t.client.call('products.list', { limit: 1 });
    expect(all.total).toBe(N + 3);
    expect((await t.client.call('products.list', { visibility: 'top', limit: 1 })).total).toBe(N);
    expect((await t.client.call('products.list', { visibility: 'sellable', limit: 1 })).total).toBe(N + 2);
    const variants = await t.client.call('products.list', { parentId: parent.id });
    expect(variants.rows.map((r) => [r.sku, r.kind, r.optionLabel, r.title])).toEqual([
      [`${parent.sku}-L`, 'variant', 'L', parent.title],
      [`${parent.sku}-M`, 'variant', 'M', parent.title],
      [`${parent.sku}-S`, 'variant', 'S', parent.title],
    ]);
    const parentRow = (await t.client.call('products.list', { search: parent.sku, visibility: 'top' })).rows[0];
    expect(parentRow).toMatchObject({ sku: parent.sku, kind: 'parent', variantCount: 3, onHandMilli: 0 });
  });
  it('sorts searched rows by title and price keys exactly as the unsearched list, in every view and filter', async () => {
    // Runs after the test above made variants of made[1] ("Tagine 097"): its variants match "tagine"
    // through their parent's texts, and "P-0001-M" matches one variant only.
    const searches = ['tagine', 'kilim', `${made[1]!.sku}-M`];
    const filterSets: Partial<ProductListQuery>[] = [{}, { status: ['active', 'draft'] }, { categoryId: categories.A }, { tag: 'sale' }];
    for (const search of searches) {
      for (const visibility of ['all', 'top', 'sellable'] as const) {
        for (const filter of filterSets) {
          const matched = new Set((await allPages({ search, visibility, ...filter, sort: { field: 'sku', direction: 'asc' } }, 500)).map((r) => r.id));
          for (const field of ['title', 'price'] as const) {
            for (const direction of ['asc', 'desc'] as const) {
              const label = `${search} ${visibility} ${JSON.stringify(filter)} ${field} ${direction}`;
              const searched = await allPages({ search, visibility, ...filter, sort: { field, direction } }, 3);
              const unsearched = await allPages({ visibility, ...filter, sort: { field, direction } }, 500);
              expect(searched.map((r) => r.sku), label).toEqual(unsearched.filter((r) => matched.has(r.id)).map((r) => r.sku));
            }
          }
          if (search === `${made[1]!.sku}-M` && visibility === 'top' && Object.keys(filter).length === 0) expect([...matched]).toEqual([made[1]!.id]);
        }
      }
    }
  });
});

describe('products.list with a search word, from the kept orders', () => {
  const sorts = [
    { field: 'sku', direction: 'asc' },
    { field: 'sku', direction: 'desc' },
    { field: 'title', direction: 'asc' },
    { field: 'title', direction: 'desc' },
    { field: 'price', direction: 'asc' },
    { field: 'price', direction: 'desc' },
    { field: 'updated', direction: 'desc' },
    { field: 'updated', direction: 'asc' },
    { field: 'relevance', direction: 'asc' },
    { field: 'relevance', direction: 'desc' },
  ] as const;
  const db = () => t.kontor.database.db;
  const page = async (query: ProductListQuery, keptOrders: boolean) =>
    listProducts(db(), ProductListQuerySchema.parse(query), { keptOrders }).then((p) => ({ total: p.total, skus: p.rows.map((r) => r.sku) }));

  it('answers every sort, view and filter exactly as the SQL path, at every offset', async () => {
    // After the variants test: made[1] is a parent with three variants matching "tagine".
    const filterSets: Partial<ProductListQuery>[] = [
      {},
      { status: ['active'] },
      { categoryId: categories.A },
      { uncategorised: true },
      { tag: 'sale' },
      { parentId: made[1]!.id },
      { status: ['draft', 'archived'], categoryId: categories.B, tag: 'sale' },
    ];
    let compared = 0;
    for (const search of ['tagine', 'kilim', 'p-00', `${made[1]!.sku}-M`, 'nothing-like-this']) {
      for (const visibility of ['all', 'top', 'sellable'] as const) {
        for (const filter of filterSets) {
          for (const sort of sorts) {
            for (const offset of [0, 7, 40]) {
              const query = { search, visibility, ...filter, sort, offset, limit: 9, language: 'en', priceList: 'RETAIL', currency: 'EUR' };
              expect(await page(query, true), JSON.stringify(query)).toEqual(await page(query, false));
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBe(5 * 3 * 7 * sorts.length * 3);
  });

  it('sees every change at once: a new title, a new product, a deleted one, another price', async () => {
    const query = { search: 'zellige', sort: { field: 'title', direction: 'asc' }, limit: 500 } as const;
    const before = await page(query, true);
    expect(before.total).toBeGreaterThan(3);
    const first = made.find((m) => m.sku === before.skus[0])!;
    const current = await t.client.call('products.get', { id: first.id });
    await t.client.call('products.update', { id: first.id, revision: current.revision, texts: { en: { title: 'zellige zzz last now' } } });
    const renamed = await page(query, true);
    expect(renamed.skus.at(-1)).toBe(first.sku);
    expect(renamed).toEqual(await page(query, false));

    const added = await t.client.call('products.create', { sku: 'ZZ-NEW', status: 'active', texts: { en: { title: 'Zellige 000 first' } } });
    const withNew = await page(query, true);
    expect(withNew.skus[0]).toBe('ZZ-NEW');
    expect(withNew.total).toBe(before.total + 1);

    await t.client.call('products.delete', { id: added.id, revision: added.revision });
    expect(await page(query, true)).toEqual(renamed);

    const byPrice = { ...query, sort: { field: 'price', direction: 'desc' } } as const;
    const dearest = (await page(byPrice, true)).skus[0];
    await t.client.call('products.bulkUpdate', {
      ids: [made.find((m) => m.sku === dearest)!.id],
      set: { priceChange: { percent: -99, rounding: 'none', priceList: 'RETAIL', currency: 'EUR' } },
    });
    const repriced = await page(byPrice, true);
    expect(repriced.skus[0]).not.toBe(dearest);
    expect(repriced).toEqual(await page(byPrice, false));
  });
});
