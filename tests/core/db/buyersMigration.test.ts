import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { registerAuditFunctions } from '../../../electron/core/audit/actor.ts';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.ts';
import { m014Buyers } from '../../../electron/core/db/migrations/014-buyers.ts';

// The buyers migration on a database that already has documents and payments: links to existing
// contacts survive, links to nothing become NULL, and issued documents stay frozen except the link.

let db: Database.Database | undefined;
afterEach(() => db?.close());

it('adds the foreign keys without losing a link, and frees only the link of issued documents and payments', () => {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  // The audit trail's triggers (migration 13) call these, as every Kontor connection has them.
  registerAuditFunctions(db, 'test');
  const at = MIGRATIONS.indexOf(m014Buyers);
  expect(at).toBeGreaterThan(0);
  for (const m of MIGRATIONS.slice(0, at)) m.up(db);

  const now = '2026-03-02T09:00:00.000Z';
  const contact = (name: string) =>
    Number(
      db!.prepare("INSERT INTO contact (kind, name, name_key, role, payment_terms_kind, created_at, updated_at) VALUES ('organisation', ?, ?, 'buyer', 'net', ?, ?)").run(name, name.toLowerCase(), now, now).lastInsertRowid,
    );
  const hansen = contact('Hansen');
  const other = contact('Berger');
  const doc = (contactId: number) =>
    Number(
      db!
        .prepare("INSERT INTO document (kind, series_id, language, currency, base_currency, buyer_contact_id, buyer_name, buyer, created_at, updated_at) VALUES ('invoice', 3, 'en', 'EUR', 'EUR', ?, 'Hansen', '{}', ?, ?)")
        .run(contactId, now, now).lastInsertRowid,
    );
  const issued = doc(hansen);
  db.prepare("UPDATE document SET status = 'issued', number = 'INV-1', fiscal_year = 2026, seq = 1, issue_date = '2026-03-02', seller = '{}' WHERE id = ?").run(issued);
  const orphan = doc(4242); // no foreign key before: a link to nothing was possible
  const payment = Number(
    db
      .prepare("INSERT INTO payment (buyer_contact_id, buyer_name, received_on, amount_minor, currency, method, base_currency, amount_base_minor, fee_base_minor, created_at) VALUES (?, 'Hansen', '2026-03-05', 100, 'EUR', 'bank', 'EUR', 100, 0, ?)")
      .run(hansen, now).lastInsertRowid,
  );

  m014Buyers.up(db);

  expect(db.prepare('SELECT id, buyer_contact_id FROM document ORDER BY id').all()).toEqual([
    { id: issued, buyer_contact_id: hansen },
    { id: orphan, buyer_contact_id: null },
  ]);
  expect(db.prepare('SELECT buyer_contact_id FROM payment WHERE id = ?').pluck().get(payment)).toBe(hansen);
  for (const table of ['document', 'payment']) {
    expect(db.prepare(`SELECT "table", "from" FROM pragma_foreign_key_list('${table}') WHERE "table" = 'contact'`).all()).toEqual([{ table: 'contact', from: 'buyer_contact_id' }]);
    expect(db.prepare(`SELECT count(*) FROM pragma_table_info('${table}') WHERE name LIKE '%unchecked%'`).pluck().get()).toBe(0);
  }
  expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('document_buyer', 'payment_buyer', 'document_issued_frozen', 'payment_no_update')").pluck().get()).toBe(4);

  db.prepare('UPDATE document SET buyer_contact_id = ? WHERE id = ?').run(other, issued);
  db.prepare('UPDATE payment SET buyer_contact_id = ? WHERE id = ?').run(other, payment);
  expect(() => db!.prepare("UPDATE document SET buyer_name = 'x' WHERE id = ?").run(issued)).toThrow(/an issued document cannot be changed/);
  expect(() => db!.prepare("UPDATE document SET due_date = '2027-01-01' WHERE id = ?").run(issued)).toThrow(/an issued document cannot be changed/);
  expect(() => db!.prepare('UPDATE payment SET amount_minor = 5 WHERE id = ?').run(payment)).toThrow(/payments are append-only/);
  expect(() => db!.prepare('DELETE FROM contact WHERE id = ?').run(other)).toThrow(/FOREIGN KEY/);
  expect(db.pragma('foreign_key_check')).toEqual([]);
});
