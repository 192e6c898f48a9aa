import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receivableBaseOf } from '../../../electron/core/ledger/postings/invoice.ts';
import { trialBalance } from '../../../electron/core/ledger/queries.ts';
import { recordMovements } from '../../../electron/core/stock/recordMovements.ts';
import { BUYERS, openInvoicingKontor } from '../invoicing/support.ts';
import { balances, openLedgerKontor, postWorkedQuarter, type LedgerKontor } from './support.ts';

/*
 * A quarter of a German trader (SKR03, EUR), driven through the posting builders with plain data
 * and through the real stock writer, checked against the ledger worked out by hand below.
 *
 *  1. receive 10 rugs at 50.00                     3980 +500.00   1600 −500.00
 *  2. ship 4 rugs (average cost 50.00)             3200 +200.00   3980 −200.00
 *  3. RE-1 domestic: 1,000.00 at 19 %, 100.00 at 7 %
 *                                                  1400 +1,297.00 8400 −1,000.00 1776 −190.00 8300 −100.00 1771 −7.00
 *  4. RE-2 intra-EU supply to a French company     1400 +2,000.00 8125 −2,000.00
 *  5. RE-3 export, USD 1,000.00 at 1.10            1400 +909.09   8120 −909.09
 *  6. RE-3 paid at 1.05, bank keeps USD 10.00      1200 +942.86   4970 +9.52   1400 −909.09   2668 −43.29
 *       (1,000 / 1.05 = 952.38; 10 / 1.05 = 9.52; 952.38 − 909.09 = 43.29 gain)
 *  7. GS-1 credit note on RE-1: 100.00 at 19 %     8400 +100.00   1776 +19.00  1400 −119.00
 *  8. RE-1 rest paid in EUR: 1,178.00              1200 +1,178.00 1400 −1,178.00
 */
const HAND_LEDGER: Record<string, number> = {
  '1200': 94_286 + 117_800,
  '1400': 129_700 + 200_000 + 90_909 - 90_909 - 11_900 - 117_800, // RE-2 still open: 2,000.00
  '1600': -50_000,
  '1771': -700,
  '1776': -19_000 + 1_900,
  '2668': -4_329,
  '3200': 20_000,
  '3980': 50_000 - 20_000,
  '4970': 952,
  '8120': -90_909,
  '8125': -200_000,
  '8300': -10_000,
  '8400': -100_000 + 10_000,
};

let t: LedgerKontor;
beforeEach(async () => {
  t = await openLedgerKontor('SKR03', 'DE', 'EUR');
});
afterEach(() => t.close());

describe('a worked quarter', () => {
  it('matches the ledger computed by hand, account by account, and the trial balance sums to zero', () => {
    const { re3 } = postWorkedQuarter(t);

    expect(balances(t.sqlite)).toEqual(HAND_LEDGER);
    expect(receivableBaseOf(re3)).toBe(90_909);

    const tb = trialBalance(t.sqlite, '2025-01-01', '2025-03-31');
    expect(tb.reduce((s, r) => s + r.closingMinor, 0)).toBe(0);
    expect(tb.reduce((s, r) => s + r.debitMinor, 0)).toBe(tb.reduce((s, r) => s + r.creditMinor, 0));
    expect(Object.fromEntries(tb.map((r) => [r.account, r.closingMinor]))).toEqual(HAND_LEDGER);

    // February alone: January is the opening balance.
    const feb = Object.fromEntries(trialBalance(t.sqlite, '2025-02-01', '2025-02-28').map((r) => [r.account, r]));
    expect(feb['1400']).toMatchObject({ openingMinor: 329_700, debitMinor: 90_909, creditMinor: 11_900, closingMinor: 408_709 });
    expect(feb['3980']).toMatchObject({ openingMinor: 30_000, debitMinor: 0, creditMinor: 0, closingMinor: 30_000 });

    // Each journal is numbered on its own: two stock entries, four sales documents, two payments.
    const numbers = t.sqlite.prepare('SELECT journal, group_concat(number) AS n FROM (SELECT * FROM ledger_entry ORDER BY id) GROUP BY journal ORDER BY journal').all();
    expect(numbers).toEqual([
      { journal: 'BANK', n: '1,2' },
      { journal: 'SALES', n: '1,2,3,4' },
      { journal: 'STOCK', n: '1,2' },
    ]);
  });

  it('a stock movement in a closed period is refused with the date to fix, and nothing is written', async () => {
    const { lockPeriod } = await import('../../../electron/core/ledger/entries.ts');
    const rug = t.product('RUG');
    lockPeriod(t.sqlite, '2025-01-31');
    const main = t.sqlite.prepare("SELECT id FROM warehouse WHERE code = 'MAIN'").pluck().get() as number;
    expect(() =>
      recordMovements(t.sqlite, [{ kind: 'receipt', productId: rug, warehouseId: main, quantityMilli: 1_000, unitCostMinor: 100, occurredAt: '2025-01-15T09:00:00.000Z', path: 'rows.0' }]),
    ).toThrow(expect.objectContaining({ details: { issues: [expect.objectContaining({ path: 'rows.0.occurredAt', key: 'ledger.locked' })] } }));
    expect(t.sqlite.prepare('SELECT count(*) FROM stock_movement').pluck().get()).toBe(0);
    expect(t.sqlite.prepare('SELECT count(*) FROM ledger_entry').pluck().get()).toBe(0);
  });

  it('the stock account always equals the stock valuation, through receipts, shipments, returns, adjustments, transfers and corrections', () => {
    const a = t.product('A');
    const b = t.product('B');
    const main = t.sqlite.prepare("SELECT id FROM warehouse WHERE code = 'MAIN'").pluck().get() as number;
    const other = Number(t.sqlite.prepare("INSERT INTO warehouse (code, name, kind, created_at) VALUES ('W2', 'Two', 'own', '2025-01-01')").run().lastInsertRowid);
    let day = 1;
    const at = () => `2025-01-${String(day++).padStart(2, '0')}T10:00:00.000Z`;
    const [[r1] = []] = recordMovements(t.sqlite, [{ kind: 'receipt', productId: a, warehouseId: main, quantityMilli: 3_000, totalCostMinor: 1_000, occurredAt: at() }]);
    recordMovements(t.sqlite, [{ kind: 'receipt', productId: b, warehouseId: main, quantityMilli: 7_000, unitCostMinor: 333, occurredAt: at() }]);
    const [[s1] = []] = recordMovements(t.sqlite, [{ kind: 'shipment', productId: a, warehouseId: main, quantityMilli: -1_000, occurredAt: at() }]);
    recordMovements(t.sqlite, [{ kind: 'return', productId: a, warehouseId: main, quantityMilli: 1_000, returnOfId: s1!, occurredAt: at() }]);
    recordMovements(t.sqlite, [{ kind: 'transfer', productId: b, fromWarehouseId: main, toWarehouseId: other, quantityMilli: 2_000, occurredAt: at() }]);
    recordMovements(t.sqlite, [{ kind: 'adjustment', productId: b, warehouseId: other, quantityMilli: -500, reason: 'broken', occurredAt: at() }]);
    recordMovements(t.sqlite, [{ kind: 'shipment', productId: b, warehouseId: main, quantityMilli: -1_500, occurredAt: at() }]);
    expect(r1).toBeDefined();
    const valuation = t.sqlite.prepare('SELECT sum(value_minor) FROM stock_valuation').pluck().get() as number;
    expect(balances(t.sqlite)['3980']).toBe(valuation);
    expect(valuation).toBeGreaterThan(0);
    // A shipment's cost of goods is what the stock ledger stored on it.
    const cogs = t.sqlite.prepare("SELECT -sum(value_minor) FROM stock_movement WHERE kind IN ('shipment', 'return')").pluck().get() as number;
    expect(balances(t.sqlite)['3200']).toBe(cogs);
  });
});

/*
 * The same kind of quarter driven through invoicing itself (issue, credit note, payments) and the
 * stock writer it calls, for a German trader on SKR03, checked against a ledger worked out by hand.
 *
 *  1. receive 10 rugs at 90.00 and 5 kg saffron at 500.00   3980 +3,400.00        1600 −3,400.00
 *  2. INV-1 domestic, 4 rugs × 250.00 at 19 % + 1.5 kg saffron × 1,200.00 at 7 %, shipped from MAIN
 *                                                  1400 +3,116.00  8400 −1,000.00  1776 −190.00  8300 −1,800.00  1771 −126.00
 *                                                  3200 +1,110.00  3980 −1,110.00  (4 × 90.00 + 1.5 × 500.00)
 *  3. INV-2 intra-EU supply, 2 rugs to a French company with a VAT id
 *                                                  1400 +500.00    8125 −500.00    3200 +180.00   3980 −180.00
 *  4. INV-3 export, USD 1,000.00 at 1.10           1400 +909.09    8120 −909.09
 *  5. CN-1 credits INV-1's 4 rugs, back to stock   8400 +1,000.00  1776 +190.00    1400 −1,190.00
 *                                                  3980 +360.00    3200 −360.00
 *  6. INV-1 rest paid in EUR: 1,926.00             1200 +1,926.00  1400 −1,926.00
 *  7. INV-3 paid USD 1,000 at 1.05, the bank keeps USD 10
 *                                                  1200 +942.86    4970 +9.52      1400 −909.09   2668 −43.29
 */
const HAND_LEDGER_INVOICED: Record<string, number> = {
  '1200': 192_600 + 94_286,
  '1400': 311_600 + 50_000 + 90_909 - 119_000 - 192_600 - 90_909, // INV-2 still open: 500.00
  '1600': -340_000,
  '1771': -12_600,
  '2668': -4_329,
  '3200': 111_000 + 18_000 - 36_000,
  '3980': 340_000 - 111_000 - 18_000 + 36_000,
  '4970': 952,
  '8120': -90_909,
  '8125': -50_000,
  '8300': -180_000,
  // 8400 and 1776: 1,000.00 and 190.00 booked, then credited in full.
};

describe('a worked quarter through invoicing', () => {
  it('domestic sale, EU reverse charge, a USD export paid later at another rate, a credit note and stock: the ledger computed by hand', async () => {
    const k = await openInvoicingKontor();
    try {
      await k.invoicing.importEcbXml(readFileSync(join(import.meta.dirname, '..', 'invoicing', 'fixtures', 'ecb', 'eurofxref-hist.xml'), 'utf8'));
      k.product('RUG-1', { priceMinor: 25_000, stockMilli: 10_000, costMinor: 9_000 });
      k.product('SAFFRON', { unit: 'kg', priceMinor: 120_000, taxClass: 'reduced', stockMilli: 5_000, costMinor: 50_000 });
      const on = async <T>(date: string, what: () => Promise<T>): Promise<T> => {
        k.setClock(`${date}T09:00:00.000Z`);
        return what();
      };
      const issue = async (input: Parameters<typeof k.draft>[0], date: string) => on(date, async () => k.invoicing.issue((await k.draft(input)).id, date));

      const inv1 = await issue({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, warehouse: 'MAIN', lines: [{ sku: 'RUG-1', quantity: '4' }, { sku: 'SAFFRON', quantity: '1.5' }] }, '2026-03-02');
      const inv2 = await issue({ kind: 'invoice', buyerContactId: BUYERS.fr.contactId, warehouse: 'MAIN', lines: [{ sku: 'RUG-1', quantity: '2' }] }, '2026-03-02');
      const inv3 = await issue({ kind: 'invoice', buyerContactId: BUYERS.us.contactId, lines: [{ name: 'Kilim', quantity: '1', unitPrice: '1000.00' }] }, '2026-03-02');
      expect(inv2.taxes.map((g) => g.category)).toEqual(['K']);
      const cn = await on('2026-03-10', () => k.invoicing.creditNote(inv1.id, [inv1.lines.find((l) => l.sku === 'RUG-1')!.id], true, null));
      await on('2026-03-10', () => k.invoicing.issue(cn.id, '2026-03-10'));
      const pay = (receivedOn: string, amount: string, currency: string, bankFee: string | null, documentId: number) =>
        on(receivedOn, () => k.invoicing.recordPayment({ buyerContactId: null, buyerName: null, receivedOn, amount, currency, bankFee, method: 'bank', reference: null, allocations: [{ documentId, amount }] }));
      await pay('2026-04-14', '1926.00', 'EUR', null, inv1.id);
      await pay('2026-04-15', '1000.00', 'USD', '10.00', inv3.id);

      expect(balances(k.sqlite)).toEqual(HAND_LEDGER_INVOICED);
      // The stock account is the stock valuation; the receivables left are INV-2's.
      expect(k.sqlite.prepare('SELECT sum(value_minor) FROM stock_valuation').pluck().get()).toBe(HAND_LEDGER_INVOICED['3980']);
      expect((await k.invoicing.aging('2026-04-30')).reduce((s, r) => s + r.totalMinor, 0)).toBe(HAND_LEDGER_INVOICED['1400']);

      // Every event type posted, each entry balanced, each journal numbered on its own.
      const kinds = k.sqlite
        .prepare(
          `SELECT e.source_kind AS kind, count(DISTINCT e.id) AS entries, sum(l.debit_minor) - sum(l.credit_minor) AS off
           FROM ledger_entry e JOIN ledger_line l ON l.entry_id = e.id GROUP BY e.source_kind ORDER BY e.source_kind`,
        )
        .all();
      expect(kinds).toEqual([
        { kind: 'credit_note', entries: 1, off: 0 },
        { kind: 'invoice', entries: 3, off: 0 },
        { kind: 'payment', entries: 2, off: 0 },
        { kind: 'stock_movement', entries: 6, off: 0 }, // 2 receipts, 3 shipments, 1 return
      ]);
      expect(k.sqlite.prepare('SELECT entry_id FROM ledger_line GROUP BY entry_id HAVING sum(debit_minor) <> sum(credit_minor)').all()).toEqual([]);
      const numbers = k.sqlite.prepare('SELECT journal, group_concat(number) AS n FROM (SELECT * FROM ledger_entry ORDER BY id) GROUP BY journal ORDER BY journal').all();
      expect(numbers).toEqual([
        { journal: 'BANK', n: '1,2' },
        { journal: 'SALES', n: '1,2,3,4' },
        { journal: 'STOCK', n: '1,2,3,4,5,6' },
      ]);
      const tb = trialBalance(k.sqlite, '2026-01-01', '2026-06-30');
      expect(tb.reduce((s, r) => s + r.closingMinor, 0)).toBe(0);
    } finally {
      await k.close();
    }
  });
});
