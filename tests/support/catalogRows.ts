import type { Database } from 'better-sqlite3';

/**
 * Minimal catalog and company rows written with SQL, so stock tests do not depend on the catalog
 * services (built in parallel). Only the columns the stock core reads are filled in.
 */
export interface ProductRowInput {
  sku: string;
  kind?: 'simple' | 'parent' | 'variant';
  unit?: string;
  parentId?: number | null;
  costPriceMinor?: number | null;
  costCurrency?: string | null;
}

export function insertProduct(sqlite: Database, input: ProductRowInput): number {
  const now = new Date().toISOString();
  const result = sqlite
    .prepare(
      `INSERT INTO product (sku, kind, parent_id, status, unit, cost_price_minor, cost_currency, created_at, updated_at)
       VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
    )
    .run(input.sku, input.kind ?? 'simple', input.parentId ?? null, input.unit ?? 'pcs', input.costPriceMinor ?? null, input.costCurrency ?? null, now, now);
  return Number(result.lastInsertRowid);
}

/** A parent with one variant per suffix: answers the parent's id and the variants' ids. */
export function insertParentWithVariants(sqlite: Database, sku: string, suffixes: readonly string[]): { parentId: number; variantIds: number[] } {
  const parentId = insertProduct(sqlite, { sku, kind: 'parent' });
  const variantIds = suffixes.map((s) => insertProduct(sqlite, { sku: `${sku}-${s}`, kind: 'variant', parentId }));
  return { parentId, variantIds };
}

/** The company row only (its base currency values stock); the profile services are not needed. */
export function insertCompany(sqlite: Database, baseCurrency = 'EUR'): void {
  sqlite
    .prepare(
      `INSERT INTO company (id, legal_name, country, base_currency, fiscal_year_start_month, fiscal_year_start_day, default_language, updated_at)
       VALUES (1, 'Atelier Test', 'MA', ?, 1, 1, 'en', ?)
       ON CONFLICT (id) DO UPDATE SET base_currency = excluded.base_currency`,
    )
    .run(baseCurrency, new Date().toISOString());
}

export function countMovements(sqlite: Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM stock_movement').get() as { n: number }).n;
}
