import type { Database } from 'better-sqlite3';
import { ValidationError } from '../../../shared/errors.ts';
import { cached } from '../stock/resolve.ts';
import { accountMap, ensureChart } from './accounts.ts';
import { salesTaxGroups, ratePerBase, type SalesDocumentRow } from './invoiceTaxes.ts';
import { creditNotePosting, invoiceIssuedPosting, type InvoicePostingInput } from './postings/invoice.ts';
import { allocationPosting, paymentPosting, type PaymentAllocationPart } from './postings/payment.ts';
import type { EntryDraft } from './postings/types.ts';
import { writeEntry } from './writeEntry.ts';
import type { PaymentRow } from '../invoicing/payments.ts';

/**
 * The books' side of invoicing, written inside the invoicing transaction (invoicing/issue.ts and
 * invoicing/payments.ts call these), so a document or a payment and its journal entry exist
 * together or not at all. The goods an invoice ships are posted by the stock writer (cost of goods
 * against inventory, ledger/stockPostings.ts); these post revenue, VAT, receivables, bank, fees
 * and exchange differences only, so nothing is booked twice.
 */

interface DocumentForPosting extends SalesDocumentRow {
  kind: string;
  status: string;
  number: string | null;
  issue_date: string | null;
  buyer_contact_id: number | null;
  buyer_name: string;
  credit_of_id: number | null;
}

function customerOf(contactId: number | null, name: string): { code: string | null; name: string } {
  return { code: contactId === null ? null : `C${contactId}`, name };
}

/** The ledger's refusal with the path of the field the person can change (the lock date: the document's date). */
function write(sqlite: Database, draft: EntryDraft, datePath: string, now: Date): number {
  try {
    return writeEntry(sqlite, draft, now);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError((error.details?.issues ?? []).map((i) => (i.path === 'date' ? { ...i, path: datePath } : i)));
    }
    throw error;
  }
}

/**
 * Posts an issued invoice or credit note. `creditBaseMinor`: for a credit note, what it takes off
 * the credited invoice's receivable at that invoice's rate (invoicing/receivableBase.ts).
 * Quotes and proformas post nothing; nor does a document whose amounts are all zero.
 */
export function postSalesDocument(sqlite: Database, documentId: number, creditBaseMinor: number | null, now: Date): number | null {
  const doc = cached(sqlite, 'SELECT * FROM document WHERE id = ?').get(documentId) as DocumentForPosting | undefined;
  if (!doc) throw new Error(`ledger: document #${documentId} was not found in its own transaction`);
  if ((doc.kind !== 'invoice' && doc.kind !== 'credit_note') || doc.status !== 'issued' || doc.number === null || doc.issue_date === null) return null;
  const groups = salesTaxGroups(sqlite, doc);
  if (groups.every((g) => g.netMinor === 0 && g.vatMinor === 0 && g.netBaseMinor === 0 && g.vatBaseMinor === 0) && !creditBaseMinor) return null;
  ensureChart(sqlite, now);
  const input: InvoicePostingInput = {
    id: String(doc.id),
    number: doc.number,
    date: doc.issue_date,
    customer: customerOf(doc.buyer_contact_id, doc.buyer_name),
    currency: doc.currency,
    baseCurrency: doc.base_currency,
    rate: ratePerBase(doc),
    taxes: groups,
  };
  const accounts = accountMap(sqlite);
  if (doc.kind === 'invoice') return write(sqlite, invoiceIssuedPosting(input, accounts), 'issueDate', now);
  const credited = doc.credit_of_id === null ? null : (cached(sqlite, 'SELECT number FROM document WHERE id = ?').pluck().get(doc.credit_of_id) as string | null);
  const draft = creditNotePosting({ ...input, creditedInvoiceNumber: credited, ...(creditBaseMinor === null ? {} : { receivableBaseMinor: creditBaseMinor }) }, accounts);
  return write(sqlite, draft, 'issueDate', now);
}

/** The payment row as invoicing stores it (type only: invoicing calls this module, not the other way). */
type PaymentForPosting = PaymentRow;

function paymentOf(sqlite: Database, paymentId: number): PaymentForPosting {
  const p = cached(sqlite, 'SELECT * FROM payment WHERE id = ?').get(paymentId) as PaymentForPosting | undefined;
  if (!p) throw new Error(`ledger: payment #${paymentId} was not found in its own transaction`);
  return p;
}

function partsOf(sqlite: Database, allocationIds: readonly number[]): PaymentAllocationPart[] {
  const read = cached(
    sqlite,
    'SELECT d.number, a.amount_minor, a.settled_base_minor, a.received_base_minor FROM payment_allocation a JOIN document d ON d.id = a.document_id WHERE a.id = ?',
  );
  return allocationIds.map((id) => {
    const a = read.get(id) as { number: string; amount_minor: number; settled_base_minor: number; received_base_minor: number };
    return { invoiceNumber: a.number, amountMinor: a.amount_minor, settledBaseMinor: a.settled_base_minor, receivedBaseMinor: a.received_base_minor };
  });
}

/** Cash comes in the till; anything else (transfer, card, marketplace payout) through the bank. */
function viaOf(method: string): 'bank' | 'cash' {
  return method === 'cash' ? 'cash' : 'bank';
}

/** Posts a payment as it arrives, with the allocations made with it. */
export function postPayment(sqlite: Database, paymentId: number, allocationIds: readonly number[], now: Date): number {
  const p = paymentOf(sqlite, paymentId);
  ensureChart(sqlite, now);
  const draft = paymentPosting(
    {
      id: String(p.id),
      reference: p.reference,
      date: p.received_on,
      customer: customerOf(p.buyer_contact_id, p.buyer_name),
      currency: p.currency,
      baseCurrency: p.base_currency,
      amountMinor: p.amount_minor,
      amountBaseMinor: p.amount_base_minor,
      feesMinor: p.bank_fee_minor,
      feesBaseMinor: p.fee_base_minor,
      via: viaOf(p.method),
      allocations: partsOf(sqlite, allocationIds),
    },
    accountMap(sqlite),
  );
  return write(sqlite, draft, 'receivedOn', now);
}

/** Posts the exchange difference of credit allocated after the payment arrived (nothing without one). */
export function postAllocations(sqlite: Database, paymentId: number, allocationIds: readonly number[], date: string, now: Date): number | null {
  if (allocationIds.length === 0) return null;
  const p = paymentOf(sqlite, paymentId);
  ensureChart(sqlite, now);
  const draft = allocationPosting(
    {
      id: `${p.id}:${allocationIds[0]}`,
      paymentReference: p.reference,
      date,
      customer: customerOf(p.buyer_contact_id, p.buyer_name),
      currency: p.currency,
      baseCurrency: p.base_currency,
      allocations: partsOf(sqlite, allocationIds),
    },
    accountMap(sqlite),
  );
  return draft === null ? null : write(sqlite, draft, 'date', now);
}
