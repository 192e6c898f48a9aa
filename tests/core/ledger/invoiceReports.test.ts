import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardSummary } from '../../../electron/core/ledger/dashboard.ts';
import { runExport } from '../../../electron/core/ledger/exports/runExport.ts';
import { trialBalance } from '../../../electron/core/ledger/queries.ts';
import { BUYERS, openInvoicingKontor, type InvoicingKontor } from '../invoicing/support.ts';
import { checkTable, readWorkbook, rowsOf } from './xlsxCheck.ts';

/*
 * The four invoice reports over invoices issued through invoicing itself, read back from the
 * files: every formula's stored result checked against the cells it names, and the totals
 * against the journal the same invoices were posted to.
 *
 *  INV-2026-00001  2026-03-02  Kaufhaus Berger GmbH (DE)  4 rugs × 250.00 at 19 % + 1.5 kg saffron × 1,200.00 at 7 %
 *                              = 1,000.00 + 190.00 + 1,800.00 + 126.00 = 3,116.00, due 2026-04-01
 *  INV-2026-00002  2026-03-02  Maison Dupont SARL (FR, VAT id)  2 rugs, intra-EU: 500.00, due 2026-03-16
 *  INV-2026-00003  2026-03-02  Desert Rose Imports LLC (US)  USD 1,000.00 export at 1.10 = 909.09, due 2026-04-01
 *  CN-2026-00001   2026-03-10  credits the 4 rugs of INV-2026-00001: 1,000.00 + 190.00
 *  2026-04-14      USD 400.00 paid on INV-2026-00003 (363.64 of its receivable at 1.10)
 */

let t: InvoicingKontor;
beforeEach(async () => {
  t = await openInvoicingKontor();
  await t.invoicing.importEcbXml(readFileSync(join(import.meta.dirname, '..', 'invoicing', 'fixtures', 'ecb', 'eurofxref-hist.xml'), 'utf8'));
  t.product('RUG-1', { priceMinor: 25000 });
  t.product('SAFFRON', { unit: 'kg', priceMinor: 120000, taxClass: 'reduced' });
  const issue = async (input: Parameters<InvoicingKontor['draft']>[0], date: string) => t.invoicing.issue((await t.draft(input)).id, date);
  const inv1 = await issue({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '4' }, { sku: 'SAFFRON', quantity: '1.5' }] }, '2026-03-02');
  await issue({ kind: 'invoice', buyerContactId: BUYERS.fr.contactId, lines: [{ sku: 'RUG-1', quantity: '2' }] }, '2026-03-02');
  const inv3 = await issue({ kind: 'invoice', buyerContactId: BUYERS.us.contactId, lines: [{ name: 'Kilim', quantity: '1', unitPrice: '1000.00' }] }, '2026-03-02');
  const cn = await t.invoicing.creditNote(inv1.id, [inv1.lines.find((l) => l.sku === 'RUG-1')!.id], false, null);
  await t.invoicing.issue(cn.id, '2026-03-10');
  await t.invoicing.recordPayment({
    buyerContactId: null,
    buyerName: null,
    receivedOn: '2026-04-14',
    amount: '400.00',
    currency: 'USD',
    bankFee: null,
    method: 'bank',
    reference: null,
    allocations: [{ documentId: inv3.id, amount: '400.00' }],
  });
});
afterEach(() => t.close());

const PERIOD = { from: '2026-03-01', to: '2026-04-30' };
const meta = (title: string) => ({ title, company: 'Teppichhaus Atlas GmbH', period: '2026-03-01 – 2026-04-30', currency: 'EUR' });

async function exported(report: Parameters<typeof runExport>[1]['report'], format: 'xlsx' | 'csv' = 'xlsx') {
  return runExport(t.sqlite, { report, format, ...PERIOD }, { dataDir: t.dataDir, now: new Date('2026-05-02T08:00:00.000Z') });
}

/** Revenue of the period as the journal holds it (credit positive), per account. */
function revenue(): Record<string, number> {
  const rows = trialBalance(t.sqlite, PERIOD.from, PERIOD.to).filter((r) => ['8400', '8300', '8120', '8125', '1776', '1771'].includes(r.account));
  return Object.fromEntries(rows.map((r) => [r.account, r.creditMinor - r.debitMinor]));
}

describe('invoice reports over issued invoices', () => {
  it('VAT summary: net and VAT per tax case, rate and country, credit notes subtracted, equal to the revenue and VAT accounts', async () => {
    const c = checkTable(await readWorkbook((await exported('vat-summary')).path), 'VAT summary', meta('VAT summary'));
    expect(rowsOf(c).map((r) => [r['Tax case'], r.Rate, r['Customer country'], r.Documents, r.Net, r.VAT, r.Gross])).toEqual([
      ['domestic', 0.19, 'DE', 2, 0, 0, 0],
      ['domestic', 0.07, 'DE', 1, 1800, 126, 1926],
      ['export', 0, 'US', 1, 909.09, 0, 909.09],
      ['intraEu', 0, 'FR', 1, 500, 0, 500],
      ['Total', null, null, null, 3209.09, 126, 3335.09],
    ]);
    expect(c.formulas).toBe(4 + 3);
    // The same figures as the journal: revenue 8400/8300/8120/8125, VAT 1776/1771.
    expect(revenue()).toEqual({ '8400': 0, '8300': 180_000, '8120': 90_909, '8125': 50_000, '1776': 0, '1771': 12_600 });
  });

  it('sales journal: one row per document, net per tax code and VAT per rate as columns, gross as a formula', async () => {
    const c = checkTable(await readWorkbook((await exported('sales-journal')).path), 'Sales journal', meta('Sales journal'));
    expect(c.headers).toEqual(['Date', 'Number', 'Kind', 'Customer', 'Country', 'VAT id', 'Net 19 %', 'Net 7 %', 'Net export', 'Net intra-EU', 'VAT 19 %', 'VAT 7 %', 'Gross']);
    const rows = rowsOf(c);
    expect(rows.map((r) => [r.Number, r.Kind, r.Country, r['VAT id'], r['Net 19 %'], r['Net 7 %'], r['Net export'], r['Net intra-EU'], r['VAT 19 %'], r['VAT 7 %'], r.Gross])).toEqual([
      ['INV-2026-00001', 'invoice', 'DE', 'DE129273398', 1000, 1800, null, null, 190, 126, 3116],
      ['INV-2026-00002', 'invoice', 'FR', 'FR40303265045', null, null, null, 500, null, null, 500],
      ['INV-2026-00003', 'invoice', 'US', null, null, null, 909.09, null, null, null, 909.09],
      ['CN-2026-00001', 'credit note', 'DE', 'DE129273398', -1000, null, null, null, -190, null, -1190],
      [null, null, null, null, 0, 1800, 909.09, 500, 0, 126, 3335.09],
    ]);
    expect(rows[0]!.Date).toEqual(new Date(Date.UTC(2026, 2, 2)));
    expect(c.cells.get(`${c.col('Gross')}8`)).toMatchObject({ formula: `SUM(${c.col('Net 19 %')}8:${c.col('VAT 7 %')}8)` });
  });

  it('AR aging at the end of the period: open amounts at the invoice’s rate, in the bucket of their days past due', async () => {
    const c = checkTable(await readWorkbook((await exported('ar-aging')).path), 'AR aging', meta('Receivables aging at 2026-04-30'));
    expect(rowsOf(c).map((r) => [r.Customer, r.Invoice, r['Days past due'], r['Open (document currency)'], r.Open, r['1–30'], r['31–60']])).toEqual([
      ['Desert Rose Imports LLC', 'INV-2026-00003', 29, 'USD 600.00', 545.45, 545.45, null],
      ['Kaufhaus Berger GmbH', 'INV-2026-00001', 29, 'EUR 1926.00', 1926, 1926, null],
      ['Maison Dupont SARL', 'INV-2026-00002', 45, 'EUR 500.00', 500, null, 500],
      ['Total', null, null, null, 2971.45, 2471.45, 500],
    ]);
    // What is open equals the receivable account at the same day.
    const receivables = trialBalance(t.sqlite, PERIOD.from, PERIOD.to).find((r) => r.account === '1400');
    expect(receivables?.closingMinor).toBe(297_145);
  });

  it('AR aging before the payment and the credit note: what was open then', async () => {
    const { path } = await runExport(t.sqlite, { report: 'ar-aging', format: 'xlsx', from: '2026-03-01', to: '2026-03-05' }, { dataDir: t.dataDir });
    const c = checkTable(await readWorkbook(path), 'AR aging', { ...meta('Receivables aging at 2026-03-05'), period: '2026-03-01 – 2026-03-05' });
    expect(rowsOf(c).map((r) => [r.Invoice, r.Open, r.Current])).toEqual([
      ['INV-2026-00003', 909.09, 909.09],
      ['INV-2026-00001', 3116, 3116],
      ['INV-2026-00002', 500, 500],
      [null, 4525.09, 4525.09],
    ]);
  });

  it('invoice register: both currencies, the rate, status; credit notes negative; CSV holds the same with results', async () => {
    const c = checkTable(await readWorkbook((await exported('invoice-register')).path), 'Invoice register', meta('Invoice register'));
    expect(rowsOf(c).map((r) => [r.Number, r.Currency, r.Rate, r['Gross (document currency)'], r.Net, r.VAT, r.Gross, r.Status])).toEqual([
      ['INV-2026-00001', 'EUR', '1', 'EUR 3116.00', 2800, 316, 3116, 'partlyPaid'],
      ['INV-2026-00002', 'EUR', '1', 'EUR 500.00', 500, 0, 500, 'open'],
      ['INV-2026-00003', 'USD', '1.1', 'USD 1000.00', 909.09, 0, 909.09, 'partlyPaid'],
      ['CN-2026-00001', 'EUR', '1', 'EUR -1190.00', -1000, -190, -1190, 'credited'],
      [null, null, null, null, 3209.09, 126, 3335.09, null],
    ]);
    const csv = readFileSync((await exported('invoice-register', 'csv')).path, 'utf8');
    expect(csv).toContain('\r\nINV-2026-00003,invoice,2026-03-02,2026-04-01,Desert Rose Imports LLC,US,,USD,1.1,USD 1000.00,909.09,0.00,909.09,partlyPaid\r\n');
    expect(csv).toContain('\r\n,,,,Total,,,,,,3209.09,126.00,3335.09,\r\n');
  });

  it('the dashboard: sales by month, marketplace and country, top products and overdue receivables, agreeing with the journal', () => {
    const d = dashboardSummary(t.sqlite, PERIOD.from, PERIOD.to, '2026-04-30');
    // 2,800.00 + 500.00 + 909.09 − 1,000.00 of net sales in March.
    expect(d.salesByMonth).toEqual([
      { month: '2026-03', netMinor: 320_909, documents: 4 },
      { month: '2026-04', netMinor: 0, documents: 0 },
    ]);
    const r = revenue();
    expect(d.salesByMonth.reduce((s, m) => s + m.netMinor, 0)).toBe(r['8400']! + r['8300']! + r['8120']! + r['8125']!);
    expect(d.salesByMarketplace).toEqual([{ marketplace: null, netMinor: 320_909 }]);
    expect(d.salesByCountry).toEqual([
      { country: 'DE', netMinor: 180_000 },
      { country: 'US', netMinor: 90_909 },
      { country: 'FR', netMinor: 50_000 },
    ]);
    expect(d.topProductsBySales).toEqual([
      { sku: 'SAFFRON', name: 'Rug SAFFRON', netMinor: 180_000, quantityMilli: 1_500, unit: 'kg' },
      { sku: null, name: 'Kilim', netMinor: 90_909, quantityMilli: 1_000, unit: 'pcs' },
      { sku: 'RUG-1', name: 'Rug RUG-1', netMinor: 50_000, quantityMilli: 2_000, unit: 'pcs' }, // 4 + 2 sold, 4 credited
    ]);
    expect(d.overdueReceivables).toEqual({
      at: '2026-04-30',
      totalMinor: 297_145,
      count: 3,
      buckets: [
        { bucket: '1-30', minor: 192_600 + 54_545, count: 2 },
        { bucket: '31-60', minor: 50_000, count: 1 },
        { bucket: '61-90', minor: 0, count: 0 },
        { bucket: '91-120', minor: 0, count: 0 },
        { bucket: '120+', minor: 0, count: 0 },
      ],
      oldest: [
        { customer: 'Maison Dupont SARL', number: 'INV-2026-00002', dueDate: '2026-03-16', daysLate: 45, openMinor: 50_000 },
        { customer: 'Kaufhaus Berger GmbH', number: 'INV-2026-00001', dueDate: '2026-04-01', daysLate: 29, openMinor: 192_600 },
        { customer: 'Desert Rose Imports LLC', number: 'INV-2026-00003', dueDate: '2026-04-01', daysLate: 29, openMinor: 54_545 },
      ],
    });
    // A period running into the future counts what is overdue today, not at its end.
    expect(dashboardSummary(t.sqlite, '2026-01-01', '2026-12-31', '2026-03-20').overdueReceivables).toMatchObject({ at: '2026-03-20', count: 1, totalMinor: 50_000 });
  });
});
