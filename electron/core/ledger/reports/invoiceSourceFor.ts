import type { Database } from 'better-sqlite3';
import { convert } from '../../../../shared/invoicing/fx.ts';
import { ratePerBase, salesTaxGroups, type SalesDocumentRow } from '../invoiceTaxes.ts';
import type { InvoiceSource, OpenItem, SalesDocument } from './invoiceSource.ts';

/**
 * The invoice reports' view of the invoice tables: issued invoices and credit notes (quotes and
 * proformas are offers, not sales), with the tax groups and base amounts the journal was posted
 * with (ledger/invoiceTaxes.ts), so the VAT summary and the sales journal agree with the revenue
 * and VAT accounts to the cent.
 */

interface DocumentReadRow extends SalesDocumentRow {
  kind: 'invoice' | 'credit_note';
  number: string;
  issue_date: string;
  due_date: string | null;
  buyer_name: string;
  buyer: string;
  gross_minor: number;
  credited_minor: number;
  payment_status: 'unpaid' | 'partlyPaid' | 'paid';
}

interface BuyerJson {
  country?: string;
  taxIds?: { scheme: string; value: string }[];
}

function statusOf(row: DocumentReadRow): SalesDocument['status'] {
  if (row.kind === 'credit_note') return 'credited';
  if (row.gross_minor > 0 && row.credited_minor >= row.gross_minor) return 'credited';
  return row.payment_status === 'unpaid' ? 'open' : row.payment_status;
}

export function salesDocumentOf(sqlite: Database, row: DocumentReadRow): SalesDocument {
  const buyer = JSON.parse(row.buyer) as BuyerJson;
  const vatId = buyer.taxIds?.find((t) => t.scheme === 'EU_VAT') ?? buyer.taxIds?.[0];
  return {
    kind: row.kind === 'credit_note' ? 'creditNote' : 'invoice',
    number: row.number,
    date: row.issue_date,
    dueDate: row.due_date,
    customerName: row.buyer_name,
    customerCountry: buyer.country ?? null,
    customerVatId: vatId?.value ?? null,
    // Documents are issued in Kontor; marketplace orders are not imported as invoices (yet).
    marketplace: null,
    currency: row.currency,
    rate: ratePerBase(row),
    taxes: salesTaxGroups(sqlite, row),
    status: statusOf(row),
  };
}

export const SALES_DOCUMENTS_SQL = `SELECT * FROM document
  WHERE kind IN ('invoice', 'credit_note') AND status = 'issued' AND issue_date BETWEEN ? AND ?
  ORDER BY issue_date, number`;

function* salesDocuments(sqlite: Database, from: string, to: string): Generator<SalesDocument> {
  for (const row of sqlite.prepare(SALES_DOCUMENTS_SQL).iterate(from, to) as IterableIterator<DocumentReadRow>) {
    yield salesDocumentOf(sqlite, row);
  }
}

/**
 * Invoices with something open at the end of `at`: payments count from the day the money arrived
 * (an allocation made later, from the day it was made), credit notes from their date. The open
 * amount in the base currency is what is left of the receivable booked at the invoice's rate, as
 * the journal holds it.
 */
function* openItems(sqlite: Database, at: string): Generator<OpenItem> {
  const counted = `p.received_on <= @at AND (a.created_at = p.created_at OR a.allocated_on <= @at)`;
  const rows = sqlite
    .prepare(
      `SELECT d.*,
         (SELECT coalesce(sum(a.amount_minor), 0) FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE a.document_id = d.id AND ${counted}) AS paid,
         (SELECT coalesce(sum(a.settled_base_minor), 0) FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE a.document_id = d.id AND ${counted}) AS paid_base,
         (SELECT json_group_array(c.gross_minor) FROM document c
            WHERE c.credit_of_id = d.id AND c.kind = 'credit_note' AND c.status = 'issued' AND c.issue_date <= @at) AS credits
       FROM document d
       WHERE d.kind = 'invoice' AND d.status = 'issued' AND d.issue_date <= @at
       ORDER BY d.buyer_name, coalesce(d.due_date, d.issue_date), d.number`,
    )
    .iterate({ at }) as IterableIterator<DocumentReadRow & { paid: number; paid_base: number; credits: string; gross_base_minor: number | null }>;
  for (const row of rows) {
    const credits = JSON.parse(row.credits) as number[];
    const credited = credits.reduce((s, c) => s + c, 0);
    const open = row.gross_minor - row.paid - credited;
    if (open <= 0) continue;
    const rate = row.fx_rate_scaled === null || row.fx_unit === null || row.fx_quote === null ? null : { unit: row.fx_unit, quote: row.fx_quote, scaled: row.fx_rate_scaled };
    const creditedBase = credits.reduce((s, c) => s + (rate === null ? c : convert(c, row.currency, row.base_currency, rate)), 0);
    yield {
      customerName: row.buyer_name,
      number: row.number,
      date: row.issue_date,
      dueDate: row.due_date ?? row.issue_date,
      currency: row.currency,
      openMinor: open,
      openBaseMinor: (row.gross_base_minor ?? row.gross_minor) - row.paid_base - creditedBase,
    };
  }
}

/** The invoice source the reports and the dashboard read. */
export function invoiceSourceFor(sqlite: Database): InvoiceSource {
  return {
    salesDocuments: (from, to) => ({ [Symbol.iterator]: () => salesDocuments(sqlite, from, to) }),
    openItems: (at) => ({ [Symbol.iterator]: () => openItems(sqlite, at) }),
  };
}
