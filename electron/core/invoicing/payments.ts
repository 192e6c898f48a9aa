import type { Database } from 'better-sqlite3';
import { ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { convert } from '../../../shared/invoicing/fx.ts';
import { isIsoDate } from '../../../shared/invoicing/numbering.ts';
import { mulDivRound, parseAmount } from '../../../shared/money.ts';
import { postAllocations, postPayment } from '../ledger/invoicePostings.ts';
import { cached } from '../stock/resolve.ts';
import { requireRate, type FoundRate } from './rates.ts';
import { settledBaseOf } from './receivableBase.ts';
import { companyOf, fail, openMinorOf, paymentStatusOf, todayIso, type DocumentRow } from './store.ts';

/**
 * Payments received, split over one or more invoices. What is not allocated stays with the
 * buyer as credit and can be allocated later. Each allocation records, in the base currency, what
 * it settles at the invoice's rate and what it brought in at the payment's rate; the difference
 * is the realised FX gain or loss (IAS 21.28). Payments and allocations are append-only.
 */

export interface PaymentInput {
  buyerContactId: number | null;
  /** Who paid, when there is no contact; also what a statement shows. */
  buyerName: string | null;
  receivedOn: string;
  amount: string;
  currency: string;
  bankFee: string | null;
  method: string;
  reference: string | null;
  allocations: readonly { documentId: number; amount: string }[];
}

export interface PaymentRow {
  id: number;
  buyer_contact_id: number | null;
  buyer_name: string;
  received_on: string;
  amount_minor: number;
  currency: string;
  bank_fee_minor: number;
  method: string;
  reference: string | null;
  base_currency: string;
  amount_base_minor: number;
  fee_base_minor: number;
  fx_rate_scaled: number | null;
}

export interface PaymentView {
  id: number;
  buyerContactId: number | null;
  buyerName: string;
  receivedOn: string;
  amountMinor: number;
  currency: string;
  bankFeeMinor: number;
  method: string;
  reference: string | null;
  amountBaseMinor: number;
  feeBaseMinor: number;
  baseCurrency: string;
  unallocatedMinor: number;
  allocations: { documentId: number; number: string; amountMinor: number; settledBaseMinor: number; receivedBaseMinor: number; fxGainMinor: number }[];
}

function amountOf(text: string, currency: string, path: string, allowZero = false): number {
  const parsed = parseAmount(text, currency);
  if (!parsed.ok || parsed.amountMinor < 0 || (!allowZero && parsed.amountMinor === 0)) {
    fail(path, 'invoices.payment.amount', `"${text}" is not an amount in ${currency}.`, { value: text, currency });
  }
  return parsed.amountMinor;
}

export function recordPayment(sqlite: Database, input: PaymentInput, now: Date): number {
  const run = sqlite.transaction(() => {
    const company = companyOf(sqlite);
    if (!isIsoDate(input.receivedOn)) fail('receivedOn', 'invoices.date', 'Enter a date as YYYY-MM-DD.');
    const amount = amountOf(input.amount, input.currency, 'amount');
    const fee = input.bankFee === null ? 0 : amountOf(input.bankFee, input.currency, 'bankFee', true);
    if (fee >= amount) fail('bankFee', 'invoices.payment.feeTooLarge', 'The bank fee is at least the amount paid.');

    // The buyer is who the allocated invoices were issued to, when not named.
    const firstDoc = input.allocations[0] ? (cached(sqlite, 'SELECT * FROM document WHERE id = ?').get(input.allocations[0].documentId) as DocumentRow | undefined) : undefined;
    const contactId = input.buyerContactId ?? firstDoc?.buyer_contact_id ?? null;
    const buyerName = input.buyerName ?? firstDoc?.buyer_name ?? null;
    if (buyerName === null) fail('buyerName', 'invoices.payment.buyer', 'Say who paid, or allocate the payment to an invoice.');

    let rate: FoundRate | null = null;
    if (input.currency !== company.base_currency) rate = requireRate(sqlite, input.currency, company.base_currency, input.receivedOn, 'currency');
    const toBase = (minor: number): number => (rate === null ? minor : convert(minor, input.currency, company.base_currency, rate));

    const id = Number(
      cached(
        sqlite,
        `INSERT INTO payment (buyer_contact_id, buyer_name, received_on, amount_minor, currency, bank_fee_minor, method, reference, base_currency,
           fx_unit, fx_quote, fx_rate_scaled, fx_rate_date, amount_base_minor, fee_base_minor, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        contactId,
        buyerName,
        input.receivedOn,
        amount,
        input.currency,
        fee,
        input.method,
        input.reference,
        company.base_currency,
        rate?.unit ?? null,
        rate?.quote ?? null,
        rate?.scaled ?? null,
        rate?.date ?? null,
        toBase(amount),
        toBase(fee),
        now.toISOString(),
      ).lastInsertRowid,
    );
    const allocationIds = allocateWithin(sqlite, id, input.allocations, now, 'allocations');
    // Bank, fees, the receivables paid and their exchange differences, in this transaction.
    postPayment(sqlite, id, allocationIds, now);
    return id;
  });
  return run.immediate();
}

/** Allocates what is left of a payment (the buyer's credit) to invoices. */
export function allocatePayment(sqlite: Database, paymentId: number, allocations: readonly { documentId: number; amount: string }[], now: Date): void {
  sqlite
    .transaction(() => {
      const allocationIds = allocateWithin(sqlite, paymentId, allocations, now, 'allocations');
      // The credit is on the receivable already, at the payment's rate: only the exchange difference is new.
      postAllocations(sqlite, paymentId, allocationIds, todayIso(now), now);
    })
    .immediate();
}

/** Writes the allocations; answers their ids. */
function allocateWithin(sqlite: Database, paymentId: number, allocations: readonly { documentId: number; amount: string }[], now: Date, path: string): number[] {
  const payment = cached(sqlite, 'SELECT * FROM payment WHERE id = ?').get(paymentId) as PaymentRow | undefined;
  if (!payment) fail('paymentId', 'invoices.payment.unknown', `There is no payment #${paymentId}.`, { id: paymentId });
  const already = allocatedOf(sqlite, paymentId);
  const alreadyReceivedBase = cached(sqlite, 'SELECT coalesce(sum(received_base_minor), 0) FROM payment_allocation WHERE payment_id = ?').pluck().get(paymentId) as number;
  const issues: FieldIssue[] = [];
  const planned: { doc: DocumentRow; amount: number }[] = [];
  let total = already;
  allocations.forEach((a, i) => {
    const at = `${path}.${i}`;
    const doc = cached(sqlite, 'SELECT * FROM document WHERE id = ?').get(a.documentId) as DocumentRow | undefined;
    if (!doc || doc.kind !== 'invoice' || doc.status !== 'issued') {
      issues.push({ path: `${at}.documentId`, key: 'invoices.payment.notAnInvoice', message: `Document #${a.documentId} is not an issued invoice.`, params: { id: a.documentId } });
      return;
    }
    if (doc.currency !== payment.currency) {
      issues.push({
        path: `${at}.documentId`,
        key: 'invoices.payment.otherCurrency',
        message: `${doc.number ?? ''} is in ${doc.currency}; this payment is in ${payment.currency}.`,
        params: { number: doc.number ?? '', currency: doc.currency },
      });
      return;
    }
    if (payment.buyer_contact_id !== null && doc.buyer_contact_id !== null && doc.buyer_contact_id !== payment.buyer_contact_id) {
      issues.push({ path: `${at}.documentId`, key: 'invoices.payment.otherBuyer', message: `${doc.number ?? ''} was issued to ${doc.buyer_name}, not to the payer.`, params: { number: doc.number ?? '', buyer: doc.buyer_name } });
      return;
    }
    const parsed = parseAmount(a.amount, payment.currency);
    const open = openMinorOf(doc) - planned.filter((p) => p.doc.id === doc.id).reduce((s, p) => s + p.amount, 0);
    if (!parsed.ok || parsed.amountMinor <= 0) {
      issues.push({ path: `${at}.amount`, key: 'invoices.payment.amount', message: `"${a.amount}" is not an amount in ${payment.currency}.`, params: { value: a.amount, currency: payment.currency } });
      return;
    }
    if (parsed.amountMinor > open) {
      issues.push({ path: `${at}.amount`, key: 'invoices.payment.moreThanOpen', message: `${doc.number ?? ''} has only ${open} ${payment.currency} (minor units) open.`, params: { number: doc.number ?? '', openMinor: open } });
      return;
    }
    total += parsed.amountMinor;
    planned.push({ doc, amount: parsed.amountMinor });
  });
  if (total > payment.amount_minor) {
    issues.push({ path, key: 'invoices.payment.overAllocated', message: 'The allocations add up to more than the payment.', params: { amountMinor: payment.amount_minor, allocatedMinor: total } });
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const insert = cached(
    sqlite,
    `INSERT INTO payment_allocation (payment_id, document_id, amount_minor, settled_base_minor, received_base_minor, fx_gain_minor, allocated_on, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let allocated = already;
  let receivedBaseSoFar = alreadyReceivedBase;
  const ids: number[] = [];
  for (const { doc: planned0, amount } of planned) {
    const doc = cached(sqlite, 'SELECT * FROM document WHERE id = ?').get(planned0.id) as DocumentRow;
    allocated += amount;
    // The last part of a payment takes the remainder of its base amount, so the parts add up exactly.
    const receivedBase = allocated === payment.amount_minor ? payment.amount_base_minor - receivedBaseSoFar : mulDivRound(payment.amount_base_minor, amount, payment.amount_minor);
    receivedBaseSoFar += receivedBase;
    const settledBase = settledBaseOf(sqlite, doc, amount);
    ids.push(Number(insert.run(paymentId, doc.id, amount, settledBase, receivedBase, receivedBase - settledBase, todayIso(now), now.toISOString()).lastInsertRowid));
    const paid = doc.paid_minor + amount;
    cached(sqlite, 'UPDATE document SET paid_minor = ?, payment_status = ?, updated_at = ? WHERE id = ?').run(
      paid,
      paymentStatusOf(doc.gross_minor, paid, doc.credited_minor),
      now.toISOString(),
      doc.id,
    );
  }
  return ids;
}

function allocatedOf(sqlite: Database, paymentId: number): number {
  return cached(sqlite, 'SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE payment_id = ?').pluck().get(paymentId) as number;
}

export function getPayment(sqlite: Database, id: number): PaymentView {
  const p = cached(sqlite, 'SELECT * FROM payment WHERE id = ?').get(id) as PaymentRow | undefined;
  if (!p) fail('id', 'invoices.payment.unknown', `There is no payment #${id}.`, { id });
  const allocations = cached(
    sqlite,
    `SELECT a.document_id, d.number, a.amount_minor, a.settled_base_minor, a.received_base_minor, a.fx_gain_minor
     FROM payment_allocation a JOIN document d ON d.id = a.document_id WHERE a.payment_id = ? ORDER BY a.id`,
  ).all(id) as { document_id: number; number: string; amount_minor: number; settled_base_minor: number; received_base_minor: number; fx_gain_minor: number }[];
  return {
    id: p.id,
    buyerContactId: p.buyer_contact_id,
    buyerName: p.buyer_name,
    receivedOn: p.received_on,
    amountMinor: p.amount_minor,
    currency: p.currency,
    bankFeeMinor: p.bank_fee_minor,
    method: p.method,
    reference: p.reference,
    amountBaseMinor: p.amount_base_minor,
    feeBaseMinor: p.fee_base_minor,
    baseCurrency: p.base_currency,
    unallocatedMinor: p.amount_minor - allocations.reduce((s, a) => s + a.amount_minor, 0),
    allocations: allocations.map((a) => ({
      documentId: a.document_id,
      number: a.number,
      amountMinor: a.amount_minor,
      settledBaseMinor: a.settled_base_minor,
      receivedBaseMinor: a.received_base_minor,
      fxGainMinor: a.fx_gain_minor,
    })),
  };
}

export function listPayments(sqlite: Database, query: { buyerContactId: number | null; limit: number }): PaymentView[] {
  const ids = (
    query.buyerContactId === null
      ? cached(sqlite, 'SELECT id FROM payment ORDER BY received_on DESC, id DESC LIMIT ?').pluck().all(query.limit)
      : cached(sqlite, 'SELECT id FROM payment WHERE buyer_contact_id = ? ORDER BY received_on DESC, id DESC LIMIT ?').pluck().all(query.buyerContactId, query.limit)
  ) as number[];
  return ids.map((id) => getPayment(sqlite, id));
}
