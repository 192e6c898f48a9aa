import type { Database } from 'better-sqlite3';
import { KontorError, type CallError, type FieldIssue } from '../../../../shared/errors.ts';
import { ITEM_STATUSES, type ItemStatus, type UploadItemView, type UploadKind, type UploadStatus, type UploadView } from '../../../../shared/marketplaces/schemas.ts';
import type { RemoteRefs } from '../types.ts';

/**
 * The upload job and its items in SQLite: the one record of what was sent, what the platform
 * answered, and what is left. Written synchronously on the worker's own connection, one short
 * transaction per batch.
 */
export interface UploadRow {
  id: number;
  account_id: number;
  kind: UploadKind;
  status: UploadStatus;
  last_error: string | null;
  run_job_id: number | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ItemRow {
  id: number;
  product_id: number | null;
  sku: string;
  status: ItemStatus;
  attempts: number;
  remote_id: string | null;
  payload: string | null;
}

export function createUpload(
  sqlite: Database,
  accountId: number,
  kind: UploadKind,
  items: readonly { productId: number; sku: string; payload?: unknown }[],
  now = new Date(),
): number {
  return sqlite.transaction(() => {
    const stamp = now.toISOString();
    const id = sqlite
      .prepare("INSERT INTO upload_job (account_id, kind, status, created_at, updated_at) VALUES (?, ?, 'ready', ?, ?) RETURNING id")
      .pluck()
      .get(accountId, kind, stamp, stamp) as number;
    const insert = sqlite.prepare("INSERT INTO upload_item (upload_id, product_id, sku, status, payload) VALUES (?, ?, ?, 'pending', ?)");
    for (const item of items) insert.run(id, item.productId, item.sku, item.payload === undefined ? null : JSON.stringify(item.payload));
    return id;
  }).immediate();
}

export function requireUpload(sqlite: Database, id: number): UploadRow {
  const row = sqlite.prepare('SELECT * FROM upload_job WHERE id = ?').get(id) as UploadRow | undefined;
  if (!row) throw new KontorError('NOT_FOUND', `There is no upload #${id}.`, { id });
  return row;
}

export function setUploadStatus(sqlite: Database, id: number, status: UploadStatus, lastError: CallError | null = null, now = new Date()): void {
  sqlite
    .prepare('UPDATE upload_job SET status = ?, last_error = ?, updated_at = ?, finished_at = ? WHERE id = ?')
    .run(status, lastError === null ? null : JSON.stringify(lastError), now.toISOString(), status === 'finished' || status === 'cancelled' ? now.toISOString() : null, id);
}

export function setRunJob(sqlite: Database, id: number, jobId: number): void {
  sqlite.prepare('UPDATE upload_job SET run_job_id = ? WHERE id = ?').run(jobId, id);
}

export function itemsToSend(sqlite: Database, uploadId: number): ItemRow[] {
  return sqlite.prepare("SELECT id, product_id, sku, status, attempts, remote_id, payload FROM upload_item WHERE upload_id = ? AND status IN ('pending', 'sending') ORDER BY id").all(uploadId) as ItemRow[];
}

export function countItems(sqlite: Database, uploadId: number): Record<ItemStatus, number> {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const row of sqlite.prepare('SELECT status, count(*) AS n FROM upload_item WHERE upload_id = ? GROUP BY status').all(uploadId) as { status: ItemStatus; n: number }[]) {
    counts[row.status] = row.n;
  }
  return counts;
}

/** A statement set for the hot loop, prepared once per run. */
export function itemWriter(sqlite: Database, uploadId: number, accountId: number) {
  const markSending = sqlite.prepare("UPDATE upload_item SET status = 'sending', attempts = attempts + 1, started_at = coalesce(started_at, ?) WHERE id = ?");
  const succeed = sqlite.prepare("UPDATE upload_item SET status = 'succeeded', remote_id = ?, error_code = NULL, error_message = NULL, finished_at = ? WHERE id = ?");
  const fail = sqlite.prepare("UPDATE upload_item SET status = 'failed', error_code = ?, error_message = ?, issues = ?, finished_at = ? WHERE id = ?");
  const requeue = sqlite.prepare("UPDATE upload_item SET status = 'pending', error_code = ?, error_message = ?, remote_id = coalesce(?, remote_id), attempts = attempts - ? WHERE id = ?");
  const listed = sqlite.prepare(
    `INSERT INTO listing (account_id, product_id, status, remote_id, remote_refs, last_error, quantities, updated_at) VALUES (?, ?, 'listed', ?, ?, NULL, ?, ?)
     ON CONFLICT (account_id, product_id) DO UPDATE SET status = 'listed', remote_id = excluded.remote_id, remote_refs = excluded.remote_refs, last_error = NULL,
       quantities = excluded.quantities, updated_at = excluded.updated_at`,
  );
  const setPrices = sqlite.prepare('UPDATE listing SET prices = ?, updated_at = ? WHERE account_id = ? AND product_id = ?');
  const unlisted = sqlite.prepare('DELETE FROM listing WHERE account_id = ? AND product_id = ?');
  const listingFailed = sqlite.prepare(
    `INSERT INTO listing (account_id, product_id, status, last_error, updated_at) VALUES (?, ?, 'failed', ?, ?)
     ON CONFLICT (account_id, product_id) DO UPDATE SET last_error = excluded.last_error, updated_at = excluded.updated_at,
       status = CASE WHEN listing.remote_id IS NULL THEN 'failed' ELSE listing.status END`,
  );
  const partial = sqlite.prepare(
    `INSERT INTO listing (account_id, product_id, status, remote_id, remote_refs, last_error, updated_at) VALUES (?, ?, 'failed', ?, ?, ?, ?)
     ON CONFLICT (account_id, product_id) DO UPDATE SET remote_id = excluded.remote_id, remote_refs = excluded.remote_refs, updated_at = excluded.updated_at`,
  );
  const stamp = (): string => new Date().toISOString();
  return {
    markSending: sqlite.transaction((ids: readonly number[]) => {
      const at = stamp();
      for (const id of ids) markSending.run(at, id);
    }),
    /** The platform took it: the listing keeps the remote ids and what was last sent (quantities, prices); a price-only sync leaves quantities alone, and the other way round. */
    succeeded(item: ItemRow, remote: RemoteRefs, quantities: Record<string, number> | null, prices: Record<string, number> | null = null): void {
      succeed.run(remote.productId, stamp(), item.id);
      if (item.product_id === null) return;
      if (quantities !== null) listed.run(accountId, item.product_id, remote.productId, JSON.stringify(remote), JSON.stringify(quantities), stamp());
      if (prices !== null) setPrices.run(JSON.stringify(prices), stamp(), accountId, item.product_id);
    },
    /** Deleted on the platform: the listing is gone from Kontor's record too. */
    removed(item: ItemRow, remote: RemoteRefs): void {
      succeed.run(remote.productId, stamp(), item.id);
      if (item.product_id !== null) unlisted.run(accountId, item.product_id);
    },
    failed(item: ItemRow, code: string, message: string, issues: FieldIssue[] | null = null): void {
      fail.run(code, message, issues === null ? null : JSON.stringify(issues), stamp(), item.id);
      if (item.product_id !== null && code !== 'kontor.dryRun') listingFailed.run(accountId, item.product_id, message, stamp());
    },
    /** Back to pending; `refund` takes back the attempt (throttling and auth are not the item's fault). */
    requeue(item: ItemRow, code: string | null, message: string | null, remote: RemoteRefs | null, refund: boolean): void {
      requeue.run(code, message, remote?.productId ?? null, refund ? 1 : 0, item.id);
      if (remote && item.product_id !== null) partial.run(accountId, item.product_id, remote.productId, JSON.stringify(remote), message, stamp());
    },
    transaction: <T>(fn: () => T): T => sqlite.transaction(fn).immediate(),
    uploadId,
  };
}

export function uploadView(sqlite: Database, id: number): UploadView {
  const row = sqlite
    .prepare('SELECT u.*, a.name AS account_name, a.platform FROM upload_job u JOIN marketplace_account a ON a.id = u.account_id WHERE u.id = ?')
    .get(id) as (UploadRow & { account_name: string; platform: string }) | undefined;
  if (!row) throw new KontorError('NOT_FOUND', `There is no upload #${id}.`, { id });
  const counts = countItems(sqlite, id);
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    platform: row.platform as UploadView['platform'],
    kind: row.kind,
    status: row.status,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    lastError: row.last_error === null ? null : (JSON.parse(row.last_error) as CallError),
    runJobId: row.run_job_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export function listUploads(sqlite: Database, limit: number): UploadView[] {
  const ids = sqlite.prepare('SELECT id FROM upload_job ORDER BY created_at DESC, id DESC LIMIT ?').pluck().all(limit) as number[];
  return ids.map((id) => uploadView(sqlite, id));
}

export function uploadItems(sqlite: Database, uploadId: number, filter: { status?: ItemStatus | undefined; offset: number; limit: number }): { total: number; items: UploadItemView[] } {
  const where = filter.status ? 'upload_id = ? AND status = ?' : 'upload_id = ?';
  const args: unknown[] = filter.status ? [uploadId, filter.status] : [uploadId];
  const total = sqlite.prepare(`SELECT count(*) FROM upload_item WHERE ${where}`).pluck().get(...args) as number;
  const rows = sqlite.prepare(`SELECT * FROM upload_item WHERE ${where} ORDER BY id LIMIT ? OFFSET ?`).all(...args, filter.limit, filter.offset) as {
    id: number;
    product_id: number | null;
    sku: string;
    status: ItemStatus;
    attempts: number;
    remote_id: string | null;
    error_code: string | null;
    error_message: string | null;
    issues: string | null;
    started_at: string | null;
    finished_at: string | null;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      productId: r.product_id,
      sku: r.sku,
      status: r.status,
      attempts: r.attempts,
      remoteId: r.remote_id,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      issues: r.issues === null ? [] : (JSON.parse(r.issues) as FieldIssue[]),
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    })),
  };
}

/** "Retry failed": failed items back to pending, attempts reset, the job ready to run again. */
export function retryFailed(sqlite: Database, uploadId: number): number {
  return sqlite.transaction(() => {
    const changed = sqlite
      .prepare("UPDATE upload_item SET status = 'pending', attempts = 0, error_code = NULL, error_message = NULL, issues = NULL, finished_at = NULL WHERE upload_id = ? AND status = 'failed'")
      .run(uploadId).changes;
    if (changed > 0) sqlite.prepare("UPDATE upload_job SET status = 'ready', finished_at = NULL, last_error = NULL WHERE id = ?").run(uploadId);
    return changed;
  }).immediate();
}

/** Cancel: what was not sent is skipped; what was sent keeps its result. */
export function cancelUpload(sqlite: Database, uploadId: number, now = new Date()): void {
  sqlite.transaction(() => {
    sqlite
      .prepare("UPDATE upload_item SET status = 'skipped', error_code = 'kontor.cancelled', error_message = 'The upload was cancelled before this item was sent.', finished_at = ? WHERE upload_id = ? AND status IN ('pending', 'sending')")
      .run(now.toISOString(), uploadId);
    setUploadStatus(sqlite, uploadId, 'cancelled', null, now);
  }).immediate();
}
