import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE } from '../../../electron/core/connectors/secretBox.ts';
import { startShopifyEmulator, type ShopifyEmulator } from '../../emulators/shopify/server.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { SHOPIFY_TOKEN } from './harness.ts';
import { seedCatalog } from './support.ts';

let t: TestKontor | undefined;
let emulator: ShopifyEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  await t?.close();
  t = undefined;
  emulator = undefined;
});

const RULES = { currency: 'EUR', language: 'en', priceList: 'RETAIL', markupPercent: 10, rounding: '.99' as const, quantityBuffer: 1 };

async function setUp(products = 40, withoutTitle: number[] = []) {
  t = await openTestKontor();
  emulator = await startShopifyEmulator({ bucketSize: 1000, restoreRate: 1000 });
  seedCatalog(t.kontor.database.sqlite, products, { variantsEvery: 4, withoutTitle });
  const account = await t.client.call('marketplaces.accounts.create', {
    platform: 'shopify',
    name: 'Shopify EU',
    settings: { shopUrl: emulator.url },
    credentials: { accessToken: SHOPIFY_TOKEN },
    rules: RULES,
  });
  return { t, emulator, account };
}

describe('marketplace calls', () => {
  it('seals credentials at rest, never answers them back, and keeps the key file private', async () => {
    const { t, account } = await setUp(1);
    expect(JSON.stringify(account)).not.toContain(SHOPIFY_TOKEN);
    expect(account.hasCredentials).toBe(true);
    const listed = await t.client.call('marketplaces.accounts.list', {});
    expect(JSON.stringify(listed)).not.toContain(SHOPIFY_TOKEN);
    const blob = t.kontor.database.sqlite.prepare('SELECT secret FROM marketplace_account').pluck().get() as Buffer;
    expect(blob.toString('latin1')).not.toContain(SHOPIFY_TOKEN);
    expect(readFileSync(t.kontor.databasePath).toString('latin1')).not.toContain(SHOPIFY_TOKEN);
    expect(statSync(join(t.dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(t.log.lines.some((l) => l.message.includes(SHOPIFY_TOKEN))).toBe(false);
  });

  it('refuses credentials of the wrong shape with issues naming the field', async () => {
    t = await openTestKontor();
    const result = await t.client.tryCall('marketplaces.accounts.create', {
      platform: 'woocommerce',
      name: 'Woo',
      settings: { siteUrl: 'not a url' },
      credentials: { consumerKey: 'nope', consumerSecret: 'cs_0123456789abcdef' },
      rules: RULES,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details?.issues?.map((i) => i.path).sort()).toEqual(['credentials.consumerKey', 'settings.siteUrl']);
  });

  it('tests the connection and remembers the shop location', async () => {
    const { t, account } = await setUp(1);
    const answer = await t.client.call('marketplaces.accounts.test', { id: account.id });
    expect(answer).toMatchObject({ ok: true, shopName: 'Kontor Emulator' });
    const [again] = await t.client.call('marketplaces.accounts.list', {});
    expect(again?.settings.locationId).toBe('gid://shopify/Location/1');
  });

  it('validates before sending, with the field to fix for each product', async () => {
    const { t, account } = await setUp(10, [3]);
    const report = await t.client.call('marketplaces.validate', { accountId: account.id, selection: { filter: '', status: 'any' } });
    expect(report).toMatchObject({ total: 10, invalid: 1 });
    expect(report.rows[0]).toMatchObject({ sku: 'SKU-00003', issues: [{ path: 'title', key: 'marketplaces.validation.titleMissing' }] });
  });

  it('uploads in a worker through the job runner, applying price and quantity rules, and reports per item', async () => {
    const { t, emulator, account } = await setUp(40, [5]);
    const started = await t.client.call('marketplaces.uploads.start', { accountId: account.id, selection: { filter: '', status: 'any' } });
    expect(started.runJobId).not.toBeNull();
    const job = await t.kontor.jobs.wait(started.runJobId as number);
    expect(job.status).toBe('succeeded');
    const upload = await t.client.call('marketplaces.uploads.get', { id: started.id });
    expect(upload).toMatchObject({ status: 'finished', counts: { succeeded: 39, failed: 1 } });
    const failed = await t.client.call('marketplaces.uploads.items', { id: started.id, status: 'failed' });
    expect(failed.items[0]).toMatchObject({ sku: 'SKU-00005', errorCode: 'VALIDATION', issues: [{ path: 'title' }] });
    // Price 10.01 EUR + 10 % = 11.011 → .99 rounding → 10.99; stock 8 units − buffer 1 = 7.
    const product = [...emulator.products.values()].find((p) => p.handle === 'k-sku--00001');
    expect(product?.variants[0]).toMatchObject({ sku: 'SKU-00001', price: '10.99', available: 7 });
    const grid = await t.client.call('marketplaces.listings.grid', { offset: 0, limit: 10, filter: '' });
    expect(grid.rows[1]?.cells[0]).toMatchObject({ accountId: account.id, status: 'listed' });

    // Fix the product, retry the failed: it goes up too, nothing else is sent again.
    t.kontor.database.sqlite.prepare("INSERT INTO product_text (product_id, language, title) SELECT id, 'en', 'Fixed' FROM product WHERE sku = 'SKU-00005'").run();
    const before = emulator.counters.productSetCalls;
    const retried = await t.client.call('marketplaces.uploads.retryFailed', { id: started.id });
    await t.kontor.jobs.wait(retried.runJobId as number);
    expect(await t.client.call('marketplaces.uploads.get', { id: started.id })).toMatchObject({ status: 'finished', counts: { succeeded: 40, failed: 0 } });
    expect(emulator.counters.productSetCalls - before).toBe(1);

    const report = await t.client.call('marketplaces.uploads.export', { id: started.id });
    expect(report.fileName).toBe(`kontor-upload-${started.id}-Shopify_EU.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(Buffer.from(report.base64, 'base64')).buffer);
    const sheet = workbook.getWorksheet('Items');
    expect(sheet?.rowCount).toBe(41);
    expect(sheet?.getRow(1).values).toContain('Platform code');
    expect(sheet?.getRow(2).getCell(1).value).toBe('SKU-00000');
    expect(sheet?.getRow(2).getCell(3).value).toBe('succeeded');
  });

  it('pauses and resumes an upload without duplicates; cancel skips what was not sent', async () => {
    const { t, emulator, account } = await setUp(200);
    emulator.faults.slowRate = 1;
    emulator.faults.slowMs = 50;
    const started = await t.client.call('marketplaces.uploads.start', { accountId: account.id, selection: { filter: '', status: 'any' } });
    while ((await t.client.call('marketplaces.uploads.get', { id: started.id })).counts.succeeded < 20) await new Promise((r) => setTimeout(r, 20));
    const paused = await t.client.call('marketplaces.uploads.pause', { id: started.id });
    expect(paused.status).toBe('paused');
    expect(paused.counts.succeeded).toBeLessThan(200);
    emulator.faults.slowRate = 0;
    const resumed = await t.client.call('marketplaces.uploads.resume', { id: started.id });
    await t.kontor.jobs.wait(resumed.runJobId as number);
    expect(await t.client.call('marketplaces.uploads.get', { id: started.id })).toMatchObject({ status: 'finished', counts: { succeeded: 200 } });
    for (const ids of emulator.productsBySku().values()) expect(ids).toHaveLength(1);

    emulator.faults.slowRate = 1;
    const second = await t.client.call('marketplaces.uploads.start', { accountId: account.id, selection: { filter: '', status: 'any' } });
    while ((await t.client.call('marketplaces.uploads.get', { id: second.id })).counts.succeeded < 10) await new Promise((r) => setTimeout(r, 20));
    const cancelled = await t.client.call('marketplaces.uploads.cancel', { id: second.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts.skipped).toBeGreaterThan(0);
    expect(cancelled.counts.pending + cancelled.counts.sending).toBe(0);
  }, 60_000);

  it('an upload left running by a Kontor that quit is shown paused, ready to resume', async () => {
    const { t, emulator, account } = await setUp(10);
    const started = await t.client.call('marketplaces.uploads.start', { accountId: account.id, selection: { filter: '', status: 'any' } });
    await t.kontor.jobs.wait(started.runJobId as number);
    // What a crash leaves: the runner marks the job interrupted at the next start; the upload row still says running.
    const sqlite = t.kontor.database.sqlite;
    sqlite.prepare("UPDATE job SET status = 'interrupted' WHERE id = ?").run(started.runJobId);
    sqlite.prepare("UPDATE upload_job SET status = 'running', finished_at = NULL WHERE id = ?").run(started.id);
    sqlite.prepare("UPDATE upload_item SET status = 'sending' WHERE upload_id = ? AND id % 2 = 0").run(started.id);
    const shown = await t.client.call('marketplaces.uploads.get', { id: started.id });
    expect(shown).toMatchObject({ status: 'paused', lastError: { code: 'MARKETPLACE_UNAVAILABLE' } });
    const resumed = await t.client.call('marketplaces.uploads.resume', { id: started.id });
    await t.kontor.jobs.wait(resumed.runJobId as number);
    expect(await t.client.call('marketplaces.uploads.get', { id: started.id })).toMatchObject({ status: 'finished', counts: { succeeded: 10 } });
    expect(emulator.products.size).toBe(10);
  });
});
