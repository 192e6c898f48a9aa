import { syncAuditTriggers } from '../../audit/triggers.ts';
import type { Migration } from './migration.ts';

/**
 * The audit trail and the users of a shared PC.
 *
 * audit_log is append-only (the triggers below refuse UPDATE and DELETE) and each record carries
 * the SHA-256 of the one before, so an edit of the log shows as a broken link. Its records are
 * written by triggers on the audited tables (audit/triggers.ts), which call functions only Kontor's
 * connections have: another program cannot change those tables without removing the triggers
 * first, and `kontor audit verify` then finds rows that differ from their last record.
 *
 * app_user: sign-in is off while the table is empty.
 */
export const m013AuditAndUsers: Migration = {
  version: 13,
  name: 'audit trail and users',
  up: (db) => {
    db.exec(`
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          TEXT    NOT NULL,
        actor       TEXT    NOT NULL,
        table_name  TEXT    NOT NULL,
        row_key     TEXT    NOT NULL,
        op          TEXT    NOT NULL CHECK (op IN ('baseline', 'insert', 'update', 'delete')),
        before_json TEXT,
        after_json  TEXT,
        prev_hash   TEXT,
        hash        TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_row ON audit_log (table_name, row_key, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

      CREATE TABLE app_user (
        id              INTEGER PRIMARY KEY,
        username        TEXT    NOT NULL COLLATE NOCASE UNIQUE,
        display_name    TEXT    NOT NULL,
        role            TEXT    NOT NULL CHECK (role IN ('owner', 'staff', 'accountant')),
        -- scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash.
        password_hash   TEXT    NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until    TEXT,
        disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at      TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL
      ) STRICT;
    `);
    syncAuditTriggers(db);
  },
};
