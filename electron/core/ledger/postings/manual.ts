import { ValidationError, type FieldIssue } from '../../../../shared/errors.ts';
import { assertBalanced, DATE, totals, type EntryDraft, type LineDraft } from './types.ts';

export interface ManualEntryInput {
  date: string;
  description: string;
  reference?: string | null;
  lines: readonly { account: string; debitMinor: number; creditMinor: number; description?: string | null }[];
}

/** A journal entry typed by hand: every line one side, at least two lines, debits equal to credits. */
export function manualPosting(input: ManualEntryInput): EntryDraft {
  const issues: FieldIssue[] = [];
  if (!DATE.test(input.date)) issues.push({ path: 'date', key: 'ledger.date.invalid', message: `"${input.date}" is not a date (YYYY-MM-DD).`, params: { value: input.date } });
  if (!input.description.trim()) issues.push({ path: 'description', key: 'ledger.manual.description', message: 'Say what the entry is for.' });
  if (input.lines.length < 2) issues.push({ path: 'lines', key: 'ledger.manual.twoLines', message: 'An entry needs at least two lines.' });
  input.lines.forEach((l, i) => {
    const ok = Number.isSafeInteger(l.debitMinor) && Number.isSafeInteger(l.creditMinor) && l.debitMinor >= 0 && l.creditMinor >= 0 && (l.debitMinor > 0) !== (l.creditMinor > 0);
    if (!ok) issues.push({ path: `lines.${i}`, key: 'ledger.manual.oneSide', message: `Line ${i + 1} needs an amount on either the debit or the credit side.`, params: { line: i + 1 } });
    if (!l.account.trim()) issues.push({ path: `lines.${i}.account`, key: 'ledger.manual.account', message: `Line ${i + 1} needs an account.`, params: { line: i + 1 } });
  });
  const lines: LineDraft[] = input.lines.map((l) => ({ account: l.account.trim(), debitMinor: l.debitMinor, creditMinor: l.creditMinor, description: l.description ?? null }));
  const t = totals(lines);
  if (issues.length === 0 && t.debitMinor !== t.creditMinor) {
    issues.push({ path: 'lines', key: 'ledger.manual.unbalanced', message: `Debits (${t.debitMinor}) and credits (${t.creditMinor}) differ.`, params: { debit: t.debitMinor, credit: t.creditMinor } });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return assertBalanced({
    journal: 'MISC',
    date: input.date,
    reference: input.reference ?? null,
    description: input.description.trim(),
    source: { kind: 'manual', id: null },
    lines,
  });
}
