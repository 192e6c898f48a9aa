import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { KontorSchema } from '../db/schema.ts';
import { ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { mulDivRound } from '../../../shared/money.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import type { StockSettings } from '../../../shared/stock/schemas.ts';
import {
  applyAverageOutflow,
  applyFifoOutflow,
  applyInflow,
  takeFromLayers,
  unitCostOf,
  valueOf,
  type CostLayer,
  type ValuationState,
} from './costing.ts';
import { postStockMovements } from '../ledger/stockPostings.ts';
import { readStockSettings } from './settings.ts';
import { hasStockListeners, stockCommitted } from './stockEvents.ts';

/**
 * The one function that writes stock movements. Everything that changes stock (receipts,
 * shipments, adjustments, transfers, returns, corrections, stocktakes) goes through
 * `recordMovements`, which in ONE IMMEDIATE transaction validates every request, appends the
 * movements and updates the projections (`stock_level`, `stock_valuation`, FIFO cost layers).
 * A batch is all or nothing: if any request is refused, nothing is written, and every refused
 * request is reported at once.
 *
 * It runs synchronously on the better-sqlite3 connection: the IMMEDIATE transaction takes the
 * write lock before reading the state it validates against, so two processes (the app and the
 * CLI) writing at once are serialised by SQLite and neither can validate against a stale level.
 *
 * Backdating: a movement dated before the product's latest movement is refused. Costs are
 * computed in time order (a shipment's cost of goods depends on every receipt before it), so a
 * movement slipped in before later ones would change costs already stored on them, and posted to
 * the ledger. Record it with the date of today (or any time on or after the latest movement).
 */

export interface RequestCommon {
  /** UTC in toISOString() form; now if left out. */
  occurredAt?: string | undefined;
  reference?: string | null | undefined;
  /** Prefix for the paths of this request's issues, e.g. "counts.3" in a stocktake. */
  path?: string | undefined;
}

export interface StockRequest extends RequestCommon {
  kind: 'receipt' | 'shipment' | 'adjustment' | 'return';
  productId: number;
  warehouseId: number;
  locationId?: number | null | undefined;
  /** Signed, as stored: receipts and returns positive, shipments negative, adjustments either. */
  quantityMilli: number;
  /** Receipts: the purchase cost per unit. Adjustments in: optional, else current cost. */
  unitCostMinor?: number | null | undefined;
  /** Receipts: the total cost instead of a unit cost (3 for 10.00 is not a whole number of cents each). */
  totalCostMinor?: number | null | undefined;
  supplier?: string | null | undefined;
  /** Receipts: the supplier as a contact (role supplier or both); `supplier` defaults to its name. */
  supplierContactId?: number | null | undefined;
  reason?: string | null | undefined;
  /** Returns: the shipment taken back, which sets the cost the goods come back at. */
  returnOfId?: number | null | undefined;
  stocktakeId?: number | null | undefined;
}

export interface TransferRequest extends RequestCommon {
  kind: 'transfer';
  productId: number;
  fromWarehouseId: number;
  toWarehouseId: number;
  /** Positive: how much moves. */
  quantityMilli: number;
}

export interface CorrectionRequest extends RequestCommon {
  kind: 'correction';
  movementId: number;
  reason?: string | null | undefined;
}

export type MovementRequest = StockRequest | TransferRequest | CorrectionRequest;

export interface RecordOptions {
  /** The clock, for tests. */
  now?: Date;
  /** Runs inside the same transaction after the movements are written (a stocktake marks itself posted). */
  after?: (movementIds: number[][]) => void;
}

/** Answers, per request, the ids of the movements it wrote (two for a transfer). */
export function recordMovements(sqlite: Database, requests: readonly MovementRequest[], options: RecordOptions = {}): number[][] {
  const run = sqlite.transaction(() => {
    const writer = new Writer(sqlite, statementsFor(sqlite), readStockSettings(sqlite), options.now ?? new Date());
    const written: number[][] = [];
    const issues: FieldIssue[] = [];
    for (const request of requests) {
      try {
        const ids = writer.apply(request);
        // The ledger's side of the movement (inventory against its counter account), in this
        // same transaction: stock value and the books never disagree.
        postStockMovements(sqlite, ids, writer.clock);
        written.push(ids);
      } catch (error) {
        // A refusal of one request is collected so all of them are reported together; the
        // transaction is rolled back below. Anything else is a bug and propagates as is.
        const refused = error instanceof Refused ? error.issues : error instanceof ValidationError ? (error.details?.issues ?? []) : null;
        if (refused === null) throw error;
        issues.push(...refused.map((i) => (request.path ? { ...i, path: `${request.path}.${i.path}` } : i)));
        written.push([]);
      }
    }
    if (issues.length > 0) throw new ValidationError(issues);
    options.after?.(written);
    return written;
  });
  const written = run.immediate();
  if (hasStockListeners(sqlite)) stockCommitted(sqlite, touchedProducts(sqlite, written.flat()));
  return written;
}

/** The products the written movements moved (a correction's original product included). */
function touchedProducts(sqlite: Database, movementIds: readonly number[]): number[] {
  if (movementIds.length === 0) return [];
  const out = new Set<number>();
  for (let at = 0; at < movementIds.length; at += 500) {
    const part = movementIds.slice(at, at + 500);
    for (const id of sqlite.prepare(`SELECT DISTINCT product_id FROM stock_movement WHERE id IN (${part.map(() => '?').join(',')})`).pluck().all(...part) as number[]) out.add(id);
  }
  return [...out];
}

/** A request refused for a reason a person can fix; `recordMovements` collects these. */
class Refused extends Error {
  readonly issues: FieldIssue[];
  constructor(issue: FieldIssue) {
    super(issue.message);
    this.issues = [issue];
  }
}

function refuse(path: string, key: string, message: string, params?: Record<string, string | number>): never {
  throw new Refused(params === undefined ? { path, key: `validation.stock.${key}`, message } : { path, key: `validation.stock.${key}`, message, params });
}

// ---- rows --------------------------------------------------------------------------------------

interface ProductRow {
  id: number;
  sku: string;
  kind: string;
  unit: string;
  cost_price_minor: number | null;
  cost_currency: string | null;
}

interface WarehouseRow {
  id: number;
  code: string;
  active: number;
}

/** A stock_movement row as SQLite answers it (one source of truth for the columns: db/schema.ts). */
export type MovementRow = Selectable<KontorSchema['stock_movement']>;

type NewMovement = Omit<MovementRow, 'id' | 'created_at'>;

interface LayerRow {
  id: number;
  movement_id: number;
  remaining_quantity_milli: number;
  remaining_value_minor: number;
}

// ---- statements, prepared once per connection ----------------------------------------------------

function prepareAll(db: Database) {
  return {
    product: db.prepare('SELECT id, sku, kind, unit, cost_price_minor, cost_currency FROM product WHERE id = ?'),
    warehouse: db.prepare('SELECT id, code, active FROM warehouse WHERE id = ?'),
    location: db.prepare('SELECT id, warehouse_id FROM warehouse_location WHERE id = ?'),
    latest: db.prepare('SELECT max(occurred_at) FROM stock_movement WHERE product_id = ?').pluck(),
    onHand: db.prepare('SELECT on_hand_milli FROM stock_level WHERE product_id = ? AND warehouse_id = ?').pluck(),
    addToLevel: db.prepare(
      `INSERT INTO stock_level (product_id, warehouse_id, on_hand_milli) VALUES (?, ?, ?)
       ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand_milli = on_hand_milli + excluded.on_hand_milli`,
    ),
    valuation: db.prepare('SELECT quantity_milli AS quantityMilli, value_minor AS valueMinor FROM stock_valuation WHERE product_id = ?'),
    setValuation: db.prepare(
      `INSERT INTO stock_valuation (product_id, quantity_milli, value_minor) VALUES (?, ?, ?)
       ON CONFLICT (product_id) DO UPDATE SET quantity_milli = excluded.quantity_milli, value_minor = excluded.value_minor`,
    ),
    lastUnitCost: db
      .prepare(
        'SELECT unit_cost_minor FROM stock_movement WHERE product_id = ? AND unit_cost_minor IS NOT NULL ORDER BY occurred_at DESC, id DESC LIMIT 1',
      )
      .pluck(),
    baseCurrency: db.prepare('SELECT base_currency FROM company WHERE id = 1').pluck(),
    supplierContact: db.prepare('SELECT name, role FROM contact WHERE id = ?'),
    linkSupplier: db.prepare('INSERT INTO stock_receipt_supplier (movement_id, contact_id) VALUES (?, ?)'),
    movement: db.prepare('SELECT * FROM stock_movement WHERE id = ?'),
    correctionOf: db.prepare('SELECT id FROM stock_movement WHERE corrects_id = ?').pluck(),
    transferHalves: db.prepare('SELECT * FROM stock_movement WHERE transfer_id = ? ORDER BY id'),
    nextTransferId: db.prepare('SELECT coalesce(max(transfer_id), 0) + 1 FROM stock_movement WHERE transfer_id IS NOT NULL').pluck(),
    returned: db.prepare(
      'SELECT coalesce(sum(quantity_milli), 0) AS q, coalesce(sum(value_minor), 0) AS v, min(id) AS first FROM stock_movement WHERE return_of_id = ?',
    ),
    insert: db.prepare(
      `INSERT INTO stock_movement (kind, product_id, warehouse_id, location_id, quantity_milli, value_minor, unit_cost_minor,
         supplier, reason, reference, transfer_id, corrects_id, return_of_id, stocktake_id, occurred_at, created_at)
       VALUES (@kind, @product_id, @warehouse_id, @location_id, @quantity_milli, @value_minor, @unit_cost_minor,
         @supplier, @reason, @reference, @transfer_id, @corrects_id, @return_of_id, @stocktake_id, @occurred_at, @created_at)`,
    ),
    openLayers: db.prepare(
      'SELECT id, movement_id, remaining_quantity_milli, remaining_value_minor FROM stock_cost_layer WHERE product_id = ? AND remaining_quantity_milli > 0 ORDER BY id',
    ),
    insertLayer: db.prepare(
      'INSERT INTO stock_cost_layer (product_id, movement_id, remaining_quantity_milli, remaining_value_minor) VALUES (?, ?, ?, ?)',
    ),
    takeFromLayer: db.prepare(
      'UPDATE stock_cost_layer SET remaining_quantity_milli = remaining_quantity_milli - ?, remaining_value_minor = remaining_value_minor - ? WHERE id = ?',
    ),
  };
}

type Statements = ReturnType<typeof prepareAll>;
const prepared = new WeakMap<Database, Statements>();

function statementsFor(db: Database): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = prepareAll(db);
    prepared.set(db, s);
  }
  return s;
}

// ---- the writer ----------------------------------------------------------------------------------

/** Clock skew tolerated between this machine and the one that typed the date. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

class Writer {
  private readonly nowIso: string;
  private readonly db: Database;
  private readonly s: Statements;
  private readonly settings: StockSettings;
  private readonly now: Date;

  get clock(): Date {
    return this.now;
  }

  constructor(db: Database, s: Statements, settings: StockSettings, now: Date) {
    this.db = db;
    this.s = s;
    this.settings = settings;
    this.now = now;
    this.nowIso = now.toISOString();
  }

  apply(request: MovementRequest): number[] {
    switch (request.kind) {
      case 'transfer':
        return this.transfer(request);
      case 'correction':
        return this.correction(request);
      case 'receipt':
      case 'shipment':
      case 'adjustment':
      case 'return':
        return [this.stock(request)];
    }
  }

  // -- receipts, shipments, adjustments, returns

  private stock(r: StockRequest): number {
    const product = this.product(r.productId);
    const warehouse = this.warehouse(r.warehouseId, 'warehouse');
    const q = r.quantityMilli;
    this.checkQuantity(r.kind, q, product);
    const occurredAt = this.occurredAt(r.occurredAt, product);
    if (r.locationId != null) this.checkLocation(r.locationId, warehouse);
    if (r.kind === 'receipt' && (r.unitCostMinor == null) === (r.totalCostMinor == null)) {
      refuse('unitCost', 'costRequired', `Enter the unit cost or the total cost of the ${product.sku} received.`, { sku: product.sku });
    }
    if (r.totalCostMinor != null && r.kind !== 'receipt') refuse('totalCost', 'totalCostOnlyReceipt', 'Only a receipt takes a total cost.');
    for (const [field, cost] of [['unitCost', r.unitCostMinor], ['totalCost', r.totalCostMinor]] as const) {
      if (cost != null && (!Number.isSafeInteger(cost) || cost < 0)) {
        refuse(field, 'unitCostNegative', `The cost of ${product.sku} must be zero or more.`, { sku: product.sku });
      }
    }
    if (r.kind === 'adjustment' && !r.reason?.trim()) {
      refuse('reason', 'reasonRequired', `Say why the stock of ${product.sku} is adjusted.`, { sku: product.sku });
    }
    if (r.unitCostMinor != null && r.kind === 'adjustment' && q < 0) {
      refuse('unitCost', 'unitCostOnOutflow', `Stock taken out is valued at its current cost; leave the unit cost of ${product.sku} empty.`, { sku: product.sku });
    }
    let shipment: MovementRow | undefined;
    if (r.returnOfId != null) {
      if (r.kind !== 'return') refuse('shipmentId', 'notAReturn', 'Only a return names the shipment it takes back.');
      shipment = this.returnableShipment(r.returnOfId, product, q);
    }
    if (q < 0) this.checkAvailable(product, warehouse, -q);
    const supplierName = r.supplierContactId == null ? null : this.supplierContact(r.kind, r.supplierContactId);

    const state = this.valuation(product.id);
    let after: ValuationState;
    let layer: { quantityMilli: number; valueMinor: number } | null = null;
    let takes: { layerId: number; quantityMilli: number; valueMinor: number }[] = [];
    if (q > 0) {
      const incoming =
        r.totalCostMinor != null
          ? r.totalCostMinor
          : r.kind === 'receipt' || (r.kind === 'adjustment' && r.unitCostMinor != null)
            ? valueOf(r.unitCostMinor ?? 0, q)
          : shipment
            ? this.returnValue(shipment, q)
            : this.currentCost(product, state, q);
      ({ after, layer } = applyInflow(state, q, incoming));
    } else {
      ({ after, takes } = this.outflow(product, state, -q, null));
    }
    const valueMinor = after.valueMinor - state.valueMinor;

    const id = this.insert({
      kind: r.kind,
      product_id: product.id,
      warehouse_id: warehouse.id,
      location_id: r.locationId ?? null,
      quantity_milli: q,
      value_minor: valueMinor,
      // A receipt keeps the purchase cost per unit as given (or as its total works out to).
      unit_cost_minor:
        r.kind === 'receipt' ? (r.unitCostMinor ?? unitCostOf(r.totalCostMinor ?? 0, q)) : unitCostOf(Math.abs(valueMinor), Math.abs(q)),
      supplier: r.supplier ?? supplierName,
      reason: r.reason ?? null,
      reference: r.reference ?? null,
      transfer_id: null,
      corrects_id: null,
      return_of_id: shipment?.id ?? null,
      stocktake_id: r.stocktakeId ?? null,
      occurred_at: occurredAt,
    });
    if (r.supplierContactId != null) this.s.linkSupplier.run(id, r.supplierContactId);
    this.s.addToLevel.run(product.id, warehouse.id, q);
    this.setValuation(product.id, after, id, layer, takes);
    return id;
  }

  /** The name of a receipt's supplier contact; refused unless it exists and supplies. */
  private supplierContact(kind: StockRequest['kind'], contactId: number): string {
    const issue = (key: string, message: string, params?: Record<string, string | number>): never => {
      throw new Refused(params === undefined ? { path: 'supplierContactId', key, message } : { path: 'supplierContactId', key, message, params });
    };
    if (kind !== 'receipt') issue('contacts.supplier.onlyReceipt', 'Only a receipt names a supplier.');
    const contact = this.s.supplierContact.get(contactId) as { name: string; role: string } | undefined;
    if (contact === undefined) return issue('contacts.supplier.missing', `There is no contact with id ${contactId}.`, { id: contactId });
    if (contact.role === 'buyer') {
      issue('contacts.supplier.notSupplier', `${contact.name} is a buyer only: mark the contact as a supplier first.`, { name: contact.name });
    }
    return contact.name;
  }

  // -- transfers

  private transfer(r: TransferRequest): number[] {
    const product = this.product(r.productId);
    const from = this.warehouse(r.fromWarehouseId, 'from');
    const to = this.warehouse(r.toWarehouseId, 'to');
    if (from.id === to.id) {
      refuse('to', 'sameWarehouse', `${product.sku} cannot be transferred from ${from.code} to itself; choose another destination.`, {
        sku: product.sku,
        warehouse: from.code,
      });
    }
    const q = r.quantityMilli;
    if (!Number.isSafeInteger(q) || q <= 0) {
      refuse('quantity', q === 0 ? 'quantityZero' : 'quantitySign', `Enter a quantity of ${product.sku} greater than zero to transfer.`, { sku: product.sku });
    }
    const occurredAt = this.occurredAt(r.occurredAt, product);
    this.checkAvailable(product, from, q);
    const x = this.transferValue(product, q);
    const transferId = this.s.nextTransferId.get() as number;
    const unitCost = unitCostOf(x, q);
    const base = {
      product_id: product.id,
      location_id: null,
      unit_cost_minor: unitCost,
      supplier: null,
      reason: null,
      reference: r.reference ?? null,
      transfer_id: transferId,
      corrects_id: null,
      return_of_id: null,
      stocktake_id: null,
      occurred_at: occurredAt,
    };
    const outId = this.insert({ ...base, kind: 'transfer_out', warehouse_id: from.id, quantity_milli: -q, value_minor: -x });
    const inId = this.insert({ ...base, kind: 'transfer_in', warehouse_id: to.id, quantity_milli: q, value_minor: x });
    this.s.addToLevel.run(product.id, from.id, -q);
    this.s.addToLevel.run(product.id, to.id, q);
    // Company-wide value and FIFO layers do not change: the goods only changed place.
    return [outId, inId];
  }

  /** What `q` units are worth now: FIFO's oldest layers, else the average (or last) cost. */
  private transferValue(product: ProductRow, q: number): number {
    const state = this.valuation(product.id);
    if (this.settings.valuationMethod === 'fifo' && state.quantityMilli >= q) {
      return takeFromLayers(this.layers(product.id, null), q).valueMinor;
    }
    return this.currentCost(product, state, q);
  }

  // -- corrections

  private correction(r: CorrectionRequest): number[] {
    const original = this.s.movement.get(r.movementId) as MovementRow | undefined;
    if (!original) refuse('movementId', 'unknownMovement', `There is no stock movement #${r.movementId}.`, { movementId: r.movementId });
    const product = this.product(original.product_id, 'movementId');
    if (original.corrects_id !== null) {
      refuse(
        'movementId',
        'correctingACorrection',
        `Movement #${original.id} of ${product.sku} is itself the correction of #${original.corrects_id}; record the movement again instead of correcting the correction.`,
        { movementId: original.id, sku: product.sku },
      );
    }
    const halves = original.transfer_id === null ? [original] : (this.s.transferHalves.all(original.transfer_id) as MovementRow[]);
    for (const half of halves) {
      const by = this.s.correctionOf.get(half.id) as number | undefined;
      if (by !== undefined) {
        refuse('movementId', 'alreadyCorrected', `Movement #${half.id} of ${product.sku} was already corrected by #${by}.`, {
          movementId: half.id,
          sku: product.sku,
          correctedBy: by,
        });
      }
    }
    if (original.kind === 'shipment') {
      // Returns net of their own corrections: once they are all reversed the shipment may be.
      const back = this.s.returned.get(original.id) as { q: number; first: number | null };
      if (back.q !== 0) {
        refuse(
          'movementId',
          'shipmentHasReturns',
          `Shipment #${original.id} of ${product.sku} has returns against it (#${back.first}); correct those first.`,
          { movementId: original.id, sku: product.sku },
        );
      }
    }
    const occurredAt = this.occurredAt(r.occurredAt, product);
    const reason = r.reason?.trim() || `Correction of movement #${original.id}`;

    if (original.transfer_id !== null) {
      const out = halves.find((h) => h.kind === 'transfer_out');
      const into = halves.find((h) => h.kind === 'transfer_in');
      if (!out || !into) throw new Error(`transfer ${original.transfer_id} does not have both halves`);
      const from = this.warehouse(out.warehouse_id, 'movementId');
      const to = this.warehouse(into.warehouse_id, 'movementId');
      this.checkAvailable(product, to, into.quantity_milli);
      const transferId = this.s.nextTransferId.get() as number;
      const ids = [out, into].map((half) =>
        this.insert({
          ...this.reversalOf(half, occurredAt, reason),
          transfer_id: transferId,
          value_minor: -half.value_minor,
        }),
      );
      this.s.addToLevel.run(product.id, from.id, -out.quantity_milli);
      this.s.addToLevel.run(product.id, to.id, -into.quantity_milli);
      return ids;
    }

    const warehouse = this.warehouse(original.warehouse_id, 'movementId');
    const q = -original.quantity_milli;
    const state = this.valuation(product.id);
    let after: ValuationState;
    let layer: { quantityMilli: number; valueMinor: number } | null = null;
    let takes: { layerId: number; quantityMilli: number; valueMinor: number }[] = [];
    if (q > 0) {
      // Reversing an outflow: the goods come back at the cost they left with.
      ({ after, layer } = applyInflow(state, q, -original.value_minor));
    } else {
      this.checkAvailable(product, warehouse, -q);
      ({ after, takes } = this.outflow(product, state, -q, original));
    }
    const valueMinor = after.valueMinor - state.valueMinor;
    const id = this.insert({
      ...this.reversalOf(original, occurredAt, reason),
      value_minor: valueMinor,
      unit_cost_minor: original.kind === 'receipt' ? original.unit_cost_minor : unitCostOf(Math.abs(valueMinor), Math.abs(q)),
    });
    this.s.addToLevel.run(product.id, warehouse.id, q);
    this.setValuation(product.id, after, id, layer, takes);
    return [id];
  }

  private reversalOf(original: MovementRow, occurredAt: string, reason: string): NewMovement {
    return {
      kind: original.kind,
      product_id: original.product_id,
      warehouse_id: original.warehouse_id,
      location_id: original.location_id,
      quantity_milli: -original.quantity_milli,
      value_minor: -original.value_minor,
      unit_cost_minor: original.unit_cost_minor,
      supplier: original.supplier,
      reason,
      reference: original.reference,
      transfer_id: null,
      corrects_id: original.id,
      return_of_id: original.return_of_id,
      stocktake_id: null,
      occurred_at: occurredAt,
    };
  }

  // -- value

  /**
   * Value after `out` units leave. `reversing` is an inflow being corrected: it takes out what it
   * brought in (its own FIFO layer first; under the average method its own value, while that
   * leaves a sensible value behind), so a receipt keyed in at 60.00 instead of 6.00 and reversed
   * does not leave the wrong cost in the average.
   */
  private outflow(
    product: ProductRow,
    state: ValuationState,
    out: number,
    reversing: MovementRow | null,
  ): { after: ValuationState; takes: { layerId: number; quantityMilli: number; valueMinor: number }[] } {
    const fallback = (): number => this.lastUnitCost(product, state);
    if (this.settings.valuationMethod === 'fifo') {
      return applyFifoOutflow(state, this.layers(product.id, reversing?.id ?? null), out, state.quantityMilli === 0 ? fallback() : 0);
    }
    if (reversing && reversing.value_minor >= 0) {
      const qAfter = state.quantityMilli - out;
      const vAfter = state.valueMinor - reversing.value_minor;
      if (qAfter > 0 && vAfter >= 0) return { after: { quantityMilli: qAfter, valueMinor: vAfter }, takes: [] };
    }
    return { after: applyAverageOutflow(state, out, state.quantityMilli === 0 ? fallback() : 0), takes: [] };
  }

  /** The value of `q` units at the current average cost, or the last known cost when there is no stock. */
  private currentCost(product: ProductRow, state: ValuationState, q: number): number {
    if (state.quantityMilli !== 0) return mulDivRound(state.valueMinor, q, state.quantityMilli);
    return valueOf(this.lastUnitCost(product, state), q);
  }

  /**
   * What one unit cost the last time anyone knew: the latest movement's cost per unit, else the
   * product's cost price when it is in the base currency, else 0.
   */
  private lastUnitCost(product: ProductRow, state: ValuationState): number {
    if (state.quantityMilli !== 0) return unitCostOf(state.valueMinor, state.quantityMilli) ?? 0;
    const last = this.s.lastUnitCost.get(product.id) as number | undefined;
    if (last !== undefined) return last;
    const base = this.s.baseCurrency.get() as string | undefined;
    if (product.cost_price_minor !== null && (product.cost_currency === null || product.cost_currency === base)) return product.cost_price_minor;
    return 0;
  }

  /** The returned share of the shipment's cost; the last units back take what is left of it. */
  private returnValue(shipment: MovementRow, q: number): number {
    const shipped = -shipment.quantity_milli;
    const cost = -shipment.value_minor;
    const back = this.s.returned.get(shipment.id) as { q: number; v: number };
    if (back.q + q === shipped) return cost - back.v;
    return mulDivRound(cost, q, shipped);
  }

  private returnableShipment(id: number, product: ProductRow, q: number): MovementRow {
    const shipment = this.s.movement.get(id) as MovementRow | undefined;
    if (!shipment || shipment.kind !== 'shipment' || shipment.quantity_milli >= 0) {
      refuse('shipmentId', 'unknownShipment', `There is no shipment #${id} to take back.`, { shipmentId: id });
    }
    if (shipment.product_id !== product.id) {
      refuse('shipmentId', 'shipmentOtherProduct', `Shipment #${id} did not ship ${product.sku}.`, { shipmentId: id, sku: product.sku });
    }
    const by = this.s.correctionOf.get(id) as number | undefined;
    if (by !== undefined) {
      refuse('shipmentId', 'shipmentCorrected', `Shipment #${id} of ${product.sku} was reversed by #${by}; there is nothing to take back.`, {
        shipmentId: id,
        sku: product.sku,
      });
    }
    const back = this.s.returned.get(id) as { q: number };
    const open = -shipment.quantity_milli - back.q;
    if (q > open) {
      refuse(
        'quantity',
        'returnTooMuch',
        `Shipment #${id} sent ${this.qty(-shipment.quantity_milli, product)} of ${product.sku} and ${this.qty(back.q, product)} came back already; at most ${this.qty(open, product)} can be returned.`,
        { shipmentId: id, sku: product.sku, open: formatQuantity(open), unit: product.unit },
      );
    }
    return shipment;
  }

  private valuation(productId: number): ValuationState {
    return (this.s.valuation.get(productId) as ValuationState | undefined) ?? { quantityMilli: 0, valueMinor: 0 };
  }

  /** Open FIFO layers oldest first; `ownMovementId`'s layer first when reversing that inflow. */
  private layers(productId: number, ownMovementId: number | null): CostLayer[] {
    const rows = this.s.openLayers.all(productId) as LayerRow[];
    const layers = rows.map((l) => ({ id: l.id, remainingQuantityMilli: l.remaining_quantity_milli, remainingValueMinor: l.remaining_value_minor }));
    if (ownMovementId === null) return layers;
    const own = rows.findIndex((l) => l.movement_id === ownMovementId);
    if (own <= 0) return layers;
    return [layers[own] as CostLayer, ...layers.slice(0, own), ...layers.slice(own + 1)];
  }

  private setValuation(
    productId: number,
    after: ValuationState,
    movementId: number,
    layer: { quantityMilli: number; valueMinor: number } | null,
    takes: readonly { layerId: number; quantityMilli: number; valueMinor: number }[],
  ): void {
    this.s.setValuation.run(productId, after.quantityMilli, after.valueMinor);
    if (this.settings.valuationMethod !== 'fifo') return;
    for (const take of takes) this.s.takeFromLayer.run(take.quantityMilli, take.valueMinor, take.layerId);
    if (layer && layer.quantityMilli > 0) this.s.insertLayer.run(productId, movementId, layer.quantityMilli, layer.valueMinor);
  }

  // -- checks

  private product(id: number, path = 'product'): ProductRow {
    const product = this.s.product.get(id) as ProductRow | undefined;
    if (!product) refuse(path, 'unknownProduct', `There is no product with id ${id}.`, { productId: id });
    if (product.kind === 'parent') {
      refuse(path, 'parentProduct', `${product.sku} is a parent product; stock is kept on its variants. Choose a variant.`, { sku: product.sku });
    }
    return product;
  }

  private warehouse(id: number, path: string): WarehouseRow {
    const warehouse = this.s.warehouse.get(id) as WarehouseRow | undefined;
    if (!warehouse) refuse(path, 'unknownWarehouse', `There is no warehouse with id ${id}.`, { warehouseId: id });
    if (warehouse.active !== 1) {
      refuse(path, 'inactiveWarehouse', `Warehouse ${warehouse.code} is inactive; reactivate it before moving stock there.`, { warehouse: warehouse.code });
    }
    return warehouse;
  }

  private checkLocation(locationId: number, warehouse: WarehouseRow): void {
    const location = this.s.location.get(locationId) as { id: number; warehouse_id: number } | undefined;
    if (!location || location.warehouse_id !== warehouse.id) {
      refuse('location', 'unknownLocation', `Warehouse ${warehouse.code} has no location #${locationId}.`, { warehouse: warehouse.code });
    }
  }

  private checkQuantity(kind: StockRequest['kind'], q: number, product: ProductRow): void {
    if (!Number.isSafeInteger(q)) refuse('quantity', 'quantityRange', `The quantity of ${product.sku} is too large.`, { sku: product.sku });
    if (q === 0) refuse('quantity', 'quantityZero', `Enter a quantity of ${product.sku} other than zero.`, { sku: product.sku });
    const wanted = kind === 'shipment' ? -1 : kind === 'adjustment' ? Math.sign(q) : 1;
    if (Math.sign(q) !== wanted) {
      const verb = kind === 'receipt' ? 'receive' : kind === 'shipment' ? 'ship' : 'return';
      refuse('quantity', 'quantitySign', `Enter a quantity of ${product.sku} greater than zero to ${verb}.`, { sku: product.sku, kind });
    }
  }

  private checkAvailable(product: ProductRow, warehouse: WarehouseRow, out: number): void {
    if (this.settings.allowNegativeStock) return;
    const onHand = (this.s.onHand.get(product.id, warehouse.id) as number | undefined) ?? 0;
    if (onHand - out >= 0) return;
    refuse(
      'quantity',
      'insufficientStock',
      `Not enough ${product.sku} in ${warehouse.code}: ${this.qty(onHand, product)} on hand, ${this.qty(out, product)} requested. Negative stock is not allowed in the stock settings.`,
      { sku: product.sku, warehouse: warehouse.code, onHand: formatQuantity(onHand), requested: formatQuantity(out), unit: product.unit },
    );
  }

  private occurredAt(given: string | undefined, product: ProductRow): string {
    const at = given ?? this.nowIso;
    if (!ISO.test(at)) refuse('occurredAt', 'instant', `"${at}" is not a UTC time in ISO form.`, { value: at });
    if (Date.parse(at) > this.now.getTime() + FUTURE_TOLERANCE_MS) {
      refuse('occurredAt', 'future', `The movement of ${product.sku} is dated ${at}, in the future.`, { sku: product.sku, occurredAt: at });
    }
    const latest = this.s.latest.get(product.id) as string | null;
    if (latest !== null && at < latest) {
      refuse(
        'occurredAt',
        'backdated',
        `The movement of ${product.sku} is dated ${at}, before its latest movement (${latest}). A movement slipped in before later ones would change the costs already stored on them; date it ${latest} or later.`,
        { sku: product.sku, occurredAt: at, latest },
      );
    }
    return at;
  }

  private qty(milli: number, product: ProductRow): string {
    return `${formatQuantity(milli)} ${product.unit}`;
  }

  private insert(movement: NewMovement): number {
    return Number(this.s.insert.run({ ...movement, created_at: this.nowIso }).lastInsertRowid);
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
