import type { Database } from 'better-sqlite3';
import { KontorError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { mulDivRound } from '../../../shared/money.ts';
import type { QuantityInput, Stocktake, StocktakeStatus, WarehouseRef } from '../../../shared/stock/schemas.ts';
import { valueOf } from './costing.ts';
import { recordMovements, type StockRequest } from './recordMovements.ts';
import { baseCurrency, cached, findProduct, findWarehouse, quantityOf } from './resolve.ts';

/**
 * Stock counts. A count is entered (or imported) per product; what the books said at that moment
 * is noted beside it. Posting turns every difference (counted − books at counting) into one
 * adjustment, all in ONE transaction: if any line is refused (negative stock, an inactive
 * warehouse), nothing is posted.
 *
 * Posting the difference noted at counting time, rather than "set the books to the count", keeps
 * the movements recorded between counting and posting: goods shipped after the shelf was counted
 * left after the count and must not be counted away twice. What the review shows is what posts.
 * Products not counted are left alone (a partial or cycle count).
 */

interface StocktakeRow {
  id: number;
  warehouse_id: number;
  warehouse_code: string;
  status: StocktakeStatus;
  note: string | null;
  created_at: string;
  posted_at: string | null;
}

function row(sqlite: Database, id: number): StocktakeRow {
  const found = cached(sqlite, 'SELECT s.*, w.code AS warehouse_code FROM stocktake s JOIN warehouse w ON w.id = s.warehouse_id WHERE s.id = ?').get(
    id,
  ) as StocktakeRow | undefined;
  if (!found) throw new KontorError('NOT_FOUND', `There is no stocktake #${id}.`);
  return found;
}

function requireOpen(s: StocktakeRow): void {
  if (s.status !== 'open') throw new KontorError('CONFLICT', `Stocktake #${s.id} of ${s.warehouse_code} is ${s.status}; only an open count can change.`);
}

export function createStocktake(sqlite: Database, ref: WarehouseRef, note: string | null): Stocktake {
  const run = sqlite.transaction(() => {
    const warehouse = findWarehouse(sqlite, ref, 'warehouse');
    if (!warehouse.active) {
      throw new ValidationError([
        { path: 'warehouse', key: 'validation.stock.inactiveWarehouse', message: `Warehouse ${warehouse.code} is inactive.`, params: { warehouse: warehouse.code } },
      ]);
    }
    const open = sqlite.prepare("SELECT id FROM stocktake WHERE warehouse_id = ? AND status = 'open'").get(warehouse.id) as { id: number } | undefined;
    if (open) {
      throw new KontorError('CONFLICT', `Warehouse ${warehouse.code} already has an open stocktake (#${open.id}); post or cancel it first.`, {
        stocktakeId: open.id,
      });
    }
    const id = sqlite
      .prepare("INSERT INTO stocktake (warehouse_id, status, note, created_at) VALUES (?, 'open', ?, ?)")
      .run(warehouse.id, note, new Date().toISOString()).lastInsertRowid;
    return Number(id);
  });
  return getStocktake(sqlite, run.immediate());
}

export function listStocktakes(sqlite: Database, ref: WarehouseRef | undefined, status: StocktakeStatus | undefined): Omit<Stocktake, 'lines' | 'currency'>[] {
  const warehouseId = ref === undefined ? null : findWarehouse(sqlite, ref, 'warehouse').id;
  const rows = sqlite
    .prepare(
      `SELECT s.*, w.code AS warehouse_code FROM stocktake s JOIN warehouse w ON w.id = s.warehouse_id
       WHERE (@warehouse IS NULL OR s.warehouse_id = @warehouse) AND (@status IS NULL OR s.status = @status)
       ORDER BY s.id DESC`,
    )
    .all({ warehouse: warehouseId, status: status ?? null }) as StocktakeRow[];
  return rows.map((s) => {
    const { lines: _lines, currency: _currency, ...summary } = getStocktake(sqlite, s.id);
    return summary;
  });
}

export interface CountInput {
  sku?: string | undefined;
  productId?: number | undefined;
  counted: QuantityInput | null;
}

/**
 * Enters counts; a line counted again replaces the earlier count and notes the books afresh.
 * All lines or none: every problem is reported with the line it is on.
 */
export function setCounts(sqlite: Database, id: number, counts: readonly CountInput[]): Stocktake {
  const run = sqlite.transaction(() => {
    const s = row(sqlite, id);
    requireOpen(s);
    const issues: FieldIssue[] = [];
    const upsert = cached(
      sqlite,
      `INSERT INTO stocktake_count (stocktake_id, product_id, counted_milli, expected_milli) VALUES (?, ?, ?, ?)
       ON CONFLICT (stocktake_id, product_id) DO UPDATE SET counted_milli = excluded.counted_milli, expected_milli = excluded.expected_milli`,
    );
    const remove = cached(sqlite, 'DELETE FROM stocktake_count WHERE stocktake_id = ? AND product_id = ?');
    const onHand = cached(sqlite, 'SELECT on_hand_milli FROM stock_level WHERE product_id = ? AND warehouse_id = ?');
    counts.forEach((count, index) => {
      const path = `counts.${index}`;
      try {
        const product = findProduct(sqlite, count, path);
        if (product.kind === 'parent') {
          throw new ValidationError([
            {
              path: `${path}.sku`,
              key: 'validation.stock.parentProduct',
              message: `${product.sku} is a parent product; count its variants.`,
              params: { sku: product.sku },
            },
          ]);
        }
        if (count.counted === null) {
          remove.run(id, product.id);
          return;
        }
        const counted = quantityOf(count.counted, product, `${path}.counted`, 'nonNegative');
        const expected = (onHand.get(product.id, s.warehouse_id) as { on_hand_milli: number } | undefined)?.on_hand_milli ?? 0;
        upsert.run(id, product.id, counted, expected);
      } catch (error) {
        // One bad line must not hide the others: collect, and refuse the whole batch below.
        if (!(error instanceof ValidationError)) throw error;
        issues.push(...(error.details?.issues ?? []));
      }
    });
    if (issues.length > 0) throw new ValidationError(issues);
  });
  run.immediate();
  return getStocktake(sqlite, id);
}

interface LineRow {
  product_id: number;
  sku: string;
  unit: string;
  counted_milli: number;
  expected_milli: number;
  on_hand_now: number | null;
  valuation_quantity: number | null;
  valuation_value: number | null;
  posted_value: number | null;
  last_unit_cost: number | null;
}

export function getStocktake(sqlite: Database, id: number): Stocktake {
  const s = row(sqlite, id);
  const lines = cached(
    sqlite,
    `SELECT c.product_id, p.sku, p.unit, c.counted_milli, c.expected_milli, l.on_hand_milli AS on_hand_now,
            v.quantity_milli AS valuation_quantity, v.value_minor AS valuation_value,
            (SELECT sum(m.value_minor) FROM stock_movement m WHERE m.stocktake_id = c.stocktake_id AND m.product_id = c.product_id) AS posted_value,
            (SELECT m.unit_cost_minor FROM stock_movement m WHERE m.product_id = c.product_id AND m.unit_cost_minor IS NOT NULL
             ORDER BY m.occurred_at DESC, m.id DESC LIMIT 1) AS last_unit_cost
     FROM stocktake_count c
     JOIN product p ON p.id = c.product_id
     LEFT JOIN stock_level l ON l.product_id = c.product_id AND l.warehouse_id = ?
     LEFT JOIN stock_valuation v ON v.product_id = c.product_id
     WHERE c.stocktake_id = ?
     ORDER BY p.sku`,
  ).all(s.warehouse_id, id) as LineRow[];
  let valueImpact = 0;
  let differing = 0;
  const out = lines.map((l) => {
    const difference = l.counted_milli - l.expected_milli;
    if (difference !== 0) differing++;
    const q = l.valuation_quantity ?? 0;
    // Open: an estimate at today's average (or last) cost. Posted: what the adjustment was worth.
    const impact =
      s.status === 'posted'
        ? (l.posted_value ?? 0)
        : difference === 0
          ? 0
          : q !== 0
            ? mulDivRound(l.valuation_value ?? 0, difference, q)
            : valueOf(l.last_unit_cost ?? 0, difference);
    valueImpact += impact;
    return {
      productId: l.product_id,
      sku: l.sku,
      unit: l.unit,
      expectedMilli: l.expected_milli,
      countedMilli: l.counted_milli,
      differenceMilli: difference,
      onHandNowMilli: l.on_hand_now ?? 0,
      valueImpactMinor: impact,
    };
  });
  return {
    id: s.id,
    warehouseId: s.warehouse_id,
    warehouseCode: s.warehouse_code,
    status: s.status,
    note: s.note,
    createdAt: s.created_at,
    postedAt: s.posted_at,
    currency: baseCurrency(sqlite),
    lines: out,
    totals: { lines: out.length, differing, valueImpactMinor: valueImpact },
  };
}

/** Posts every difference as an adjustment and marks the count posted, in one transaction. */
export function postStocktake(sqlite: Database, id: number, now = new Date()): Stocktake {
  const run = sqlite.transaction(() => {
    // Re-read under the write lock: another window (or the CLI) may have posted it meanwhile.
    const s = row(sqlite, id);
    requireOpen(s);
    const lines = cached(
      sqlite,
      `SELECT c.product_id, c.counted_milli - c.expected_milli AS difference
       FROM stocktake_count c JOIN product p ON p.id = c.product_id
       WHERE c.stocktake_id = ? AND c.counted_milli <> c.expected_milli ORDER BY p.sku`,
    ).all(id) as { product_id: number; difference: number }[];
    const requests: StockRequest[] = lines.map((l, index) => ({
      kind: 'adjustment',
      productId: l.product_id,
      warehouseId: s.warehouse_id,
      quantityMilli: l.difference,
      reason: s.note ? `Stocktake #${id}: ${s.note}` : `Stocktake #${id}`,
      stocktakeId: id,
      path: `lines.${index}`,
    }));
    recordMovements(sqlite, requests, {
      now,
      after: () => {
        cached(sqlite, "UPDATE stocktake SET status = 'posted', posted_at = ? WHERE id = ?").run(now.toISOString(), id);
      },
    });
  });
  run.immediate();
  return getStocktake(sqlite, id);
}

export function cancelStocktake(sqlite: Database, id: number): Stocktake {
  const run = sqlite.transaction(() => {
    const s = row(sqlite, id);
    requireOpen(s);
    cached(sqlite, "UPDATE stocktake SET status = 'cancelled' WHERE id = ?").run(id);
  });
  run.immediate();
  return getStocktake(sqlite, id);
}
