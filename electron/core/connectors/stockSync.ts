import type { Database } from 'better-sqlite3';
import { accountRules } from './accounts.ts';
import { createUpload } from './engine/uploadStore.ts';
import { loadListingSources } from './listingSource.ts';
import { connectorFor } from './registry.ts';

/**
 * Stock sync: quantities changed since the account's cursor in the movement ledger go to the
 * accounts where the product is listed, as a `stock` upload job through the same engine. The
 * cursor is a movement id, so changes made by any process (the app, the CLI, an invoice run) are
 * seen, and nothing is sent twice: only quantities that differ from what was last sent.
 */
export function planStockSync(sqlite: Database, accountId: number): number | null {
  return sqlite.transaction(() => {
    const latest = (sqlite.prepare('SELECT coalesce(max(id), 0) FROM stock_movement').pluck().get() as number) ?? 0;
    const cursor = sqlite.prepare('SELECT last_movement_id FROM stock_sync_cursor WHERE account_id = ?').pluck().get(accountId) as number | undefined;
    const from = cursor ?? 0;
    if (latest <= from) return null;
    const { platform, rules } = accountRules(sqlite, accountId);
    if (!connectorFor(platform).capabilities.stockSync) return null;
    const touched = sqlite
      .prepare(
        `SELECT DISTINCT coalesce(p.parent_id, p.id) AS id FROM stock_movement m JOIN product p ON p.id = m.product_id
         WHERE m.id > ? AND m.id <= ? AND coalesce(p.parent_id, p.id) IN (SELECT product_id FROM listing WHERE account_id = ? AND status = 'listed')`,
      )
      .pluck()
      .all(from, latest, accountId) as number[];
    upsertCursor(sqlite, accountId, latest);
    if (touched.length === 0) return null;
    const sent = new Map(
      (sqlite.prepare(`SELECT product_id, quantities FROM listing WHERE account_id = ? AND product_id IN (${touched.map(() => '?').join(',')})`).all(accountId, ...touched) as { product_id: number; quantities: string }[]).map((r) => [
        r.product_id,
        JSON.parse(r.quantities) as Record<string, number>,
      ]),
    );
    const items: { productId: number; sku: string; payload: Record<string, number> }[] = [];
    for (const source of loadListingSources(sqlite, accountId, rules, touched).values()) {
      const now = Object.fromEntries(source.variants.map((v) => [v.sku, v.quantity]));
      const before = sent.get(source.productId) ?? {};
      if (Object.entries(now).some(([sku, q]) => before[sku] !== q)) items.push({ productId: source.productId, sku: source.sku, payload: now });
    }
    return items.length === 0 ? null : createUpload(sqlite, accountId, 'stock', items);
  }).immediate();
}

function upsertCursor(sqlite: Database, accountId: number, movementId: number): void {
  sqlite
    .prepare('INSERT INTO stock_sync_cursor (account_id, last_movement_id) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET last_movement_id = excluded.last_movement_id')
    .run(accountId, movementId);
}

/** Accounts with listings and a connector that syncs stock. */
export function stockSyncAccounts(sqlite: Database): number[] {
  const rows = sqlite.prepare("SELECT DISTINCT a.id, a.platform FROM marketplace_account a JOIN listing l ON l.account_id = a.id AND l.status = 'listed'").all() as { id: number; platform: string }[];
  return rows.filter((r) => connectorFor(r.platform).capabilities.stockSync).map((r) => r.id);
}

export interface StockSyncScheduler {
  /** Stock of these products changed: sync after the debounce (coalesced with what is already waiting). */
  notify(productIds?: readonly number[]): void;
  /** Plans and starts the sync of every account now; answers the uploads started. */
  runNow(): Promise<number[]>;
  /** Products told about since the last run, for the status line and tests. */
  pending(): number[];
  /** Looks whether movements appeared that no event told of (a worker job just finished); syncs after the debounce if so. */
  check(): void;
  close(): void;
}

/**
 * Pushes stock changes by event, not by polling:
 * - the stock writer tells `subscribe`'s listener after its transaction commits (stock/stockEvents.ts);
 * - a burst (an invoice with 200 lines, a stocktake) is debounced: once no movement came for
 *   `debounceMs` (at most `maxWaitMs` after the first), ONE stock upload per account is planned
 *   from the ledger cursor, one item per product with its current quantities: however many
 *   movements a SKU had in the burst, it is sent once;
 * - at start-up it catches up at once: movements recorded while the app was closed, or by the CLI;
 * - `jobFinished` (a worker thread wrote movements on its own connection: imports, stocktakes)
 *   and a slow fallback scan (`fallbackMs`, one indexed read of the newest movement id) cover
 *   writers whose commits this process cannot hear: SQLite tells a connection only of its own
 *   changes, and another process (the CLI, a second Kontor) shares nothing but the file.
 * An account whose previous stock upload still runs is tried again after the next debounce.
 */
export function createStockSyncScheduler(options: {
  sqlite: Database;
  start: (uploadId: number) => Promise<unknown>;
  isBusy: (accountId: number) => boolean;
  onError: (error: unknown) => void;
  /** Hears committed stock changes of this process; answers the unsubscribe. */
  subscribe: (listener: (productIds: readonly number[]) => void) => () => void;
  debounceMs?: number;
  maxWaitMs?: number;
  fallbackMs?: number;
  startupDelayMs?: number;
}): StockSyncScheduler {
  const debounceMs = options.debounceMs ?? 2000;
  const maxWaitMs = options.maxWaitMs ?? debounceMs * 5;
  let seen = latestMovement(options.sqlite);
  let timer: NodeJS.Timeout | undefined;
  let firstAt: number | null = null;
  let closed = false;
  let running: Promise<number[]> | null = null;
  const waiting = new Set<number>();

  const runNow = async (): Promise<number[]> => {
    if (running) return running;
    running = (async () => {
      const started: number[] = [];
      waiting.clear();
      firstAt = null;
      seen = latestMovement(options.sqlite);
      let busy = false;
      for (const accountId of stockSyncAccounts(options.sqlite)) {
        // The cursor has not moved for a busy account: its changes go with the next run.
        if (options.isBusy(accountId)) {
          busy = true;
          continue;
        }
        const uploadId = planStockSync(options.sqlite, accountId);
        if (uploadId !== null) {
          await options.start(uploadId);
          started.push(uploadId);
        }
      }
      if (busy) arm();
      return started;
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const arm = (): void => {
    if (closed) return;
    const now = Date.now();
    firstAt ??= now;
    clearTimeout(timer);
    timer = setTimeout(() => void runNow().catch(options.onError), Math.max(0, Math.min(debounceMs, firstAt + maxWaitMs - now)));
    timer.unref();
  };
  const notify = (productIds: readonly number[] = []): void => {
    if (closed) return;
    for (const id of productIds) waiting.add(id);
    arm();
  };
  const unsubscribe = options.subscribe((productIds) => notify(productIds));
  /** Something outside this process's hearing may have written movements: look at the newest id. */
  const look = (): void => {
    if (closed || !options.sqlite.open) return;
    const latest = latestMovement(options.sqlite);
    if (latest !== seen) {
      seen = latest;
      notify();
    }
  };
  const fallback = setInterval(look, options.fallbackMs ?? 60_000);
  fallback.unref();
  // Catch up with what happened while Kontor was closed (the cursors know where each account stopped).
  const startup = setTimeout(() => void runNow().catch(options.onError), options.startupDelayMs ?? 3000);
  startup.unref();
  return {
    notify,
    runNow,
    pending: () => [...waiting],
    check: look,
    close() {
      closed = true;
      unsubscribe();
      clearTimeout(timer);
      clearTimeout(startup);
      clearInterval(fallback);
    },
  };
}

function latestMovement(sqlite: Database): number {
  return (sqlite.prepare('SELECT coalesce(max(id), 0) FROM stock_movement').pluck().get() as number) ?? 0;
}
