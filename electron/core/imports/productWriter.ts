import type { Database, Statement } from 'better-sqlite3';
import type { ProductFields, ProductKind } from '../../../shared/catalog/product.ts';
import type { BulkAuditTable } from '../audit/bulkAudit.ts';

/**
 * Synchronous writes of whole products on the raw connection, for imports and their undo: prepared
 * once, run inside the caller's transaction. They go through the normal tables, so the sort-key
 * triggers of migration 5 keep the product list's keys as they do for every other writer.
 */
export interface ProductWriter {
  insert(fields: ProductFields, kind: ProductKind, parentId: number | null, optionValues: Record<string, string> | null, now: string): number;
  /** Writes the row and, when they differ from `before`, the texts, tags, prices and options. */
  update(id: number, fields: ProductFields, optionValues: Record<string, string> | null, now: string, before: ProductFields | null): void;
  setOptions(id: number, options: readonly { name: string; values: string[] }[]): void;
  revisionOf(id: number): number;
}

/** Every table the writer writes, with the column naming the product: what a bulk import's audit records cover. */
export const PRODUCT_WRITER_TABLES: readonly BulkAuditTable[] = [
  { table: 'product', owner: 'id' },
  { table: 'product_text', owner: 'product_id' },
  { table: 'product_tag', owner: 'product_id' },
  { table: 'product_price', owner: 'product_id' },
  { table: 'product_order_rule', owner: 'product_id' },
  { table: 'product_option', owner: 'product_id' },
];

export function productWriter(sqlite: Database, priceLists: ReadonlyMap<string, number>): ProductWriter {
  const columns = 'sku, status, category_id, brand, unit, gtin, hs_code, origin_country, net_weight_g, gross_weight_g, length_mm, width_mm, height_mm, cost_price_minor, cost_currency, attributes';
  const insertProduct = sqlite.prepare(
    `INSERT INTO product (${columns}, kind, parent_id, option_values, created_at, updated_at) VALUES (${columns
      .split(', ')
      .map(() => '?')
      .join(', ')}, ?, ?, ?, ?, ?)`,
  );
  const updateProduct = sqlite.prepare(
    `UPDATE product SET ${columns
      .split(', ')
      .map((c) => `${c} = ?`)
      .join(', ')}, option_values = ?, updated_at = ?, revision = revision + 1 WHERE id = ?`,
  );
  const statements = {
    deleteTexts: sqlite.prepare('DELETE FROM product_text WHERE product_id = ?'),
    insertText: sqlite.prepare('INSERT INTO product_text (product_id, language, title, description) VALUES (?, ?, ?, ?)'),
    deleteTags: sqlite.prepare('DELETE FROM product_tag WHERE product_id = ?'),
    insertTag: sqlite.prepare('INSERT OR IGNORE INTO product_tag (product_id, tag) VALUES (?, ?)'),
    deletePrices: sqlite.prepare('DELETE FROM product_price WHERE product_id = ?'),
    insertPrice: sqlite.prepare('INSERT INTO product_price (product_id, price_list_id, currency, min_quantity_milli, amount_minor) VALUES (?, ?, ?, ?, ?)'),
    deleteRules: sqlite.prepare('DELETE FROM product_order_rule WHERE product_id = ?'),
    insertRule: sqlite.prepare('INSERT INTO product_order_rule (product_id, price_list_id, min_order_quantity_milli) VALUES (?, ?, ?)'),
    deleteOptions: sqlite.prepare('DELETE FROM product_option WHERE product_id = ?'),
    insertOption: sqlite.prepare('INSERT INTO product_option (product_id, position, name, "values") VALUES (?, ?, ?, ?)'),
    revision: sqlite.prepare('SELECT revision FROM product WHERE id = ?').pluck(),
  };
  const values = (f: ProductFields): unknown[] => [
    f.sku,
    f.status,
    f.categoryId,
    f.brand,
    f.unit,
    f.gtin,
    f.hsCode,
    f.originCountry,
    f.netWeightG,
    f.grossWeightG,
    f.lengthMm,
    f.widthMm,
    f.heightMm,
    f.costPrice?.amountMinor ?? null,
    f.costPrice?.currency ?? null,
    JSON.stringify(f.attributes),
  ];
  const listId = (code: string): number => {
    const id = priceLists.get(code);
    // The plan refuses unknown price lists before anything is written.
    if (id === undefined) throw new Error(`Unknown price list ${code} reached the import writer.`);
    return id;
  };
  const writeTexts = (id: number, f: ProductFields): void => {
    for (const [language, t] of Object.entries(f.texts)) statements.insertText.run(id, language, t.title, t.description);
  };
  const writeTags = (id: number, f: ProductFields): void => {
    for (const tag of f.tags) statements.insertTag.run(id, tag);
  };
  const writePrices = (id: number, f: ProductFields): void => {
    for (const p of f.prices) for (const t of p.tiers) statements.insertPrice.run(id, listId(p.priceList), p.currency, t.minQuantityMilli, t.amountMinor);
    for (const m of f.minimumOrders) statements.insertRule.run(id, listId(m.priceList), m.quantityMilli);
  };
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  return {
    insert(f, kind, parentId, optionValues, now) {
      // run() and lastInsertRowid: RETURNING through get() costs three times as much per row.
      const id = Number(insertProduct.run(...values(f), kind, parentId, optionValues === null ? null : JSON.stringify(optionValues), now, now).lastInsertRowid);
      writeTexts(id, f);
      writeTags(id, f);
      writePrices(id, f);
      return id;
    },
    update(id, f, optionValues, now, before) {
      updateProduct.run(...values(f), optionValues === null ? null : JSON.stringify(optionValues), now, id);
      if (!before || !same(before.texts, f.texts)) {
        statements.deleteTexts.run(id);
        writeTexts(id, f);
      }
      if (!before || !same(before.tags, f.tags)) {
        statements.deleteTags.run(id);
        writeTags(id, f);
      }
      if (!before || !same(before.prices, f.prices) || !same(before.minimumOrders, f.minimumOrders)) {
        statements.deletePrices.run(id);
        statements.deleteRules.run(id);
        writePrices(id, f);
      }
    },
    setOptions(id, options) {
      statements.deleteOptions.run(id);
      options.forEach((o, position) => statements.insertOption.run(id, position, o.name, JSON.stringify(o.values)));
    },
    revisionOf: (id) => statements.revision.get(id) as number,
  };
}

export type { Statement };
