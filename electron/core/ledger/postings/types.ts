import { ValidationError } from '../../../../shared/errors.ts';
import type { PostingKey } from '../../../../shared/ledger/postingKeys.ts';

export const JOURNALS = ['SALES', 'BANK', 'STOCK', 'MISC'] as const;
export type Journal = (typeof JOURNALS)[number];

export type SourceKind = 'invoice' | 'credit_note' | 'payment' | 'stock_movement' | 'manual' | 'reversal';

/** One side of one line, in minor units of the base currency. */
export interface LineDraft {
  account: string;
  debitMinor: number;
  creditMinor: number;
  description?: string | null;
  partyCode?: string | null;
  partyName?: string | null;
  taxCode?: string | null;
  taxRole?: 'base' | 'tax' | null;
  foreignMinor?: number | null;
  foreignCurrency?: string | null;
}

/** A balanced journal entry before it is written; what every posting builder answers. */
export interface EntryDraft {
  journal: Journal;
  /** YYYY-MM-DD */
  date: string;
  reference: string | null;
  description: string;
  source: { kind: SourceKind; id: string | null };
  reversesId?: number | null;
  lines: LineDraft[];
}

/** Posting key → account code, as stored in ledger_mapping. */
export type AccountMap = Readonly<Record<string, string>>;

export function accountFor(accounts: AccountMap, key: PostingKey): string {
  const code = accounts[key];
  if (code === undefined) {
    throw new ValidationError([
      {
        path: 'mapping',
        key: 'ledger.mapping.missing',
        message: `No account is set for postings of kind "${key}". Choose one on the Ledger page under Accounts.`,
        params: { postingKey: key },
      },
    ]);
  }
  return code;
}

/** A line from a signed amount: positive is a debit, negative a credit; zero gives no line. */
export function signedLine(account: string, amountMinor: number, extra: Omit<LineDraft, 'account' | 'debitMinor' | 'creditMinor'> = {}): LineDraft[] {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`ledger: ${amountMinor} is not a whole number of minor units`);
  if (amountMinor === 0) return [];
  return [{ account, debitMinor: Math.max(amountMinor, 0), creditMinor: Math.max(-amountMinor, 0), ...extra }];
}

export function totals(lines: readonly LineDraft[]): { debitMinor: number; creditMinor: number } {
  let debitMinor = 0;
  let creditMinor = 0;
  for (const l of lines) {
    debitMinor += l.debitMinor;
    creditMinor += l.creditMinor;
  }
  return { debitMinor, creditMinor };
}

/** Builders balance by construction; this catches a builder bug before the database does. */
export function assertBalanced(draft: EntryDraft): EntryDraft {
  const t = totals(draft.lines);
  if (t.debitMinor !== t.creditMinor || draft.lines.length < 2) {
    throw new Error(`ledger: entry "${draft.description}" does not balance (debit ${t.debitMinor}, credit ${t.creditMinor})`);
  }
  return draft;
}

/** The UTC calendar day of an ISO instant. */
export function dayOf(isoInstant: string): string {
  return isoInstant.slice(0, 10);
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
