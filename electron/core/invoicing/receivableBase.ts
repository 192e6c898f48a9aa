import type { Database } from 'better-sqlite3';
import { convert, type ExchangeRate } from '../../../shared/invoicing/fx.ts';
import { cached } from '../stock/resolve.ts';
import { openMinorOf, type DocumentRow } from './store.ts';

/**
 * An invoice's receivable in the base currency: booked at issue at the invoice's rate
 * (gross_base_minor), then taken down by payments and credit notes at that same rate. Whatever
 * closes the invoice takes what is left of it, so the parts add up exactly to what was booked and
 * the receivable account of a settled invoice is zero to the cent, whatever the rounding.
 */

export function rateOf(doc: Pick<DocumentRow, 'fx_unit' | 'fx_quote' | 'fx_rate_scaled'>): ExchangeRate | null {
  if (doc.fx_rate_scaled === null || doc.fx_unit === null || doc.fx_quote === null) return null;
  return { unit: doc.fx_unit, quote: doc.fx_quote, scaled: doc.fx_rate_scaled };
}

/** `amount` of the invoice's currency at the invoice's own rate. */
function atInvoiceRate(doc: DocumentRow, amount: number): number {
  const rate = rateOf(doc);
  return rate === null ? amount : convert(amount, doc.currency, doc.base_currency, rate);
}

/** What is left of the invoice's receivable in the base currency, before the event being written. */
function remainingBase(sqlite: Database, doc: DocumentRow): number {
  const paid = cached(sqlite, 'SELECT coalesce(sum(settled_base_minor), 0) FROM payment_allocation WHERE document_id = ?').pluck().get(doc.id) as number;
  // Earlier credit notes never closed the invoice (it would have nothing open now), so each took its amount at the invoice's rate.
  const credits = cached(sqlite, "SELECT gross_minor FROM document WHERE credit_of_id = ? AND kind = 'credit_note' AND status = 'issued'").pluck().all(doc.id) as number[];
  const credited = credits.reduce((s, gross) => s + atInvoiceRate(doc, gross), 0);
  return (doc.gross_base_minor ?? doc.gross_minor) - paid - credited;
}

/** What paying `amount` (at most what is open) of the invoice takes off its receivable, in the base currency. */
export function settledBaseOf(sqlite: Database, doc: DocumentRow, amount: number): number {
  if (rateOf(doc) === null) return amount;
  return amount < openMinorOf(doc) ? atInvoiceRate(doc, amount) : remainingBase(sqlite, doc);
}

/**
 * What a credit note of `grossMinor` takes off the invoice's receivable, in the base currency at the
 * invoice's rate: the part that closes the invoice takes what is left; a part beyond what is open
 * (the invoice was paid already) becomes the customer's credit at the same rate. Call it before
 * the credit note is marked issued.
 */
export function creditSettlesBase(sqlite: Database, invoice: DocumentRow, grossMinor: number): number {
  const open = openMinorOf(invoice);
  const covered = Math.min(grossMinor, open);
  return (covered > 0 ? settledBaseOf(sqlite, invoice, covered) : 0) + atInvoiceRate(invoice, grossMinor - covered);
}
