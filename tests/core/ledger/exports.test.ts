import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExport } from '../../../electron/core/ledger/exports/runExport.ts';
import { invoiceSourceOf, type SalesDocument } from '../../../electron/core/ledger/reports/invoiceSource.ts';
import { writeLedgerSettings } from '../../../electron/core/ledger/settings.ts';
import { checkTable, readWorkbook, rowsOf } from './xlsxCheck.ts';
import { openLedgerKontor, postWorkedQuarter, type LedgerKontor } from './support.ts';

let t: LedgerKontor;
beforeEach(async () => {
  t = await openLedgerKontor('SKR03', 'DE', 'EUR');
  postWorkedQuarter(t);
});
afterEach(() => t.close());

const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const now = new Date('2025-04-02T08:30:00.000Z');
const meta = (title: string, period = '2025-01-01 – 2025-03-31') => ({ title, company: 'Müller & Söhne GmbH', period, currency: 'EUR' });

async function exportTo(report: Parameters<typeof runExport>[1]['report'], format: Parameters<typeof runExport>[1]['format'], extra: Partial<Parameters<typeof runExport>[1]> = {}, invoices?: Parameters<typeof runExport>[2]['invoices']) {
  return runExport(t.sqlite, { report, format, ...Q1, ...extra }, { dataDir: t.dataDir, now, ...(invoices ? { invoices } : {}) });
}

describe('Excel ledgers', () => {
  it('journal: every line, totals as SUBTOTAL formulas with their results, real dates, currency formats', async () => {
    const { path, rows } = await exportTo('journal', 'xlsx');
    expect(path).toBe(join(t.dataDir, 'exports', 'journal_2025-01-01_2025-03-31.xlsx'));
    expect(rows).toBe(22);
    const c = checkTable(await readWorkbook(path), 'Journal', meta('Journal'));
    const data = rowsOf(c);
    expect(data).toHaveLength(23);
    const total = data.at(-1)!;
    // Debits of the quarter by hand: 500 + 200 + 1,297 + 2,000 + 909.09 + 952.38 + 119 + 1,178.
    expect(total.Debit).toBeCloseTo(7155.47, 6);
    expect(total.Credit).toBeCloseTo(7155.47, 6);
    expect(c.cells.get(`${c.col('Debit')}${c.sheet.rowCount}`)).toMatchObject({ formula: `SUBTOTAL(9,${c.col('Debit')}8:${c.col('Debit')}29)` });
    expect(data[0]!.Date).toEqual(new Date(Date.UTC(2025, 0, 6)));
    expect(c.sheet.getCell(`${c.col('Date')}8`).numFmt).toBe('yyyy-mm-dd');
    expect(c.sheet.getCell(`${c.col('Debit')}8`).numFmt).toBe('#,##0.00;[Red]-#,##0.00');
    expect(data.some((r) => r['Foreign amount'] === 'USD 1000')).toBe(true);
  });

  it('general ledger: opening balance, running balance and per-account totals that add up', async () => {
    const { path } = await exportTo('general-ledger', 'xlsx', { from: '2025-02-01', to: '2025-03-31' });
    const c = checkTable(await readWorkbook(path), 'General ledger', meta('General ledger', '2025-02-01 – 2025-03-31'));
    const data = rowsOf(c);
    const receivables = data.filter((r) => r.Account === '1400');
    // January left 1,297 + 2,000 open; February adds RE-3 909.09 and takes GS-1 119; March pays 909.09 and 1,178.
    expect(receivables.map((r) => [r.Description, r.Debit ?? null, r.Credit ?? null, r.Balance])).toEqual([
      ['Opening balance', null, null, 3297],
      ['Invoice RE-3, Acme Imports Inc.', 909.09, null, 4206.09],
      ['Credit note GS-1 for invoice RE-1, Kaufhaus Berg', null, 119, 4087.09],
      ['Payment of invoice RE-3, Acme Imports Inc.', null, 909.09, 3178],
      ['Payment of invoice RE-1, Kaufhaus Berg', null, 1178, 2000],
      ['Total 1400', 909.09, 2206.09, 2000],
    ]);
    const grand = data.at(-1)!;
    expect(grand.Description).toBe('Total of all accounts');
    expect(grand.Debit).toBeCloseTo(grand.Credit as number, 6);
    // Accounts with only an opening balance still appear (stock: nothing moved after January).
    expect(data.filter((r) => r.Account === '3980').map((r) => r.Balance)).toEqual([300, 300]);
    expect(c.formulas).toBeGreaterThan(20);
  });

  it('trial balance: closing = opening + debit − credit as formulas, totals zero', async () => {
    const { path } = await exportTo('trial-balance', 'xlsx', { from: '2025-02-01' });
    const c = checkTable(await readWorkbook(path), 'Trial balance', meta('Trial balance', '2025-02-01 – 2025-03-31'));
    const data = rowsOf(c);
    expect(data.find((r) => r.Account === '2668')).toMatchObject({ 'Opening balance': 0, Debit: 0, Credit: 43.29, 'Closing balance': -43.29 });
    expect(data.find((r) => r.Account === '1200')).toMatchObject({ 'Opening balance': 0, Debit: 2120.86, Credit: 0, 'Closing balance': 2120.86 });
    const total = data.at(-1)!;
    expect(total['Opening balance']).toBeCloseTo(0, 9);
    expect(total['Closing balance']).toBeCloseTo(0, 9);
    expect(total.Debit).toBeCloseTo(total.Credit as number, 9);
    expect(c.cells.get(`${c.col('Closing balance')}8`)).toMatchObject({ formula: 'D8+E8-F8' });
  });

  it('stock valuation at a date agrees with the inventory account', async () => {
    const { path } = await exportTo('stock-valuation', 'xlsx');
    const c = checkTable(await readWorkbook(path), 'Stock valuation', meta('Stock valuation at 2025-03-31'));
    expect(rowsOf(c)).toEqual([
      { SKU: 'RUG-200x300', Product: null, Unit: 'pcs', Quantity: 6, Value: 300, 'Unit cost': 50 },
      { SKU: null, Product: 'Total', Unit: null, Quantity: null, Value: 300, 'Unit cost': null },
    ]);
  });

  it('CSV: the same table with results instead of formulas, exact decimals, ISO dates', async () => {
    const { path } = await exportTo('trial-balance', 'csv');
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFFAccount,Account name,Kind,Opening balance,Debit,Credit,Closing balance\r\n')).toBe(true);
    expect(text).toContain('\r\n2668,Erträge aus Währungsumrechnung,revenue,0.00,0.00,43.29,-43.29\r\n');
    expect(text).toContain('\r\n,Total,,0.00,');
  });

  it('invoice reports run over any invoice source', async () => {
    const doc = (d: Partial<SalesDocument> & Pick<SalesDocument, 'number' | 'date' | 'taxes'>): SalesDocument => ({
      kind: 'invoice', dueDate: null, customerName: 'Kaufhaus Berg', customerCountry: 'DE', customerVatId: null, marketplace: null, currency: 'EUR', rate: '1', status: 'open', ...d,
    });
    const source = invoiceSourceOf(
      [
        doc({ number: 'RE-1', date: '2025-01-07', taxes: [{ taxCase: 'domestic', rateBp: 1900, netMinor: 100_000, vatMinor: 19_000, netBaseMinor: 100_000, vatBaseMinor: 19_000 }, { taxCase: 'domestic', rateBp: 700, netMinor: 10_000, vatMinor: 700, netBaseMinor: 10_000, vatBaseMinor: 700 }] }),
        doc({ number: 'RE-2', date: '2025-01-20', customerName: 'Maison Dupont SARL', customerCountry: 'FR', customerVatId: 'FR40303265045', taxes: [{ taxCase: 'intraEu', rateBp: 0, netMinor: 200_000, vatMinor: 0, netBaseMinor: 200_000, vatBaseMinor: 0 }] }),
        doc({ number: 'RE-3', date: '2025-02-03', customerName: 'Acme Imports Inc.', customerCountry: 'US', currency: 'USD', rate: '1.10', marketplace: 'amazon', taxes: [{ taxCase: 'export', rateBp: 0, netMinor: 100_000, vatMinor: 0, netBaseMinor: 90_909, vatBaseMinor: 0 }] }),
        doc({ number: 'GS-1', kind: 'creditNote', date: '2025-02-10', taxes: [{ taxCase: 'domestic', rateBp: 1900, netMinor: 10_000, vatMinor: 1_900, netBaseMinor: 10_000, vatBaseMinor: 1_900 }] }),
      ],
      () => [
        { customerName: 'Maison Dupont SARL', number: 'RE-2', date: '2025-01-20', dueDate: '2025-02-19', currency: 'EUR', openMinor: 200_000, openBaseMinor: 200_000 },
        { customerName: 'Zeta', number: 'RE-9', date: '2025-03-20', dueDate: '2025-04-19', currency: 'EUR', openMinor: 5_000, openBaseMinor: 5_000 },
      ],
    );
    const vat = rowsOf(checkTable(await readWorkbook((await exportTo('vat-summary', 'xlsx', {}, source)).path), 'VAT summary', meta('VAT summary')));
    expect(vat.map((r) => [r['Tax case'], r.Rate, r['Customer country'], r.Net, r.VAT, r.Gross])).toEqual([
      ['domestic', 0.19, 'DE', 900, 171, 1071],
      ['domestic', 0.07, 'DE', 100, 7, 107],
      ['export', 0, 'US', 909.09, 0, 909.09],
      ['intraEu', 0, 'FR', 2000, 0, 2000],
      ['Total', null, null, 3909.09, 178, 4087.09],
    ]);
    const sales = checkTable(await readWorkbook((await exportTo('sales-journal', 'xlsx', {}, source)).path), 'Sales journal', meta('Sales journal'));
    expect(sales.headers).toEqual(['Date', 'Number', 'Kind', 'Customer', 'Country', 'VAT id', 'Net 19 %', 'Net 7 %', 'Net export', 'Net intra-EU', 'VAT 19 %', 'VAT 7 %', 'Gross']);
    expect(rowsOf(sales).at(-1)).toMatchObject({ Customer: 'Total', 'Net 19 %': 900, 'VAT 19 %': 171, Gross: 4087.09 });
    const aging = rowsOf(checkTable(await readWorkbook((await exportTo('ar-aging', 'xlsx', {}, source)).path), 'AR aging', meta('Receivables aging at 2025-03-31')));
    expect(aging.map((r) => [r.Invoice, r['Days past due'], r.Current, r['31–60']])).toEqual([
      ['RE-2', 40, null, 2000],
      ['RE-9', 0, 50, null],
      [null, null, 50, 2000],
    ]);
    const register = rowsOf(checkTable(await readWorkbook((await exportTo('invoice-register', 'xlsx', {}, source)).path), 'Invoice register', meta('Invoice register')));
    expect(register.find((r) => r.Number === 'GS-1')).toMatchObject({ Net: -100, VAT: -19, Gross: -119, 'Gross (document currency)': 'EUR -119.00' });
  });

  it('a failed or cancelled export leaves no file behind; an existing file is not replaced', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runExport(t.sqlite, { report: 'journal', format: 'xlsx', ...Q1 }, { dataDir: t.dataDir, signal: controller.signal })).rejects.toThrow();
    const dir = join(t.dataDir, 'exports');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    await exportTo('journal', 'csv');
    await expect(exportTo('journal', 'csv')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(exportTo('journal', 'xlsx', { from: '2025-04-01', to: '2025-03-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('DATEV and FEC hold the journal only, and say which setting is missing', async () => {
    await expect(exportTo('trial-balance', 'datev')).rejects.toMatchObject({ details: { issues: [{ key: 'ledger.export.journalOnly' }] } });
    await expect(exportTo('journal', 'datev')).rejects.toMatchObject({ details: { issues: [{ key: 'ledger.datev.consultantNumber' }, { key: 'ledger.datev.clientNumber' }] } });
    await expect(exportTo('journal', 'fec')).rejects.toMatchObject({ details: { issues: [{ key: 'ledger.fec.siren' }] } });
    writeLedgerSettings(t.sqlite, { datev: { consultantNumber: 29098, clientNumber: 55003 } });
    await expect(exportTo('journal', 'datev', { from: '2024-12-01' })).rejects.toMatchObject({ details: { issues: [{ key: 'ledger.datev.oneFiscalYear' }] } });
  });
});

describe('memory', () => {
  it('the Excel writer waits for deflate: what waits to be compressed stays under the limit', async () => {
    const { openXlsxOutput, PENDING_LIMIT } = await import('../../../electron/core/ledger/reports/xlsxOutput.ts');
    const { JOURNAL_COLUMNS } = await import('../../../electron/core/ledger/reports/journal.ts');
    const out = await openXlsxOutput(join(t.dataDir, 'memory.xlsx'));
    const table = out.table('Journal', JOURNAL_COLUMNS, { title: 'Journal', company: 'x', from: '2025-01-01', to: '2025-12-31', generatedAt: now, currency: 'EUR' });
    let highest = 0;
    for (let i = 1; i <= 60_000; i++) {
      table.addRow({ date: '2025-03-01', journal: 'SALES', number: i, reference: `RE-${i}`, description: `Invoice ${i} for a customer with a longer name`, account: '1400', accountName: 'Forderungen', party: 'Kaufhaus Berg', debit: i, credit: null });
      if (i % 2_000 === 0) {
        await out.tick(i, 60_000);
        const pending = out.pendingBytes();
        // exceljs 4.4's internals are there (a newer version without them would silently buffer again).
        expect(pending).not.toBeNull();
        highest = Math.max(highest, pending!);
      }
    }
    await out.finish();
    // One tick's rows (2,000 × ~600 bytes of XML) at most on top of the limit.
    expect(highest).toBeLessThanOrEqual(PENDING_LIMIT + 2 * 2 ** 20);
    // 60,000 rows through deflate: a few seconds alone, much longer on a busy CI machine.
  }, 120_000);
});
