import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockPeriod, postManualEntry, reverseEntry } from '../../../electron/core/ledger/entries.ts';
import { writeEntry } from '../../../electron/core/ledger/writeEntry.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { balances, openLedgerKontor, type LedgerKontor } from './support.ts';

// The database itself refuses unbalanced, changed or back-dated postings, whatever code writes:
// these tests go around the services and write SQL directly.

let t: LedgerKontor;
beforeEach(async () => {
  t = await openLedgerKontor();
});
afterEach(() => t.close());

const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

function openEntry(date = '2025-01-10'): number {
  return Number(
    t.sqlite.prepare(`INSERT INTO ledger_entry (journal, entry_date, description, source_kind, created_at) VALUES ('MISC', ?, 'test', 'manual', ${now})`).run(date).lastInsertRowid,
  );
}
function addLine(entry: number, account: string, debit: number, credit: number): void {
  t.sqlite.prepare('INSERT INTO ledger_line (entry_id, account_code, debit_minor, credit_minor) VALUES (?, ?, ?, ?)').run(entry, account, debit, credit);
}
function post(entry: number): void {
  t.sqlite
    .prepare(`UPDATE ledger_entry SET status = 'posted', posted_at = ${now}, number = (SELECT coalesce(max(number), 0) + 1 FROM ledger_entry WHERE journal = 'MISC') WHERE id = ?`)
    .run(entry);
}

describe('the journal in the database', () => {
  it('posts an entry only when its debits equal its credits', () => {
    const e = openEntry();
    addLine(e, '1200', 1000, 0);
    addLine(e, '1000', 0, 999);
    expect(() => post(e)).toThrow(/debits and credits of the entry differ/);
    addLine(e, '1000', 0, 1);
    post(e);
    expect(t.sqlite.prepare('SELECT status, number FROM ledger_entry WHERE id = ?').get(e)).toEqual({ status: 'posted', number: 1 });
  });

  it('refuses a one-line entry, a line with both or neither side, and entries born posted', () => {
    const e = openEntry();
    expect(() => addLine(e, '1200', 5, 5)).toThrow(/CHECK/);
    expect(() => addLine(e, '1200', 0, 0)).toThrow(/CHECK/);
    expect(() => post(e)).toThrow(/differ/);
    expect(() =>
      t.sqlite.prepare(`INSERT INTO ledger_entry (journal, entry_date, description, source_kind, created_at, status, number, posted_at) VALUES ('MISC', '2025-01-01', 'x', 'manual', ${now}, 'posted', 1, ${now})`).run(),
    ).toThrow(/written open/);
  });

  it('keeps posted entries and their lines as they are: no update, no delete, no new line', () => {
    const e = openEntry();
    addLine(e, '1200', 1000, 0);
    addLine(e, '1000', 0, 1000);
    post(e);
    expect(() => t.sqlite.prepare("UPDATE ledger_entry SET description = 'changed' WHERE id = ?").run(e)).toThrow(/append-only/);
    expect(() => t.sqlite.prepare('DELETE FROM ledger_entry WHERE id = ?').run(e)).toThrow(/append-only/);
    expect(() => t.sqlite.prepare('UPDATE ledger_line SET debit_minor = 2000 WHERE entry_id = ?').run(e)).toThrow(/append-only/);
    expect(() => t.sqlite.prepare('DELETE FROM ledger_line WHERE entry_id = ?').run(e)).toThrow(/append-only/);
    expect(() => addLine(e, '1200', 1, 0)).toThrow(/only added to an open entry/);
  });

  it('numbers posted entries continuously per journal', () => {
    const a = openEntry();
    addLine(a, '1200', 1, 0);
    addLine(a, '1000', 0, 1);
    expect(() =>
      t.sqlite.prepare(`UPDATE ledger_entry SET status = 'posted', posted_at = ${now}, number = 5 WHERE id = ?`).run(a),
    ).toThrow(/numbered continuously/);
    post(a);
    const b = postManualEntry(t.sqlite, { date: '2025-01-11', description: 'b', lines: [{ account: '1200', debitMinor: 1, creditMinor: 0 }, { account: '1000', debitMinor: 0, creditMinor: 1 }] });
    expect(t.sqlite.prepare('SELECT number FROM ledger_entry WHERE id = ?').pluck().get(b)).toBe(2);
  });

  it('closes a period: nothing dated on or before the lock date is written, and the lock only moves forward', () => {
    lockPeriod(t.sqlite, '2025-01-31');
    expect(() => openEntry('2025-01-31')).toThrow(/closed period/);
    expect(() => postManualEntry(t.sqlite, { date: '2025-01-15', description: 'late', lines: [{ account: '1200', debitMinor: 1, creditMinor: 0 }, { account: '1000', debitMinor: 0, creditMinor: 1 }] })).toThrow(
      expect.objectContaining({ details: { issues: [expect.objectContaining({ key: 'ledger.locked', params: { date: '2025-01-15', lockedThrough: '2025-01-31' } })] } }),
    );
    expect(() => t.sqlite.prepare("UPDATE ledger_lock SET locked_through = '2025-01-01'").run()).toThrow(/cannot be reopened/);
    expect(() => t.sqlite.prepare('UPDATE ledger_lock SET locked_through = NULL').run()).toThrow(/cannot be reopened/);
    expect(() => lockPeriod(t.sqlite, '2024-12-31')).toThrow(ValidationError);
    openEntry('2025-02-01');
  });

  it('an open entry written before the lock cannot be posted after it', () => {
    const e = openEntry('2025-01-20');
    addLine(e, '1200', 1, 0);
    addLine(e, '1000', 0, 1);
    lockPeriod(t.sqlite, '2025-01-31');
    expect(() => post(e)).toThrow(/closed period/);
  });

  it('corrects by reversal, once, and the reversal cannot itself be reversed', () => {
    const id = postManualEntry(t.sqlite, { date: '2025-02-01', description: 'wrong', lines: [{ account: '1200', debitMinor: 700, creditMinor: 0 }, { account: '1000', debitMinor: 0, creditMinor: 700 }] });
    expect(balances(t.sqlite)).toEqual({ '1200': 700, '1000': -700 });
    const rev = reverseEntry(t.sqlite, id, '2025-02-02', 'typo');
    expect(balances(t.sqlite)).toEqual({});
    expect(() => reverseEntry(t.sqlite, id, '2025-02-03', null)).toThrow(/already reversed/);
    expect(() => reverseEntry(t.sqlite, rev, '2025-02-03', null)).toThrow(/itself a reversal/);
    // The unique index holds even around the code.
    expect(() =>
      t.sqlite.prepare(`INSERT INTO ledger_entry (journal, entry_date, description, source_kind, reverses_id, source_id, created_at) VALUES ('MISC', '2025-02-05', 'again', 'reversal', ?, 'x', ${now})`).run(id),
    ).toThrow(/UNIQUE/);
  });

  it('refuses lines on unknown accounts with the account named, and posts one business event once', () => {
    expect(() => postManualEntry(t.sqlite, { date: '2025-02-01', description: 'x', lines: [{ account: '9999', debitMinor: 1, creditMinor: 0 }, { account: '1000', debitMinor: 0, creditMinor: 1 }] })).toThrow(
      /no account 9999/,
    );
    const draft = { journal: 'SALES' as const, date: '2025-02-01', reference: 'RE-1', description: 'x', source: { kind: 'invoice' as const, id: '1' }, lines: [{ account: '1400', debitMinor: 1, creditMinor: 0 }, { account: '8400', debitMinor: 0, creditMinor: 1 }] };
    writeEntry(t.sqlite, draft);
    expect(() => writeEntry(t.sqlite, draft)).toThrow(/already in the journal/);
  });
});
