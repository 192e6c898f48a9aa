import { afterEach, describe, expect, it } from 'vitest';
import { runUpload } from '../../../electron/core/connectors/engine/runUpload.ts';
import { startShopifyEmulator, type ShopifyEmulator } from '../../emulators/shopify/server.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { keyFileSecretBox, shopifyAccount, statusCounts, uploadAll } from './harness.ts';
import { seedCatalog } from './support.ts';

let t: TestKontor | undefined;
let emulator: ShopifyEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  await t?.close();
  t = undefined;
  emulator = undefined;
});

describe('Shopify connector against its emulator', () => {
  it('uploads 1,000 products with variants under a small rate budget: nothing lost, no storm of throttled requests', async () => {
    t = await openTestKontor();
    emulator = await startShopifyEmulator({ bucketSize: 400, restoreRate: 2000 });
    const sqlite = t.kontor.database.sqlite;
    const box = keyFileSecretBox(t.dataDir);
    seedCatalog(sqlite, 1000, { variantsEvery: 4 });
    const account = shopifyAccount(sqlite, box, emulator);
    const uploadId = uploadAll(sqlite, account);

    const summary = await runUpload({ sqlite, box, uploadId, signal: new AbortController().signal });

    expect(statusCounts(sqlite, uploadId)).toEqual({ succeeded: 1000 });
    expect(emulator.products.size).toBe(1000);
    const bySku = emulator.productsBySku();
    expect(bySku.size).toBe(250 * 3 + 750);
    expect([...bySku.values()].every((ids) => ids.length === 1)).toBe(true);
    // The pacer waits for the bucket instead of being throttled: a handful at most, from the bucket estimate's first guess.
    expect(emulator.counters.throttled).toBeLessThanOrEqual(3);
    expect(summary.pacerWaits).toBeGreaterThan(10);
    const variant = [...emulator.products.values()].find((p) => p.handle === 'k-sku--00000');
    expect(variant?.variants.map((v) => [v.sku, v.available])).toEqual([
      ['SKU-00000-S', 5],
      ['SKU-00000-M', 5],
      ['SKU-00000-L', 5],
    ]);
  }, 60_000);
});
