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
});
