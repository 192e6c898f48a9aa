import { assertBalanced, type EntryDraft, type Journal, type LineDraft } from './types.ts';

export interface PostedEntry {
  id: number;
  journal: Journal;
  number: number;
  reference: string | null;
  description: string;
  lines: readonly LineDraft[];
}

/** The only way to undo a posted entry: the same lines with debit and credit swapped, in the same journal. */
export function reversalPosting(entry: PostedEntry, date: string, reason: string | null = null): EntryDraft {
  return assertBalanced({
    journal: entry.journal,
    date,
    reference: entry.reference,
    description: `Reversal of ${entry.journal} ${entry.number}${reason ? `: ${reason}` : `: ${entry.description}`}`.slice(0, 500),
    source: { kind: 'reversal', id: String(entry.id) },
    reversesId: entry.id,
    lines: entry.lines.map((l) => ({
      ...l,
      debitMinor: l.creditMinor,
      creditMinor: l.debitMinor,
      foreignMinor: l.foreignMinor == null ? null : -l.foreignMinor,
    })),
  });
}
