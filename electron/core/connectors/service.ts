import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { PriceRounding } from '../../../shared/catalog/pricing.ts';
import { KontorError, type FieldIssue } from '../../../shared/errors.ts';
import type { AccountInput, ProductSelection, UploadView, ValidationRow } from '../../../shared/marketplaces/schemas.ts';
import { ProductSelectionSchema } from '../../../shared/marketplaces/schemas.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { JobRunner } from '../jobs/jobRunner.ts';
import { exclusive } from '../stock/resolve.ts';
import { onStockCommitted } from '../stock/stockEvents.ts';
import { accountRules, createAccount, deleteAccount, getAccountView, listAccounts, openAccount, saveAccountSetting, updateAccount } from './accounts.ts';
import { createHttpClient, RemoteCallError } from './engine/http.ts';
import { createMediaLibrary } from './engine/mediaLibrary.ts';
import { createPacer } from './engine/pacing.ts';
import { cancelUpload, createUpload, listUploads, requireUpload, retryFailed, setRunJob, setUploadStatus, uploadItems, uploadView } from './engine/uploadStore.ts';
import { planPriceSync, planRemoval } from './listingChanges.ts';
import { loadListingSources, resolveSelection } from './listingSource.ts';
import { CONNECTORS, connectorFor } from './registry.ts';
import { uploadReportXlsx } from './report.ts';
import type { SecretBox } from './secretBox.ts';
import { createStockSyncScheduler, planStockSync, stockSyncAccounts, type StockSyncScheduler } from './stockSync.ts';

export interface MarketplaceServiceDeps {
  db: Kysely<KontorSchema>;
  sqlite: Database;
  jobs: JobRunner;
  box: SecretBox;
}

/** Validation rows answered at most, so a 100,000-product check stays a small reply. */
const MAX_VALIDATION_ROWS = 500;

/**
 * The marketplace calls on top of the connectors and the engine. Everything runs synchronously on
 * the raw connection inside `exclusive`, like the stock service, so no Kysely transaction of
 * another service interleaves with it.
 */
export function createMarketplaceService({ db, sqlite, jobs, box }: MarketplaceServiceDeps) {
  const run = <T>(fn: () => T): Promise<T> => exclusive(db, fn);

  const validateSelection = (accountId: number, selection: ProductSelection): { productIds: number[]; rows: ValidationRow[]; skus: Map<number, string> } => {
    const { platform, rules, settings } = accountRules(sqlite, accountId);
    const connector = connectorFor(platform);
    const productIds = resolveSelection(sqlite, ProductSelectionSchema.parse(selection));
    if (productIds.length === 0) throw new KontorError('VALIDATION', 'No product matches the selection.', { issues: [{ path: 'selection', key: 'marketplaces.selection.empty', message: 'No product matches the selection.' }] });
    const sources = loadListingSources(sqlite, accountId, rules, productIds);
    const rows: ValidationRow[] = [];
    const skus = new Map<number, string>();
    for (const id of productIds) {
      const source = sources.get(id);
      if (!source) continue;
      skus.set(id, source.sku);
      const issues: FieldIssue[] = connector.validate(source);
      if (issues.length > 0) rows.push({ productId: id, sku: source.sku, issues });
      else connector.map(source, settings);
    }
    return { productIds, rows, skus };
  };

  /**
   * An upload whose worker ended without settling it (the app quit or crashed: the runner marks such
   * jobs interrupted) still says running; it is paused, to be resumed. Uploads the CLI runs have no
   * runner job and are left alone.
   */
  const reconcile = (): void => {
    sqlite
      .prepare(
        `UPDATE upload_job SET status = 'paused', last_error = json_object('code', 'MARKETPLACE_UNAVAILABLE', 'message', 'Kontor stopped while this upload was running; resume it: nothing already sent is duplicated.')
         WHERE status IN ('running', 'ready') AND run_job_id IN (SELECT id FROM job WHERE status IN ('interrupted', 'failed', 'cancelled', 'succeeded'))`,
      )
      .run();
  };

  const readCategoryMappings = (accountId: number): { categoryId: number; remoteCategory: string }[] =>
    sqlite.prepare('SELECT category_id AS categoryId, remote_category AS remoteCategory FROM marketplace_category_map WHERE account_id = ? ORDER BY category_id').all(accountId) as {
      categoryId: number;
      remoteCategory: string;
    }[];

  const startRun = async (uploadId: number): Promise<UploadView> => {
    const upload = requireUpload(sqlite, uploadId);
    if (upload.run_job_id !== null) {
      const job = await jobs.get(upload.run_job_id).catch(() => null);
      if (job && (job.status === 'queued' || job.status === 'running')) throw new KontorError('CONFLICT', `Upload #${uploadId} is already running (job #${job.id}).`);
    }
    if (upload.status === 'finished' || upload.status === 'cancelled') throw new KontorError('CONFLICT', `Upload #${uploadId} is ${upload.status}.`);
    const account = await run(() => {
      const opened = openAccount(sqlite, box, upload.account_id);
      // Ready before the worker starts (it sets running itself), and no runner job yet, so nothing reads it as left over.
      setUploadStatus(sqlite, uploadId, 'ready');
      sqlite.prepare('UPDATE upload_job SET run_job_id = NULL WHERE id = ?').run(uploadId);
      return opened;
    });
    const job = await jobs.start({ kind: 'marketplace.upload', input: { uploadId } }, { secrets: account.credentials });
    await run(() => setRunJob(sqlite, uploadId, job.id));
    return run(() => uploadView(sqlite, uploadId));
  };

  return {
    platforms: () =>
      Object.values(CONNECTORS).map((c) => ({
        platform: c.platform,
        label: c.label,
        capabilities: c.capabilities,
        batchSize: c.batchSize,
        rateModel: { ...c.rateModel },
        fieldRules: { ...c.fieldRules },
      })),
    listAccounts: () => run(() => listAccounts(sqlite)),
    createAccount: (input: AccountInput) => run(() => createAccount(sqlite, box, input)),
    updateAccount: (input: Parameters<typeof updateAccount>[2]) => run(() => updateAccount(sqlite, box, input)),
    deleteAccount: (id: number) => run(() => deleteAccount(sqlite, id)),

    /** One cheap authenticated request; answers the shop's name or a clear refusal. */
    async testAccount(id: number): Promise<{ ok: boolean; shopName: string | null; message: string }> {
      const account = await run(() => openAccount(sqlite, box, id));
      const connector = connectorFor(account.platform);
      const session = connector.connect(account, createHttpClient(createPacer(connector.rateModel), { timeoutMs: 15_000 }), createMediaLibrary(sqlite, dirname(sqlite.name), account.id));
      try {
        const result = await session.testConnection();
        if (result.details.locationId && !(account.settings as { locationId?: string | null }).locationId) {
          await run(() => saveAccountSetting(sqlite, id, 'locationId', result.details.locationId));
        }
        return { ok: true, shopName: result.shopName, message: `Connected to ${result.shopName}.` };
      } catch (error) {
        if (error instanceof RemoteCallError) return { ok: false, shopName: null, message: error.message };
        throw error;
      }
    },

    validate: (input: { accountId: number; selection: ProductSelection }) =>
      run(() => {
        const { productIds, rows } = validateSelection(input.accountId, input.selection);
        return { total: productIds.length, invalid: rows.length, rows: rows.slice(0, MAX_VALIDATION_ROWS) };
      }),

    /** Creates the job with one item per product (invalid ones included: the engine reports them) and starts it. */
    async startUpload(input: { accountId: number; selection: ProductSelection }): Promise<UploadView> {
      const uploadId = await run(() => {
        getAccountView(sqlite, input.accountId);
        const { productIds, skus } = validateSelection(input.accountId, input.selection);
        return createUpload(sqlite, input.accountId, 'listing', productIds.map((id) => ({ productId: id, sku: skus.get(id) ?? String(id) })));
      });
      return startRun(uploadId);
    },

    listUploads: (limit: number) =>
      run(() => {
        reconcile();
        return listUploads(sqlite, limit);
      }),
    getUpload: (id: number) =>
      run(() => {
        reconcile();
        return uploadView(sqlite, id);
      }),
    uploadItems: (input: { id: number; status?: 'pending' | 'sending' | 'succeeded' | 'failed' | 'skipped' | undefined; offset: number; limit: number }) =>
      run(() => uploadItems(sqlite, input.id, input)),

    exportReport: (id: number) => uploadReportXlsx(sqlite, id),

    async pause(id: number): Promise<UploadView> {
      const upload = await run(() => requireUpload(sqlite, id));
      if (upload.run_job_id !== null) {
        const job = await jobs.get(upload.run_job_id).catch(() => null);
        if (job && (job.status === 'queued' || job.status === 'running')) await jobs.cancel(upload.run_job_id);
      }
      return run(() => {
        const now = requireUpload(sqlite, id);
        if (now.status === 'running' || now.status === 'ready') setUploadStatus(sqlite, id, 'paused');
        return uploadView(sqlite, id);
      });
    },
    resume: (id: number) => startRun(id),

    /** Pushes the prices that changed since they were last sent, and nothing else. */
    async syncPrices(input: { accountId: number; productIds?: number[] | undefined }): Promise<UploadView | null> {
      const uploadId = await run(() => planPriceSync(sqlite, input.accountId, input.productIds ?? null));
      return uploadId === null ? null : startRun(uploadId);
    },

    /** Deletes listings from the platform: the products named, or every listed product archived in Kontor. */
    async removeListings(input: { accountId: number; selection: { productIds: number[] } | { archived: true } }): Promise<UploadView | null> {
      const uploadId = await run(() => planRemoval(sqlite, input.accountId, input.selection));
      return uploadId === null ? null : startRun(uploadId);
    },

    /** Plans and starts a stock sync for every account now; answers the uploads started. */
    async syncStockNow(): Promise<UploadView[]> {
      const started: UploadView[] = [];
      for (const accountId of await run(() => stockSyncAccounts(sqlite))) {
        const uploadId = await run(() => planStockSync(sqlite, accountId));
        if (uploadId !== null) started.push(await startRun(uploadId));
      }
      return started;
    },

    /**
     * Pushes changed quantities to the accounts where products are listed, told by the stock
     * writer after each commit (no polling); `jobFinished` lets the caller signal worker jobs
     * that may have written movements on their own connection.
     */
    startStockSync(options: { onError: (error: unknown) => void; debounceMs?: number; maxWaitMs?: number; fallbackMs?: number; startupDelayMs?: number }): StockSyncScheduler {
      return createStockSyncScheduler({
        sqlite,
        start: (uploadId) => startRun(uploadId),
        isBusy: (accountId) => sqlite.prepare("SELECT 1 FROM upload_job WHERE account_id = ? AND kind = 'stock' AND status IN ('ready', 'running')").get(accountId) !== undefined,
        subscribe: (listener) => onStockCommitted(sqlite, (event) => listener(event.productIds)),
        ...options,
      });
    },
    async cancel(id: number): Promise<UploadView> {
      const upload = await run(() => requireUpload(sqlite, id));
      if (upload.run_job_id !== null) {
        const job = await jobs.get(upload.run_job_id).catch(() => null);
        if (job && (job.status === 'queued' || job.status === 'running')) await jobs.cancel(upload.run_job_id);
      }
      return run(() => {
        if (requireUpload(sqlite, id).status !== 'finished') cancelUpload(sqlite, id);
        return uploadView(sqlite, id);
      });
    },
    async retryFailed(id: number): Promise<UploadView> {
      const changed = await run(() => retryFailed(sqlite, id));
      if (changed === 0) return run(() => uploadView(sqlite, id));
      return startRun(id);
    },

    /** Products × accounts: one page of products with the listing state per account. */
    listingGrid: (input: { offset: number; limit: number; filter: string }) =>
      run(() => {
        const pattern = input.filter === '' ? '%' : `%${input.filter.replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;
        const total = sqlite.prepare("SELECT count(*) FROM product WHERE kind != 'variant' AND sku LIKE ? ESCAPE '\\'").pluck().get(pattern) as number;
        const products = sqlite
          .prepare(
            `SELECT p.id, p.sku, (SELECT title FROM product_text t WHERE t.product_id = p.id ORDER BY t.language LIMIT 1) AS title
             FROM product p WHERE p.kind != 'variant' AND p.sku LIKE ? ESCAPE '\\' ORDER BY p.sku LIMIT ? OFFSET ?`,
          )
          .all(pattern, input.limit, input.offset) as { id: number; sku: string; title: string | null }[];
        const ids = products.map((p) => p.id);
        const cells = ids.length
          ? (sqlite.prepare(`SELECT account_id, product_id, status, remote_id, last_error, updated_at FROM listing WHERE product_id IN (${ids.map(() => '?').join(',')})`).all(...ids) as {
              account_id: number;
              product_id: number;
              status: 'listed' | 'failed';
              remote_id: string | null;
              last_error: string | null;
              updated_at: string;
            }[])
          : [];
        return {
          total,
          rows: products.map((p) => ({
            productId: p.id,
            sku: p.sku,
            title: p.title,
            cells: cells
              .filter((c) => c.product_id === p.id)
              .map((c) => ({ productId: c.product_id, accountId: c.account_id, status: c.status, remoteId: c.remote_id, lastError: c.last_error, updatedAt: c.updated_at })),
          })),
        };
      }),

    setOverride: (input: { accountId: number; productId: number; title: string | null; description: string | null; markupPercent: number | null; rounding: PriceRounding | null; quantityBuffer: number | null }) =>
      run(() => {
        sqlite
          .prepare(
            `INSERT INTO listing_override (account_id, product_id, title, description, markup_bp, rounding, quantity_buffer) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (account_id, product_id) DO UPDATE SET title = excluded.title, description = excluded.description, markup_bp = excluded.markup_bp,
               rounding = excluded.rounding, quantity_buffer = excluded.quantity_buffer`,
          )
          .run(input.accountId, input.productId, input.title, input.description, input.markupPercent === null ? null : Math.round(input.markupPercent * 100), input.rounding, input.quantityBuffer);
        return input;
      }),

    getOverride: (input: { accountId: number; productId: number }) =>
      run(() => {
        const row = sqlite.prepare('SELECT * FROM listing_override WHERE account_id = ? AND product_id = ?').get(input.accountId, input.productId) as
          | { title: string | null; description: string | null; markup_bp: number | null; rounding: PriceRounding | null; quantity_buffer: number | null }
          | undefined;
        return row
          ? { ...input, title: row.title, description: row.description, markupPercent: row.markup_bp === null ? null : row.markup_bp / 100, rounding: row.rounding, quantityBuffer: row.quantity_buffer }
          : null;
      }),

    categoryMappings: (accountId: number) => run(() => readCategoryMappings(accountId)),

    /** Remembered per Kontor category: every product of the category goes there on this account. */
    setCategoryMapping: (input: { accountId: number; categoryId: number; remoteCategory: string | null }) =>
      run(() => {
        if (input.remoteCategory === null) sqlite.prepare('DELETE FROM marketplace_category_map WHERE account_id = ? AND category_id = ?').run(input.accountId, input.categoryId);
        else {
          sqlite
            .prepare('INSERT INTO marketplace_category_map (account_id, category_id, remote_category) VALUES (?, ?, ?) ON CONFLICT (account_id, category_id) DO UPDATE SET remote_category = excluded.remote_category')
            .run(input.accountId, input.categoryId, input.remoteCategory);
        }
        return readCategoryMappings(input.accountId);
      }),
  };
}

export type MarketplaceService = ReturnType<typeof createMarketplaceService>;
