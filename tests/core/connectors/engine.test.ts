import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { runUpload } from '../../../electron/core/connectors/engine/runUpload.ts';
import { handleForSku } from '../../../electron/core/connectors/shopify/handle.ts';
import { KontorError } from '../../../shared/errors.ts';
import { hashUnit } from '../../emulators/faults.ts';
import { startShopifyEmulator } from '../../emulators/shopify/server.ts';
import { startWooEmulator } from '../../emulators/woocommerce/server.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { keyFileSecretBox, shopifyAccount, statusCounts, uploadAll, wooAccount } from './harness.ts';
import { seedCatalog } from './support.ts';

/** One emulator per platform behind the same questions: the engine must not care which. */
interface Platform {
  name: string;
  start(faults: Record<string, number>): Promise<{ close(): Promise<void>; productsBySku(): Map<string, unknown[]>; counters: { unauthorized: number } }>;
  account(t: TestKontor, emulator: unknown, wrong?: boolean): number;
  /** Whether the emulator's injected per-item fault hits this product (seed 7). */
  faulted(sku: string, variantSkus: string[], rate: number): boolean;
  /** Remote SKUs for `products` seeded with a parent every 4th: Shopify's parents have no SKU of their own. */
  remoteSkus(products: number): number;
}

const PLATFORMS: Platform[] = [
  {
    name: 'shopify',
    start: (faults) => startShopifyEmulator({ bucketSize: 1000, restoreRate: 5000, faults }),
    account: (t, emulator, wrong) =>
      shopifyAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), emulator as never, 'Shop', wrong ? 'shpat_wrong_token_0000' : undefined),
    faulted: (sku, _variants, rate) => hashUnit(7, handleForSku(sku)) < rate,
    remoteSkus: (n) => (n / 4) * 3 + (n * 3) / 4,
  },
  {
    name: 'woocommerce',
    start: (faults) => startWooEmulator({ workers: 4, faults }),
    account: (t, emulator, wrong) =>
      wooAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), emulator as never, 'Woo', wrong ? 'cs_00000000000000000000000000000000000000ff' : undefined),
    faulted: (sku, variants, rate) => [sku, ...variants].some((s) => hashUnit(7, s) < rate),
    remoteSkus: (n) => n + (n / 4) * 3,
  },
];

let t: TestKontor | undefined;
let closeEmulator: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeEmulator?.();
  await t?.close();
  t = undefined;
  closeEmulator = undefined;
});

describe.each(PLATFORMS)('upload engine on $name', (platform) => {
  it('with 10 % injected faults, every item ends succeeded or failed with the platform message', async () => {
    t = await openTestKontor();
    const sqlite = t.kontor.database.sqlite;
    const emulator = await platform.start({ seed: 7, itemErrorRate: 0.04, serverErrorRate: 0.03, resetRate: 0.03 });
    closeEmulator = () => emulator.close();
    seedCatalog(sqlite, 400, { variantsEvery: 4 });
    const uploadId = uploadAll(sqlite, platform.account(t, emulator));

    await runUpload({ sqlite, box: keyFileSecretBox(t.dataDir), uploadId, signal: new AbortController().signal, backoffBaseMs: 5, backoffCapMs: 50 });

    const items = sqlite.prepare('SELECT i.sku, i.status, i.error_message, i.attempts FROM upload_item i WHERE upload_id = ?').all(uploadId) as { sku: string; status: string; error_message: string | null; attempts: number }[];
    expect(items).toHaveLength(400);
    expect(items.every((i) => i.status === 'succeeded' || i.status === 'failed')).toBe(true);
    const expectedFailed = items
      .filter((i) => platform.faulted(i.sku, Number(i.sku.slice(-5)) % 4 === 0 ? ['S', 'M', 'L'].map((s) => `${i.sku}-${s}`) : [], 0.04))
      .map((i) => i.sku);
    const failed = items.filter((i) => i.status === 'failed');
    expect(failed.map((i) => i.sku).sort()).toEqual(expectedFailed.sort());
    expect(failed.length).toBeGreaterThan(5);
    for (const item of failed) expect(item.error_message).toContain('(injected fault)');
    // Transient faults were retried, not reported.
    expect(items.some((i) => i.status === 'succeeded' && i.attempts > 1)).toBe(true);
    for (const ids of emulator.productsBySku().values()) expect(ids).toHaveLength(1);
  }, 60_000);

  it('bad credentials: one clear error, the job paused, the items untouched', async () => {
    t = await openTestKontor();
    const sqlite = t.kontor.database.sqlite;
    const emulator = await platform.start({});
    closeEmulator = () => emulator.close();
    seedCatalog(sqlite, 20);
    const uploadId = uploadAll(sqlite, platform.account(t, emulator, true));

    const error = await runUpload({ sqlite, box: keyFileSecretBox(t.dataDir), uploadId, signal: new AbortController().signal }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(KontorError);
    expect((error as KontorError).code).toBe('MARKETPLACE_REFUSED');
    expect((error as KontorError).message).toMatch(/refused the (access token|API keys).*the upload is paused and no item was changed/);
    expect(emulator.counters.unauthorized).toBe(1);
    expect(sqlite.prepare('SELECT status FROM upload_job WHERE id = ?').pluck().get(uploadId)).toBe('paused');
    expect(sqlite.prepare("SELECT count(*) FROM upload_item WHERE upload_id = ? AND status = 'pending' AND attempts = 0").pluck().get(uploadId)).toBe(20);
    expect(emulator.productsBySku().size).toBe(0);
  });

  it('killed mid-job (SIGKILL of the process running it), then resumed: exactly one remote product per SKU', async () => {
    t = await openTestKontor();
    const sqlite = t.kontor.database.sqlite;
    const emulator = await platform.start({ slowRate: 1, slowMs: 40 });
    closeEmulator = () => emulator.close();
    seedCatalog(sqlite, 600, { variantsEvery: 4 });
    const uploadId = uploadAll(sqlite, platform.account(t, emulator));

    const child = spawn(process.execPath, ['tests/core/connectors/fixtures/uploadChild.ts', t.kontor.databasePath, t.dataDir, String(uploadId)], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const done = (): number => sqlite.prepare("SELECT count(*) FROM upload_item WHERE upload_id = ? AND status = 'succeeded'").pluck().get(uploadId) as number;
    const deadline = Date.now() + 30_000;
    while (done() < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited, stderr).toBe(null);
    const atKill = statusCounts(sqlite, uploadId);
    expect(atKill.succeeded ?? 0).toBeGreaterThanOrEqual(150);
    expect(atKill.sending ?? 0, 'the kill should land with batches in flight').toBeGreaterThan(0);
    expect(sqlite.prepare('SELECT status FROM upload_job WHERE id = ?').pluck().get(uploadId)).toBe('running');

    await runUpload({ sqlite, box: keyFileSecretBox(t.dataDir), uploadId, signal: new AbortController().signal });

    expect(statusCounts(sqlite, uploadId)).toEqual({ succeeded: 600 });
    const bySku = emulator.productsBySku();
    expect(bySku.size).toBe(platform.remoteSkus(600));
    for (const [sku, ids] of bySku) expect(ids, sku).toHaveLength(1);
  }, 60_000);
});
