import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPattern, fiscalYearOf, formatNumber } from '../../../shared/invoicing/numbering.ts';
import { openInvoicingKontor, type InvoicingKontor } from './support.ts';

const issuerScript = join(import.meta.dirname, 'fixtures', 'issuer.ts');

let t: InvoicingKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Issuer {
  output: string;
  errors: string;
  ready: Promise<void>;
  exited: Promise<number | null>;
  go(): void;
}

function startIssuer(databasePath: string, count: number, label: string): Issuer {
  const child = spawn(process.execPath, [issuerScript, databasePath, String(count), label], { stdio: 'pipe' });
  const issuer: Issuer = { output: '', errors: '', ready: Promise.resolve(), exited: Promise.resolve(null), go: () => child.stdin.write('go\n') };
  issuer.ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      issuer.output += chunk.toString();
      if (issuer.output.includes('ready\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`issuer exited (${code}) before it was ready: ${issuer.errors}`)));
  });
  child.stderr.on('data', (chunk: Buffer) => (issuer.errors += chunk.toString()));
  issuer.exited = new Promise((resolve) => child.on('exit', resolve));
  return issuer;
}

describe('numbers', () => {
  it('formats patterns and checks them', () => {
    expect(formatNumber('INV-{yyyy}-{seq:5}', 2026, 42)).toBe('INV-2026-00042');
    expect(formatNumber('{yy}/{seq}', 2026, 7)).toBe('26/7');
    expect(checkPattern('INV-{yyyy}-{seq:5}')).toEqual({ ok: true });
    expect(checkPattern('INV-{seq:5}')).toMatchObject({ ok: false, key: 'invoices.series.year' });
    expect(checkPattern('INV-{yyyy}')).toMatchObject({ ok: false, key: 'invoices.series.oneSeq' });
    expect(checkPattern('INV-{yyyy}-{seq}-{seq}')).toMatchObject({ ok: false, key: 'invoices.series.oneSeq' });
    expect(checkPattern('INV-{month}-{yyyy}-{seq}')).toMatchObject({ ok: false, key: 'invoices.series.unknownToken' });
  });

  it('puts a date in the fiscal year it belongs to', () => {
    const july = { month: 7, day: 1 };
    expect(fiscalYearOf('2026-06-30', july)).toBe(2025);
    expect(fiscalYearOf('2026-07-01', july)).toBe(2026);
    expect(fiscalYearOf('2026-01-01', { month: 1, day: 1 })).toBe(2026);
  });
});

it('two processes issuing at the same moment give no duplicate and no gap', async () => {
  t = await openInvoicingKontor();
  const count = 500;
  // This process keeps its connection open, as the app would while the CLI issues.
  const issuers = [startIssuer(t.kontor.databasePath, count, 'A'), startIssuer(t.kontor.databasePath, count, 'B')];
  await Promise.all(issuers.map((i) => i.ready));
  for (const i of issuers) i.go();
  const codes = await Promise.all(issuers.map((i) => i.exited));
  expect(issuers.map((i) => i.errors)).toEqual(['', '']);
  expect(codes).toEqual([0, 0]);

  const numbers = issuers.flatMap((i) => i.output.split('\n').filter((l) => l.startsWith('issued ')).map((l) => l.slice('issued '.length)));
  expect(numbers).toHaveLength(2 * count);
  expect(new Set(numbers).size).toBe(2 * count);
  const expected = Array.from({ length: 2 * count }, (_, k) => `INV-2026-${String(k + 1).padStart(5, '0')}`);
  expect([...numbers].sort()).toEqual(expected);
  // Both really interleaved: neither got one contiguous block.
  const a = issuers[0]?.output.split('\n').filter((l) => l.startsWith('issued ')).map((l) => Number(l.slice(-5))) ?? [];
  expect(a.filter((n, k) => k > 0 && n !== (a[k - 1] ?? 0) + 1).length).toBeGreaterThan(0);
  const stored = t.sqlite.prepare("SELECT seq FROM document WHERE status = 'issued' ORDER BY seq").pluck().all();
  expect(stored).toEqual(expected.map((_, k) => k + 1));
  expect(t.sqlite.prepare('SELECT last_seq FROM document_counter').pluck().get()).toBe(2 * count);
}, 120_000);
