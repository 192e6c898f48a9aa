import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/index.ts';
import type { stockCalls } from '../../../shared/contract/stock.ts';
import { ValidationError } from '../../../shared/errors.ts';
import type { Level, LevelPage, MovementsResult, StockSettings, Valuation } from '../../../shared/stock/schemas.ts';
import type { KontorSchema } from '../db/schema.ts';
import { onHandSortedAt, packKey, unpackKey, valuationAt } from './pastDate.ts';
import { levelOf, levels, movementHistory, movementsById, valuationNow, valuationRow } from './queries.ts';
import { recordMovements, type MovementRequest } from './recordMovements.ts';
import {
  baseCurrency,
  cached,
  exclusive,
  findLocation,
  findProduct,
  findWarehouse,
  productPath,
  quantityOf,
  renamePaths,
  unitCostOf,
} from './resolve.ts';
import { readStockSettings, writeStockSettings } from './settings.ts';
import { cancelStocktake, createStocktake, getStocktake, listStocktakes, postStocktake, setCounts } from './stocktake.ts';
import { createLocation, createWarehouse, listLocations, listWarehouses, updateWarehouse } from './warehouses.ts';

/** What a stock handler receives: the call's input after the contract's schema parsed it. */
type In<N extends keyof typeof stockCalls> = ParsedInput<N>;

/**
 * The stock calls of the contract, on top of the core functions: names (SKU, warehouse code) become
 * ids, "12,5" becomes milli-units of the product's unit, "19.90" minor units of the base currency.
 * Every piece runs synchronously on the raw connection while holding Kysely's connection (see
 * `exclusive`), so no Kysely transaction of another service interleaves with it.
 */
/** The product, warehouse and (optional) location a receipt, shipment or adjustment names, as ids. */
function placeOf(s: Database, input: In<'stock.receive'> | In<'stock.ship'> | In<'stock.adjust'>) {
  const product = findProduct(s, input);
  const warehouse = findWarehouse(s, input.warehouse, 'warehouse');
  const locationId = input.location === undefined ? null : findLocation(s, warehouse, input.location);
  return { product, place: { productId: product.id, warehouseId: warehouse.id, locationId } };
}

export function createStockService(db: Kysely<KontorSchema>, sqlite: Database) {
  const run = <T>(fn: (sqlite: Database) => T): Promise<T> => exclusive(db, () => fn(sqlite));

  /** Writes, then answers the movements as the screens show them. */
  const write = (sqlite: Database, request: MovementRequest, renames: Record<string, string>): MovementsResult => {
    const [ids = []] = renamePaths(() => recordMovements(sqlite, [request]), renames);
    return { currency: baseCurrency(sqlite), movements: movementsById(sqlite, ids) };
  };

  return {
    listWarehouses: (input: In<'warehouses.list'>) => run((s) => listWarehouses(s, input.includeInactive)),
    createWarehouse: (input: In<'warehouses.create'>) => run((s) => createWarehouse(s, input)),
    updateWarehouse: (input: In<'warehouses.update'>) => run((s) => updateWarehouse(s, input)),
    listLocations: (input: In<'locations.list'>) => run((s) => listLocations(s, input.warehouse)),
    createLocation: (input: In<'locations.create'>) => run((s) => createLocation(s, input.warehouse, input.code)),

    receive: (input: In<'stock.receive'>) =>
      run((s) => {
        const { product, place } = placeOf(s, input);
        return write(
          s,
          {
            kind: 'receipt',
            ...place,
            quantityMilli: quantityOf(input.quantity, product, 'quantity', 'positive'),
            unitCostMinor: input.unitCost === undefined ? null : unitCostOf(s, input.unitCost, product),
            totalCostMinor: input.totalCost === undefined ? null : unitCostOf(s, input.totalCost, product, 'totalCost'),
            supplier: input.supplier,
            supplierContactId: input.supplierContactId ?? null,
            reference: input.reference,
            occurredAt: occurredAt(input.occurredAt),
          },
          { product: productPath(input) },
        );
      }),

    ship: (input: In<'stock.ship'>) =>
      run((s) => {
        const { product, place } = placeOf(s, input);
        return write(
          s,
          {
            kind: 'shipment',
            ...place,
            quantityMilli: -quantityOf(input.quantity, product, 'quantity', 'positive'),
            reference: input.reference,
            occurredAt: occurredAt(input.occurredAt),
          },
          { product: productPath(input) },
        );
      }),

    adjust: (input: In<'stock.adjust'>) =>
      run((s) => {
        const { product, place } = placeOf(s, input);
        return write(
          s,
          {
            kind: 'adjustment',
            ...place,
            quantityMilli: quantityOf(input.quantity, product, 'quantity', 'nonZero'),
            unitCostMinor: input.unitCost === undefined ? null : unitCostOf(s, input.unitCost, product),
            reason: input.reason,
            reference: input.reference,
            occurredAt: occurredAt(input.occurredAt),
          },
          { product: productPath(input) },
        );
      }),

    transfer: (input: In<'stock.transfer'>) =>
      run((s) => {
        const product = findProduct(s, input);
        const from = findWarehouse(s, input.from, 'from');
        const to = findWarehouse(s, input.to, 'to');
        return write(
          s,
          {
            kind: 'transfer',
            productId: product.id,
            fromWarehouseId: from.id,
            toWarehouseId: to.id,
            quantityMilli: quantityOf(input.quantity, product, 'quantity', 'positive'),
            reference: input.reference,
            occurredAt: occurredAt(input.occurredAt),
          },
          { product: productPath(input) },
        );
      }),

    return: (input: In<'stock.return'>) =>
      run((s) => {
        let shipment: { product_id: number; warehouse_id: number } | undefined;
        if (input.shipmentId !== undefined) {
          shipment = cached(s, "SELECT product_id, warehouse_id FROM stock_movement WHERE id = ? AND kind = 'shipment'").get(input.shipmentId) as
            | { product_id: number; warehouse_id: number }
            | undefined;
          if (!shipment) {
            throw new ValidationError([
              {
                path: 'shipmentId',
                key: 'validation.stock.unknownShipment',
                message: `There is no shipment #${input.shipmentId} to take back.`,
                params: { shipmentId: input.shipmentId },
              },
            ]);
          }
        }
        const named = input.sku !== undefined || input.productId !== undefined;
        const product = findProduct(s, named ? input : { productId: shipment?.product_id });
        const warehouse =
          input.warehouse !== undefined ? findWarehouse(s, input.warehouse, 'warehouse') : findWarehouse(s, shipment?.warehouse_id ?? 0, 'warehouse');
        return write(
          s,
          {
            kind: 'return',
            productId: product.id,
            warehouseId: warehouse.id,
            locationId: input.location === undefined ? null : findLocation(s, warehouse, input.location),
            quantityMilli: quantityOf(input.quantity, product, 'quantity', 'positive'),
            returnOfId: input.shipmentId ?? null,
            reason: input.reason,
            reference: input.reference,
            occurredAt: occurredAt(input.occurredAt),
          },
          { product: named ? productPath(input) : 'shipmentId' },
        );
      }),

    correct: (input: In<'stock.correct'>) =>
      run((s) => {
        const [ids = []] = recordMovements(s, [{ kind: 'correction', movementId: input.movementId, reason: input.reason }]);
        return { currency: baseCurrency(s), movements: movementsById(s, ids) };
      }),

    levels: (input: In<'stock.levels'>): Promise<LevelPage> =>
      run((s) =>
        levels(s, {
          warehouseId: input.warehouse === undefined ? undefined : findWarehouse(s, input.warehouse, 'warehouse').id,
          productIds: input.productIds,
          lowOnly: input.lowOnly,
          offset: input.offset,
          limit: input.limit,
        }),
      ),

    lowStock: (input: In<'stock.lowStock'>): Promise<LevelPage> =>
      run((s) =>
        levels(s, {
          warehouseId: input.warehouse === undefined ? undefined : findWarehouse(s, input.warehouse, 'warehouse').id,
          lowOnly: true,
          offset: input.offset,
          limit: input.limit,
        }),
      ),

    movements: (input: In<'stock.movements'>) =>
      run((s) => {
        const product = findProduct(s, input);
        const warehouseId = input.warehouse === undefined ? null : findWarehouse(s, input.warehouse, 'warehouse').id;
        return movementHistory(s, product.id, warehouseId, input.offset, input.limit);
      }),

    valuation: (input: In<'stock.valuation'>): Promise<Valuation> =>
      run((s) => {
        if (input.at === undefined) return valuationNow(s, input.offset, input.limit);
        const { products } = valuationAt(s, input.at);
        const order = skuOrder(s);
        // Each product as its place in SKU order; sorting plain numbers needs no comparator.
        const ranks = Float64Array.from(products.keys(), (id) => order.rankOf(id)).sort();
        let totalValue = 0;
        for (const e of products.values()) totalValue += e.valueMinor;
        const page = Array.from(ranks.subarray(input.offset, input.offset + input.limit), (r) => order.idAt(r));
        const names = namesOf(s, page);
        const rows = page.map((id) => {
          const e = products.get(id) ?? { quantityMilli: 0, valueMinor: 0 };
          const name = names.get(id);
          return valuationRow(id, name?.sku ?? `#${id}`, name?.unit ?? 'pcs', e.quantityMilli, e.valueMinor);
        });
        return {
          at: input.at,
          method: readStockSettings(s).valuationMethod,
          currency: baseCurrency(s),
          total: products.size,
          totalValueMinor: totalValue,
          rows,
        };
      }),

    onHandAt: (input: In<'stock.onHandAt'>) =>
      run((s) => {
        const warehouseId = input.warehouse === undefined ? null : findWarehouse(s, input.warehouse, 'warehouse').id;
        const sorted = sortedOnHandAt(s, input.at, warehouseId);
        const page = Array.from(sorted.ranks.subarray(input.offset, input.offset + input.limit), (r) => {
          const w = sorted.warehouses[r % 65_536];
          return { productId: sorted.order.idAt(Math.floor(r / 65_536)), warehouseId: w?.id ?? 0, warehouseCode: w?.code ?? '' };
        });
        const names = namesOf(s, page.map((p) => p.productId));
        const rows = page.map((p) => ({
          ...p,
          sku: names.get(p.productId)?.sku ?? `#${p.productId}`,
          unit: names.get(p.productId)?.unit ?? 'pcs',
          onHandMilli: quantityAt(sorted.levels, packKey(p.productId, p.warehouseId)),
        }));
        return { at: input.at, total: sorted.ranks.length, rows };
      }),

    setReorderRule: (input: In<'stock.setReorderRule'>): Promise<Level> =>
      run((s) => {
        const product = findProduct(s, input);
        if (product.kind === 'parent') {
          throw new ValidationError([
            {
              path: productPath(input),
              key: 'validation.stock.parentProduct',
              message: `${product.sku} is a parent product; set reorder points on its variants.`,
              params: { sku: product.sku },
            },
          ]);
        }
        const warehouse = findWarehouse(s, input.warehouse, 'warehouse');
        if (input.reorderPoint === null) {
          s.prepare('DELETE FROM reorder_rule WHERE product_id = ? AND warehouse_id = ?').run(product.id, warehouse.id);
        } else {
          const point = quantityOf(input.reorderPoint, product, 'reorderPoint', 'nonNegative');
          const quantity = quantityOf(input.reorderQuantity ?? '', product, 'reorderQuantity', 'positive');
          s.prepare(
            `INSERT INTO reorder_rule (product_id, warehouse_id, reorder_point_milli, reorder_quantity_milli) VALUES (?, ?, ?, ?)
             ON CONFLICT (product_id, warehouse_id) DO UPDATE SET reorder_point_milli = excluded.reorder_point_milli,
               reorder_quantity_milli = excluded.reorder_quantity_milli`,
          ).run(product.id, warehouse.id, point, quantity);
        }
        return levelOf(s, product.id, warehouse.id);
      }),

    getSettings: (): Promise<StockSettings> => run((s) => readStockSettings(s)),
    setSettings: (change: In<'stock.settings.set'>) => run((s) => writeStockSettings(s, change)),

    createStocktake: (input: In<'stocktake.create'>) => run((s) => createStocktake(s, input.warehouse, input.note)),
    listStocktakes: (input: In<'stocktake.list'>) => run((s) => listStocktakes(s, input.warehouse, input.status)),
    setCounts: (input: In<'stocktake.setCounts'>) => run((s) => setCounts(s, input.id, input.counts)),
    getStocktake: (input: In<'stocktake.get'>) => run((s) => getStocktake(s, input.id)),
    postStocktake: (input: In<'stocktake.post'>) => run((s) => postStocktake(s, input.id)),
    cancelStocktake: (input: In<'stocktake.cancel'>) => run((s) => cancelStocktake(s, input.id)),
  };
}

export type StockService = ReturnType<typeof createStockService>;

/**
 * A day's end in the future means "today": the day was typed, not the time, so it is now. A time
 * typed in the future is left for the writer to refuse.
 */
function occurredAt(iso: string | undefined, now = new Date()): string | undefined {
  if (iso === undefined) return undefined;
  const nowIso = now.toISOString();
  if (iso > nowIso && iso.endsWith('T23:59:59.999Z') && iso.slice(0, 10) === nowIso.slice(0, 10)) return nowIso;
  return iso;
}

/** Products in SKU order (read off the unique SKU index, no sort): rank ↔ id. */
function skuOrder(sqlite: Database): { rankOf(id: number): number; idAt(rank: number): number } {
  const ids = cached(sqlite, 'SELECT id FROM product ORDER BY sku').pluck().all() as number[];
  const byRank = Float64Array.from(ids);
  let maxId = 0;
  for (const id of ids) if (id > maxId) maxId = id;
  // Ranks by id in a typed array when ids are dense enough (they are: rowids), else a Map.
  if (maxId <= 4 * ids.length + 1024) {
    const rank = new Int32Array(maxId + 1).fill(-1);
    byRank.forEach((id, i) => (rank[id] = i));
    return { rankOf: (id) => (id <= maxId && (rank[id] ?? -1) >= 0 ? (rank[id] ?? 0) : byRank.length), idAt: (r) => byRank[r] ?? 0 };
  }
  const rank = new Map<number, number>();
  byRank.forEach((id, i) => rank.set(id, i));
  return { rankOf: (id) => rank.get(id) ?? byRank.length, idAt: (r) => byRank[r] ?? 0 };
}

interface SortedOnHand {
  levels: { keys: Float64Array; quantities: Float64Array };
  order: { idAt(rank: number): number };
  warehouses: { id: number; code: string }[];
  /** One number per row, sorted: SKU rank × 2^16 + warehouse rank. */
  ranks: Float64Array;
}

/**
 * The last answer of `sortedOnHandAt` per connection, with what it was computed from. An export or
 * a person paging through a past date asks for the same date page after page; each page would
 * otherwise load a checkpoint, add half a month of movements and sort 130,000 rows again.
 */
const lastSorted = new WeakMap<Database, { version: string; at: string; warehouseId: number | null; sorted: SortedOnHand }>();

/**
 * Changes when anything is committed: by another connection (data_version) or by this one
 * (total_changes). Nothing outside a commit changes what a past date answers.
 */
function databaseVersion(sqlite: Database): string {
  const { changes } = cached(sqlite, 'SELECT total_changes() AS changes').get() as { changes: number };
  return `${String(sqlite.pragma('data_version', { simple: true }))}:${changes}`;
}

/** On hand per product and warehouse at `at`, in SKU then warehouse-code order. */
function sortedOnHandAt(sqlite: Database, at: string, warehouseId: number | null): SortedOnHand {
  const version = databaseVersion(sqlite);
  const last = lastSorted.get(sqlite);
  if (last && last.version === version && last.at === at && last.warehouseId === warehouseId) return last.sorted;
  const levels = onHandSortedAt(sqlite, at);
  const order = skuOrder(sqlite);
  const warehouses = sqlite.prepare('SELECT id, code FROM warehouse ORDER BY code').all() as { id: number; code: string }[];
  const warehouseRank = new Map(warehouses.map((w, i) => [w.id, i]));
  // SKU order, then warehouse code, as one number per row (rank × 2^16 + warehouse rank):
  // 300,000 rows sort natively in milliseconds, where comparing texts would take a second.
  const ranks = new Float64Array(levels.keys.length);
  let n = 0;
  for (const key of levels.keys) {
    const { productId, warehouseId: w } = unpackKey(key);
    if (warehouseId !== null && w !== warehouseId) continue;
    ranks[n++] = order.rankOf(productId) * 65_536 + (warehouseRank.get(w) ?? 0);
  }
  const sorted = { levels, order, warehouses, ranks: ranks.subarray(0, n).sort() };
  lastSorted.set(sqlite, { version, at, warehouseId, sorted });
  return sorted;
}

/** The quantity of `key` in sorted `keys` (binary search), 0 when absent. */
function quantityAt(levels: { keys: Float64Array; quantities: Float64Array }, key: number): number {
  let lo = 0;
  let hi = levels.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = levels.keys[mid] ?? 0;
    if (k === key) return levels.quantities[mid] ?? 0;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** SKU and unit of these products: looked up one by one for a page, read in one pass for most of the catalogue. */
function namesOf(sqlite: Database, ids: readonly number[]): Map<number, { sku: string; unit: string }> {
  const rows = (
    ids.length > 5000
      ? cached(sqlite, 'SELECT id, sku, unit FROM product').all()
      : cached(sqlite, 'SELECT id, sku, unit FROM product WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids))
  ) as { id: number; sku: string; unit: string }[];
  return new Map(rows.map((r) => [r.id, { sku: r.sku, unit: r.unit }]));
}
