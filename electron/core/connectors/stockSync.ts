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
  /** Stock changed: sync after the debounce. */
  notify(): void;
  /** Plans and starts the sync of every account now; answers the uploads started. */
  runNow(): Promise<number[]>;
  close(): void;
}

/**
 * Watches the ledger's newest movement id (one indexed read per poll) and, once changes have
 * settled for `debounceMs`, starts one stock upload per account. A burst of movements (an invoice
 * with 200 lines, a stocktake) becomes one batched job, not 200 requests.
 */
export function createStockSyncScheduler(options: {
  sqlite: Database;
  start: (uploadId: number) => Promise<unknown>;
  isBusy: (accountId: number) => boolean;
  onError: (error: unknown) => void;
  debounceMs?: number;
  pollMs?: number;
}): StockSyncScheduler {
  const debounceMs = options.debounceMs ?? 5000;
  let seen = latestMovement(options.sqlite);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const runNow = async (): Promise<number[]> => {
    const started: number[] = [];
    for (const accountId of stockSyncAccounts(options.sqlite)) {
      // A sync already running for the account picks this up next time; the cursor has not moved.
      if (options.isBusy(accountId)) continue;
      const uploadId = planStockSync(options.sqlite, accountId);
      if (uploadId !== null) {
        await options.start(uploadId);
        started.push(uploadId);
      }
    }
    return started;
  };
  const notify = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runNow().catch(options.onError), debounceMs);
    timer.unref();
  };
  const poll = setInterval(() => {
    const latest = latestMovement(options.sqlite);
    if (latest !== seen) {
      seen = latest;
      notify();
    }
  }, options.pollMs ?? 2000);
  poll.unref();
  return {
    notify,
    runNow,
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
    },
  };
}

function latestMovement(sqlite: Database): number {
  return (sqlite.prepare('SELECT coalesce(max(id), 0) FROM stock_movement').pluck().get() as number) ?? 0;
}
