import type { Database } from 'better-sqlite3';
import { KontorError, type CallError } from '../../../../shared/errors.ts';
import type { UploadKind } from '../../../../shared/marketplaces/schemas.ts';
import { openAccount, saveAccountSetting, type OpenedAccount } from '../accounts.ts';
import { loadListingSources } from '../listingSource.ts';
import { connectorFor } from '../registry.ts';
import type { SecretBox } from '../secretBox.ts';
import { dirname } from 'node:path';
import type { Connector, ItemOutcome, PriceUpdate, RemoteRefs, RemoveItem, Session, StockUpdate, UploadItem } from '../types.ts';
import { createMediaLibrary } from './mediaLibrary.ts';
import { backoffMs } from './backoff.ts';
import { RemoteCallError, createHttpClient } from './http.ts';
import { createPacer, realClock, type Clock } from './pacing.ts';
import { countItems, itemWriter, itemsToSend, requireUpload, setUploadStatus, type ItemRow } from './uploadStore.ts';

export interface RunUploadOptions {
  sqlite: Database;
  box: SecretBox;
  uploadId: number;
  signal: AbortSignal;
  /** Where the catalog's image files are; by default the database's directory. */
  dataDir?: string;
  progress?: (done: number, total: number, message: string) => void;
  /** Attempts per item before a retryable failure becomes final. */
  maxAttempts?: number;
  timeoutMs?: number;
  random?: () => number;
  clock?: Clock;
  /** Backoff before the first retry; doubled each attempt up to `backoffCapMs`. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
}

export interface UploadSummary {
  uploadId: number;
  succeeded: number;
  failed: number;
  skipped: number;
  requests: number;
  /** Times the pacer held a request back to avoid overdrawing the platform's bucket. */
  pacerWaits: number;
  retries: number;
  elapsedMs: number;
}

/** One unit of work: an item with what to send. */
interface Work {
  row: ItemRow;
  upload?: UploadItem<unknown>;
  stock?: StockUpdate;
  price?: PriceUpdate;
  remove?: RemoveItem;
  /** What this send sets on the platform, kept on the listing: per variant SKU, quantities and prices. */
  quantities: Record<string, number> | null;
  prices: Record<string, number> | null;
  notBefore: number;
}

/**
 * Runs (or resumes) one upload job to its end, a pause or a fatal error. The job's items in SQLite
 * are the whole state: an item marked `sending` when the process died is sent again, which is
 * safe because every connector is idempotent by SKU.
 *
 * 1. Every item is validated and mapped before the first request; invalid ones fail with their issues.
 * 2. One cheap request checks the credentials: refused, the job is paused and no item is touched.
 * 3. Batches of the connector's size go out as the pacer allows; each answer is written at once.
 * 4. Throttling, 5xx, timeouts and resets are retried with exponential backoff and jitter (at
 *    least Retry-After); anything else fails the item with the platform's own code and message.
 */
export async function runUpload(options: RunUploadOptions): Promise<UploadSummary> {
  const { sqlite, uploadId, signal } = options;
  const started = performance.now();
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 6;
  const upload = requireUpload(sqlite, uploadId);
  if (upload.status === 'cancelled' || upload.status === 'finished') {
    throw new KontorError('CONFLICT', `Upload #${uploadId} is ${upload.status}; start a new one or retry its failed items.`);
  }
  const account = openAccount(sqlite, options.box, upload.account_id);
  const connector = connectorFor(account.platform);
  const writer = itemWriter(sqlite, uploadId, account.id);
  setUploadStatus(sqlite, uploadId, 'running');

  const total = Object.values(countItems(sqlite, uploadId)).reduce((a, b) => a + b, 0);
  const work = prepare(sqlite, connector, account, upload.kind, itemsToSend(sqlite, uploadId), writer);

  const pacer = createPacer(connector.rateModel, clock);
  const http = createHttpClient(pacer, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
  const session = connector.connect(account, http, createMediaLibrary(sqlite, options.dataDir ?? dirname(sqlite.name), account.id));
  const stop = new AbortController();
  const both = AbortSignal.any([signal, stop.signal]);
  let fatal: CallError | null = null;
  let retries = 0;

  const report = progressReporter(sqlite, uploadId, total, options.progress);
  report();

  try {
    if (work.length > 0) {
      try {
        const connection = await withRetries(() => session.testConnection(), maxAttempts, (attempt, retryAfter) =>
          clock.sleep(backoffMs(attempt, random, { retryAfterMs: retryAfter, ...(options.backoffBaseMs === undefined ? {} : { baseMs: options.backoffBaseMs }) }), both),
        );
        if (connection.details.locationId && account.platform === 'shopify' && !(account.settings as { locationId?: string | null }).locationId) {
          saveAccountSetting(sqlite, account.id, 'locationId', connection.details.locationId);
        }
      } catch (error) {
        throw asFatal(error, account);
      }
    }

    const queue: Work[] = [...work];
    const inFlight = new Set<Promise<void>>();
    const batchSize = upload.kind === 'listing' ? connector.batchSize : connector.stockBatchSize;
    // Under a concurrency cap, one batch more than the cap keeps a request waiting for every slot
    // that frees up (a batch spends time in our code between its requests); the pacer still caps
    // requests in flight. A cost bucket gains nothing from it.
    const maxBatches = connector.rateModel.kind === 'concurrency' ? connector.rateModel.maxInFlight * 2 : connector.rateModel.maxInFlight;
    let wake: (() => void) | null = null;
    const poke = (): void => {
      wake?.();
      wake = null;
    };

    const settle = (unit: Work, outcome: ItemOutcome | RemoteCallError): void => {
      if (outcome instanceof RemoteCallError) {
        if (outcome.kind === 'auth') {
          writer.requeue(unit.row, null, null, null, true);
          return;
        }
        if (!outcome.retryable) {
          writer.failed(unit.row, outcome.code, outcome.message);
          return;
        }
        retryOrFail(unit, outcome.code, outcome.message, outcome.retryAfterMs, outcome.kind === 'throttled', null);
        return;
      }
      if (outcome.status === 'succeeded') {
        if (upload.kind === 'delete') writer.removed(unit.row, outcome.remote);
        else writer.succeeded(unit.row, outcome.remote, unit.quantities, unit.prices);
      }
      else if (outcome.status === 'failed') writer.failed(unit.row, outcome.code, outcome.message);
      else retryOrFail(unit, outcome.code, outcome.message, outcome.retryAfterMs ?? null, false, outcome.remote ?? null);
    };

    const retryOrFail = (unit: Work, code: string, message: string, retryAfter: number | null, refund: boolean, remote: RemoteRefs | null): void => {
      const attempts = unit.row.attempts + 1;
      if (!refund && attempts >= maxAttempts) {
        writer.failed(unit.row, code, `${message} (gave up after ${attempts} attempts)`);
        return;
      }
      writer.requeue(unit.row, code, message, remote, refund);
      retries++;
      unit.row.attempts = refund ? unit.row.attempts : attempts;
      if (remote && unit.upload) unit.upload.remote = remote;
      unit.notBefore = clock.now() + backoffMs(Math.max(1, attempts), random, { retryAfterMs: retryAfter, ...(options.backoffBaseMs === undefined ? {} : { baseMs: options.backoffBaseMs }), ...(options.backoffCapMs === undefined ? {} : { capMs: options.backoffCapMs }) });
      queue.push(unit);
    };

    const send = async (batch: Work[]): Promise<void> => {
      writer.markSending(batch.map((w) => w.row.id));
      let outcomes: ItemOutcome[] | RemoteCallError;
      try {
        outcomes =
          upload.kind === 'stock'
            ? await session.stockSync(batch.map((w) => w.stock as StockUpdate), both)
            : upload.kind === 'price'
              ? await session.priceSync(batch.map((w) => w.price as PriceUpdate), both)
              : upload.kind === 'delete'
                ? await session.remove(batch.map((w) => w.remove as RemoveItem), both)
                : await session.upload(batch.map((w) => w.upload as UploadItem<unknown>), both);
      } catch (error) {
        if (both.aborted) return; // The items stay `sending`; a resume sends them again, idempotently.
        if (!(error instanceof RemoteCallError)) throw error;
        outcomes = error;
        if (error.kind === 'auth' && !fatal) {
          fatal = asFatal(error, account).toCallError();
          stop.abort(new KontorError('MARKETPLACE_REFUSED', fatal.message));
        }
      }
      const answered = outcomes;
      writer.transaction(() => {
        for (const unit of batch) {
          const outcome = answered instanceof RemoteCallError ? answered : (answered.find((o) => o.sku === unit.row.sku) ?? missing(unit.row.sku));
          settle(unit, outcome);
        }
      });
      report();
      // Paused or cancelled by another process (the CLI, another window): stop after this batch.
      if (requireUpload(sqlite, uploadId).status !== 'running' && !stop.signal.aborted) stop.abort(new KontorError('CANCELLED', `Upload #${uploadId} was stopped elsewhere.`));
    };

    while (!both.aborted && (queue.length > 0 || inFlight.size > 0)) {
      const now = clock.now();
      while (inFlight.size < maxBatches && !both.aborted) {
        // Near the end, the last items are spread over every request slot instead of one full
        // batch finishing alone while the other slots idle.
        const readyCount = queue.reduce((n, w) => (w.notBefore <= now ? n + 1 : n), 0);
        // (Under a cost bucket the total cost is the bound, so more, smaller requests gain nothing.)
        const size = connector.rateModel.kind === 'concurrency' ? Math.min(batchSize, Math.max(1, Math.ceil(readyCount / connector.rateModel.maxInFlight))) : batchSize;
        const ready = takeReady(queue, now, size);
        if (ready.length === 0) break;
        const promise: Promise<void> = send(ready).finally(() => {
          inFlight.delete(promise);
          poke();
        });
        inFlight.add(promise);
      }
      if (queue.length === 0 && inFlight.size === 0) break;
      const nextAt = queue.length > 0 && inFlight.size < maxBatches ? Math.min(...queue.map((w) => w.notBefore)) : Number.POSITIVE_INFINITY;
      await new Promise<void>((resolve) => {
        wake = resolve;
        const timer = Number.isFinite(nextAt) ? setTimeout(resolve, Math.max(1, nextAt - clock.now())) : undefined;
        const onAbort = (): void => resolve();
        both.addEventListener('abort', onAbort, { once: true });
        const done = (): void => {
          clearTimeout(timer);
          both.removeEventListener('abort', onAbort);
        };
        wake = () => {
          done();
          resolve();
        };
        if (timer) timer.unref?.();
      });
    }
    await Promise.allSettled(inFlight);
    // A bug in `send` (not a platform answer) must not be swallowed by allSettled.
    for (const p of inFlight) await p;
  } catch (error) {
    if (error instanceof KontorError && (error.code === 'MARKETPLACE_REFUSED' || error.code === 'MARKETPLACE_UNAVAILABLE')) fatal = error.toCallError();
    else {
      setUploadStatus(sqlite, uploadId, 'paused', { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  if (fatal) {
    setUploadStatus(sqlite, uploadId, 'paused', fatal);
    report();
    throw new KontorError(fatal.code, fatal.message, { uploadId });
  }
  if (signal.aborted || stop.signal.aborted) {
    // Pause unless someone cancelled the upload itself meanwhile (then it stays cancelled).
    if (requireUpload(sqlite, uploadId).status === 'running') setUploadStatus(sqlite, uploadId, 'paused');
    throw (signal.aborted ? signal.reason : stop.signal.reason) as Error;
  }
  setUploadStatus(sqlite, uploadId, 'finished');
  const counts = countItems(sqlite, uploadId);
  report();
  return {
    uploadId,
    succeeded: counts.succeeded,
    failed: counts.failed,
    skipped: counts.skipped,
    requests: http.stats.requests,
    pacerWaits: pacer.stats.waits,
    retries,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Retries what is worth retrying (throttled, 5xx, timeouts, resets); anything else is thrown at once. */
async function withRetries<T>(fn: () => Promise<T>, attempts: number, wait: (attempt: number, retryAfterMs: number | null) => Promise<void>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof RemoteCallError) || !error.retryable || attempt >= attempts) throw error;
      await wait(attempt, error.retryAfterMs);
    }
  }
}

function missing(sku: string): ItemOutcome {
  return { sku, status: 'retry', code: 'kontor.noAnswer', message: 'The platform answered the batch without this item.' };
}

function takeReady(queue: Work[], now: number, size: number): Work[] {
  const out: Work[] = [];
  for (let i = 0; i < queue.length && out.length < size; ) {
    const unit = queue[i] as Work;
    if (unit.notBefore <= now) {
      out.push(unit);
      queue.splice(i, 1);
    } else i++;
  }
  return out;
}

function asFatal(error: unknown, account: OpenedAccount): KontorError {
  if (error instanceof RemoteCallError && error.kind === 'auth') {
    return new KontorError('MARKETPLACE_REFUSED', `${account.name}: ${error.message}. Check the credentials in Marketplaces → Accounts; the upload is paused and no item was changed.`, { account: account.name });
  }
  if (error instanceof RemoteCallError) {
    return new KontorError('MARKETPLACE_UNAVAILABLE', `${account.name}: could not reach the platform (${error.message}); the upload is paused, resume it when the shop answers.`, { account: account.name });
  }
  return error instanceof KontorError ? error : new KontorError('INTERNAL', error instanceof Error ? error.message : String(error));
}

/** Validates and maps every item before anything is sent; invalid ones fail here with their issues. */
function prepare(
  sqlite: Database,
  connector: Connector<unknown, unknown, unknown>,
  account: OpenedAccount,
  kind: UploadKind,
  rows: ItemRow[],
  writer: ReturnType<typeof itemWriter>,
): Work[] {
  const work: Work[] = [];
  if (kind !== 'listing') {
    const remotes = new Map(
      (sqlite.prepare('SELECT product_id, remote_refs FROM listing WHERE account_id = ? AND remote_refs IS NOT NULL').all(account.id) as { product_id: number; remote_refs: string }[]).map((r) => [r.product_id, JSON.parse(r.remote_refs) as RemoteRefs]),
    );
    writer.transaction(() => {
      for (const row of rows) {
        const remote = row.product_id === null ? undefined : remotes.get(row.product_id);
        const productId = row.product_id as number;
        if (!remote) {
          writer.failed(row, 'kontor.notListed', kind === 'delete' ? `${row.sku} is not listed on ${account.name}; there is nothing to remove.` : `${row.sku} is not listed on ${account.name}; upload it first.`);
        } else if (kind === 'stock') {
          const quantities = JSON.parse(row.payload ?? '{}') as Record<string, number>;
          work.push({ row, stock: { productId, sku: row.sku, remote, quantities }, quantities, prices: null, notBefore: 0 });
        } else if (kind === 'price') {
          const payload = JSON.parse(row.payload ?? '{}') as { currency: string; prices: Record<string, number> };
          work.push({ row, price: { productId, sku: row.sku, remote, currency: payload.currency, prices: payload.prices }, quantities: null, prices: payload.prices, notBefore: 0 });
        } else work.push({ row, remove: { productId, sku: row.sku, remote }, quantities: null, prices: null, notBefore: 0 });
      }
    });
    return work;
  }
  const sources = loadListingSources(sqlite, account.id, account.rules, rows.map((r) => r.product_id).filter((id): id is number => id !== null));
  writer.transaction(() => {
    for (const row of rows) {
      const source = row.product_id === null ? undefined : sources.get(row.product_id);
      if (!source) {
        writer.failed(row, 'kontor.productGone', `${row.sku} was deleted from the catalog after the upload was prepared.`);
        continue;
      }
      const issues = connector.validate(source);
      if (issues.length > 0) {
        writer.failed(row, 'VALIDATION', issues.map((i) => i.message).join(' '), issues);
        continue;
      }
      const quantities = Object.fromEntries(source.variants.map((v) => [v.sku, v.quantity]));
      const prices = Object.fromEntries(source.variants.map((v) => [v.sku, v.priceMinor ?? 0]));
      work.push({ row, upload: { sku: source.sku, payload: connector.map(source, account.settings), remote: source.remote }, quantities, prices, notBefore: 0 });
    }
  });
  return work;
}

/** Progress with rate and ETA, computed from the items settled during this run. */
function progressReporter(sqlite: Database, uploadId: number, total: number, progress: RunUploadOptions['progress']): () => void {
  const startedAt = performance.now();
  let firstDone: number | null = null;
  return () => {
    if (!progress) return;
    const counts = countItems(sqlite, uploadId);
    const done = counts.succeeded + counts.failed + counts.skipped;
    firstDone ??= done;
    const seconds = (performance.now() - startedAt) / 1000;
    const rate = seconds > 0 ? (done - firstDone) / seconds : 0;
    const eta = rate > 0 ? Math.round((total - done) / rate) : null;
    progress(done, total, `${done} of ${total} · ${counts.failed} failed · ${rate.toFixed(1)}/s${eta === null ? '' : ` · ETA ${eta} s`}`);
  };
}

export type { Session };
