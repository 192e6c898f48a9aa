import { afterEach, describe, expect, it } from 'vitest';
import { runUpload } from '../../../electron/core/connectors/engine/runUpload.ts';
import { signUrl } from '../../../electron/core/connectors/woocommerce/oauth.ts';
import { startWooEmulator, type WooEmulator } from '../../emulators/woocommerce/server.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { keyFileSecretBox, statusCounts, uploadAll, wooAccount } from './harness.ts';
import { seedCatalog } from './support.ts';

let t: TestKontor | undefined;
let emulator: WooEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  await t?.close();
  t = undefined;
  emulator = undefined;
});

describe('WooCommerce connector against its emulator', () => {
  it('uploads 1,000 products with variants in batches of at most 100, within the concurrency cap', async () => {
    t = await openTestKontor();
    emulator = await startWooEmulator({ workers: 8, requestMs: 2 });
    const sqlite = t.kontor.database.sqlite;
    const box = keyFileSecretBox(t.dataDir);
    seedCatalog(sqlite, 1000, { variantsEvery: 4 });
    const uploadId = uploadAll(sqlite, wooAccount(sqlite, box, emulator));

    await runUpload({ sqlite, box, uploadId, signal: new AbortController().signal });

    expect(statusCounts(sqlite, uploadId)).toEqual({ succeeded: 1000 });
    const bySku = emulator.productsBySku();
    expect(bySku.size).toBe(1000 + 250 * 3);
    expect([...bySku.values()].every((ids) => ids.length === 1)).toBe(true);
    expect(emulator.counters.tooLarge).toBe(0);
    expect(emulator.counters.maxConcurrent).toBeLessThanOrEqual(4);
    const variation = [...emulator.products.values()].find((p) => p.sku === 'SKU-00004-M');
    expect(variation).toMatchObject({ type: 'variation', regularPrice: '10.04', stockQuantity: 5 });
  }, 60_000);

  it('refuses a batch over 100 items with 413, as WooCommerce does', async () => {
    emulator = await startWooEmulator();
    const url = signUrl('POST', `${emulator.url}/wp-json/wc/v3/products/batch`, emulator);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ create: Array.from({ length: 101 }, (_, i) => ({ name: `P${i}` })) }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'woocommerce_rest_request_entity_too_large' });
  });

  it('checks the OAuth 1.0a signature, timestamp and nonce over plain HTTP', async () => {
    emulator = await startWooEmulator();
    const path = `${emulator.url}/wp-json/wc/v3/products?per_page=1`;
    expect((await fetch(signUrl('GET', path, emulator))).status).toBe(200);
    expect((await fetch(signUrl('GET', path, emulator, { signatureMethod: 'HMAC-SHA256' }))).status).toBe(200);
    const wrong = await fetch(signUrl('GET', path, { consumerKey: emulator.consumerKey, consumerSecret: 'cs_wrong' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.' });
    const stale = await fetch(signUrl('GET', path, emulator, { now: Date.now() - 16 * 60_000 }));
    expect(stale.status).toBe(401);
    const once = signUrl('GET', path, emulator, { nonce: 'fixed-nonce' });
    expect((await fetch(once)).status).toBe(200);
    expect(await (await fetch(once)).json()).toMatchObject({ message: 'Invalid nonce - nonce has already been used.' });
  });
});
