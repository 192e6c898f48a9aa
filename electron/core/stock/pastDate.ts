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
 * Checkpoints are made by the background job `stock.checkpoints` (`makeDueCheckpoints`, a month at
 * a time, each in its own short write transaction), never by a query: until they exist, a query
 * reads from today's projections or from the start of the ledger, slower but just as right. Each
 * checkpoint remembers the last movement id it includes. A movement recorded later with a date at
 * or before the latest checkpoint is noted in `stock_checkpoint_late` by a trigger (migration 006),
 * in the writer's transaction; reading a checkpoint adds the late movements it does not include
 * yet, and the job folds them in (`foldLateMovements`), so a backdated movement costs the writer
 * one index entry instead of dropping months of checkpoints.
 */

/** Product × warehouse, packed into one number for a Map key (warehouse ids stay far below 2^20). */
export const WAREHOUSE_BITS = 2 ** 20;
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
  /** false: read no checkpoints, only the ledger and today's projections (tests, bench). */
  checkpoints?: boolean;
  /** true: make the due checkpoints first, synchronously (tests; the app leaves it to the background job). */
  ensure?: boolean;
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

/** Which base a past-date answer starts from, and the movements between it and `at`. */
interface Base {
  kind: Plan['base'];
  /** The checkpoint's time, for base 'checkpoint'. */
  at: string | null;
  /** Movements dated in (from, to] are added (sign +1) or taken away (−1). */
  from: string;
  to: string;
  sign: 1 | -1;
  movementsRead: number;
}

function chooseBase(sqlite: Database, at: string, { now = new Date(), checkpoints = true, ensure = false, every = CHECKPOINT_EVERY }: PastOptions): Base {
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
    return { kind: before ? 'checkpoint' : 'empty', at: before?.at ?? null, from: before?.at ?? BEFORE_ALL, to: at, sign: 1, movementsRead: fromBefore };
  }
  return { kind: after ? 'checkpoint' : 'now', at: after?.at ?? null, from: at, to: after?.at ?? AFTER_ALL, sign: -1, movementsRead: fromAfter };
}

function stateAt(sqlite: Database, at: string, parts: readonly Part[], options: PastOptions): { state: StockState; plan: Plan } {
  const base = chooseBase(sqlite, at, options);
  const state = base.kind === 'checkpoint' && base.at !== null ? loadCheckpoint(sqlite, base.at, parts) : base.kind === 'now' ? currentState(sqlite, parts) : emptyState();
  addMovements(sqlite, state, base.from, base.to, base.sign, parts);
  return { state, plan: { base: base.kind, baseAt: base.at, movementsRead: base.movementsRead } };
}

/** On hand per product × warehouse at `at` as two arrays sorted by packed key, zeros left out. */
export interface SortedLevels {
  keys: Float64Array;
  quantities: Float64Array;
  plan: Plan;
}

/**
 * `onHandAt` without a Map of every level: the base comes as sorted arrays (a checkpoint stores its
 * keys sorted; `stock_level` is read in key order), the movements in between are gathered in a
 * small Map, sorted, and merged in one pass. For 130,000 levels that skips 130,000 Map insertions
 * and lookups (the answer to "every SKU at a past date" for a grid or an export).
 */
export function onHandSortedAt(sqlite: Database, at: string, options: PastOptions = {}): SortedLevels {
  const base = chooseBase(sqlite, at, options);
  const plan = { base: base.kind, baseAt: base.at, movementsRead: base.movementsRead };
  let keys: Float64Array;
  let quantities: Float64Array;
  const delta = emptyState();
  if (base.kind === 'checkpoint' && base.at !== null) {
    const row = cached(sqlite, 'SELECT state, through_movement_id FROM stock_checkpoint WHERE at = ?').get(base.at) as { state: Buffer; through_movement_id: number };
    ({ keys, quantities } = unpackLevels(row.state));
    for (const [p, w, q] of lateMovements(sqlite, base.at, row.through_movement_id)) {
      const key = packKey(p, w);
      delta.levels.set(key, (delta.levels.get(key) ?? 0) + q);
    }
  } else if (base.kind === 'now') {
    const rows = cached(sqlite, 'SELECT product_id, warehouse_id, on_hand_milli FROM stock_level ORDER BY product_id, warehouse_id').raw(true).all() as [number, number, number][];
    keys = new Float64Array(rows.length);
    quantities = new Float64Array(rows.length);
    rows.forEach(([p, w, q], i) => {
      keys[i] = packKey(p, w);
      quantities[i] = q;
    });
  } else {
    keys = new Float64Array(0);
    quantities = new Float64Array(0);
  }
  addMovements(sqlite, delta, base.from, base.to, base.sign, ['levels']);
  const changed = Float64Array.from(delta.levels.keys()).sort();
  const outKeys = new Float64Array(keys.length + changed.length);
  const outQuantities = new Float64Array(keys.length + changed.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < keys.length || j < changed.length) {
    const a = i < keys.length ? (keys[i] ?? 0) : Number.POSITIVE_INFINITY;
    const b = j < changed.length ? (changed[j] ?? 0) : Number.POSITIVE_INFINITY;
    const key = Math.min(a, b);
    let q = 0;
    if (a === key) q += quantities[i++] ?? 0;
    if (b === key) q += delta.levels.get(changed[j++] ?? 0) ?? 0;
    if (q !== 0) {
      outKeys[n] = key;
      outQuantities[n++] = q;
    }
  }
  return { keys: outKeys.subarray(0, n), quantities: outQuantities.subarray(0, n), plan };
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
 * Makes every checkpoint that is due, in one write transaction (tests and small ledgers; the
 * background job uses `makeDueCheckpoints`, which commits a month at a time). Answers how many.
 */
export function ensureCheckpoints(sqlite: Database, now = new Date(), every = CHECKPOINT_EVERY): number {
  // Looked at without the write lock first: usually there is nothing to add, and a reader should
  // not queue behind (or hold up) a writer in another process for nothing.
  if (dueCheckpoints(sqlite, now, every, 1).length === 0) return 0;
  return sqlite.transaction(() => {
    let made = 0;
    let carried: Carried | null = null;
    for (const end of dueCheckpoints(sqlite, now, every)) {
      carried = makeCheckpoint(sqlite, end, now, carried);
      made++;
    }
    return made;
  }).immediate();
}

/** A checkpoint just made, kept to make the next one from without unpacking it again. */
interface Carried {
  at: string;
  state: StockState;
  throughMovementId: number;
}

/**
 * Makes the due checkpoints one month at a time, each in its own short IMMEDIATE transaction, so
 * the writers of other connections wait at most one month's work (about 0.2 s on 2,000,000
 * movements), never the whole run. `step` is told after each month and may throw to stop (a
 * cancelled job); what was made so far stays, and is right. Answers how many were made.
 */
export function makeDueCheckpoints(
  sqlite: Database,
  options: { now?: Date; every?: number; step?: (made: number, due: number) => void } = {},
): number {
  const { now = new Date(), every = CHECKPOINT_EVERY } = options;
  const due = dueCheckpoints(sqlite, now, every);
  let carried: Carried | null = null;
  let made = 0;
  due.forEach((end, i) => {
    carried = sqlite.transaction((previous: Carried | null) => {
      // Another process may have made it meanwhile; then start again from what is stored.
      if (cached(sqlite, 'SELECT 1 FROM stock_checkpoint WHERE at >= ?').get(end) !== undefined) return null;
      made++;
      return makeCheckpoint(sqlite, end, now, previous);
    }).immediate(carried);
    options.step?.(i + 1, due.length);
  });
  return made;
}

/**
 * Stores the checkpoint at month end `end`, made from the previous one just made (`carried`, when
 * no movement was recorded since), else from the latest stored one with its late movements, else
 * from the ledger. Runs inside the caller's write transaction: no movement slips in between reading
 * the ledger and storing what it added up to, so every movement up to `throughMovementId` is in.
 */
function makeCheckpoint(sqlite: Database, end: string, now: Date, carried: Carried | null): Carried {
  const throughMovementId = (cached(sqlite, 'SELECT coalesce(max(id), 0) AS id FROM stock_movement').get() as { id: number }).id;
  let state: StockState;
  if (carried && carried.throughMovementId === throughMovementId) {
    state = carried.state;
    addMovements(sqlite, state, carried.at, end, +1, ['levels', 'valuation']);
  } else {
    const latest = (cached(sqlite, 'SELECT max(at) AS at FROM stock_checkpoint WHERE at < ?').get(end) as { at: string | null }).at;
    if (latest !== null) {
      state = loadCheckpoint(sqlite, latest);
      addMovements(sqlite, state, latest, end, +1, ['levels', 'valuation']);
    } else {
      state = stateAt(sqlite, end, ['levels', 'valuation'], { now, checkpoints: false }).state;
    }
  }
  cached(sqlite, 'INSERT INTO stock_checkpoint (at, state, created_at, through_movement_id) VALUES (?, ?, ?, ?)').run(
    end,
    packState(state),
    now.toISOString(),
    throughMovementId,
  );
  return { at: end, state, throughMovementId };
}

/**
 * Folds the late movements into the checkpoints they change, one checkpoint per short write
 * transaction, then forgets the late movements every checkpoint includes. Answers how many
 * checkpoints were rewritten.
 */
export function foldLateMovements(sqlite: Database, options: { now?: Date; step?: (done: number, total: number) => void } = {}): number {
  const now = options.now ?? new Date();
  if ((cached(sqlite, 'SELECT EXISTS (SELECT 1 FROM stock_checkpoint_late) AS late').get() as { late: number }).late === 0) return 0;
  const all = cached(sqlite, 'SELECT at FROM stock_checkpoint ORDER BY at').pluck().all() as string[];
  let rewritten = 0;
  all.forEach((at, i) => {
    rewritten += sqlite.transaction(() => {
      const row = cached(sqlite, 'SELECT through_movement_id AS through FROM stock_checkpoint WHERE at = ?').get(at) as { through: number } | undefined;
      if (!row) return 0;
      const throughMovementId = (cached(sqlite, 'SELECT coalesce(max(id), 0) AS id FROM stock_movement').get() as { id: number }).id;
      const pending = cached(
        sqlite,
        // CROSS JOIN: the few late movements drive (see lateMovements).
        `SELECT EXISTS (SELECT 1 FROM stock_checkpoint_late l CROSS JOIN stock_movement m ON m.id = l.movement_id
           WHERE l.movement_id > ? AND m.occurred_at <= ?) AS pending`,
      ).get(row.through, at) as { pending: number };
      if (pending.pending === 0) {
        // Nothing late applies to it: every movement up to now is in, as it stands.
        cached(sqlite, 'UPDATE stock_checkpoint SET through_movement_id = ? WHERE at = ?').run(throughMovementId, at);
        return 0;
      }
      cached(sqlite, 'UPDATE stock_checkpoint SET state = ?, through_movement_id = ?, created_at = ? WHERE at = ?').run(
        packState(loadCheckpoint(sqlite, at)),
        throughMovementId,
        now.toISOString(),
        at,
      );
      return 1;
    }).immediate();
    options.step?.(i + 1, all.length);
  });
  cached(sqlite, 'DELETE FROM stock_checkpoint_late WHERE movement_id <= (SELECT coalesce(min(through_movement_id), 0) FROM stock_checkpoint)').run();
  return rewritten;
}

/**
 * Late movements are folded into the checkpoints once there are this many. Until then a read adds
 * them (a join of a few hundred rows, well under a millisecond), while folding rewrites every
 * checkpoint after the earliest of them (about 0.25 s each on 100,000 products): not worth doing
 * for each backdated receipt.
 */
export const FOLD_LATE_AFTER = 500;

/** Whether the background job has anything to do: a checkpoint due, or enough late movements to fold. */
export function checkpointWorkPending(sqlite: Database, options: { now?: Date; every?: number; foldAfter?: number } = {}): boolean {
  const { now = new Date(), every = CHECKPOINT_EVERY, foldAfter = FOLD_LATE_AFTER } = options;
  const late = cached(sqlite, 'SELECT count(*) AS n FROM (SELECT 1 FROM stock_checkpoint_late LIMIT ?)').get(foldAfter) as { n: number };
  if (late.n >= foldAfter) return true;
  return dueCheckpoints(sqlite, now, every, 1).length > 0;
}

/**
 * The month ends after the latest checkpoint that have ended and close a stretch of `every`
 * movements (the first `limit` of them).
 */
function dueCheckpoints(sqlite: Database, now: Date, every: number, limit = Number.POSITIVE_INFINITY): string[] {
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
      if (due.length >= limit) break;
      since = 0;
    }
    previous = end;
  }
  return due;
}

function nextInstant(iso: string): string {
  return new Date(Date.parse(iso) + 1).toISOString();
}

/** The late movements checkpoint `at` does not include yet: recorded after it was made, dated at or before it. */
function lateMovements(sqlite: Database, at: string, throughMovementId: number): [number, number, number, number][] {
  return cached(
    sqlite,
    // CROSS JOIN keeps the late movements (a few hundred at most) as the outer loop. Left to itself
    // the planner walked the time index up to `at` (a million entries at mid-ledger) probing the
    // late table for each: 90 ms per checkpoint read, with the late table empty.
    `SELECT m.product_id, m.warehouse_id, m.quantity_milli, m.value_minor FROM stock_checkpoint_late l
     CROSS JOIN stock_movement m ON m.id = l.movement_id WHERE l.movement_id > ? AND m.occurred_at <= ?`,
  )
    .raw(true)
    .all(throughMovementId, at) as [number, number, number, number][];
}

/**
 * A checkpoint's state with the late movements it does not include yet: those recorded after it
 * was made (a higher id than its `through_movement_id`) but dated at or before it.
 */
function loadCheckpoint(sqlite: Database, at: string, parts: readonly Part[] = ['levels', 'valuation']): StockState {
  const row = cached(sqlite, 'SELECT state, through_movement_id FROM stock_checkpoint WHERE at = ?').get(at) as { state: Buffer; through_movement_id: number };
  const state = unpackState(row.state, parts);
  for (const [p, w, q, v] of lateMovements(sqlite, at, row.through_movement_id)) {
    const key = packKey(p, w);
    if (parts.includes('levels')) state.levels.set(key, (state.levels.get(key) ?? 0) + q);
    if (!parts.includes('valuation')) continue;
    const entry = state.valuation.get(p);
    if (entry) {
      entry.quantityMilli += q;
      entry.valueMinor += v;
    } else {
      state.valuation.set(p, { quantityMilli: q, valueMinor: v });
    }
  }
  return state;
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

/** The levels of a packed state as sorted arrays, without building a Map. */
export function unpackLevels(packed: Uint8Array): { keys: Float64Array; quantities: Float64Array } {
  const bytes = inflateSync(packed);
  const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const levelCount = data[0] ?? 0;
  const keys = new Float64Array(levelCount);
  let key = 0;
  for (let i = 0; i < levelCount; i++) {
    key += data[2 + i] ?? 0;
    keys[i] = key;
  }
  return { keys, quantities: data.subarray(2 + levelCount, 2 + 2 * levelCount) };
}

/** The parts asked for: a query for on hand skips building the 100,000 valuation entries. */
export function unpackState(packed: Uint8Array, parts: readonly Part[] = ['levels', 'valuation']): StockState {
  const bytes = inflateSync(packed);
  // Copied into a fresh buffer: a Float64Array needs an offset that is a multiple of 8.
  const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const levelCount = data[0] ?? 0;
  const valuationCount = data[1] ?? 0;
  const state = emptyState();
  const levels = parts.includes('levels') ? levelCount : 0;
  const valuations = parts.includes('valuation') ? valuationCount : 0;
  let key = 0;
  const quantities = 2 + levelCount;
  for (let i = 0; i < levels; i++) {
    key += data[2 + i] ?? 0;
    state.levels.set(key, data[quantities + i] ?? 0);
  }
  const products = 2 + 2 * levelCount;
  let product = 0;
  for (let i = 0; i < valuations; i++) {
    product += data[products + i] ?? 0;
    state.valuation.set(product, {
      quantityMilli: data[products + valuationCount + i] ?? 0,
      valueMinor: data[products + 2 * valuationCount + i] ?? 0,
    });
  }
  return state;
}
