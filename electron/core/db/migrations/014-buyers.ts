import type { Database } from 'better-sqlite3';
import { dropAuditTriggers } from '../../audit/triggers.ts';
import type { Migration } from './migration.ts';

/**
 * Documents and payments name their buyer contact through a real foreign key, and that link — only
 * that column — stays movable after issue so that merging two contacts can repoint issued invoices
 * and payments.
 *
 * Why exempt the column rather than keep the link in a side table: the frozen copy of the buyer
 * (name, addresses, tax IDs: the `buyer` JSON and `buyer_name`) is what the law protects, and it
 * stays frozen. `buyer_contact_id` says which contact record the document belongs to in *our*
 * books; after a merge the merged record no longer exists, so the link must follow it or the
 * invoice becomes an orphan. One column with one meaning keeps every reader (timeline, statement,
 * aging, payments) on the same index; a side table would give each document two contact ids to
 * keep consistent.
 *
 * SQLite cannot add a REFERENCES clause to an existing column, but it can add a column with one
 * (default NULL) and drop a column: the old column is renamed, the new one added under the old
 * name, filled (ids of contacts that no longer exist become NULL: nothing could honour them), and
 * the old one dropped. No row is deleted or rewritten through a DELETE, so nothing cascades.
 */

const DOCUMENT_LINK = 'NEW.buyer_contact_id IS NOT OLD.buyer_contact_id OR ';

function triggerSql(db: Database, name: string): string {
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;
  if (sql === undefined) throw new Error(`migration buyers: trigger ${name} is missing`);
  return sql;
}

/** Replaces `table.buyer_contact_id` by the same column with a foreign key to contact(id). */
function linkToContacts(db: Database, table: 'document' | 'payment'): void {
  // The audit trail's triggers name every column; they come back, with a new baseline, after the migrations.
  dropAuditTriggers(db, table);
  db.exec(`
    ALTER TABLE ${table} RENAME COLUMN buyer_contact_id TO buyer_contact_id_unchecked;
    ALTER TABLE ${table} ADD COLUMN buyer_contact_id INTEGER REFERENCES contact (id);
    UPDATE ${table} SET buyer_contact_id = (SELECT c.id FROM contact c WHERE c.id = buyer_contact_id_unchecked)
      WHERE buyer_contact_id_unchecked IS NOT NULL;
    ALTER TABLE ${table} DROP COLUMN buyer_contact_id_unchecked;
  `);
}

export const m014Buyers: Migration = {
  // Numbered after the branch's last migration; the lead renumbers on merge.
  version: 14,
  name: 'buyers: documents and payments link to contacts; the link follows a merge',
  up: (db) => {
    // The freeze trigger is edited, not rewritten: whatever columns other migrations froze or freed
    // stay as they are; only the buyer link leaves the list.
    const frozen = triggerSql(db, 'document_issued_frozen');
    if (!frozen.includes(DOCUMENT_LINK)) throw new Error('migration buyers: document_issued_frozen does not list buyer_contact_id');
    db.exec('DROP TRIGGER document_issued_frozen; DROP INDEX document_buyer;');
    linkToContacts(db, 'document');
    db.exec(`
      CREATE INDEX document_buyer ON document (buyer_contact_id, issue_date) WHERE buyer_contact_id IS NOT NULL;
      ${frozen.replace(DOCUMENT_LINK, '')};
    `);

    // Payments stay append-only except for the payer's link. Every column the table has now is
    // listed, so a column added later is free unless its migration freezes it.
    const paymentColumns = (db.prepare("SELECT name FROM pragma_table_info('payment') WHERE name <> 'buyer_contact_id'").pluck().all() as string[]);
    db.exec('DROP TRIGGER payment_no_update; DROP INDEX payment_buyer;');
    linkToContacts(db, 'payment');
    db.exec(`
      CREATE INDEX payment_buyer ON payment (buyer_contact_id, received_on);
      CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
      WHEN ${paymentColumns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}
      BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;
    `);
  },
};
