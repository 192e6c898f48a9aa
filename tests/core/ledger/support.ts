import type { Database } from 'better-sqlite3';
import { installChart } from '../../../electron/core/ledger/accounts.ts';
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
