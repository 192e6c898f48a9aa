import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KontorClient } from '../../../shared/client.ts';
import type { JobView } from '../../../shared/contract/jobs.ts';
import { insertCompany, insertProduct } from '../../support/catalogRows.ts';
import { fillJournal } from '../../support/ledgerData.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
  insertCompany(t.kontor.database.sqlite, 'EUR');
  t.kontor.database.sqlite.prepare("UPDATE company SET country = 'DE' WHERE id = 1").run();
});
afterEach(() => t.close());

async function finished(client: KontorClient, id: number): Promise<JobView> {
  for (;;) {
    const job = await client.tryCall('jobs.get', { id });
    if (!job.ok) throw new Error(job.error.message);
    if (!['queued', 'running'].includes(job.value.status)) return job.value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ledger calls', () => {
  it('chart, mapping, manual entries, journal, trial balance, reversal and lock, through the contract', async () => {
    const c = t.client;
    const chart = await c.tryCall('ledger.chart.get', {});
    expect(chart.ok && chart.value.chart).toBe('SKR03');
    expect(chart.ok && chart.value.mapping.find((m) => m.postingKey === 'revenue.domestic.1900')?.account).toBe('8400');
    expect(await c.tryCall('ledger.accounts.create', { code: '1210', name: 'Sparkasse', kind: 'asset' })).toMatchObject({ ok: true });
    const mapped = await c.tryCall('ledger.mapping.set', { postingKey: 'bank', account: '1210' });
    expect(mapped.ok && mapped.value.mapping.find((m) => m.postingKey === 'bank')?.account).toBe('1210');
    expect(await c.tryCall('ledger.mapping.set', { postingKey: 'bank', account: '9999' })).toMatchObject({ ok: false, error: { details: { issues: [{ key: 'ledger.account.unknown' }] } } });

    const bad = await c.tryCall('ledger.entries.postManual', { date: '2025-05-02', description: 'x', lines: [{ account: '1000', debit: '12,345' }, { account: '1210', credit: 'ten' }] });
    expect(bad).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'lines.0.debit', key: 'ledger.manual.amount' }, { path: 'lines.1.credit', key: 'ledger.manual.amount' }] } } });
    const posted = await c.tryCall('ledger.entries.postManual', { date: '2025-05-02', description: 'Cash to bank', lines: [{ account: '1210', debit: '1.234,50' }, { account: '1000', credit: '1234.50' }] });
    expect(posted.ok).toBe(true);
    const journal = await c.tryCall('ledger.journal', { account: '1210' });
    expect(journal.ok && journal.value).toMatchObject({ currency: 'EUR', total: 1, rows: [{ journal: 'MISC', number: 1, debitMinor: 123_450, accountName: 'Sparkasse' }] });
    const none = await c.tryCall('ledger.journal', { text: 'nothing like it' });
    expect(none.ok && none.value.total).toBe(0);

    const reversed = await c.tryCall('ledger.entries.reverse', { entryId: posted.ok ? posted.value.entryId : 0, date: '2025-05-03', reason: 'wrong account' });
    expect(reversed.ok).toBe(true);
    const tb = await c.tryCall('ledger.trialBalance', { from: '2025-05-01', to: '2025-05-31' });
    expect(tb.ok && tb.value.rows.map((r) => [r.account, r.debitMinor, r.creditMinor, r.closingMinor])).toEqual([
      ['1000', 123_450, 123_450, 0],
      ['1210', 123_450, 123_450, 0],
    ]);

    expect(await c.tryCall('ledger.lock.set', { through: '2025-05-31' })).toEqual({ ok: true, value: { lockedThrough: '2025-05-31' } });
    expect(await c.tryCall('ledger.lock.set', { through: '2025-04-30' })).toMatchObject({ ok: false, error: { details: { issues: [{ key: 'ledger.lock.backwards' }] } } });
    expect(await c.tryCall('ledger.entries.postManual', { date: '2025-05-20', description: 'late', lines: [{ account: '1210', debit: '1' }, { account: '1000', credit: '1' }] })).toMatchObject({
      ok: false,
      error: { details: { issues: [{ key: 'ledger.locked' }] } },
    });
    expect(await c.tryCall('ledger.chart.install', { chart: 'SKR04' })).toMatchObject({ ok: false, error: { details: { issues: [{ key: 'ledger.chart.locked' }] } } });
    const settings = await c.tryCall('ledger.settings.set', { datev: { consultantNumber: 29098, clientNumber: 55003 }, fec: { siren: '732829320' } });
    expect(settings).toMatchObject({ ok: true, value: { chart: 'SKR03', datev: { consultantNumber: 29098, clientNumber: 55003, accountLength: 4 }, fec: { siren: '732829320' } } });
    const reports = await c.tryCall('ledger.reports.list', {});
    expect(reports.ok && reports.value.filter((r) => r.needsInvoices).map((r) => r.id)).toEqual(['vat-summary', 'sales-journal', 'ar-aging', 'invoice-register']);
  });

  it('dashboard: stock figures from the stock ledger; sales at zero before any invoice', async () => {
    const sqlite = t.kontor.database.sqlite;
    insertProduct(sqlite, { sku: 'RUG' });
    await t.client.tryCall('stock.receive', { sku: 'RUG', warehouse: 'MAIN', quantity: '10', unitCost: '50', occurredAt: '2025-01-10T10:00:00.000Z' });
    await t.client.tryCall('stock.ship', { sku: 'RUG', warehouse: 'MAIN', quantity: '4', occurredAt: '2025-02-10T10:00:00.000Z' });
    await t.client.tryCall('stock.setReorderRule', { sku: 'RUG', warehouse: 'MAIN', reorderPoint: '8', reorderQuantity: '20' });
    const d = await t.client.tryCall('dashboard.summary', { from: '2025-01-01', to: '2025-03-31' });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.stock.valueMinor).toBe(30_000);
    expect(d.value.stock.valueByMonth).toEqual([
      { month: '2025-01', valueMinor: 50_000 },
      { month: '2025-02', valueMinor: 30_000 },
      { month: '2025-03', valueMinor: 30_000 },
    ]);
    expect(d.value.stock.shippedAtCostByMonth.map((m) => m.valueMinor)).toEqual([0, 20_000, 0]);
    expect(d.value.stock.topByValue).toMatchObject([{ sku: 'RUG', valueMinor: 30_000, quantityMilli: 6_000 }]);
    expect(d.value.stock.lowStock).toMatchObject([{ sku: 'RUG', warehouseCode: 'MAIN', availableMilli: 6_000, reorderPointMilli: 8_000 }]);
    // No invoices yet: every month at zero, nothing overdue (tests/core/ledger/invoiceReports.test.ts has them).
    expect(d.value.salesByMonth).toEqual(['2025-01', '2025-02', '2025-03'].map((month) => ({ month, netMinor: 0, documents: 0 })));
    expect(d.value).toMatchObject({ salesByMarketplace: [], salesByCountry: [], topProductsBySales: [], overdueReceivables: { totalMinor: 0, count: 0, oldest: [] } });
    // The stock postings went through the contract's stock calls, in their transaction.
    const tb = await t.client.tryCall('ledger.trialBalance', { from: '2025-01-01', to: '2025-03-31' });
    expect(tb.ok && tb.value.rows.find((r) => r.account === '3980')?.closingMinor).toBe(30_000);
  });

  it('exports as a background job with progress, answers the file, and shows it only through the job', async () => {
    fillJournal(t.kontor.database.sqlite, 20_000);
    const started = await t.client.tryCall('jobs.start', { kind: 'ledger.export', input: { report: 'general-ledger', format: 'xlsx', from: '2025-01-01', to: '2025-12-31' } });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const job = await finished(t.client, started.value.id);
    expect(job).toMatchObject({ status: 'succeeded', result: { rows: 20_000, warning: null }, total: 20_000 });
    const path = (job.result as { path: string }).path;
    expect(path).toBe(join(t.dataDir, 'exports', 'general-ledger_2025-01-01_2025-12-31.xlsx'));
    expect(existsSync(path)).toBe(true);
    expect(await t.client.tryCall('ledger.exports.reveal', { jobId: job.id })).toEqual({ ok: true, value: { shown: false, path } });
    // A renderer cannot start an export to a path of its choosing.
    expect(await t.client.tryCall('jobs.start', { kind: 'ledger.export', input: { report: 'journal', format: 'csv', from: '2025-01-01', to: '2025-12-31', outPath: '/tmp/x.csv' } as never })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('a cancelled export ends as cancelled and leaves no file', async () => {
    fillJournal(t.kontor.database.sqlite, 80_000);
    const started = await t.client.tryCall('jobs.start', { kind: 'ledger.export', input: { report: 'journal', format: 'xlsx', from: '2025-01-01', to: '2025-12-31' } });
    if (!started.ok) throw new Error(started.error.message);
    for (;;) {
      const job = await t.client.tryCall('jobs.get', { id: started.value.id });
      if (job.ok && job.value.done > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await t.client.tryCall('jobs.cancel', { id: started.value.id });
    const job = await finished(t.client, started.value.id);
    expect(job.status).toBe('cancelled');
    expect(readdirSync(join(t.dataDir, 'exports'))).toEqual([]);
  });
});
