import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { issueDocument } from '../../electron/core/invoicing/issue.ts';
import { insertCompany, insertProduct } from '../support/catalogRows.ts';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A German company that received 10 rugs at 50.00 and shipped 4, through the stock calls. */
async function dataDir(): Promise<string> {
  const dir = makeTempDir('kontor-cli-export-');
  dirs.push(dir);
  const t = await openTestKontor(dir);
  insertCompany(t.kontor.database.sqlite, 'EUR');
  t.kontor.database.sqlite.prepare("UPDATE company SET country = 'DE' WHERE id = 1").run();
  insertProduct(t.kontor.database.sqlite, { sku: 'RUG' });
  await t.client.call('stock.receive', { sku: 'RUG', warehouse: 'MAIN', quantity: '10', unitCost: '50', occurredAt: '2025-01-10T10:00:00.000Z' });
  await t.client.call('stock.ship', { sku: 'RUG', warehouse: 'MAIN', quantity: '4', occurredAt: '2025-02-10T10:00:00.000Z' });
  await t.client.call('ledger.settings.set', { datev: { consultantNumber: 29098, clientNumber: 55003 } });
  await t.kontor.close();
  return dir;
}

function kontor(dir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const { KONTOR_DATA_DIR: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, [entry, '--data-dir', dir, ...args], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('kontor export', { timeout: 120_000 }, () => {
  test('writes a trial balance as CSV and the journal as DATEV, where --out says', async () => {
    const dir = await dataDir();
    const out = join(dir, 'tb.csv');
    const csv = kontor(dir, 'export', 'trial-balance', '--from', '2025-01-01', '--to', '2025-03-31', '--format', 'csv', '--out', out);
    expect(csv).toMatchObject({ code: 0, stderr: '' });
    expect(csv.stdout).toMatch(new RegExp(`^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 3 lines in \\d+\\.\\d s\\.\\n$`));
    expect(readFileSync(out, 'utf8')).toContain('\r\n3980,Bestand Waren,asset,0.00,500.00,200.00,300.00\r\n');
    const datev = kontor(dir, 'export', 'journal', '--from', '2025-01-01', '--to', '2025-12-31', '--format', 'datev', '--json');
    expect(datev.code).toBe(0);
    const result = JSON.parse(datev.stdout) as { path: string; rows: number; warning: string | null };
    expect(result).toMatchObject({ path: join(dir, 'exports', 'EXTF_Buchungsstapel_2025-01-01_2025-12-31.csv'), rows: 2, warning: null });
    expect(readFileSync(result.path, 'latin1').split('\r\n')[0]).toMatch(/^"EXTF";700;21;"Buchungsstapel";13;\d{17};;"RE";"";"";29098;55003;20250101;4;20250101;20251231;/);
  });

  test('writes the invoice reports from issued invoices: VAT summary as CSV, AR aging as XLSX', async () => {
    const dir = await dataDir();
    const t = await openTestKontor(dir);
    const sqlite = t.kontor.database.sqlite;
    const buyer = { name: 'Kaufhaus Berger GmbH', country: 'DE', billingAddress: { line1: 'Hauptstraße 1', city: 'Köln', country: 'DE' } };
    const draft = await t.client.call('invoices.saveDraft', { kind: 'invoice', buyer, dueDate: '2025-03-01', lines: [{ name: 'Kilim', quantity: '2', unitPrice: '100.00' }] });
    issueDocument(sqlite, draft.id, { issueDate: '2025-02-14', now: new Date('2025-02-14T10:00:00.000Z') });
    await t.kontor.close();

    const out = join(dir, 'vat.csv');
    const vat = kontor(dir, 'export', 'vat-summary', '--from', '2025-01-01', '--to', '2025-03-31', '--format', 'csv', '--out', out);
    expect(vat).toMatchObject({ code: 0, stderr: '' });
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines).toContain('domestic,19,DE,1,200.00,38.00,238.00');
    expect(lines).toContain('Total,,,,200.00,38.00,238.00');
    const aging = kontor(dir, 'export', 'ar-aging', '--from', '2025-01-01', '--to', '2025-03-31', '--json');
    expect(aging.code).toBe(0);
    expect(JSON.parse(aging.stdout)).toMatchObject({ path: join(dir, 'exports', 'ar-aging_2025-01-01_2025-03-31.xlsx'), rows: 1 });
  });

  test('refuses a wrong report, format or period with the reason, and keeps an existing file', async () => {
    const dir = await dataDir();
    const bad = kontor(dir, 'export', 'balance-sheet', '--from', '2025-01-01', '--to', '2025-03-31');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/report/);
    expect(kontor(dir, 'export', 'journal', '--from', '2025-01-01').stderr).toMatch(/--from <date> and --to <date>/);
    expect(kontor(dir, 'export', 'journal', '--from', '2025-01-01', '--to', '2025-03-31', '--format', 'pdf').stderr).toMatch(/format/);
    const out = join(dir, 'j.xlsx');
    expect(kontor(dir, 'export', 'journal', '--from', '2025-01-01', '--to', '2025-03-31', '--out', out).code).toBe(0);
    const again = kontor(dir, 'export', 'journal', '--from', '2025-01-01', '--to', '2025-03-31', '--out', out);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/exists already/);
    expect(kontor(dir, 'export', 'journal', '--from', '2025-01-01', '--to', '2025-03-31', '--out', out, '--force').code).toBe(0);
  });
});
