import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors.ts';
import type { JournalLineView, TrialBalanceRow } from '../../../shared/ledger/schemas.ts';

const LINE_COLUMNS = `
  l.id AS lineId, e.id AS entryId, e.journal, e.number, e.entry_date AS date, e.reference, e.description,
  e.source_kind AS sourceKind, e.reverses_id AS reversesId, l.account_code AS account, a.name AS accountName,
  l.debit_minor AS debitMinor, l.credit_minor AS creditMinor, l.description AS lineDescription,
  l.party_name AS partyName, l.party_code AS partyCode, l.tax_code AS taxCode, l.tax_role AS taxRole,
  l.foreign_minor AS foreignMinor, l.foreign_currency AS foreignCurrency, e.posted_at AS postedAt`;

/** A posted journal line with its entry, as the exports read it. */
export interface LedgerLineRow extends JournalLineView {
  partyCode: string | null;
  taxRole: 'base' | 'tax' | null;
  postedAt: string;
}

export interface JournalFilter {
  from?: string | undefined;
  to?: string | undefined;
  journal?: string | undefined;
  account?: string | undefined;
  text?: string | undefined;
}

function where(filter: JournalFilter): { sql: string; params: unknown[] } {
  const parts = ["e.status = 'posted'"];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown): void => {
    parts.push(condition);
    params.push(value);
  };
  if (filter.from) add('e.entry_date >= ?', filter.from);
  if (filter.to) add('e.entry_date <= ?', filter.to);
  if (filter.journal) add('e.journal = ?', filter.journal);
  if (filter.account) add('l.account_code = ?', filter.account);
  if (filter.text) {
    parts.push("(e.description LIKE ? ESCAPE '\\' OR e.reference LIKE ? ESCAPE '\\' OR l.party_name LIKE ? ESCAPE '\\')");
    const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like);
  }
  return { sql: parts.join(' AND '), params };
}

/** One page of journal lines for the browser, oldest first, with the number of lines matching. */
export function journalPage(sqlite: Database, filter: JournalFilter & { offset: number; limit: number }): { total: number; rows: JournalLineView[] } {
  const w = where(filter);
  const from = 'FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id JOIN ledger_account a ON a.code = l.account_code';
  const total = sqlite.prepare(`SELECT count(*) ${from} WHERE ${w.sql}`).pluck().get(...w.params) as number;
  const rows = sqlite
    .prepare(`SELECT ${LINE_COLUMNS} ${from} WHERE ${w.sql} ORDER BY e.entry_date, e.id, l.id LIMIT ? OFFSET ?`)
    .all(...w.params, filter.limit, filter.offset) as (JournalLineView & Record<string, unknown>)[];
  return {
    total,
    rows: rows.map((r) => ({
      lineId: r.lineId,
      entryId: r.entryId,
      journal: r.journal,
      number: r.number,
      date: r.date,
      reference: r.reference,
      description: r.description,
      sourceKind: r.sourceKind,
      reversesId: r.reversesId,
      account: r.account,
      accountName: r.accountName,
      debitMinor: r.debitMinor,
      creditMinor: r.creditMinor,
      lineDescription: r.lineDescription,
      partyName: r.partyName,
      taxCode: r.taxCode,
      foreignMinor: r.foreignMinor,
      foreignCurrency: r.foreignCurrency,
    })),
  };
}

/** Journal order (date, journal, number): what the journal export, DATEV and FEC write. */
export function iterateJournal(sqlite: Database, from: string, to: string): IterableIterator<LedgerLineRow> {
  return sqlite
    .prepare(
      `SELECT ${LINE_COLUMNS} FROM ledger_entry e JOIN ledger_line l ON l.entry_id = e.id JOIN ledger_account a ON a.code = l.account_code
       WHERE e.status = 'posted' AND e.entry_date BETWEEN ? AND ? ORDER BY e.entry_date, e.journal, e.number, l.id`,
    )
    .iterate(from, to) as IterableIterator<LedgerLineRow>;
}

export function countJournalLines(sqlite: Database, from: string, to: string): number {
  return sqlite
    .prepare(`SELECT count(*) FROM ledger_entry e JOIN ledger_line l ON l.entry_id = e.id WHERE e.status = 'posted' AND e.entry_date BETWEEN ? AND ?`)
    .pluck()
    .get(from, to) as number;
}

/** One account's lines in the period in date order: the general ledger reads account by account. */
export function iterateAccountLines(sqlite: Database, account: string, from: string, to: string): IterableIterator<LedgerLineRow> {
  return sqlite
    .prepare(
      `SELECT ${LINE_COLUMNS} FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id JOIN ledger_account a ON a.code = l.account_code
       WHERE l.account_code = ? AND e.status = 'posted' AND e.entry_date BETWEEN ? AND ? ORDER BY e.entry_date, e.journal, e.number, l.id`,
    )
    .iterate(account, from, to) as IterableIterator<LedgerLineRow>;
}

/**
 * Per account: the balance before `from`, the period's debits and credits and the closing balance
 * (debit positive). Accounts without any line up to `to` are left out.
 */
export function trialBalance(sqlite: Database, from: string, to: string): TrialBalanceRow[] {
  checkPeriod(from, to);
  return sqlite
    .prepare(
      `SELECT a.code AS account, a.name, a.kind,
         coalesce(sum(CASE WHEN e.entry_date < ? THEN l.debit_minor - l.credit_minor END), 0) AS openingMinor,
         coalesce(sum(CASE WHEN e.entry_date >= ? THEN l.debit_minor END), 0) AS debitMinor,
         coalesce(sum(CASE WHEN e.entry_date >= ? THEN l.credit_minor END), 0) AS creditMinor,
         coalesce(sum(l.debit_minor - l.credit_minor), 0) AS closingMinor
       FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id JOIN ledger_account a ON a.code = l.account_code
       WHERE e.status = 'posted' AND e.entry_date <= ?
       GROUP BY a.code ORDER BY a.code`,
    )
    .all(from, from, from, to) as TrialBalanceRow[];
}

export function checkPeriod(from: string, to: string): void {
  if (from > to) {
    throw new KontorError('VALIDATION', `The period starts (${from}) after it ends (${to}).`, {
      issues: [{ path: 'to', key: 'ledger.period.order', message: `The period starts (${from}) after it ends (${to}).`, params: { from, to } }],
    });
  }
}

export function companyName(sqlite: Database): string {
  const row = sqlite.prepare('SELECT legal_name, base_currency FROM company WHERE id = 1').get() as { legal_name: string } | undefined;
  return row?.legal_name ?? 'Kontor';
}

export function baseCurrencyOf(sqlite: Database): string {
  return (sqlite.prepare('SELECT base_currency FROM company WHERE id = 1').pluck().get() as string | undefined) ?? 'EUR';
}
