import type { Database } from 'better-sqlite3';
import { mulDivRound } from '../../../shared/money.ts';
import type { Level, LevelPage, Movement, MovementKind } from '../../../shared/stock/schemas.ts';
import { unitCostOf } from './costing.ts';
import { baseCurrency, cached } from './resolve.ts';
import { readStockSettings } from './settings.ts';

/** Reads for the stock screens: movement history, levels, low stock, current valuation. */

const MOVEMENT_VIEW = `
  SELECT m.*, p.sku, p.unit, w.code AS warehouse_code, l.code AS location_code, c.id AS corrected_by_id
  FROM stock_movement m
  JOIN product p ON p.id = m.product_id
  JOIN warehouse w ON w.id = m.warehouse_id
  LEFT JOIN warehouse_location l ON l.id = m.location_id
  LEFT JOIN stock_movement c ON c.corrects_id = m.id`;

interface MovementViewRow {
  id: number;
  kind: MovementKind;
  product_id: number;
  sku: string;
  unit: string;
  warehouse_id: number;
  warehouse_code: string;
  location_id: number | null;
  location_code: string | null;
  quantity_milli: number;
  value_minor: number;
  unit_cost_minor: number | null;
  supplier: string | null;
  reason: string | null;
  reference: string | null;
  transfer_id: number | null;
  corrects_id: number | null;
  corrected_by_id: number | null;
  return_of_id: number | null;
  stocktake_id: number | null;
  occurred_at: string;
  created_at: string;
}

function toMovement(r: MovementViewRow): Movement {
  return {
    id: r.id,
    kind: r.kind,
    productId: r.product_id,
    sku: r.sku,
    unit: r.unit,
    warehouseId: r.warehouse_id,
    warehouseCode: r.warehouse_code,
    locationId: r.location_id,
    locationCode: r.location_code,
    quantityMilli: r.quantity_milli,
    valueMinor: r.value_minor,
    unitCostMinor: r.unit_cost_minor,
    costOfGoodsMinor: r.kind === 'shipment' ? -r.value_minor : null,
    supplier: r.supplier,
    reason: r.reason,
    reference: r.reference,
    transferId: r.transfer_id,
    correctsId: r.corrects_id,
    correctedById: r.corrected_by_id,
    returnOfId: r.return_of_id,
    stocktakeId: r.stocktake_id,
    occurredAt: r.occurred_at,
    createdAt: r.created_at,
  };
}

export function movementsById(sqlite: Database, ids: readonly number[]): Movement[] {
  const statement = cached(sqlite, `${MOVEMENT_VIEW} WHERE m.id = ?`);
  return ids.map((id) => {
    const row = statement.get(id) as MovementViewRow | undefined;
    if (!row) throw new Error(`stock movement ${id} was just written but cannot be read back`);
    return toMovement(row);
  });
}

export function movementHistory(
  sqlite: Database,
  productId: number,
  warehouseId: number | null,
  offset: number,
  limit: number,
): { currency: string | null; total: number; rows: Movement[] } {
  const where = warehouseId === null ? 'm.product_id = ?' : 'm.product_id = ? AND m.warehouse_id = ?';
  const params = warehouseId === null ? [productId] : [productId, warehouseId];
  const total = (cached(sqlite, `SELECT count(*) AS n FROM stock_movement m WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = cached(sqlite, `${MOVEMENT_VIEW} WHERE ${where} ORDER BY m.occurred_at DESC, m.id DESC LIMIT ? OFFSET ?`).all(
    ...params,
    limit,
    offset,
  ) as MovementViewRow[];
  return { currency: baseCurrency(sqlite), total, rows: rows.map(toMovement) };
}

// ---- levels ------------------------------------------------------------------------------------

interface LevelRow {
  product_id: number;
  sku: string;
  unit: string;
  warehouse_id: number;
  warehouse_code: string;
  on_hand: number;
  reserved: number;
  reorder_point: number | null;
  reorder_quantity: number | null;
  valuation_quantity: number | null;
  valuation_value: number | null;
  total: number;
}

export interface LevelFilter {
  warehouseId?: number | undefined;
  productIds?: readonly number[] | undefined;
  lowOnly?: boolean | undefined;
  offset: number;
  limit: number;
}

/**
 * Every product × warehouse that has a level or a reorder rule (a rule for stock never received is
 * exactly what the low-stock view must show), ordered by SKU and warehouse code.
 */
export function levels(sqlite: Database, filter: LevelFilter): LevelPage {
  const keyWhere: string[] = [];
  if (filter.warehouseId !== undefined) keyWhere.push('warehouse_id = @warehouse');
  if (filter.productIds !== undefined) keyWhere.push('product_id IN (SELECT value FROM json_each(@products))');
  const where = keyWhere.length > 0 ? `WHERE ${keyWhere.join(' AND ')}` : '';
  const low = filter.lowOnly ? 'WHERE r.reorder_point_milli IS NOT NULL AND coalesce(l.on_hand_milli, 0) - coalesce(l.reserved_milli, 0) <= r.reorder_point_milli' : '';
  const sql = `
    WITH keys AS (
      SELECT product_id, warehouse_id FROM stock_level ${where}
      UNION
      SELECT product_id, warehouse_id FROM reorder_rule ${where}
    )
    SELECT k.product_id, p.sku, p.unit, k.warehouse_id, w.code AS warehouse_code,
           coalesce(l.on_hand_milli, 0) AS on_hand, coalesce(l.reserved_milli, 0) AS reserved,
           r.reorder_point_milli AS reorder_point, r.reorder_quantity_milli AS reorder_quantity,
           v.quantity_milli AS valuation_quantity, v.value_minor AS valuation_value,
           count(*) OVER () AS total
    FROM keys k
    JOIN product p ON p.id = k.product_id
    JOIN warehouse w ON w.id = k.warehouse_id
    LEFT JOIN stock_level l ON l.product_id = k.product_id AND l.warehouse_id = k.warehouse_id
    LEFT JOIN reorder_rule r ON r.product_id = k.product_id AND r.warehouse_id = k.warehouse_id
    LEFT JOIN stock_valuation v ON v.product_id = k.product_id
    ${low}
    ORDER BY p.sku, w.code
    LIMIT @limit OFFSET @offset`;
  const named: Record<string, number | string> = { limit: filter.limit, offset: filter.offset };
  if (filter.warehouseId !== undefined) named.warehouse = filter.warehouseId;
  if (filter.productIds !== undefined) named.products = JSON.stringify(filter.productIds);
  const rows = cached(sqlite, sql).all(named) as LevelRow[];
  const total = rows[0]?.total ?? (filter.offset > 0 ? countLevels(sqlite, sql, named) : 0);
  return { currency: baseCurrency(sqlite), total, rows: rows.map(toLevel) };
}

/** A page past the end has no row to carry the window count; count without the page. */
function countLevels(sqlite: Database, sql: string, named: Record<string, number | string>): number {
  const rows = cached(sqlite, sql).all({ ...named, offset: 0, limit: 1 }) as LevelRow[];
  return rows[0]?.total ?? 0;
}

function toLevel(r: LevelRow): Level {
  const available = r.on_hand - r.reserved;
  const q = r.valuation_quantity ?? 0;
  return {
    productId: r.product_id,
    sku: r.sku,
    unit: r.unit,
    warehouseId: r.warehouse_id,
    warehouseCode: r.warehouse_code,
    onHandMilli: r.on_hand,
    reservedMilli: r.reserved,
    availableMilli: available,
    reorderPointMilli: r.reorder_point,
    reorderQuantityMilli: r.reorder_quantity,
    low: r.reorder_point !== null && available <= r.reorder_point,
    valueMinor: q === 0 ? 0 : mulDivRound(r.valuation_value ?? 0, r.on_hand, q),
  };
}

export function levelOf(sqlite: Database, productId: number, warehouseId: number): Level {
  const page = levels(sqlite, { warehouseId, productIds: [productId], offset: 0, limit: 1 });
  const level = page.rows[0];
  if (level) return level;
  // Neither stock nor a rule yet: an empty level, as the product list shows it.
  const row = cached(
    sqlite,
    'SELECT p.id, p.sku, p.unit, w.id AS warehouse_id, w.code FROM product p, warehouse w WHERE p.id = ? AND w.id = ?',
  ).get(productId, warehouseId) as { id: number; sku: string; unit: string; warehouse_id: number; code: string };
  return {
    productId: row.id,
    sku: row.sku,
    unit: row.unit,
    warehouseId: row.warehouse_id,
    warehouseCode: row.code,
    onHandMilli: 0,
    reservedMilli: 0,
    availableMilli: 0,
    reorderPointMilli: null,
    reorderQuantityMilli: null,
    low: false,
    valueMinor: 0,
  };
}

// ---- valuation now -----------------------------------------------------------------------------

export interface ValuationRowOut {
  productId: number;
  sku: string;
  unit: string;
  quantityMilli: number;
  valueMinor: number;
  averageCostMinor: number | null;
}

export interface ValuationOut {
  at: string | null;
  method: 'average' | 'fifo';
  currency: string | null;
  total: number;
  totalValueMinor: number;
  rows: ValuationRowOut[];
}

export function valuationNow(sqlite: Database, offset: number, limit: number): ValuationOut {
  const totals = cached(
    sqlite,
    'SELECT count(*) AS n, coalesce(sum(value_minor), 0) AS value FROM stock_valuation WHERE quantity_milli <> 0 OR value_minor <> 0',
  ).get() as { n: number; value: number };
  const rows = cached(
    sqlite,
    `SELECT v.product_id, p.sku, p.unit, v.quantity_milli, v.value_minor
     FROM stock_valuation v JOIN product p ON p.id = v.product_id
     WHERE v.quantity_milli <> 0 OR v.value_minor <> 0
     ORDER BY p.sku LIMIT ? OFFSET ?`,
  ).all(limit, offset) as { product_id: number; sku: string; unit: string; quantity_milli: number; value_minor: number }[];
  return {
    at: null,
    method: readStockSettings(sqlite).valuationMethod,
    currency: baseCurrency(sqlite),
    total: totals.n,
    totalValueMinor: totals.value,
    rows: rows.map((r) => valuationRow(r.product_id, r.sku, r.unit, r.quantity_milli, r.value_minor)),
  };
}

export function valuationRow(productId: number, sku: string, unit: string, quantityMilli: number, valueMinor: number): ValuationRowOut {
  return { productId, sku, unit, quantityMilli, valueMinor, averageCostMinor: unitCostOf(valueMinor, quantityMilli) };
}
