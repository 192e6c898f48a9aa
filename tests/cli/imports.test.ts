import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeCsv } from '../support/importFixtures.ts';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');
let dataDir: string;

function kontor(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const { KONTOR_DATA_DIR: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, [entry, ...args, '--data-dir', dataDir], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = makeTempDir('kontor-cli-imports-');
  const t = await openTestKontor(dataDir);
  await t.client.call('products.create', { sku: 'CLI-OLD', texts: { en: { title: 'Old' } } });
  await t.kontor.close();
}, 30_000);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kontor import products / import undo / export products', () => {
  test('--dry-run counts and writes nothing; errors make the exit code 1 unless --skip-invalid', () => {
    const file = writeCsv(dataDir, 'in.csv', [
      ['Artikelnummer', 'Bezeichnung', 'Preis'],
      ['CLI-OLD', 'Neu', '1,00'],
      ['CLI-NEW', 'Neu 2', '2,00'],
      ['CLI BAD', 'Falsch', '3,00'],
    ]);
    const dry = kontor('import', 'products', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('create 1, update 1, unchanged 0, rows with errors 1');
    expect(dry.stdout).toMatch(/row 4, Artikelnummer "CLI BAD": A SKU may contain/);
    expect(dry.stdout).toContain('Dry run: nothing was written.');

    const refused = kontor('import', 'products', file);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Nothing was imported');

    const json = kontor('import', 'products', file, '--skip-invalid', '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { outcome: string; runId: number; skippedRows: number[]; reportPath: string };
    expect(result).toMatchObject({ outcome: 'committed', skippedRows: [4] });
    expect(existsSync(result.reportPath)).toBe(true);
    expect(kontor('products', 'show', 'CLI-NEW').stdout).toContain('Neu 2');

    const undo = kontor('import', 'undo', String(result.runId));
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('1 restored, 1 removed');
    expect(kontor('products', 'show', 'CLI-NEW').code).not.toBe(0);
  }, 120_000);

  test('--mapping applies a saved mapping; export writes a file that imports back unchanged', () => {
    const exported = join(dataDir, 'catalog.xlsx');
    const run = kontor('export', 'products', exported);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Exported 1 products/);
    const again = kontor('import', 'products', exported, '--dry-run');
    expect(again.stdout).toContain('create 0, update 0, unchanged 1, rows with errors 0');
    const missing = kontor('import', 'products', exported, '--mapping', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no saved mapping named "nope"');
  }, 120_000);
});
