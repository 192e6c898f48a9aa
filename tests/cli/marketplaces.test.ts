import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { keyFileSecretBox } from '../../electron/core/connectors/secretBox.ts';
import { shopifyAccount } from '../core/connectors/harness.ts';
import { seedCatalog } from '../core/connectors/support.ts';
import { startShopifyEmulator, type ShopifyEmulator } from '../emulators/shopify/server.ts';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');

const dirs: string[] = [];
let emulator: ShopifyEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Asynchronous, so the emulator in this process keeps answering while the CLI runs. */
function kontor(dir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { KONTOR_DATA_DIR: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [entry, '--data-dir', dir, ...args], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function dataDir(withoutTitle: number[] = []): Promise<string> {
  const dir = makeTempDir('kontor-cli-upload-');
  dirs.push(dir);
  emulator = await startShopifyEmulator({ restoreRate: 1000 });
  const t = await openTestKontor(dir);
  seedCatalog(t.kontor.database.sqlite, 8, { variantsEvery: 4, withoutTitle });
  shopifyAccount(t.kontor.database.sqlite, keyFileSecretBox(dir), emulator, 'Shopify EU');
  await t.kontor.close();
  return dir;
}

describe('kontor upload and kontor jobs', () => {
  test('--dry-run names what to fix and sends nothing', async () => {
    const dir = await dataDir([2]);
    const run = await kontor(dir, 'upload', '--account', 'Shopify EU', '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('8 product(s) checked for Shopify EU: 7 ready, 1 to fix.');
    expect(run.stdout).toContain('SKU-00002: title: Shopify needs a title');
    expect(emulator?.counters.requests).toBe(0);
  });

  test('uploads a filtered selection, lists it, and refuses an unknown account by name', async () => {
    const dir = await dataDir();
    const run = await kontor(dir, 'upload', '--account', 'Shopify EU', '--products', 'SKU-0000[0-3]*');
    expect(run.stderr).toContain('No active product matches');
    const all = await kontor(dir, 'upload', '--account', 'Shopify EU', '--products', 'SKU-*');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('#1 listing to Shopify EU (shopify): finished; 8 succeeded, 0 failed, 0 skipped, 0 left of 8');
    expect(emulator?.products.size).toBe(8);
    const list = await kontor(dir, 'jobs', 'list', '--json');
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: 1, status: 'finished', counts: { succeeded: 8 } }]);
    const unknown = await kontor(dir, 'upload', '--account', 'Amazon');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('There is no marketplace account named "Amazon"');
  });

  test('prices sync sends only changed prices; listings remove takes archived products off the shop', async () => {
    const dir = await dataDir();
    expect((await kontor(dir, 'upload', '--account', 'Shopify EU')).code).toBe(0);
    const nothing = await kontor(dir, 'prices', 'sync', '--account', 'Shopify EU');
    expect(nothing.stdout).toContain('Every price on Shopify EU is as sent; nothing to do.');
    const t = await openTestKontor(dir);
    const sqlite = t.kontor.database.sqlite;
    sqlite.prepare("UPDATE product_price SET amount_minor = 2500 WHERE product_id = (SELECT id FROM product WHERE sku = 'SKU-00001')").run();
    sqlite.prepare("UPDATE product SET status = 'archived' WHERE sku = 'SKU-00002'").run();
    await t.kontor.close();
    const writes = emulator?.counters.productSetCalls;

    const prices = await kontor(dir, 'prices', 'sync', '--account', 'Shopify EU');
    expect(prices.code, prices.stderr).toBe(0);
    expect(prices.stdout).toContain('price to Shopify EU (shopify): finished; 1 succeeded, 0 failed');
    expect([...(emulator as ShopifyEmulator).products.values()].find((p) => p.handle === 'k-sku--00001')?.variants[0]?.price).toBe('25.00');
    expect(emulator?.counters.productSetCalls).toBe(writes);

    expect((await kontor(dir, 'listings', 'remove', '--account', 'Shopify EU')).stderr).toContain('--archived, or --products');
    const removed = await kontor(dir, 'listings', 'remove', '--account', 'Shopify EU', '--archived');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('delete to Shopify EU (shopify): finished; 1 succeeded');
    expect([...(emulator as ShopifyEmulator).products.values()].some((p) => p.handle === 'k-sku--00002')).toBe(false);
    expect(emulator?.products.size).toBe(7);
  }, 60_000);
});
