import { afterEach, describe, expect, it } from 'vitest';
import { runUpload } from '../../../electron/core/connectors/engine/runUpload.ts';
import { createMarketplaceService } from '../../../electron/core/connectors/service.ts';
import { recordMovements } from '../../../electron/core/stock/recordMovements.ts';
import { onStockCommitted } from '../../../electron/core/stock/stockEvents.ts';
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

  it('a burst of movements leads to exactly one stock update per SKU, told by the stock writer (no polling)', async () => {
    const { t, shopify, woo } = await listedOnBoth();
    const service = createMarketplaceService({ db: t.kontor.database.db, sqlite: t.kontor.database.sqlite, jobs: t.kontor.jobs, box: keyFileSecretBox(t.dataDir) });
    const errors: unknown[] = [];
    // The fallback scan an hour away and the start-up catch-up too: only the event can start this sync.
    await t.client.call('company.save', validProfile());
    const scheduler = service.startStockSync({ onError: (e) => errors.push(e), debounceMs: 200, fallbackMs: 3_600_000, startupDelayMs: 3_600_000 });
    try {
      const before = shopify.counters.requests;
      // SKU-00001 moves three times, SKU-00004-M twice, SKU-00002 once: a burst.
      for (let i = 0; i < 3; i++) await t.client.call('stock.ship', { sku: 'SKU-00001', warehouse: 'MAIN', quantity: '1' });
      await t.client.call('stock.receive', { sku: 'SKU-00004-M', warehouse: 'MAIN', quantity: '10', unitCost: '1.00' });
      await t.client.call('stock.ship', { sku: 'SKU-00004-M', warehouse: 'MAIN', quantity: '2' });
      await t.client.call('stock.ship', { sku: 'SKU-00002', warehouse: 'MAIN', quantity: '1' });
      expect(scheduler.pending().length).toBe(3);
      const uploads = await finishedStockUploads(t, 2);
      expect(uploads.map((u) => u.total)).toEqual([3, 3]);
      // One connection check and one inventorySetQuantities for the three products.
      expect(shopify.counters.requests - before).toBe(2);
      expect(shopifySets(shopify, 'SKU-00001')).toBe(1);
      expect(shopifySets(shopify, 'SKU-00004-M')).toBe(1);
      expect(shopifySets(shopify, 'SKU-00002')).toBe(1);
      expect(shopifySets(shopify, 'SKU-00003')).toBe(0);
      expect(shopifyQuantity(shopify, 'SKU-00001')).toBe(5);
      expect(shopifyQuantity(shopify, 'SKU-00004-M')).toBe(13);
      for (const sku of ['SKU-00001', 'SKU-00004-M', 'SKU-00002']) expect(wooWrites(woo, sku), sku).toBe(1);
      expect(wooQuantity(woo, 'SKU-00004-M')).toBe(13);

      // The next burst is the next single update.
      await t.client.call('stock.ship', { sku: 'SKU-00001', warehouse: 'MAIN', quantity: '1' });
      await finishedStockUploads(t, 4);
      expect(shopifySets(shopify, 'SKU-00001')).toBe(2);
      expect(shopifySets(shopify, 'SKU-00002')).toBe(1);
      expect(shopifyQuantity(shopify, 'SKU-00001')).toBe(4);
      expect(errors).toEqual([]);
    } finally {
      scheduler.close();
    }
  }, 90_000);

  it('catches up at start-up with movements recorded while nothing listened (the app closed, the CLI)', async () => {
    const { t, shopify } = await listedOnBoth();
    await t.client.call('stock.ship', { sku: 'SKU-00003', warehouse: 'MAIN', quantity: '2' });
    const service = createMarketplaceService({ db: t.kontor.database.db, sqlite: t.kontor.database.sqlite, jobs: t.kontor.jobs, box: keyFileSecretBox(t.dataDir) });
    const errors: unknown[] = [];
    const scheduler = service.startStockSync({ onError: (e) => errors.push(e), debounceMs: 100, fallbackMs: 3_600_000, startupDelayMs: 50 });
    try {
      await finishedStockUploads(t, 2);
      expect(shopifyQuantity(shopify, 'SKU-00003')).toBe(8);
      expect(errors).toEqual([]);
    } finally {
      scheduler.close();
    }
  }, 60_000);

  it('tells of movements written inside a caller\'s transaction only once it has committed', () => {
    return (async () => {
      t = await openTestKontor();
      const sqlite = t.kontor.database.sqlite;
      const [id] = seedCatalog(sqlite, 1, { variantsEvery: 0 });
      const warehouse = sqlite.prepare("SELECT id FROM warehouse WHERE code = 'MAIN'").pluck().get() as number;
      const heard: number[][] = [];
      const stop = onStockCommitted(sqlite, (e) => heard.push(e.productIds));
      sqlite.transaction(() => {
        recordMovements(sqlite, [{ kind: 'adjustment', productId: id as number, warehouseId: warehouse, quantityMilli: 1000, reason: 'count' }]);
        expect(heard).toEqual([]);
      })();
      await new Promise((r) => setImmediate(r));
      expect(heard).toEqual([[id]]);
      recordMovements(sqlite, [{ kind: 'adjustment', productId: id as number, warehouseId: warehouse, quantityMilli: 1000, reason: 'count' }]);
      expect(heard).toHaveLength(2);
      stop();
      recordMovements(sqlite, [{ kind: 'adjustment', productId: id as number, warehouseId: warehouse, quantityMilli: 1000, reason: 'count' }]);
      expect(heard).toHaveLength(2);
    })();
  });
});

/** Waits until `count` stock uploads exist and all are finished; answers them, oldest first. */
async function finishedStockUploads(t: TestKontor, count: number) {
  let uploads: { kind: string; total: number; status: string }[] = [];
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    uploads = (await t.client.call('marketplaces.uploads.list', { limit: 20 })).filter((u) => u.kind === 'stock').reverse();
    if (uploads.length >= count && uploads.every((u) => u.status === 'finished')) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(uploads.map((u) => u.status)).toEqual(Array.from({ length: count }, () => 'finished'));
  return uploads;
}

const shopifySets = (emulator: ShopifyEmulator, sku: string): number => {
  const item = [...emulator.products.values()].flatMap((p) => p.variants).find((v) => v.sku === sku)?.inventoryItemId ?? '';
  return emulator.counters.stockSets.get(item) ?? 0;
};
const wooWrites = (emulator: WooEmulator, sku: string): number | undefined => [...emulator.products.values()].find((p) => p.sku === sku)?.updatedCount;
