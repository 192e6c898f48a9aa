import type { Database } from 'better-sqlite3';

/**
 * Writes a catalog straight into the tables (the catalog service would take minutes for 10,000
 * products): `count` products, every `variantsEvery`-th one a parent with sizes S/M/L, each with a
 * EUR retail price and stock in the MAIN warehouse. Answers the products' ids (parents and simples).
 */
export function seedCatalog(sqlite: Database, count: number, options: { variantsEvery?: number; prefix?: string; withoutTitle?: number[] } = {}): number[] {
  const variantsEvery = options.variantsEvery ?? 4;
  const prefix = options.prefix ?? 'SKU';
  const now = new Date().toISOString();
  const warehouse = sqlite.prepare("SELECT id FROM warehouse WHERE code = 'MAIN'").pluck().get() as number;
  const retail = sqlite.prepare("SELECT id FROM price_list WHERE code = 'RETAIL'").pluck().get() as number;
  const product = sqlite.prepare("INSERT INTO product (sku, kind, parent_id, status, option_values, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?) RETURNING id").pluck();
  const text = sqlite.prepare("INSERT INTO product_text (product_id, language, title, description) VALUES (?, 'en', ?, ?)");
  const price = sqlite.prepare("INSERT INTO product_price (product_id, price_list_id, currency, amount_minor) VALUES (?, ?, 'EUR', ?)");
  const option = sqlite.prepare('INSERT INTO product_option (product_id, position, name, "values") VALUES (?, 0, \'Size\', \'["S","M","L"]\')');
  const level = sqlite.prepare('INSERT INTO stock_level (product_id, warehouse_id, on_hand_milli) VALUES (?, ?, ?)');
  const ids: number[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const sku = `${prefix}-${String(i).padStart(5, '0')}`;
      const isParent = variantsEvery > 0 && i % variantsEvery === 0;
      const id = product.get(sku, isParent ? 'parent' : 'simple', null, null, now, now) as number;
      ids.push(id);
      if (!options.withoutTitle?.includes(i)) text.run(id, `Product ${i}`, `Description of product ${i}\nHand made.`);
      price.run(id, retail, 1000 + i);
      if (isParent) {
        option.run(id);
        for (const size of ['S', 'M', 'L']) {
          const variant = product.get(`${sku}-${size}`, 'variant', id, JSON.stringify({ Size: size }), now, now) as number;
          level.run(variant, warehouse, 5000);
        }
      } else level.run(id, warehouse, 7000 + (i % 5) * 1000);
    }
  })();
  return ids;
}
