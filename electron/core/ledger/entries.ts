import type { Database } from 'better-sqlite3';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import { ensureChart } from './accounts.ts';
import { manualPosting, type ManualEntryInput } from './postings/manual.ts';
import { reversalPosting } from './postings/reversal.ts';
import type { Journal, LineDraft } from './postings/types.ts';
import { writeEntry } from './writeEntry.ts';

/** A manual entry, posted in its own IMMEDIATE transaction. */
export function postManualEntry(sqlite: Database, input: ManualEntryInput, now = new Date()): number {
  return sqlite
    .transaction(() => {
      ensureChart(sqlite, now);
      return writeEntry(sqlite, manualPosting(input), now);
    })
    .immediate();
}

/** Reverses a posted entry (once): the correction the append-only journal allows. */
export function reverseEntry(sqlite: Database, entryId: number, date: string, reason: string | null, now = new Date()): number {
  return sqlite
    .transaction(() => {
      const entry = sqlite.prepare("SELECT id, journal, number, reference, description, source_kind FROM ledger_entry WHERE id = ? AND status = 'posted'").get(entryId) as
        | { id: number; journal: Journal; number: number; reference: string | null; description: string; source_kind: string }
        | undefined;
      if (!entry) throw new KontorError('NOT_FOUND', `There is no posted journal entry #${entryId}.`);
      if (entry.source_kind === 'reversal') {
        throw new ValidationError([{ path: 'entryId', key: 'ledger.reversal.ofReversal', message: `Entry ${entry.journal} ${entry.number} is itself a reversal; post the original again instead.` }]);
      }
      const by = sqlite.prepare('SELECT journal, number FROM ledger_entry WHERE reverses_id = ?').get(entryId) as { journal: string; number: number } | undefined;
      if (by) {
        throw new ValidationError([
          { path: 'entryId', key: 'ledger.reversal.twice', message: `Entry ${entry.journal} ${entry.number} was already reversed by ${by.journal} ${by.number}.`, params: { reversal: `${by.journal} ${by.number}` } },
        ]);
      }
      const lines = (
        sqlite
          .prepare(
            'SELECT account_code, debit_minor, credit_minor, description, party_code, party_name, tax_code, tax_role, foreign_minor, foreign_currency FROM ledger_line WHERE entry_id = ? ORDER BY id',
          )
          .all(entryId) as Record<string, unknown>[]
      ).map(
        (l): LineDraft => ({
          account: l.account_code as string,
          debitMinor: l.debit_minor as number,
          creditMinor: l.credit_minor as number,
          description: l.description as string | null,
          partyCode: l.party_code as string | null,
          partyName: l.party_name as string | null,
          taxCode: l.tax_code as string | null,
          taxRole: l.tax_role as 'base' | 'tax' | null,
          foreignMinor: l.foreign_minor as number | null,
          foreignCurrency: l.foreign_currency as string | null,
        }),
      );
      return writeEntry(sqlite, reversalPosting({ ...entry, lines }, date, reason), now);
    })
    .immediate();
}

/** Closes the books up to `through` (inclusive). Only moves forward; the database refuses the rest. */
export function lockPeriod(sqlite: Database, through: string, now = new Date()): string {
  return sqlite
    .transaction(() => {
      const current = sqlite.prepare('SELECT locked_through FROM ledger_lock WHERE id = 1').pluck().get() as string | null;
      if (current !== null && through < current) {
        throw new ValidationError([
          { path: 'through', key: 'ledger.lock.backwards', message: `The books are closed up to ${current}; a closed period cannot be reopened.`, params: { lockedThrough: current } },
        ]);
      }
      sqlite.prepare('UPDATE ledger_lock SET locked_through = ?, updated_at = ? WHERE id = 1').run(through, now.toISOString());
      return through;
    })
    .immediate();
}
