import { ValidationError, type FieldIssue } from '../../../../shared/errors.ts';
import { revenueKey, taxCodeOf, vatKey, type TaxCase } from '../../../../shared/ledger/postingKeys.ts';
import { toBase } from './fx.ts';
import { accountFor, assertBalanced, DATE, signedLine, type AccountMap, type EntryDraft, type LineDraft } from './types.ts';

/** One tax group of an invoice: the sum of its line nets and the VAT on that sum (EN 16931 BR-CO). */
export interface InvoiceTaxGroup {
  taxCase: TaxCase;
  /** Basis points: 19 % = 1900; 0 for intra-EU supplies and exports. */
  rateBp: number;
  /** In the invoice currency's minor units. */
  netMinor: number;
  vatMinor: number;
  /**
   * The same amounts in the base currency as the document stored them; converted here at the
   * input's rate when left out. Invoicing passes its own so ledger and document agree to the cent.
   */
  netBaseMinor?: number;
  vatBaseMinor?: number;
}

/** What the ledger needs of an issued invoice or credit note: plain data, no database. */
export interface InvoicePostingInput {
  /** The invoice's id in its own table; one posting per document. */
  id: string;
  number: string;
  /** YYYY-MM-DD, the issue date: the day the spot rate is taken (IAS 21.21). */
  date: string;
  customer: { code: string | null; name: string };
  currency: string;
  baseCurrency: string;
  /** Units of `currency` for one unit of `baseCurrency` on `date`; "1" when they are the same. */
  rate: string;
  taxes: readonly InvoiceTaxGroup[];
  /**
   * Credit notes: what the note takes off the receivable, in the base currency at the credited
   * invoice's rate (where the receivable was booked). When it differs from the note's own amounts
   * at its own rate, the difference is a realised exchange gain or loss (IAS 21.28).
   */
  receivableBaseMinor?: number;
}

function groupBase(input: InvoicePostingInput, g: InvoiceTaxGroup): { net: number; vat: number } {
  return {
    net: g.netBaseMinor ?? toBase(g.netMinor, input.currency, input.baseCurrency, input.rate),
    vat: g.vatBaseMinor ?? toBase(g.vatMinor, input.currency, input.baseCurrency, input.rate),
  };
}

/** The invoice's gross in base currency as the receivable was booked: what a payment settles. */
export function receivableBaseOf(input: InvoicePostingInput): number {
  let total = 0;
  for (const g of input.taxes) {
    const b = groupBase(input, g);
    total += b.net + b.vat;
  }
  return total;
}

/**
 * Invoice issued: receivable (gross) against revenue per tax case and rate and output VAT per rate.
 * Each part is converted on its own and the receivable is their sum, so the entry balances to the
 * cent in the base currency whatever the rounding.
 */
export function invoiceIssuedPosting(input: InvoicePostingInput, accounts: AccountMap): EntryDraft {
  return documentPosting(input, accounts, 1, 'invoice', `Invoice ${input.number}, ${input.customer.name}`);
}

/** Credit note: the mirror of an invoice, taken at the credit note's own date and rate. */
export function creditNotePosting(input: InvoicePostingInput & { creditedInvoiceNumber?: string | null }, accounts: AccountMap): EntryDraft {
  const what = input.creditedInvoiceNumber ? ` for invoice ${input.creditedInvoiceNumber}` : '';
  return documentPosting(input, accounts, -1, 'credit_note', `Credit note ${input.number}${what}, ${input.customer.name}`);
}

function documentPosting(input: InvoicePostingInput, accounts: AccountMap, sign: 1 | -1, kind: 'invoice' | 'credit_note', description: string): EntryDraft {
  checkDocument(input);
  const foreign = input.currency !== input.baseCurrency;
  const party = { partyCode: input.customer.code, partyName: input.customer.name };
  const credits: LineDraft[] = [];
  let grossBase = 0;
  let grossForeign = 0;
  for (const g of input.taxes) {
    const taxCode = taxCodeOf(g.taxCase, g.rateBp);
    const { net: netBase, vat: vatBase } = groupBase(input, g);
    grossBase += netBase + vatBase;
    grossForeign += g.netMinor + g.vatMinor;
    credits.push(
      ...signedLine(accountFor(accounts, revenueKey(g.taxCase, g.rateBp)), -sign * netBase, {
        ...party,
        taxCode,
        taxRole: 'base',
        ...(foreign ? { foreignMinor: -sign * g.netMinor, foreignCurrency: input.currency } : {}),
      }),
    );
    // An exempt or zero-rated domestic line has no VAT, and needs no VAT account.
    if (g.taxCase === 'domestic' && vatBase !== 0) {
      credits.push(
        ...signedLine(accountFor(accounts, vatKey(g.rateBp)), -sign * vatBase, {
          ...party,
          taxCode,
          taxRole: 'tax',
          ...(foreign ? { foreignMinor: -sign * g.vatMinor, foreignCurrency: input.currency } : {}),
        }),
      );
    }
  }
  const receivableBase = input.receivableBaseMinor ?? grossBase;
  const receivable = signedLine(accountFor(accounts, 'receivables'), sign * receivableBase, {
    ...party,
    ...(foreign ? { foreignMinor: sign * grossForeign, foreignCurrency: input.currency } : {}),
  });
  // What the receivable moves beyond the document's own amounts: the exchange difference.
  const difference = sign * (grossBase - receivableBase);
  const fx = difference > 0 ? signedLine(accountFor(accounts, 'fx.loss'), difference) : signedLine(accountFor(accounts, 'fx.gain'), difference);
  return assertBalanced({
    journal: 'SALES',
    date: input.date,
    reference: input.number,
    description,
    source: { kind, id: input.id },
    lines: [...receivable, ...credits, ...fx],
  });
}

function checkDocument(input: InvoicePostingInput): void {
  const issues: FieldIssue[] = [];
  if (!DATE.test(input.date)) issues.push({ path: 'date', key: 'ledger.date.invalid', message: `"${input.date}" is not a date (YYYY-MM-DD).`, params: { value: input.date } });
  if (input.taxes.length === 0) issues.push({ path: 'taxes', key: 'ledger.invoice.empty', message: `Document ${input.number} has no amounts to post.`, params: { number: input.number } });
  input.taxes.forEach((g, i) => {
    if (!Number.isSafeInteger(g.netMinor) || !Number.isSafeInteger(g.vatMinor)) {
      issues.push({ path: `taxes.${i}`, key: 'ledger.amount.notWhole', message: 'Amounts are whole minor units.' });
    }
    if (g.taxCase !== 'domestic' && (g.vatMinor !== 0 || g.rateBp !== 0)) {
      issues.push({
        path: `taxes.${i}.vat`,
        key: 'ledger.invoice.vatOnTaxFree',
        message: `An ${g.taxCase === 'export' ? 'export' : 'intra-EU supply'} carries no VAT; document ${input.number} has ${g.vatMinor} at ${g.rateBp / 100} %.`,
        params: { number: input.number, taxCase: g.taxCase },
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
}
