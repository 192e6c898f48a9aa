import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { chromiumPath } from '../../electron/core/invoicing/pdf/chromiumRenderer.ts';
import { BUYERS, SELLER_PROFILE } from '../core/invoicing/support.ts';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory with one issued invoice, one draft and one overdue invoice, written through the contract. */
async function dataDir(): Promise<{ dir: string; sha256: string | null }> {
  const dir = makeTempDir('kontor-cli-invoices-');
  dirs.push(dir);
  const t = await openTestKontor(dir);
  await t.client.call('company.save', SELLER_PROFILE);
  const a = await t.client.call('invoices.saveDraft', { kind: 'invoice', buyer: BUYERS.de, dueDate: '2026-01-31', lines: [{ name: 'Kilim', quantity: '2', unitPrice: '120.00' }] });
  const issued = await t.client.call('invoices.issue', { id: a.id, issueDate: '2026-01-02' });
  await t.client.call('invoices.saveDraft', { kind: 'quote', buyer: BUYERS.us, lines: [{ name: 'Sample', quantity: '1', unitPrice: '15.00' }] });
  await t.kontor.close();
  return { dir, sha256: issued.pdfSha256 };
}

function kontor(dir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const { KONTOR_DATA_DIR: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, [entry, '--data-dir', dir, ...args], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('kontor invoices', () => {
  test.skipIf(chromiumPath() === null)('lists documents with status filters and writes the stored PDF byte for byte', async () => {
    const { dir, sha256 } = await dataDir();
    const list = kontor(dir, 'invoices', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NUMBER\s+KIND\s+DATE\s+DUE\s+BUYER\s+TOTAL\s+OPEN\s+STATUS$/);
    expect(lines[1]).toMatch(/^\(draft #2\)\s+quote\s+Desert Rose Imports LLC\s+15\.00 USD\s+draft$/);
    expect(lines[2]).toMatch(/^INV-2026-00001\s+invoice\s+2026-01-02\s+2026-01-31\s+Kaufhaus Berger GmbH\s+285\.60 EUR\s+285\.60 EUR\s+overdue$/);

    const overdue = kontor(dir, 'invoices', 'list', '--status', 'overdue', '--json');
    expect(JSON.parse(overdue.stdout)).toMatchObject({ total: 1, rows: [{ number: 'INV-2026-00001', overdue: true }] });
    const late = kontor(dir, 'invoices', 'list', '--status', 'late');
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/filter/);

    const out = join(dir, 'out.pdf');
    const pdf = kontor(dir, 'invoice', 'pdf', 'INV-2026-00001', '--out', out);
    expect(pdf).toMatchObject({ code: 0, stderr: '' });
    expect(pdf.stdout).toContain(`SHA-256 ${sha256}`);
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(sha256);

    const missing = kontor(dir, 'invoice', 'pdf', 'INV-2026-99999', '--out', out);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('There is no document numbered INV-2026-99999');
    expect(kontor(dir, 'invoice', 'pdf', 'INV-2026-00001')).toMatchObject({ code: 2 });
  }, 90_000);
});
