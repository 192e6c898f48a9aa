import { ValidationError } from '../../../../shared/errors.ts';
import { mulDivRound } from '../../../../shared/money.ts';
import { toBase } from './fx.ts';
import { accountFor, assertBalanced, signedLine, type AccountMap, type EntryDraft } from './types.ts';

/** A customer's payment of (part of) one invoice. */
export interface PaymentPostingInput {
  id: string;
  /** The invoice number: the open item the payment settles. */
  invoiceNumber: string;
  /** YYYY-MM-DD, the day the money arrived. */
  date: string;
  customer: { code: string | null; name: string };
  /** The invoice's currency; the payment settles `amountMinor` of it. */
  currency: string;
  baseCurrency: string;
  /** The rate on the payment date (units of `currency` per base unit). */
  rate: string;
  amountMinor: number;
  /** Charges the bank kept, in `currency`, included in `amountMinor`. */
  feesMinor: number;
  /** The receivable's base-currency value for the part settled (see `receivableShare`). */
  receivableBaseMinor: number;
  via: 'bank' | 'cash';
}

/** The part of a receivable booked at `receivableBaseMinor` that paying `paidMinor` of `grossMinor` settles. */
export function receivableShare(receivableBaseMinor: number, grossMinor: number, paidMinor: number): number {
  if (paidMinor === grossMinor) return receivableBaseMinor;
  return mulDivRound(receivableBaseMinor, paidMinor, grossMinor);
}

/**
 * Payment received: bank (what arrived) and bank fees against the receivable at the value it was
 * booked at; the difference is a realised exchange gain or loss (IAS 21.28).
 */
export function paymentPosting(input: PaymentPostingInput, accounts: AccountMap): EntryDraft {
  if (!(input.amountMinor > 0) || input.feesMinor < 0 || input.feesMinor > input.amountMinor || !Number.isSafeInteger(input.amountMinor) || !Number.isSafeInteger(input.feesMinor)) {
    throw new ValidationError([
      {
        path: 'amount',
        key: 'ledger.payment.amount',
        message: `The payment of invoice ${input.invoiceNumber} must be more than zero, with fees between zero and the amount.`,
        params: { number: input.invoiceNumber },
      },
    ]);
  }
  const grossBase = toBase(input.amountMinor, input.currency, input.baseCurrency, input.rate);
  const feesBase = toBase(input.feesMinor, input.currency, input.baseCurrency, input.rate);
  const difference = grossBase - input.receivableBaseMinor;
  if (input.currency === input.baseCurrency && difference !== 0) {
    throw new ValidationError([
      {
        path: 'amount',
        key: 'ledger.payment.mismatch',
        message: `A payment in ${input.currency} of invoice ${input.invoiceNumber} settles exactly the part of the receivable it pays; there is no exchange difference in the base currency.`,
        params: { number: input.invoiceNumber },
      },
    ]);
  }
  const foreign = input.currency !== input.baseCurrency;
  const party = { partyCode: input.customer.code, partyName: input.customer.name };
  const fx = (minor: number) => (foreign ? { foreignMinor: minor, foreignCurrency: input.currency } : {});
  return assertBalanced({
    journal: 'BANK',
    date: input.date,
    reference: input.invoiceNumber,
    description: `Payment of invoice ${input.invoiceNumber}, ${input.customer.name}`,
    source: { kind: 'payment', id: input.id },
    lines: [
      ...signedLine(accountFor(accounts, input.via), grossBase - feesBase, fx(input.amountMinor - input.feesMinor)),
      ...signedLine(accountFor(accounts, 'bank.fees'), feesBase, fx(input.feesMinor)),
      ...signedLine(accountFor(accounts, 'receivables'), -input.receivableBaseMinor, { ...party, ...fx(-input.amountMinor) }),
      ...(difference > 0 ? signedLine(accountFor(accounts, 'fx.gain'), -difference) : signedLine(accountFor(accounts, 'fx.loss'), -difference)),
    ],
  });
}
