import { KontorError } from '../../../shared/errors.ts';
import type { UploadView } from '../../../shared/marketplaces/schemas.ts';
import { accountRules, findAccountByName } from '../../core/connectors/accounts.ts';
import { runUpload } from '../../core/connectors/engine/runUpload.ts';
import { cancelUpload, createUpload, listUploads, requireUpload, retryFailed, uploadItems, uploadView } from '../../core/connectors/engine/uploadStore.ts';
import { planPriceSync, planRemoval } from '../../core/connectors/listingChanges.ts';
import { loadListingSources, resolveSelection } from '../../core/connectors/listingSource.ts';
import { connectorFor } from '../../core/connectors/registry.ts';
import { keyFileSecretBox } from '../../core/connectors/secretBox.ts';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.ts';
import type { OpenedDatabase } from '../../core/db/openDatabase.ts';
import type { CommandContext } from '../command.ts';
import { openExistingDatabase } from '../database.ts';

/**
 * The work of `kontor upload` and `kontor jobs …` (specs in marketplaces.ts).
 * The CLI runs the engine in its own process (it has no window to keep responsive) and opens
 * credentials with the data directory's key file: accounts saved by the desktop app with the OS
 * keychain cannot be opened here, and the error says so.
 */
async function withDatabase<T>(context: CommandContext, work: (database: OpenedDatabase) => Promise<T>): Promise<T> {
  const database = await openExistingDatabase(context.databasePath, context.appVersion);
  try {
    if (database.schemaVersion < LATEST_SCHEMA_VERSION) throw new KontorError('CONFLICT', `The database is at schema version ${database.schemaVersion}; run "kontor migrate" first.`);
    return await work(database);
  } finally {
    database.close();
  }
}

function describe(view: UploadView): string {
  const c = view.counts;
  return `#${view.id} ${view.kind} to ${view.accountName} (${view.platform}): ${view.status}; ${c.succeeded} succeeded, ${c.failed} failed, ${c.skipped} skipped, ${c.pending + c.sending} left of ${view.total}`;
}

/** Runs to the end (or Ctrl-C, which pauses), printing progress to stderr and failures to stdout. */
async function runInCli(context: CommandContext, database: OpenedDatabase, uploadId: number): Promise<void> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new KontorError('CANCELLED', 'Interrupted; the upload is paused. Resume it with "kontor jobs resume".'));
  process.once('SIGINT', onSigint);
  let last = 0;
  try {
    await runUpload({
      sqlite: database.sqlite,
      box: keyFileSecretBox(context.dataDir),
      dataDir: context.dataDir,
      uploadId,
      signal: controller.signal,
      progress: (_done, _total, message) => {
        if (Date.now() - last < 1000) return;
        last = Date.now();
        context.note(message);
      },
    });
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    context.note('Paused.');
  } finally {
    process.off('SIGINT', onSigint);
  }
  const view = uploadView(database.sqlite, uploadId);
  const failed = uploadItems(database.sqlite, uploadId, { status: 'failed', offset: 0, limit: 1000 }).items;
  context.result([describe(view), ...failed.map((i) => `  ${i.sku}: ${i.errorCode ?? ''} ${i.errorMessage ?? ''}`)].join('\n'), { upload: view, failed });
  if (view.counts.failed > 0) throw new KontorError('CONFLICT', `${view.counts.failed} item(s) failed; fix them, then "kontor jobs resume ${uploadId} --retry-failed".`);
}

export async function runUploadCommand(context: CommandContext): Promise<void> {
  const name = context.options.account;
  if (typeof name !== 'string' || name === '') throw new KontorError('VALIDATION', 'Name the account: --account "<name>" (see Marketplaces → Accounts).');
  const filter = typeof context.options.products === 'string' ? context.options.products : '';
  await withDatabase(context, async (database) => {
    const sqlite = database.sqlite;
    const account = findAccountByName(sqlite, name);
    const productIds = resolveSelection(sqlite, { filter, status: 'active' });
    if (productIds.length === 0) throw new KontorError('NOT_FOUND', `No active product matches ${JSON.stringify(filter || '*')}.`);
    const { rules, settings, platform } = accountRules(sqlite, account.id);
    const connector = connectorFor(platform);
    const sources = loadListingSources(sqlite, account.id, rules, productIds);
    if (context.options['dry-run'] === true) {
      const problems = [...sources.values()].map((s) => ({ sku: s.sku, issues: connector.validate(s) })).filter((p) => p.issues.length > 0);
      for (const s of sources.values()) if (connector.validate(s).length === 0) connector.map(s, settings);
      context.result(
        [`${productIds.length} product(s) checked for ${account.name}: ${productIds.length - problems.length} ready, ${problems.length} to fix.`, ...problems.map((p) => `  ${p.sku}: ${p.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)].join('\n'),
        { checked: productIds.length, problems },
      );
      if (problems.length > 0) throw new KontorError('VALIDATION', `${problems.length} product(s) need fixing before they can be uploaded to ${account.name}.`);
      return;
    }
    const uploadId = createUpload(sqlite, account.id, 'listing', productIds.map((id) => ({ productId: id, sku: sources.get(id)?.sku ?? String(id) })));
    context.note(`Upload #${uploadId}: ${productIds.length} product(s) to ${account.name}.`);
    await runInCli(context, database, uploadId);
  });
}

export async function runJobsList(context: CommandContext): Promise<void> {
  await withDatabase(context, (database) => {
    const uploads = listUploads(database.sqlite, 50);
    context.result(uploads.length === 0 ? 'No uploads yet.' : uploads.map(describe).join('\n'), uploads);
    return Promise.resolve();
  });
}

export async function runJobsResume(context: CommandContext): Promise<void> {
  const id = Number(context.args[0]);
  await withDatabase(context, async (database) => {
    requireUpload(database.sqlite, id);
    if (context.options['retry-failed'] === true) retryFailed(database.sqlite, id);
    await runInCli(context, database, id);
  });
}

export async function runJobsCancel(context: CommandContext): Promise<void> {
  const id = Number(context.args[0]);
  await withDatabase(context, (database) => {
    const upload = requireUpload(database.sqlite, id);
    if (upload.status === 'finished') throw new KontorError('CONFLICT', `Upload #${id} has finished; there is nothing to cancel.`);
    cancelUpload(database.sqlite, id);
    context.result(describe(uploadView(database.sqlite, id)), uploadView(database.sqlite, id));
    return Promise.resolve();
  });
}

function accountOption(context: CommandContext): string {
  const name = context.options.account;
  if (typeof name !== 'string' || name === '') throw new KontorError('VALIDATION', 'Name the account: --account "<name>" (see Marketplaces → Accounts).');
  return name;
}

export async function runPricesSync(context: CommandContext): Promise<void> {
  const name = accountOption(context);
  await withDatabase(context, async (database) => {
    const sqlite = database.sqlite;
    const account = findAccountByName(sqlite, name);
    const filter = typeof context.options.products === 'string' ? context.options.products : null;
    const uploadId = planPriceSync(sqlite, account.id, filter === null ? null : resolveSelection(sqlite, { filter, status: 'archivedToo' }));
    if (uploadId === null) {
      context.result(`Every price on ${account.name} is as sent; nothing to do.`, { upload: null });
      return;
    }
    context.note(`Price sync #${uploadId}: ${uploadView(sqlite, uploadId).total} product(s) to ${account.name}.`);
    await runInCli(context, database, uploadId);
  });
}

export async function runListingsRemove(context: CommandContext): Promise<void> {
  const name = accountOption(context);
  const archived = context.options.archived === true;
  const filter = typeof context.options.products === 'string' ? context.options.products : null;
  if (archived === (filter !== null)) throw new KontorError('VALIDATION', 'Say which listings to remove: --archived, or --products "<filter>" (not both).');
  await withDatabase(context, async (database) => {
    const sqlite = database.sqlite;
    const account = findAccountByName(sqlite, name);
    const productIds = archived ? [] : resolveSelection(sqlite, { filter: filter ?? '', status: 'archivedToo' });
    const uploadId = archived ? planRemoval(sqlite, account.id, { archived: true }) : productIds.length === 0 ? null : planRemoval(sqlite, account.id, { productIds });
    if (uploadId === null) {
      context.result(`None of these products is listed on ${account.name}; nothing to remove.`, { upload: null });
      return;
    }
    context.note(`Removal #${uploadId}: ${uploadView(sqlite, uploadId).total} listing(s) from ${account.name}.`);
    await runInCli(context, database, uploadId);
  });
}
