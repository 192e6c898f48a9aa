import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { insertCompany, insertProduct } from '../support/catalogRows.ts';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory with a company in MAD and two products, written by the core and then closed. */
async function dataDir(): Promise<string> {
  const dir = makeTempDir('kontor-cli-stock-');
  dirs.push(dir);
  const t = await openTestKontor(dir);
  insertCompany(t.kontor.database.sqlite, 'MAD');
  insertProduct(t.kontor.database.sqlite, { sku: 'RUG-01' });
  insertProduct(t.kontor.database.sqlite, { sku: 'SAFFRON', unit: 'g' });
  await t.client.call('warehouses.create', { code: 'FBA-DE', name: 'Amazon DE', kind: 'marketplace' });
  await t.kontor.close();
  return dir;
}

function kontor(dir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const { KONTOR_DATA_DIR: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, [entry, '--data-dir', dir, ...args], { cwd: root, encoding: 'utf8', env, timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('kontor stock', () => {
  test('receive, adjust, transfer and valuation, in words and as JSON', async () => {
    const dir = await dataDir();
    expect(kontor(dir, 'stock', 'receive', 'RUG-01', '10', '--cost', '450,00', '--supplier', 'Atelier Fès')).toEqual({
      code: 0,
      stdout: 'Received 10 pcs of RUG-01 into MAIN, worth 4500.00 MAD (movement #1).\n',
      stderr: '',
    });
    const json = kontor(dir, 'stock', 'receive', 'rug-01', '10', '--cost', '550', '--warehouse', 'fba-de', '--json');
    expect(json.code).toBe(0);
    const received = JSON.parse(json.stdout) as { currency: string; movements: { sku: string; warehouseCode: string; valueMinor: number; supplier: string | null }[] };
    expect(received).toMatchObject({ currency: 'MAD', movements: [{ sku: 'RUG-01', warehouseCode: 'FBA-DE', valueMinor: 550_000, supplier: null }] });

    expect(kontor(dir, 'stock', 'adjust', 'RUG-01', '--reason', 'water damage', '--', '-2')).toMatchObject({
      code: 0,
      stdout: 'Adjusted RUG-01 in MAIN by -2 pcs, -1000.00 MAD (movement #3).\n',
    });
    expect(kontor(dir, 'stock', 'transfer', 'RUG-01', '3', '--from', 'FBA-DE', '--to', 'MAIN')).toMatchObject({
      code: 0,
      stdout:
        'Moved 3 pcs of RUG-01 out of FBA-DE, worth 1500.00 MAD (movement #4, transfer 1).\nMoved 3 pcs of RUG-01 into MAIN (movement #5).\n',
    });

    const valuation = kontor(dir, 'stock', 'valuation');
    expect(valuation.code).toBe(0);
    expect(valuation.stdout).toBe(
      ['SKU     QUANTITY  AVERAGE COST        VALUE', 'RUG-01    18 pcs    500.00 MAD  9000.00 MAD', '', 'Total 9000.00 MAD for 1 product now (moving average cost).', ''].join('\n'),
    );
    const past = JSON.parse(kontor(dir, 'stock', 'valuation', '--at', '2020-01-01', '--json').stdout) as { at: string; total: number; totalValueMinor: number };
    expect(past).toMatchObject({ at: '2020-01-01T23:59:59.999Z', total: 0, totalValueMinor: 0 });
  });

  test('refuses bad input with the reason on stderr and writes nothing', async () => {
    const dir = await dataDir();
    const same = kontor(dir, 'stock', 'transfer', 'RUG-01', '1', '--from', 'MAIN', '--to', 'main');
    expect(same).toEqual({ code: 1, stdout: '', stderr: 'kontor: to: RUG-01 cannot be transferred from MAIN to itself; choose another destination.\n' });
    expect(kontor(dir, 'stock', 'receive', 'RUG-99', '1', '--cost', '1')).toMatchObject({ code: 1, stderr: 'kontor: sku: There is no product with SKU RUG-99.\n' });
    expect(kontor(dir, 'stock', 'receive', 'SAFFRON', '0', '--cost', '1')).toMatchObject({
      code: 1,
      stderr: 'kontor: quantity: Enter a quantity of SAFFRON greater than zero; "0" is not.\n',
    });
    expect(kontor(dir, 'stock', 'adjust', 'RUG-01', '-1', '--reason', 'x').code).toBe(2); // "-1" reads as an option
    const noCost = kontor(dir, 'stock', 'receive', 'RUG-01', '1');
    expect(noCost.code).toBe(2);
    expect(noCost.stderr).toMatch(/needs --cost <amount>/);
    expect(kontor(dir, 'stock', 'adjust', 'RUG-01', '1').code).toBe(2);
    const valuation = JSON.parse(kontor(dir, 'stock', 'valuation', '--json').stdout) as { total: number };
    expect(valuation.total).toBe(0);
    expect(kontor(dir, '--help').stdout).toMatch(/stock receive <sku> <quantity> +Goods in/);
  });
});
