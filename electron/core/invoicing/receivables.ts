import type { Database } from 'better-sqlite3';
import { daysBetween } from '../../../shared/invoicing/numbering.ts';
import { cached } from '../stock/resolve.ts';
import { openMinorOf, type DocumentRow } from './store.ts';

/**
 * What buyers owe: aging of open invoices by due date, and a statement per buyer (invoices,
 * credit notes and payments in date order with a running balance per currency).
 */

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '91-120', '120+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function bucketOf(dueDate: string, today: string): AgingBucket {
  const late = daysBetween(dueDate, today);
  if (late <= 0) return 'current';
  if (late <= 30) return '1-30';
  if (late <= 60) return '31-60';
  if (late <= 90) return '61-90';
  if (late <= 120) return '91-120';
  return '120+';
}

export interface AgingRow {
  buyerContactId: number | null;
  buyerName: string;
  currency: string;
  buckets: Record<AgingBucket, number>;
  totalMinor: number;
  invoices: { id: number; number: string; issueDate: string; dueDate: string; openMinor: number; daysLate: number; bucket: AgingBucket }[];
}

const OPEN_INVOICES = `SELECT * FROM document WHERE kind = 'invoice' AND status = 'issued' AND payment_status IN ('unpaid', 'partlyPaid')`;

/** Open invoices per buyer and currency; of one contact when `buyerContactId` is given. */
export function aging(sqlite: Database, today: string, buyerContactId: number | null = null): AgingRow[] {
  const rows = (
    buyerContactId === null
      ? cached(sqlite, `${OPEN_INVOICES} ORDER BY buyer_name, currency, due_date, id`).all()
      : cached(sqlite, `${OPEN_INVOICES} AND buyer_contact_id = ? ORDER BY buyer_name, currency, due_date, id`).all(buyerContactId)
  ) as DocumentRow[];
  const byBuyer = new Map<string, AgingRow>();
  for (const r of rows) {
    const open = openMinorOf(r);
    if (open <= 0 || r.due_date === null || r.number === null || r.issue_date === null) continue;
    const key = `${r.buyer_contact_id ?? r.buyer_name}|${r.currency}`;
    let row = byBuyer.get(key);
    if (!row) {
      row = {
        buyerContactId: r.buyer_contact_id,
        buyerName: r.buyer_name,
        currency: r.currency,
        buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>,
        totalMinor: 0,
        invoices: [],
      };
      byBuyer.set(key, row);
    }
    const bucket = bucketOf(r.due_date, today);
    row.buckets[bucket] += open;
    row.totalMinor += open;
    row.invoices.push({ id: r.id, number: r.number, issueDate: r.issue_date, dueDate: r.due_date, openMinor: open, daysLate: Math.max(0, daysBetween(r.due_date, today)), bucket });
  }
  return [...byBuyer.values()];
}

export interface StatementLine {
  date: string;
  kind: 'invoice' | 'credit_note' | 'payment';
  reference: string;
  debitMinor: number;
  creditMinor: number;
  balanceMinor: number;
  dueDate: string | null;
}

export interface Statement {
  buyerName: string;
  currency: string;
  from: string;
  to: string;
  openingMinor: number;
  lines: StatementLine[];
  closingMinor: number;
  /** Payments not yet allocated to an invoice: the buyer's credit. */
  unallocatedCreditMinor: number;
}

/** One statement per currency the buyer dealt in. */
export function statement(sqlite: Database, buyer: { contactId: number | null; name: string | null }, from: string, to: string): Statement[] {
  const who = buyer.contactId !== null ? 'buyer_contact_id = @who' : 'buyer_contact_id IS NULL AND buyer_name = @who';
  const params = { who: buyer.contactId ?? buyer.name ?? '', to };
  const docs = cached(
    sqlite,
    `SELECT kind, number, issue_date, due_date, currency, gross_minor, buyer_name FROM document
     WHERE ${who} AND status = 'issued' AND kind IN ('invoice', 'credit_note') AND issue_date <= @to`,
  ).all(params) as { kind: 'invoice' | 'credit_note'; number: string; issue_date: string; due_date: string | null; currency: string; gross_minor: number; buyer_name: string }[];
  const payments = cached(
    sqlite,
    `SELECT p.id, p.received_on, p.currency, p.amount_minor, p.reference, p.method, p.buyer_name,
       p.amount_minor - coalesce((SELECT sum(a.amount_minor) FROM payment_allocation a WHERE a.payment_id = p.id), 0) AS unallocated
     FROM payment p WHERE ${who} AND p.received_on <= @to`,
  ).all(params) as { id: number; received_on: string; currency: string; amount_minor: number; reference: string | null; method: string; buyer_name: string; unallocated: number }[];

  const entries = [
    ...docs.map((d) => ({
      date: d.issue_date,
      kind: d.kind,
      reference: d.number,
      currency: d.currency,
      debit: d.kind === 'invoice' ? d.gross_minor : 0,
      credit: d.kind === 'credit_note' ? d.gross_minor : 0,
      dueDate: d.due_date,
      unallocated: 0,
    })),
    ...payments.map((p) => ({
      date: p.received_on,
      kind: 'payment' as const,
      reference: p.reference ?? `#${p.id} (${p.method})`,
      currency: p.currency,
      debit: 0,
      credit: p.amount_minor,
      dueDate: null,
      unallocated: p.unallocated,
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || (a.kind === 'payment' ? 1 : 0) - (b.kind === 'payment' ? 1 : 0));

  const name = docs[0]?.buyer_name ?? payments[0]?.buyer_name ?? buyer.name ?? '';
  const currencies = [...new Set(entries.map((e) => e.currency))].sort();
  return currencies.map((currency) => {
    const mine = entries.filter((e) => e.currency === currency);
    const opening = mine.filter((e) => e.date < from).reduce((s, e) => s + e.debit - e.credit, 0);
    let balance = opening;
    const lines: StatementLine[] = mine
      .filter((e) => e.date >= from)
      .map((e) => {
        balance += e.debit - e.credit;
        return { date: e.date, kind: e.kind, reference: e.reference, debitMinor: e.debit, creditMinor: e.credit, balanceMinor: balance, dueDate: e.dueDate };
      });
    return {
      buyerName: name,
      currency,
      from,
      to,
      openingMinor: opening,
      lines,
      closingMinor: balance,
      unallocatedCreditMinor: mine.reduce((s, e) => s + e.unallocated, 0),
    };
  });
}
