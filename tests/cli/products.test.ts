import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ProductList } from '../../shared/catalog/list.ts';
import type { Product } from '../../shared/catalog/product.ts';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');
let dataDir: string;

function kontor(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const { KONTOR_DATA_DIR: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, [entry, ...args, '--data-dir', dataDir], { cwd: root, encoding: 'utf8', env, timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = makeTempDir('kontor-cli-products-');
  const t = await openTestKontor(dataDir);
  await t.client.call('products.create', {
    sku: 'RUG-BO-200x300',
    status: 'active',
    texts: { en: { title: 'Beni Ourain rug 200 × 300 cm' }, fr: { title: 'Tapis Béni Ouarain', description: 'Laine non teinte' } },
    gtin: '6111000450017',
    hsCode: '5701.10',
    originCountry: 'MA',
    netWeightG: 18_000,
    lengthMm: 3000,
    widthMm: 2000,
    prices: [
      { priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 89_000 }] },
      { priceList: 'WHOLESALE', currency: 'EUR', tiers: [{ minQuantityMilli: 2000, amountMinor: 64_000 }, { minQuantityMilli: 5000, amountMinor: 59_000 }] },
    ],
    minimumOrders: [{ priceList: 'WHOLESALE', quantityMilli: 2000 }],
  });
  await t.client.call('products.create', { sku: 'TAG-FES-30', status: 'draft', texts: { en: { title: 'Fès ceramic tagine' } } });
  const argan = await t.client.call('products.create', {
    sku: 'ARGAN-OIL',
    status: 'active',
    texts: { en: { title: 'Argan oil' }, ar: { title: 'زيت أركان' } },
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 1_490 }] }],
  });
  await t.client.call('products.generateVariants', { productId: argan.id, revision: argan.revision, options: [{ name: 'Size', values: ['100 ml', '250 ml'] }] });
  await t.kontor.close();
}, 30_000);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kontor products', () => {
  test('list prints a table sorted by SKU with price, stock and title', () => {
    const run = kontor('products', 'list');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SKU\s+STATUS\s+PRICE\s+ON HAND\s+TITLE$/);
    expect(lines.slice(1, 6).map((l) => l.split(/\s+/)[0])).toEqual(['ARGAN-OIL', 'ARGAN-OIL-100-ML', 'ARGAN-OIL-250-ML', 'RUG-BO-200x300', 'TAG-FES-30']);
    expect(run.stdout).toContain('890.00 EUR');
    expect(run.stdout).toContain('Argan oil (100 ml)');
    expect(lines.at(-1)).toBe('5 products.');
  });

  test('list --json answers the rows and total; --status, --search and --limit filter', () => {
    const all = JSON.parse(kontor('products', 'list', '--json').stdout) as ProductList;
    expect(all.total).toBe(5);
    const active = JSON.parse(kontor('products', 'list', '--status', 'active', '--search', 'tapis', '--json').stdout) as ProductList;
    expect(active.rows.map((r) => r.sku)).toEqual(['RUG-BO-200x300']);
    const several = JSON.parse(kontor('products', 'list', '--status', 'draft,archived', '--json').stdout) as ProductList;
    expect(several.rows.map((r) => r.sku)).toEqual(['TAG-FES-30']);
    const limited = kontor('products', 'list', '--limit', '2');
    expect(limited.stdout).toContain('2 of 5 products; --limit shows more.');
    expect(JSON.parse(kontor('products', 'list', '--search', 'زيت', '--json').stdout)).toMatchObject({ total: 3 });
  });

  test('show prints one product by SKU in any case, or its JSON', () => {
    const run = kontor('products', 'show', 'rug-bo-200X300');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('RUG-BO-200x300  Beni Ourain rug 200 × 300 cm');
    expect(run.stdout).toMatch(/HS code\s+570110/);
    expect(run.stdout).toMatch(/Dimensions\s+300 × 200 cm/);
    expect(run.stdout).toContain('WHOLESALE EUR  from 2: 640.00 EUR; from 5: 590.00 EUR');
    expect(run.stdout).toContain('Minimum order (WHOLESALE): 2 pcs');
    const json = JSON.parse(kontor('products', 'show', 'ARGAN-OIL', '--json').stdout) as Product;
    expect(json).toMatchObject({ sku: 'ARGAN-OIL', kind: 'parent', options: [{ name: 'Size', values: ['100 ml', '250 ml'] }] });
    expect(json.variants.map((v) => v.sku)).toEqual(['ARGAN-OIL-100-ML', 'ARGAN-OIL-250-ML']);
    const variant = kontor('products', 'show', 'argan-oil-250-ml');
    expect(variant.stdout).toContain('ARGAN-OIL-250-ML  Argan oil');
    expect(variant.stdout).toContain('variant of ARGAN-OIL (250 ml)');
  });

  test('an unknown SKU fails with exit 1; wrong options are usage errors with exit 2', () => {
    expect(kontor('products', 'show', 'NOPE')).toMatchObject({ code: 1, stdout: '' });
    expect(kontor('products', 'show', 'NOPE').stderr).toContain('NOPE');
    const status = kontor('products', 'list', '--status', 'sold');
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('--status takes draft, active, archived, not sold');
    expect(kontor('products', 'list', '--limit', 'many').code).toBe(2);
    expect(kontor('products', 'show').code).toBe(2);
    expect(kontor('products', 'list', '--help').stdout).toContain('Usage: kontor products list [--status <status>] [--search <text>] [--limit <n>]');
  });
});
