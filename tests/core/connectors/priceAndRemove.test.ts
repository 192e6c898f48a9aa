import { afterEach, describe, expect, it } from 'vitest';
import { runUpload } from '../../../electron/core/connectors/engine/runUpload.ts';
import { startShopifyEmulator, type ShopifyEmulator } from '../../emulators/shopify/server.ts';
import { startWooEmulator, type WooEmulator } from '../../emulators/woocommerce/server.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { keyFileSecretBox, shopifyAccount, uploadAll, wooAccount } from './harness.ts';
import { seedCatalog } from './support.ts';

/** What a test reads from either emulator: the remote state per SKU, and how often whole products were written. */
interface Remote {
  close(): Promise<void>;
  /** Price, title and stock of the remote product or variant holding the SKU, or undefined when there is none. */
  read(sku: string): { price: string; title: string } | undefined;
  productWrites(): number;
  /** Whether a price-only sync touched anything but prices. */
  onlyPricesChanged(sku: string): boolean;
  /** Deletes the product holding the SKU in the shop itself, behind Kontor's back. */
  deleteInShop(sku: string): void;
}

const PLATFORMS: { name: string; start(t: TestKontor): Promise<{ remote: Remote; account: number }> }[] = [
  {
    name: 'shopify',
    async start(t) {
      const emulator: ShopifyEmulator = await startShopifyEmulator({ restoreRate: 5000 });
      const account = shopifyAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), emulator);
      const find = (sku: string) => {
        for (const p of emulator.products.values()) for (const v of p.variants) if (v.sku === sku) return { p, v };
        return undefined;
      };
      return {
        account,
        remote: {
          close: () => emulator.close(),
          read: (sku) => {
            const hit = find(sku);
            return hit ? { price: hit.v.price, title: hit.p.title } : undefined;
          },
          productWrites: () => emulator.counters.productSetCalls,
          onlyPricesChanged: (sku) => (find(sku)?.p.updatedCount ?? -1) === 0 && (find(sku)?.p.priceUpdates ?? 0) > 0,
          deleteInShop: (sku) => void emulator.products.delete(find(sku)?.p.id ?? ''),
        },
      };
    },
  },
  {
    name: 'woocommerce',
    async start(t) {
      const emulator: WooEmulator = await startWooEmulator();
      const account = wooAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), emulator);
      const find = (sku: string) => [...emulator.products.values()].find((p) => p.sku === sku);
      return {
        account,
        remote: {
          close: () => emulator.close(),
          read: (sku) => {
            const p = find(sku);
            const parent = p?.parentId ? emulator.products.get(p.parentId) : p;
            return p ? { price: p.regularPrice, title: parent?.name ?? '' } : undefined;
          },
          productWrites: () => emulator.counters.itemsWritten,
          onlyPricesChanged: (sku) => JSON.stringify(find(sku)?.lastUpdateFields) === '["regular_price"]',
          deleteInShop: (sku) => void emulator.products.delete(find(sku)?.id ?? 0),
        },
      };
    },
  },
];

let t: TestKontor | undefined;
let remote: Remote | undefined;
afterEach(async () => {
  await remote?.close();
  await t?.close();
  t = remote = undefined;
});

async function listed(platform: (typeof PLATFORMS)[number]) {
  t = await openTestKontor();
  const sqlite = t.kontor.database.sqlite;
  seedCatalog(sqlite, 8, { variantsEvery: 4 });
  const started = await platform.start(t);
  remote = started.remote;
  await runUpload({ sqlite, box: keyFileSecretBox(t.dataDir), uploadId: uploadAll(sqlite, started.account), signal: new AbortController().signal });
  return { t, sqlite, remote: started.remote, account: started.account };
}

const idOf = (t: TestKontor, sku: string): number => t.kontor.database.sqlite.prepare('SELECT id FROM product WHERE sku = ?').pluck().get(sku) as number;

describe.each(PLATFORMS)('price-only sync and removal on $name', (platform) => {
  it('a price sync changes only the prices that changed, and nothing else of the product', async () => {
    const { t, sqlite, remote, account } = await listed(platform);
    expect(remote.read('SKU-00001')).toEqual({ price: '10.01', title: 'Product 1' });
    const writesBefore = remote.productWrites();
    // New prices for a simple product and a parent (its variants inherit); a new title and stock that must NOT travel.
    sqlite.prepare('UPDATE product_price SET amount_minor = ? WHERE product_id = ?').run(1999, idOf(t, 'SKU-00001'));
    sqlite.prepare('UPDATE product_price SET amount_minor = ? WHERE product_id = ?').run(4550, idOf(t, 'SKU-00004'));
    sqlite.prepare("UPDATE product_text SET title = 'Renamed in Kontor' WHERE product_id = ?").run(idOf(t, 'SKU-00001'));

    const upload = await t.client.call('marketplaces.prices.sync', { accountId: account });
    expect(upload).toMatchObject({ kind: 'price', total: 2 });
    const job = await t.kontor.jobs.wait(upload?.runJobId as number);
    expect(job.status).toBe('succeeded');
    expect((await t.client.call('marketplaces.uploads.get', { id: upload?.id as number })).counts.succeeded).toBe(2);

    expect(remote.read('SKU-00001')).toEqual({ price: '19.99', title: 'Product 1' });
    for (const size of ['S', 'M', 'L']) expect(remote.read(`SKU-00004-${size}`)?.price).toBe('45.50');
    expect(remote.read('SKU-00002')?.price).toBe('10.02');
    expect(remote.onlyPricesChanged('SKU-00001')).toBe(true);
    expect(remote.onlyPricesChanged('SKU-00004-M')).toBe(true);
    expect(remote.onlyPricesChanged('SKU-00002')).toBe(false);
    // No whole product was written (Shopify: no productSet; WooCommerce: only the price fields of the items above).
    expect(remote.productWrites() - writesBefore).toBe(platform.name === 'shopify' ? 0 : 4);
    // Everything as sent now: nothing to do.
    expect(await t.client.call('marketplaces.prices.sync', { accountId: account })).toBeNull();
  }, 30_000);

  it('removes listings: archived products on request, or the ones named; already gone counts as removed', async () => {
    const { t, sqlite, remote, account } = await listed(platform);
    sqlite.prepare("UPDATE product SET status = 'archived' WHERE sku = 'SKU-00002'").run();

    const archived = await t.client.call('marketplaces.listings.remove', { accountId: account, selection: { archived: true } });
    expect(archived).toMatchObject({ kind: 'delete', total: 1 });
    await t.kontor.jobs.wait(archived?.runJobId as number);
    expect(remote.read('SKU-00002')).toBeUndefined();
    expect(remote.read('SKU-00001')).toBeDefined();
    expect(sqlite.prepare('SELECT count(*) FROM listing WHERE account_id = ? AND product_id = ?').pluck().get(account, idOf(t, 'SKU-00002'))).toBe(0);

    // A parent goes with its variants.
    const named = await t.client.call('marketplaces.listings.remove', { accountId: account, selection: { productIds: [idOf(t, 'SKU-00004'), idOf(t, 'SKU-00002')] } });
    expect(named).toMatchObject({ total: 1 });
    await t.kontor.jobs.wait(named?.runJobId as number);
    for (const sku of ['SKU-00004-S', 'SKU-00004-M', 'SKU-00004-L']) expect(remote.read(sku)).toBeUndefined();
    expect(await t.client.call('marketplaces.listings.remove', { accountId: account, selection: { archived: true } })).toBeNull();

    // Deleted in the shop already: what was asked for is true, and Kontor's record follows.
    remote.deleteInShop('SKU-00003');
    const gone = await t.client.call('marketplaces.listings.remove', { accountId: account, selection: { productIds: [idOf(t, 'SKU-00003')] } });
    await t.kontor.jobs.wait(gone?.runJobId as number);
    expect((await t.client.call('marketplaces.uploads.get', { id: gone?.id as number })).counts).toMatchObject({ succeeded: 1, failed: 0 });
    expect(sqlite.prepare('SELECT count(*) FROM listing WHERE account_id = ?').pluck().get(account)).toBe(5);
  }, 30_000);
});
