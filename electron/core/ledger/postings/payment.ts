import { ValidationError, type FieldIssue } from '../../../../shared/errors.ts';
import { mulDivRound } from '../../../../shared/money.ts';
import { accountFor, assertBalanced, signedLine, type AccountMap, type EntryDraft, type LineDraft } from './types.ts';

/**
 * Part of a payment meeting part of an invoice. Both base amounts come from the business event:
 * `settledBaseMinor` is what the part is worth at the invoice's rate (how the receivable was
 * booked), `receivedBaseMinor` what it brought in at the payment's rate. Their difference is the
 * realised exchange gain or loss (IAS 21.28), booked when the payment meets the invoice.
 */
export interface PaymentAllocationPart {
  invoiceNumber: string;
  /** In the payment's (and the invoice's) currency. */
  amountMinor: number;
  settledBaseMinor: number;
  receivedBaseMinor: number;
}

/** A customer's payment as it arrives, with the invoices it pays at once (possibly none). */
export interface PaymentPostingInput {
  /** The payment's id in its own table; one posting per payment. */
  id: string;
  /** The bank's or the customer's reference, if any. */
  reference: string | null;
  /** YYYY-MM-DD, the day the money arrived. */
  date: string;
  customer: { code: string | null; name: string };
  currency: string;
  baseCurrency: string;
  /** What the customer paid, bank fees included. */
  amountMinor: number;
  amountBaseMinor: number;
  /** Charges the bank kept, in `currency`, included in `amountMinor`. */
  feesMinor: number;
  feesBaseMinor: number;
  via: 'bank' | 'cash';
  allocations: readonly PaymentAllocationPart[];
}

/** The part of a receivable booked at `receivableBaseMinor` that paying `paidMinor` of `grossMinor` settles. */
export function receivableShare(receivableBaseMinor: number, grossMinor: number, paidMinor: number): number {
  if (paidMinor === grossMinor) return receivableBaseMinor;
  return mulDivRound(receivableBaseMinor, paidMinor, grossMinor);
}

function refuse(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

function checkParts(input: { currency: string; baseCurrency: string; allocations: readonly PaymentAllocationPart[] }, label: string, issues: FieldIssue[]): void {
  input.allocations.forEach((a, i) => {
    if (!(a.amountMinor > 0) || ![a.amountMinor, a.settledBaseMinor, a.receivedBaseMinor].every(Number.isSafeInteger)) {
      issues.push({ path: `allocations.${i}.amount`, key: 'ledger.payment.amount', message: `The part of ${label} paying invoice ${a.invoiceNumber} must be more than zero.`, params: { number: a.invoiceNumber } });
    } else if (input.currency === input.baseCurrency && (a.settledBaseMinor !== a.amountMinor || a.receivedBaseMinor !== a.amountMinor)) {
      issues.push({
        path: `allocations.${i}.amount`,
        key: 'ledger.payment.mismatch',
        message: `A payment in ${input.currency} of invoice ${a.invoiceNumber} settles exactly the part of the receivable it pays; there is no exchange difference in the base currency.`,
        params: { number: a.invoiceNumber },
      });
    }
  });
}

/** The exchange result of one part: a gain is credited, a loss debited; nothing when the rates agree. */
function exchangeLine(accounts: AccountMap, a: PaymentAllocationPart): LineDraft[] {
  const difference = a.receivedBaseMinor - a.settledBaseMinor;
  const description = `Exchange difference, invoice ${a.invoiceNumber}`;
  return difference > 0 ? signedLine(accountFor(accounts, 'fx.gain'), -difference, { description }) : signedLine(accountFor(accounts, 'fx.loss'), -difference, { description });
}

/**
 * Payment received: bank (what arrived) and bank fees against the customer's receivable at the
 * payment's rate. Each invoice it pays at once is settled at the value its receivable was booked
 * at, and the exchange difference of that part goes to FX gain or loss; what is not allocated
 * stays on the receivable as the customer's credit, at the payment's rate.
 */
export function paymentPosting(input: PaymentPostingInput, accounts: AccountMap): EntryDraft {
  const label = input.reference ? `payment ${input.reference}` : `the payment of ${input.customer.name}`;
  const issues: FieldIssue[] = [];
  const wholes = [input.amountMinor, input.amountBaseMinor, input.feesMinor, input.feesBaseMinor];
  if (!(input.amountMinor > 0) || input.feesMinor < 0 || input.feesMinor >= input.amountMinor || !wholes.every(Number.isSafeInteger)) {
    issues.push({
      path: 'amount',
      key: 'ledger.payment.amount',
      message: `${label} must be more than zero, with fees from zero to less than the amount.`,
      params: { number: input.allocations[0]?.invoiceNumber ?? input.reference ?? '' },
    });
  }
  checkParts(input, label, issues);
  const allocated = input.allocations.reduce((s, a) => s + a.amountMinor, 0);
  const receivedBase = input.allocations.reduce((s, a) => s + a.receivedBaseMinor, 0);
  if (allocated > input.amountMinor || receivedBase > input.amountBaseMinor) {
    issues.push({ path: 'allocations', key: 'ledger.payment.overAllocated', message: `The invoices paid add up to more than ${label}.`, params: { number: input.reference ?? '' } });
  }
  refuse(issues);

  const foreign = input.currency !== input.baseCurrency;
  const party = { partyCode: input.customer.code, partyName: input.customer.name };
  const fx = (minor: number) => (foreign ? { foreignMinor: minor, foreignCurrency: input.currency } : {});
  const single = input.allocations.length === 1 && allocated === input.amountMinor ? input.allocations[0] : undefined;
  const numbers = input.allocations.map((a) => a.invoiceNumber).join(', ');
  const lines: LineDraft[] = [
    ...signedLine(accountFor(accounts, input.via), input.amountBaseMinor - input.feesBaseMinor, fx(input.amountMinor - input.feesMinor)),
    ...signedLine(accountFor(accounts, 'bank.fees'), input.feesBaseMinor, fx(input.feesMinor)),
  ];
  for (const a of input.allocations) {
    // The entry's description names a single invoice; several get one line each that names theirs.
    const description = single ? null : `Payment of invoice ${a.invoiceNumber}`;
    lines.push(...signedLine(accountFor(accounts, 'receivables'), -a.settledBaseMinor, { ...party, description, ...fx(-a.amountMinor) }));
    lines.push(...exchangeLine(accounts, a));
  }
  lines.push(
    ...signedLine(accountFor(accounts, 'receivables'), -(input.amountBaseMinor - receivedBase), {
      ...party,
      description: 'Not allocated: kept as the customer’s credit',
      ...fx(-(input.amountMinor - allocated)),
    }),
  );
  return assertBalanced({
    journal: 'BANK',
    date: input.date,
    reference: single?.invoiceNumber ?? input.reference ?? `PAY-${input.id}`,
    description: (numbers ? `Payment of invoice${input.allocations.length > 1 ? 's' : ''} ${numbers}, ${input.customer.name}` : `Payment received from ${input.customer.name}, not yet allocated`).slice(0, 500),
    source: { kind: 'payment', id: input.id },
    lines,
  });
}

/** A customer's credit (an earlier payment) allocated to invoices later. */
export interface AllocationPostingInput {
  /** Unique per allocation batch: the payment and its first new allocation. */
  id: string;
  paymentReference: string | null;
  date: string;
  customer: { code: string | null; name: string };
  currency: string;
  baseCurrency: string;
  allocations: readonly PaymentAllocationPart[];
}

/**
 * Credit allocated later: the credit already sits on the receivable at the payment's rate, so
 * only the exchange difference between the two rates is booked; without one there is nothing to
 * post (answers null).
 */
export function allocationPosting(input: AllocationPostingInput, accounts: AccountMap): EntryDraft | null {
  const issues: FieldIssue[] = [];
  checkParts(input, 'the allocation', issues);
  refuse(issues);
  const party = { partyCode: input.customer.code, partyName: input.customer.name };
  // The credit sits on the receivable at the payment's rate; the invoice takes it at its own.
  const lines = input.allocations.flatMap((a) => [
    ...signedLine(accountFor(accounts, 'receivables'), a.receivedBaseMinor - a.settledBaseMinor, { ...party, description: `Exchange difference, invoice ${a.invoiceNumber}` }),
    ...exchangeLine(accounts, a),
  ]);
  if (lines.length === 0) return null;
  const numbers = input.allocations.map((a) => a.invoiceNumber).join(', ');
  return assertBalanced({
    journal: 'MISC',
    date: input.date,
    reference: input.allocations.length === 1 ? input.allocations[0]!.invoiceNumber : (input.paymentReference ?? null),
    description: `Exchange difference: credit${input.paymentReference ? ` of payment ${input.paymentReference}` : ''} allocated to ${numbers}, ${input.customer.name}`.slice(0, 500),
    source: { kind: 'payment', id: input.id },
    lines,
  });
}
