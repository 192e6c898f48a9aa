import type { Database } from 'better-sqlite3';
import { ValidationError } from '../../../shared/errors.ts';
import { requireAccounts } from './accounts.ts';
import { assertBalanced, type EntryDraft } from './postings/types.ts';

function prepareAll(db: Database) {
  return {
    lockedThrough: db.prepare('SELECT locked_through FROM ledger_lock WHERE id = 1').pluck(),
    insertEntry: db.prepare(
      `INSERT INTO ledger_entry (journal, entry_date, reference, description, source_kind, source_id, reverses_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertLine: db.prepare(
      `INSERT INTO ledger_line (entry_id, account_code, debit_minor, credit_minor, description, party_code, party_name, tax_code, tax_role, foreign_minor, foreign_currency)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    post: db.prepare(
      `UPDATE ledger_entry SET status = 'posted', posted_at = ?,
         number = (SELECT coalesce(max(number), 0) + 1 FROM ledger_entry WHERE journal = ? AND number IS NOT NULL)
       WHERE id = ?`,
    ),
    sourceTaken: db.prepare('SELECT id FROM ledger_entry WHERE source_kind = ? AND source_id = ?').pluck(),
  };
}

const prepared = new WeakMap<Database, ReturnType<typeof prepareAll>>();

/** The lock date (last closed day) or null. */
export function lockedThrough(sqlite: Database): string | null {
  return (sqlite.prepare('SELECT locked_through FROM ledger_lock WHERE id = 1').pluck().get() as string | null) ?? null;
}

/**
 * Writes one entry in the caller's transaction: open, its lines, then posted. The database checks
 * the balance, the numbering, the lock date and append-only; the checks here come first only to
 * give a person a message they can act on.
 */
export function writeEntry(sqlite: Database, draft: EntryDraft, now = new Date()): number {
  let s = prepared.get(sqlite);
  if (!s) prepared.set(sqlite, (s = prepareAll(sqlite)));
  assertBalanced(draft);
  const lock = s.lockedThrough.get() as string | null;
  if (lock !== null && draft.date <= lock) {
    throw new ValidationError([
      {
        path: 'date',
        key: 'ledger.locked',
        message: `The books are closed up to ${lock}; nothing dated ${draft.date} can be posted. Date it after ${lock}.`,
        params: { date: draft.date, lockedThrough: lock },
      },
    ]);
  }
  if (draft.source.id !== null && s.sourceTaken.get(draft.source.kind, draft.source.id) !== undefined) {
    throw new ValidationError([
      {
        path: 'source',
        key: 'ledger.alreadyPosted',
        message: `${draft.reference ?? draft.description} is already in the journal; post a reversal to undo it instead.`,
        params: { reference: draft.reference ?? draft.description },
      },
    ]);
  }
  requireAccounts(sqlite, draft.lines.map((l) => l.account), 'lines');
  const at = now.toISOString();
  const entryId = Number(
    s.insertEntry.run(draft.journal, draft.date, draft.reference, draft.description, draft.source.kind, draft.source.id, draft.reversesId ?? null, at).lastInsertRowid,
  );
  for (const l of draft.lines) {
    s.insertLine.run(
      entryId,
      l.account,
      l.debitMinor,
      l.creditMinor,
      l.description ?? null,
      l.partyCode ?? null,
      l.partyName ?? null,
      l.taxCode ?? null,
      l.taxRole ?? null,
      l.foreignMinor ?? null,
      l.foreignCurrency ?? null,
    );
  }
  s.post.run(at, draft.journal, entryId);
  return entryId;
}

/** Writes several entries all or nothing (its own IMMEDIATE transaction, or the caller's). */
export function writeEntries(sqlite: Database, drafts: readonly EntryDraft[], now = new Date()): number[] {
  const run = sqlite.transaction(() => drafts.map((d) => writeEntry(sqlite, d, now)));
  return sqlite.inTransaction ? run() : run.immediate();
}
