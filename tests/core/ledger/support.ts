import type { Database } from 'better-sqlite3';
import { accountMap, installChart } from '../../../electron/core/ledger/accounts.ts';
import { creditNotePosting, invoiceIssuedPosting, receivableBaseOf, type InvoicePostingInput } from '../../../electron/core/ledger/postings/invoice.ts';
import { toBase } from '../../../electron/core/ledger/postings/fx.ts';
import { paymentPosting } from '../../../electron/core/ledger/postings/payment.ts';
import { writeEntries } from '../../../electron/core/ledger/writeEntry.ts';
import { recordMovements } from '../../../electron/core/stock/recordMovements.ts';
import type { ChartId } from '../../../shared/ledger/charts.ts';
import { insertCompany, insertProduct } from '../../support/catalogRows.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

export interface LedgerKontor extends TestKontor {
  sqlite: Database;
  product(sku: string): number;
}

/** A test Kontor with a company in `country`/`currency` and the chart installed. */
export async function openLedgerKontor(chart: ChartId = 'SKR03', country = 'DE', currency = 'EUR'): Promise<LedgerKontor> {
  const t = await openTestKontor();
  const sqlite = t.kontor.database.sqlite;
  insertCompany(sqlite, currency);
  sqlite.prepare("UPDATE company SET country = ?, legal_name = 'Müller & Söhne GmbH' WHERE id = 1").run(country);
  installChart(sqlite, chart);
  return { ...t, sqlite, product: (sku) => insertProduct(sqlite, { sku }) };
}

/** Balance per account (debit positive), as the database holds it. */
export function balances(sqlite: Database): Record<string, number> {
  const rows = sqlite
    .prepare(
      "SELECT l.account_code AS a, sum(l.debit_minor) - sum(l.credit_minor) AS b FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id WHERE e.status = 'posted' GROUP BY l.account_code HAVING b <> 0 ORDER BY l.account_code",
    )
    .all() as { a: string; b: number }[];
  return Object.fromEntries(rows.map((r) => [r.a, r.b]));
}

/** The worked quarter of scenario.test.ts (see the table there): stock through the stock writer, documents through the builders. */
export function postWorkedQuarter(t: LedgerKontor, rates: { high: number; low: number } = { high: 1900, low: 700 }): { re1: InvoicePostingInput; re2: InvoicePostingInput; re3: InvoicePostingInput; gs1: InvoicePostingInput } {
  const rug = t.product('RUG-200x300');
  const main = t.sqlite.prepare("SELECT id FROM warehouse WHERE code = 'MAIN'").pluck().get() as number;
  const clock = { now: new Date('2025-03-31T12:00:00.000Z') };
  recordMovements(t.sqlite, [{ kind: 'receipt', productId: rug, warehouseId: main, quantityMilli: 10_000, unitCostMinor: 5_000, occurredAt: '2025-01-06T09:00:00.000Z' }], clock);
  recordMovements(t.sqlite, [{ kind: 'shipment', productId: rug, warehouseId: main, quantityMilli: -4_000, occurredAt: '2025-01-07T09:00:00.000Z' }], clock);

  const accounts = accountMap(t.sqlite);
  const customer = (name: string) => ({ code: null, name });
  const re1: InvoicePostingInput = {
    id: '1', number: 'RE-1', date: '2025-01-07', customer: customer('Kaufhaus Berg'), currency: 'EUR', baseCurrency: 'EUR', rate: '1',
    taxes: [{ taxCase: 'domestic', rateBp: rates.high, netMinor: 100_000, vatMinor: 19_000 }, { taxCase: 'domestic', rateBp: rates.low, netMinor: 10_000, vatMinor: 700 }],
  };
  const re2: InvoicePostingInput = {
    id: '2', number: 'RE-2', date: '2025-01-20', customer: customer('Maison Dupont SARL'), currency: 'EUR', baseCurrency: 'EUR', rate: '1',
    taxes: [{ taxCase: 'intraEu', rateBp: 0, netMinor: 200_000, vatMinor: 0 }],
  };
  const re3: InvoicePostingInput = {
    id: '3', number: 'RE-3', date: '2025-02-03', customer: customer('Acme Imports Inc.'), currency: 'USD', baseCurrency: 'EUR', rate: '1.10',
    taxes: [{ taxCase: 'export', rateBp: 0, netMinor: 100_000, vatMinor: 0 }],
  };
  const gs1: InvoicePostingInput = {
    id: '4', number: 'GS-1', date: '2025-02-10', customer: customer('Kaufhaus Berg'), currency: 'EUR', baseCurrency: 'EUR', rate: '1',
    taxes: [{ taxCase: 'domestic', rateBp: rates.high, netMinor: 10_000, vatMinor: 1_900 }],
  };
  writeEntries(
    t.sqlite,
    [
      invoiceIssuedPosting(re1, accounts),
      invoiceIssuedPosting(re2, accounts),
      invoiceIssuedPosting(re3, accounts),
      paymentPosting(
        {
          ...{ id: 'P1', reference: null, date: '2025-03-03', customer: re3.customer, currency: 'USD', baseCurrency: 'EUR', via: 'bank' },
          ...{ amountMinor: 100_000, amountBaseMinor: toBase(100_000, 'USD', 'EUR', '1.05'), feesMinor: 1_000, feesBaseMinor: toBase(1_000, 'USD', 'EUR', '1.05') },
          allocations: [{ invoiceNumber: 'RE-3', amountMinor: 100_000, settledBaseMinor: receivableBaseOf(re3), receivedBaseMinor: toBase(100_000, 'USD', 'EUR', '1.05') }],
        },
        accounts,
      ),
      creditNotePosting({ ...gs1, creditedInvoiceNumber: 'RE-1' }, accounts),
      paymentPosting(
        {
          ...{ id: 'P2', reference: null, date: '2025-03-10', customer: re1.customer, currency: 'EUR', baseCurrency: 'EUR', via: 'bank' },
          ...{ amountMinor: 117_800, amountBaseMinor: 117_800, feesMinor: 0, feesBaseMinor: 0 },
          allocations: [{ invoiceNumber: 'RE-1', amountMinor: 117_800, settledBaseMinor: receivableBaseOf(re1) - receivableBaseOf(gs1), receivedBaseMinor: 117_800 }],
        },
        accounts,
      ),
    ],
    clock.now,
  );

  return { re1, re2, re3, gs1 };
}
