import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CategoryCreateSchema } from '../../../shared/catalog/category.ts';
import { ProductInputSchema, ProductUpdateSchema } from '../../../shared/catalog/product.ts';
import { createCategory } from '../../../electron/core/catalog/categories.ts';
import { createProduct, updateProduct } from '../../../electron/core/catalog/products.ts';
import { generateVariants } from '../../../electron/core/catalog/variants.ts';
import { saveCompanyProfile } from '../../../electron/core/company/companyProfile.ts';
import { openDatabase } from '../../../electron/core/db/openDatabase.ts';
import {
  WAREHOUSES,
  datasetStart,
  emptyStockCatalog,
  generateCatalogDataset,
  planCatalog,
  planCategories,
  planMovements,
  type PlannedProduct,
} from '../../../electron/core/demo/catalogDataset.ts';
import { demoCompanyProfile } from '../../../electron/core/demo/demoCompany.ts';
import { memoryLogger } from '../../../electron/core/logger.ts';
import { checkProjections } from '../../../electron/core/stock/projections.ts';
import { recordMovements } from '../../../electron/core/stock/recordMovements.ts';
import { createWarehouse } from '../../../electron/core/stock/warehouses.ts';
import { makeTempDir, openTestKontor, type TestKontor } from '../../support/testKontor.ts';

const SIZE = { products: 260, movements: 2600, seed: 11 };

const dirs: string[] = [];
let t: TestKontor | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await t?.close();
  t = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = makeTempDir('kontor-dataset-');
  dirs.push(dir);
  return dir;
}

/** The same plan, written the slow way: every product, variant and movement through its service. */
async function replayThroughServices(path: string): Promise<void> {
  const opened = await openDatabase({ path, appVersion: 'test', backupDir: join(path, '..', 'backups'), log: memoryLogger() });
  const { db, sqlite } = opened;
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    await saveCompanyProfile(db, demoCompanyProfile());
    vi.setSystemTime(new Date(datasetStart()));
    for (const c of planCategories()) {
      await createCategory(db, CategoryCreateSchema.parse({ parentId: c.parentId, code: c.code, names: c.names, attributes: c.attributes, position: c.position }));
    }
    for (const w of WAREHOUSES) createWarehouse(sqlite, { code: w.code, name: w.name, kind: w.kind, country: w.country });
    const stock = emptyStockCatalog();
    for (const p of planCatalog(SIZE, stock)) await replayProduct(db, p);
    for (const m of planMovements(SIZE, stock)) recordMovements(sqlite, [m], { now: new Date(m.occurredAt) });
  } finally {
    vi.useRealTimers();
    opened.close();
  }
}

async function replayProduct(db: Parameters<typeof createProduct>[0], p: PlannedProduct): Promise<void> {
  vi.setSystemTime(new Date(p.at));
  const created = await createProduct(db, ProductInputSchema.parse({ ...p.fields, status: p.createdStatus }));
  expect(created.id).toBe(p.id);
  if (p.kind === 'parent') {
    const { product } = await generateVariants(db, { productId: p.id, revision: created.revision, options: p.options });
    for (const v of p.variants) {
      const made = product.variants.find((x) => x.id === v.id);
      expect(made?.sku).toBe(v.sku);
      await updateProduct(
        db,
        ProductUpdateSchema.parse({
          id: v.id,
          revision: made?.revision ?? 0,
          gtin: v.gtin,
          netWeightG: v.netWeightG,
          grossWeightG: v.grossWeightG,
          prices: v.prices,
          minimumOrders: v.minimumOrders,
        }),
      );
    }
  }
  if (p.activatedAt !== null) {
    vi.setSystemTime(new Date(p.activatedAt));
    await updateProduct(db, ProductUpdateSchema.parse({ id: p.id, revision: created.revision, status: 'active' }));
  }
}

/** Every row of the tables the dataset fills, except the times the migrations stamp. */
function contents(sqlite: Database): Record<string, unknown[]> {
  const tables: Record<string, string> = {
    category: 'SELECT * FROM category ORDER BY id',
    category_name: 'SELECT * FROM category_name ORDER BY 1, 2',
    category_attribute: 'SELECT * FROM category_attribute ORDER BY id',
    product: 'SELECT * FROM product ORDER BY id',
    product_text: 'SELECT * FROM product_text ORDER BY 1, 2',
    product_tag: 'SELECT * FROM product_tag ORDER BY 1, 2',
    product_option: 'SELECT * FROM product_option ORDER BY 1, 2',
    product_price: 'SELECT * FROM product_price ORDER BY 1, 2, 3, 4',
    product_order_rule: 'SELECT * FROM product_order_rule ORDER BY 1, 2',
    warehouse: "SELECT id, code, name, kind, country, active, CASE WHEN id = 1 THEN '' ELSE created_at END FROM warehouse ORDER BY id",
    stock_movement: 'SELECT * FROM stock_movement ORDER BY id',
    stock_level: 'SELECT * FROM stock_level ORDER BY 1, 2',
    stock_valuation: 'SELECT * FROM stock_valuation ORDER BY 1',
    stock_cost_layer: 'SELECT * FROM stock_cost_layer ORDER BY 1',
    // The product list's sort keys: filled at the end by the generator, kept by triggers in the services.
    product_title_key: 'SELECT * FROM product_title_key ORDER BY product_id, language',
    product_price_key: 'SELECT * FROM product_price_key ORDER BY product_id, price_list_id, currency',
    product_price_key_pair: 'SELECT * FROM product_price_key_pair ORDER BY 1, 2',
    triggers: "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name",
  };
  return Object.fromEntries(Object.entries(tables).map(([name, sql]) => [name, sqlite.prepare(sql).raw().all()]));
}

/** The search index as terms with their rows, columns and positions (deleted rows merged away first). */
function searchIndex(sqlite: Database): unknown[] {
  sqlite.exec("INSERT INTO product_search (product_search) VALUES ('optimize')");
  sqlite.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, 'product_search', 'instance')");
  return sqlite.prepare('SELECT term, doc, col, "offset" FROM temp.search_terms ORDER BY term, doc, col, "offset"').raw().all();
}

describe('generateCatalogDataset', () => {
  test('writes exactly what the catalog and stock services write for the same plan', async () => {
    const fast = join(tempDir(), 'kontor.sqlite');
    const slow = join(tempDir(), 'kontor.sqlite');
    const summary = await generateCatalogDataset(fast, SIZE);
    expect(summary).toMatchObject({ products: SIZE.products, movements: SIZE.movements });
    expect(summary.parents).toBeGreaterThan(0);
    await replayThroughServices(slow);

    const a = await openDatabase({ path: fast, appVersion: 'test', backupDir: join(fast, '..', 'b'), log: memoryLogger() });
    const b = await openDatabase({ path: slow, appVersion: 'test', backupDir: join(slow, '..', 'b'), log: memoryLogger() });
    try {
      const left = contents(a.sqlite);
      const right = contents(b.sqlite);
      for (const table of Object.keys(left)) expect({ table, rows: left[table] }).toEqual({ table, rows: right[table] });
      expect(left.product).toHaveLength(SIZE.products);
      expect(left.stock_movement).toHaveLength(SIZE.movements);
      expect(searchIndex(a.sqlite)).toEqual(searchIndex(b.sqlite));
    } finally {
      a.close();
      b.close();
    }
  }, 120_000);

  test('keeps the projections equal to a rebuild from the movements, and the search index finds the titles', async () => {
    const dir = tempDir();
    await generateCatalogDataset(join(dir, 'kontor.sqlite'), { products: 400, movements: 6000, seed: 3 });
    t = await openTestKontor(dir);
    const sqlite = t.kontor.database.sqlite;
    expect(checkProjections(sqlite)).toEqual([]);
    const negative = sqlite.prepare('SELECT count(*) FROM stock_level WHERE on_hand_milli < 0').pluck().get();
    expect(negative).toBe(0);
    const kinds = sqlite.prepare('SELECT DISTINCT kind FROM stock_movement ORDER BY 1').pluck().all();
    expect(kinds).toEqual(['adjustment', 'receipt', 'shipment', 'transfer_in', 'transfer_out']);

    // A title in each language is found by its words, accents and case aside.
    for (const language of ['en', 'fr', 'de', 'ar']) {
      const row = sqlite
        .prepare('SELECT t.product_id AS id, t.title FROM product_text t WHERE t.language = ? ORDER BY t.product_id DESC LIMIT 1')
        .get(language) as { id: number; title: string };
      const words = row.title.split(/[\s,]+/).filter((w) => /\p{L}{3,}/u.test(w)).slice(0, 3).join(' ');
      const hits = await t.client.call('products.search', { text: words, limit: 100 });
      expect(hits.map((h) => h.id)).toContain(row.id);
    }
    const variant = sqlite.prepare("SELECT id, sku, gtin FROM product WHERE kind = 'variant' LIMIT 1").get() as { id: number; sku: string; gtin: string };
    expect((await t.client.call('products.search', { text: variant.gtin })).map((h) => h.id)).toEqual([variant.id]);
    expect((await t.client.call('products.lookupCode', { code: variant.sku.toLowerCase() }))?.id).toBe(variant.id);
    // Every GTIN carries a valid check digit: the service's validation accepts them all.
    const gtins = sqlite.prepare('SELECT gtin FROM product WHERE gtin IS NOT NULL').pluck().all() as string[];
    expect(gtins.length).toBeGreaterThan(300);
    for (const gtin of gtins) expect(ProductInputSchema.shape.gtin.safeParse(gtin).success).toBe(true);
  }, 60_000);
});
