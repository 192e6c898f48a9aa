import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receivableBaseOf } from '../../../electron/core/ledger/postings/invoice.ts';
import { trialBalance } from '../../../electron/core/ledger/queries.ts';
import { recordMovements } from '../../../electron/core/stock/recordMovements.ts';
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
