import type { Database } from 'better-sqlite3';
import { deflateSync, inflateSync } from 'node:zlib';
import { cached } from './resolve.ts';

/**
 * Stock at a past time, designed for 100,000 products and 2,000,000 movements.
 *
 * The answer is a base state plus or minus the movements between the base and `at`. Bases:
 *  - nothing, before the first movement (add every movement up to `at`);
 *  - today's projections, `stock_level` and `stock_valuation` (take away the movements after `at`);
 *  - month-end checkpoints in `stock_checkpoint`: the whole state at the end of each month, one
 *    deflated BLOB per month (a cache, rebuilt from the ledger whenever it is missing).
 * Of the nearest base before `at` and the nearest after, the one with fewer movements in between is
 * taken, so at most half a month of movements is read: through the covering index
 * `stock_movement_time (occurred_at, product_id, warehouse_id, quantity_milli, value_minor)`, one
 * contiguous range of it, never the table.
 *
 * Checkpoints are made by `ensureCheckpoints` (called before each past-date query: after the first
 * query it only adds the month just ended) and dropped by a trigger when a movement dated on or
 * before them is recorded, so a stale one is never read.
 */

/** Product × warehouse, packed into one number for a Map key (warehouse ids stay far below 2^20). */
const WAREHOUSE_BITS = 2 ** 20;
/** Sorts before and after every stored time. */
const BEFORE_ALL = '';
const AFTER_ALL = '~';

export interface StockState {
  /** key = productId * 2^20 + warehouseId → on hand in milli-units. */
  levels: Map<number, number>;
  /** productId → company-wide quantity and value. */
  valuation: Map<number, { quantityMilli: number; valueMinor: number }>;
}

export function packKey(productId: number, warehouseId: number): number {
  if (warehouseId >= WAREHOUSE_BITS) throw new Error(`warehouse id ${warehouseId} is too large to pack`);
  return productId * WAREHOUSE_BITS + warehouseId;
}

export function unpackKey(key: number): { productId: number; warehouseId: number } {
  return { productId: Math.floor(key / WAREHOUSE_BITS), warehouseId: key % WAREHOUSE_BITS };
}

/** Where a past-date answer started from, and how many movements it read (for tests and the bench). */
export interface Plan {
  base: 'empty' | 'now' | 'checkpoint';
  baseAt: string | null;
  movementsRead: number;
}

type Part = 'levels' | 'valuation';

export interface PastOptions {
  /** The clock (which months have ended). */
  now?: Date;
  /** false: neither make nor read checkpoints, only the ledger and today's projections (tests, bench). */
  checkpoints?: boolean;
  /** Movements between checkpoints (tests make them often). */
  every?: number;
}

export function onHandAt(sqlite: Database, at: string, options: PastOptions = {}): { onHand: Map<number, number>; plan: Plan } {
  const { state, plan } = stateAt(sqlite, at, ['levels'], options);
  for (const [key, q] of state.levels) if (q === 0) state.levels.delete(key);
  return { onHand: state.levels, plan };
}

/**
 * Company-wide quantity and value per product at `at`. Exact: every movement's value is the change
 * it made to the product's value, so the value then is the sum of the values up to then.
 */
export function valuationAt(sqlite: Database, at: string, options: PastOptions = {}): { products: StockState['valuation']; plan: Plan } {
  const { state, plan } = stateAt(sqlite, at, ['valuation'], options);
  for (const [p, e] of state.valuation) if (e.quantityMilli === 0 && e.valueMinor === 0) state.valuation.delete(p);
  return { products: state.valuation, plan };
}

function stateAt(
  sqlite: Database,
  at: string,
  parts: readonly Part[],
  { now = new Date(), checkpoints = true, ensure = checkpoints, every = CHECKPOINT_EVERY }: PastOptions & { ensure?: boolean },
): { state: StockState; plan: Plan } {
  if (ensure) ensureCheckpoints(sqlite, now, every);
  const before = checkpoints
    ? (cached(sqlite, 'SELECT at FROM stock_checkpoint WHERE at <= ? ORDER BY at DESC LIMIT 1').get(at) as { at: string } | undefined)
    : undefined;
  const after = checkpoints
    ? (cached(sqlite, 'SELECT at FROM stock_checkpoint WHERE at > ? ORDER BY at LIMIT 1').get(at) as { at: string } | undefined)
    : undefined;
  const fromBefore = countBetween(sqlite, before?.at ?? BEFORE_ALL, at, Number.MAX_SAFE_INTEGER);
  const fromAfter = countBetween(sqlite, at, after?.at ?? AFTER_ALL, fromBefore);
  if (fromBefore <= fromAfter) {
    const state = before ? loadCheckpoint(sqlite, before.at) : emptyState();
    addMovements(sqlite, state, before?.at ?? BEFORE_ALL, at, +1, parts);
    return { state, plan: { base: before ? 'checkpoint' : 'empty', baseAt: before?.at ?? null, movementsRead: fromBefore } };
  }
  const state = after ? loadCheckpoint(sqlite, after.at) : currentState(sqlite, parts);
  addMovements(sqlite, state, at, after?.at ?? AFTER_ALL, -1, parts);
  return { state, plan: { base: after ? 'checkpoint' : 'now', baseAt: after?.at ?? null, movementsRead: fromAfter } };
}

/** Movements dated in (from, to], counting no further than `limit` (the other side's count). */
function countBetween(sqlite: Database, from: string, to: string, limit: number): number {
  const row = cached(
    sqlite,
    'SELECT count(*) AS n FROM (SELECT 1 FROM stock_movement INDEXED BY stock_movement_time WHERE occurred_at > ? AND occurred_at <= ? LIMIT ?)',
  ).get(from, to, limit + 1) as { n: number };
  return row.n;
}

/** Adds (sign +1) or takes away (−1) the movements dated in (from, to]. */
function addMovements(sqlite: Database, state: StockState, from: string, to: string, sign: 1 | -1, parts: readonly Part[]): void {
  if (parts.includes('levels')) {
    const rows = cached(
      sqlite,
      `SELECT product_id, warehouse_id, sum(quantity_milli) FROM stock_movement INDEXED BY stock_movement_time
       WHERE occurred_at > ? AND occurred_at <= ? GROUP BY product_id, warehouse_id`,
    )
      .raw(true)
      .iterate(from, to) as IterableIterator<[number, number, number]>;
    for (const [p, w, q] of rows) {
      const key = packKey(p, w);
      state.levels.set(key, (state.levels.get(key) ?? 0) + sign * q);
    }
  }
  if (parts.includes('valuation')) {
    const rows = cached(
      sqlite,
      `SELECT product_id, sum(quantity_milli), sum(value_minor) FROM stock_movement INDEXED BY stock_movement_time
       WHERE occurred_at > ? AND occurred_at <= ? GROUP BY product_id`,
    )
      .raw(true)
      .iterate(from, to) as IterableIterator<[number, number, number]>;
    for (const [p, q, v] of rows) {
      const entry = state.valuation.get(p);
      if (entry) {
        entry.quantityMilli += sign * q;
        entry.valueMinor += sign * v;
      } else {
        state.valuation.set(p, { quantityMilli: sign * q, valueMinor: sign * v });
      }
    }
  }
}

function emptyState(): StockState {
  return { levels: new Map(), valuation: new Map() };
}

function currentState(sqlite: Database, parts: readonly Part[]): StockState {
  const state = emptyState();
  if (parts.includes('levels')) {
    const rows = cached(sqlite, 'SELECT product_id, warehouse_id, on_hand_milli FROM stock_level').raw(true).iterate() as IterableIterator<[number, number, number]>;
    for (const [p, w, q] of rows) state.levels.set(packKey(p, w), q);
  }
  if (parts.includes('valuation')) {
    const rows = cached(sqlite, 'SELECT product_id, quantity_milli, value_minor FROM stock_valuation').raw(true).iterate() as IterableIterator<
      [number, number, number]
    >;
    for (const [p, q, v] of rows) state.valuation.set(p, { quantityMilli: q, valueMinor: v });
  }
  return state;
}

// ---- checkpoints -------------------------------------------------------------------------------

/** The last instant of the UTC month `iso` falls in: "2025-02-14T…" → "2025-02-28T23:59:59.999Z". */
export function monthEndOf(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return new Date(Date.UTC(year, month, 1) - 1).toISOString();
}

/**
 * A month end gets a checkpoint once this many movements have been recorded since the previous
 * one: a shop with a few thousand movements a year reads its whole ledger in milliseconds and
 * stores none; 100,000 products with a million movements a year get one every month.
 */
export const CHECKPOINT_EVERY = 20_000;

/**
 * Makes the checkpoints that are due, walking forward a month at a time from the latest one (the
 * trigger only ever drops every checkpoint from some date on, so all before the latest are there).
 * Usually that is nothing, or the month just ended. One IMMEDIATE transaction, so no movement slips
 * in between reading the ledger and storing what it added up to.
 */
export function ensureCheckpoints(sqlite: Database, now = new Date(), every = CHECKPOINT_EVERY): number {
  // Looked at without the write lock first: a past-date query usually has nothing to add, and
  // should not queue behind (or hold up) a writer in another process for nothing.
  if (dueCheckpoints(sqlite, now, every).length === 0) return 0;
  const run = sqlite.transaction(() => {
    // Again under the lock: another process may have made them meanwhile.
    const due = dueCheckpoints(sqlite, now, every);
    const latest = (cached(sqlite, 'SELECT max(at) AS at FROM stock_checkpoint').get() as { at: string | null }).at;
    let carried: { at: string; state: StockState } | null = null;
    for (const end of due) {
      let state: StockState;
      if (carried) {
        state = carried.state;
        addMovements(sqlite, state, carried.at, end, +1, ['levels', 'valuation']);
      } else if (latest !== null) {
        state = loadCheckpoint(sqlite, latest);
        addMovements(sqlite, state, latest, end, +1, ['levels', 'valuation']);
      } else {
        state = stateAt(sqlite, end, ['levels', 'valuation'], { now, ensure: false }).state;
      }
      cached(sqlite, 'INSERT INTO stock_checkpoint (at, state, created_at) VALUES (?, ?, ?)').run(end, packState(state), now.toISOString());
      carried = { at: end, state };
    }
    return due.length;
  });
  return run.immediate();
}

/** The month ends after the latest checkpoint that have ended and close a stretch of `every` movements. */
function dueCheckpoints(sqlite: Database, now: Date, every: number): string[] {
  const latest = (cached(sqlite, 'SELECT max(at) AS at FROM stock_checkpoint').get() as { at: string | null }).at;
  const from = latest ?? (cached(sqlite, 'SELECT min(occurred_at) AS at FROM stock_movement').get() as { at: string | null }).at;
  if (from === null) return [];
  const nowIso = now.toISOString();
  const due: string[] = [];
  let since = 0;
  let previous = latest ?? BEFORE_ALL;
  for (let end = monthEndOf(latest === null ? from : nextInstant(latest)); end < nowIso; end = monthEndOf(nextInstant(end))) {
    since += countBetween(sqlite, previous, end, Number.MAX_SAFE_INTEGER);
    if (since >= every) {
      due.push(end);
      since = 0;
    }
    previous = end;
  }
  return due;
}

function nextInstant(iso: string): string {
  return new Date(Date.parse(iso) + 1).toISOString();
}

function loadCheckpoint(sqlite: Database, at: string): StockState {
  const row = cached(sqlite, 'SELECT state FROM stock_checkpoint WHERE at = ?').get(at) as { state: Buffer };
  return unpackState(row.state);
}

/**
 * Layout, all float64 (exact for integers below 2^53): [level count, valuation count], then the
 * level keys as differences from the previous key (sorted, so small and repetitive: they deflate
 * well), the on-hand quantities, the product ids (as differences), quantities and values.
 */
export function packState(state: StockState): Buffer {
  // One pass into typed arrays, then a native numeric sort: far faster than sorting entry pairs.
  const levelKeys = new Float64Array(state.levels.size);
  let levelCount = 0;
  for (const [key, q] of state.levels) if (q !== 0) levelKeys[levelCount++] = key;
  const products = new Float64Array(state.valuation.size);
  let productCount = 0;
  for (const [p, e] of state.valuation) if (e.quantityMilli !== 0 || e.valueMinor !== 0) products[productCount++] = p;
  const keys = levelKeys.subarray(0, levelCount).sort();
  const ids = products.subarray(0, productCount).sort();
  const data = new Float64Array(2 + 2 * levelCount + 3 * productCount);
  data[0] = levelCount;
  data[1] = productCount;
  let previous = 0;
  for (let i = 0; i < levelCount; i++) {
    const key = keys[i] ?? 0;
    data[2 + i] = key - previous;
    data[2 + levelCount + i] = state.levels.get(key) ?? 0;
    previous = key;
  }
  const base = 2 + 2 * levelCount;
  previous = 0;
  for (let i = 0; i < productCount; i++) {
    const id = ids[i] ?? 0;
    const entry = state.valuation.get(id);
    data[base + i] = id - previous;
    data[base + productCount + i] = entry?.quantityMilli ?? 0;
    data[base + 2 * productCount + i] = entry?.valueMinor ?? 0;
    previous = id;
  }
  return deflateSync(Buffer.from(data.buffer), { level: 1 });
}

export function unpackState(packed: Uint8Array): StockState {
  const bytes = inflateSync(packed);
  // Copied into a fresh buffer: a Float64Array needs an offset that is a multiple of 8.
  const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const levelCount = data[0] ?? 0;
  const valuationCount = data[1] ?? 0;
  const state = emptyState();
  let key = 0;
  const quantities = 2 + levelCount;
  for (let i = 0; i < levelCount; i++) {
    key += data[2 + i] ?? 0;
    state.levels.set(key, data[quantities + i] ?? 0);
  }
  const products = 2 + 2 * levelCount;
  let product = 0;
  for (let i = 0; i < valuationCount; i++) {
    product += data[products + i] ?? 0;
    state.valuation.set(product, {
      quantityMilli: data[products + valuationCount + i] ?? 0,
      valueMinor: data[products + 2 * valuationCount + i] ?? 0,
    });
  }
  return state;
}
