import { afterEach, describe, expect, it } from 'vitest';
import { runUpload } from '../../../electron/core/connectors/engine/runUpload.ts';
import { createMarketplaceService } from '../../../electron/core/connectors/service.ts';
import { startShopifyEmulator, type ShopifyEmulator } from '../../emulators/shopify/server.ts';
import { startWooEmulator, type WooEmulator } from '../../emulators/woocommerce/server.ts';
import { validProfile } from '../../support/companyFixtures.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { keyFileSecretBox, shopifyAccount, uploadAll, wooAccount } from './harness.ts';
import { seedCatalog } from './support.ts';

let t: TestKontor | undefined;
let shopify: ShopifyEmulator | undefined;
let woo: WooEmulator | undefined;
afterEach(async () => {
  await shopify?.close();
  await woo?.close();
  await t?.close();
  t = shopify = woo = undefined;
});

async function listedOnBoth() {
  t = await openTestKontor();
  shopify = await startShopifyEmulator({ restoreRate: 1000 });
  woo = await startWooEmulator();
  const sqlite = t.kontor.database.sqlite;
  const box = keyFileSecretBox(t.dataDir);
  seedCatalog(sqlite, 12, { variantsEvery: 4 });
  for (const account of [shopifyAccount(sqlite, box, shopify), wooAccount(sqlite, box, woo)]) {
    await runUpload({ sqlite, box, uploadId: uploadAll(sqlite, account), signal: new AbortController().signal });
  }
  return { t, shopify, woo };
}

const shopifyQuantity = (emulator: ShopifyEmulator, sku: string): number | undefined =>
  [...emulator.products.values()].flatMap((p) => p.variants).find((v) => v.sku === sku)?.available;
const wooQuantity = (emulator: WooEmulator, sku: string): number | null | undefined => [...emulator.products.values()].find((p) => p.sku === sku)?.stockQuantity;

describe('stock sync', () => {
  it('pushes changed quantities to every account where the product is listed, through upload jobs', async () => {
    const { t, shopify, woo } = await listedOnBoth();
    await t.client.call('company.save', validProfile());
    expect(shopifyQuantity(shopify, 'SKU-00001')).toBe(8);
    await t.client.call('stock.ship', { sku: 'SKU-00001', warehouse: 'MAIN', quantity: '3' });
    await t.client.call('stock.receive', { sku: 'SKU-00004-M', warehouse: 'MAIN', quantity: '10', unitCost: '1.00' });

    const started = await t.client.call('marketplaces.stock.sync', {});
    expect(started).toHaveLength(2);
    for (const upload of started) {
      expect(upload.kind).toBe('stock');
      expect(upload.total).toBe(2);
      await t.kontor.jobs.wait(upload.runJobId as number);
    }
    expect(shopifyQuantity(shopify, 'SKU-00001')).toBe(5);
    expect(shopifyQuantity(shopify, 'SKU-00004-M')).toBe(15);
    expect(wooQuantity(woo, 'SKU-00001')).toBe(5);
    expect(wooQuantity(woo, 'SKU-00004-M')).toBe(15);
    // Nothing changed since: nothing to send.
    expect(await t.client.call('marketplaces.stock.sync', {})).toEqual([]);
  });

  it('debounces a burst of movements into one batched job per account', async () => {
    const { t, shopify } = await listedOnBoth();
    const service = createMarketplaceService({ db: t.kontor.database.db, sqlite: t.kontor.database.sqlite, jobs: t.kontor.jobs, box: keyFileSecretBox(t.dataDir) });
    const errors: unknown[] = [];
    const scheduler = service.startStockSync({ onError: (e) => errors.push(e), debounceMs: 150, pollMs: 20 });
    try {
      for (const sku of ['SKU-00001', 'SKU-00002', 'SKU-00003', 'SKU-00005']) await t.client.call('stock.ship', { sku, warehouse: 'MAIN', quantity: '1' });
      const before = shopify.counters.requests;
      let uploads: { kind: string; total: number; status: string }[] = [];
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        uploads = (await t.client.call('marketplaces.uploads.list', { limit: 10 })).filter((u) => u.kind === 'stock');
        if (uploads.length === 2 && uploads.every((u) => u.status === 'finished')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(uploads.map((u) => [u.total, u.status])).toEqual([
        [4, 'finished'],
        [4, 'finished'],
      ]);
      // One connection check and one inventorySetQuantities for the four products.
      expect(shopify.counters.requests - before).toBe(2);
      expect(shopifyQuantity(shopify, 'SKU-00005')).toBe(6);
      expect(errors).toEqual([]);
    } finally {
      scheduler.close();
    }
  });
});
