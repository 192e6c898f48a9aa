import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import type { CallResult, FieldIssue } from '../../../shared/errors.ts';
import { insertCompany, insertProduct, type ProductRowInput } from '../../support/catalogRows.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

export interface StockKontor extends TestKontor {
  sqlite: Database;
  product(sku: string, extra?: Omit<ProductRowInput, 'sku'>): number;
}

/** A test Kontor with a company in EUR (so unit costs parse) and a way to add products. */
export async function openStockKontor(currency = 'EUR'): Promise<StockKontor> {
  const t = await openTestKontor();
  const sqlite = t.kontor.database.sqlite;
  insertCompany(sqlite, currency);
  return { ...t, sqlite, product: (sku, extra = {}) => insertProduct(sqlite, { sku, ...extra }) };
}

export function issuesOf(result: CallResult<unknown>): FieldIssue[] {
  if (result.ok) throw new Error(`expected the call to be refused, it answered ${JSON.stringify(result.value)}`);
  expect(result.error.code).toBe('VALIDATION');
  return result.error.details?.issues ?? [];
}

/** Everything the stock tables hold, to show that a refused call wrote nothing. */
export function stockSnapshot(sqlite: Database): unknown {
  return Object.fromEntries(
    ['stock_movement', 'stock_level', 'stock_valuation', 'stock_cost_layer', 'stocktake', 'stocktake_count'].map((t) => [
      t,
      sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
    ]),
  );
}
