import type { Migration } from './migration.ts';

/**
 * The double-entry journal. The database itself keeps the books honest, whatever code writes:
 * - an entry is written `open`, its lines are added, and it becomes `posted` only if its debits
 *   equal its credits (a trigger refuses the status change otherwise);
 * - once posted, neither the entry nor its lines can change or go: a mistake is corrected by a
 *   reversing entry (`reverses_id`), at most one per entry;
 * - posted entries are numbered continuously per journal (FEC asks for it), checked on posting;
 * - nothing can be written or posted on or before the lock date, which only moves forward.
 * Amounts are integer minor units of the base currency, one side per line.
 */
export const m007Ledger: Migration = {
  version: 7,
  name: 'ledger: accounts, posting map, journal entries and lines, period lock',
  up: (db) =>
    db.exec(`
      CREATE TABLE ledger_account (
        code       TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 20 AND code NOT GLOB '*[^0-9A-Za-z]*'),
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind       TEXT NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
        created_at TEXT NOT NULL
      ) STRICT;

      -- Which account each kind of posting goes to ('revenue.domestic.1900', 'receivables', ...).
      CREATE TABLE ledger_mapping (
        posting_key  TEXT PRIMARY KEY,
        account_code TEXT NOT NULL REFERENCES ledger_account (code) ON DELETE RESTRICT,
        updated_at   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ledger_lock (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        -- The last day of the closed period, YYYY-MM-DD; NULL while nothing is closed.
        locked_through TEXT CHECK (locked_through IS NULL OR locked_through GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        updated_at     TEXT NOT NULL
      ) STRICT;
      INSERT INTO ledger_lock (id, locked_through, updated_at) VALUES (1, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
      CREATE TRIGGER ledger_lock_forward_only BEFORE UPDATE ON ledger_lock
      WHEN OLD.locked_through IS NOT NULL AND (NEW.locked_through IS NULL OR NEW.locked_through < OLD.locked_through)
      BEGIN SELECT RAISE(ABORT, 'ledger: a closed period cannot be reopened; the lock date only moves forward'); END;
      CREATE TRIGGER ledger_lock_no_delete BEFORE DELETE ON ledger_lock
      BEGIN SELECT RAISE(ABORT, 'ledger: the period lock cannot be removed'); END;

      CREATE TABLE ledger_entry (
        id          INTEGER PRIMARY KEY,
        journal     TEXT    NOT NULL CHECK (journal IN ('SALES', 'BANK', 'STOCK', 'MISC')),
        -- Continuous per journal, given when the entry is posted.
        number      INTEGER,
        entry_date  TEXT    NOT NULL CHECK (entry_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'posted')),
        -- The document: invoice number, payment reference, stock movement number.
        reference   TEXT,
        description TEXT    NOT NULL,
        source_kind TEXT    NOT NULL
                    CHECK (source_kind IN ('invoice', 'credit_note', 'payment', 'stock_movement', 'manual', 'reversal')),
        source_id   TEXT,
        reverses_id INTEGER REFERENCES ledger_entry (id),
        created_at  TEXT    NOT NULL,
        posted_at   TEXT,
        CHECK ((status = 'posted') = (number IS NOT NULL AND posted_at IS NOT NULL)),
        CHECK ((source_kind = 'reversal') = (reverses_id IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX ledger_entry_number ON ledger_entry (journal, number) WHERE number IS NOT NULL;
      CREATE INDEX ledger_entry_date ON ledger_entry (entry_date, id);
      -- One posting per business event, one reversal per entry.
      CREATE UNIQUE INDEX ledger_entry_source ON ledger_entry (source_kind, source_id) WHERE source_id IS NOT NULL;
      CREATE UNIQUE INDEX ledger_entry_reverses ON ledger_entry (reverses_id) WHERE reverses_id IS NOT NULL;

      CREATE TABLE ledger_line (
        id               INTEGER PRIMARY KEY,
        entry_id         INTEGER NOT NULL REFERENCES ledger_entry (id),
        account_code     TEXT    NOT NULL REFERENCES ledger_account (code) ON DELETE RESTRICT,
        debit_minor      INTEGER NOT NULL DEFAULT 0 CHECK (debit_minor >= 0),
        credit_minor     INTEGER NOT NULL DEFAULT 0 CHECK (credit_minor >= 0),
        description      TEXT,
        -- The customer or supplier (FEC CompAuxNum/Lib, DATEV open items).
        party_code       TEXT,
        party_name       TEXT,
        -- 'domestic:1900', 'intraEu', 'export': the tax case and rate in basis points; role says
        -- whether the line is the taxable base or the tax itself (DATEV folds tax into its base).
        tax_code         TEXT,
        tax_role         TEXT CHECK (tax_role IS NULL OR tax_role IN ('base', 'tax')),
        foreign_minor    INTEGER,
        foreign_currency TEXT CHECK (foreign_currency IS NULL OR length(foreign_currency) = 3),
        CHECK ((debit_minor > 0) <> (credit_minor > 0)),
        CHECK ((foreign_minor IS NULL) = (foreign_currency IS NULL)),
        CHECK ((tax_code IS NULL) = (tax_role IS NULL))
      ) STRICT;
      CREATE INDEX ledger_line_entry ON ledger_line (entry_id);
      CREATE INDEX ledger_line_account ON ledger_line (account_code, entry_id);

      CREATE TRIGGER ledger_entry_starts_open BEFORE INSERT ON ledger_entry
      WHEN NEW.status <> 'open' OR NEW.number IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'ledger: an entry is written open, then posted once its lines balance'); END;

      CREATE TRIGGER ledger_entry_not_in_closed_period BEFORE INSERT ON ledger_entry
      WHEN NEW.entry_date <= (SELECT locked_through FROM ledger_lock WHERE id = 1)
      BEGIN SELECT RAISE(ABORT, 'ledger: the entry date is in a closed period'); END;

      CREATE TRIGGER ledger_entry_posted_is_final BEFORE UPDATE ON ledger_entry
      WHEN OLD.status = 'posted'
      BEGIN SELECT RAISE(ABORT, 'ledger: posted entries are append-only; post a reversal instead'); END;

      CREATE TRIGGER ledger_entry_only_posting BEFORE UPDATE ON ledger_entry
      WHEN OLD.status = 'open' AND (NEW.status <> 'posted' OR NEW.id IS NOT OLD.id OR NEW.journal IS NOT OLD.journal
        OR NEW.entry_date IS NOT OLD.entry_date OR NEW.reference IS NOT OLD.reference OR NEW.description IS NOT OLD.description
        OR NEW.source_kind IS NOT OLD.source_kind OR NEW.source_id IS NOT OLD.source_id OR NEW.reverses_id IS NOT OLD.reverses_id
        OR NEW.created_at IS NOT OLD.created_at)
      BEGIN SELECT RAISE(ABORT, 'ledger: an open entry can only be posted'); END;

      CREATE TRIGGER ledger_entry_balanced BEFORE UPDATE OF status ON ledger_entry
      WHEN NEW.status = 'posted' AND (
        (SELECT count(*) FROM ledger_line WHERE entry_id = NEW.id) < 2
        OR (SELECT sum(debit_minor) - sum(credit_minor) FROM ledger_line WHERE entry_id = NEW.id) <> 0)
      BEGIN SELECT RAISE(ABORT, 'ledger: debits and credits of the entry differ; it cannot be posted'); END;

      CREATE TRIGGER ledger_entry_numbered_in_sequence BEFORE UPDATE OF status ON ledger_entry
      WHEN NEW.status = 'posted'
        AND NEW.number IS NOT (SELECT coalesce(max(number), 0) + 1 FROM ledger_entry WHERE journal = NEW.journal AND number IS NOT NULL)
      BEGIN SELECT RAISE(ABORT, 'ledger: posted entries are numbered continuously per journal'); END;

      CREATE TRIGGER ledger_entry_posted_after_lock BEFORE UPDATE OF status ON ledger_entry
      WHEN NEW.status = 'posted' AND NEW.entry_date <= (SELECT locked_through FROM ledger_lock WHERE id = 1)
      BEGIN SELECT RAISE(ABORT, 'ledger: the entry date is in a closed period'); END;

      CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry
      WHEN OLD.status = 'posted'
      BEGIN SELECT RAISE(ABORT, 'ledger: posted entries are append-only; post a reversal instead'); END;

      CREATE TRIGGER ledger_line_into_open_entry BEFORE INSERT ON ledger_line
      WHEN (SELECT status FROM ledger_entry WHERE id = NEW.entry_id) IS NOT 'open'
      BEGIN SELECT RAISE(ABORT, 'ledger: lines are only added to an open entry'); END;

      CREATE TRIGGER ledger_line_no_update BEFORE UPDATE ON ledger_line
      BEGIN SELECT RAISE(ABORT, 'ledger: journal lines are append-only; post a reversal instead'); END;

      CREATE TRIGGER ledger_line_no_delete BEFORE DELETE ON ledger_line
      WHEN (SELECT status FROM ledger_entry WHERE id = OLD.entry_id) = 'posted'
      BEGIN SELECT RAISE(ABORT, 'ledger: journal lines are append-only; post a reversal instead'); END;
    `),
};
