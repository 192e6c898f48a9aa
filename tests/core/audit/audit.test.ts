import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { AUDITED_TABLES, auditedTableName } from '../../../electron/core/audit/auditedTables.ts';
import { syncAuditTriggers } from '../../../electron/core/audit/triggers.ts';
import { verifyAuditTrail } from '../../../electron/core/audit/verify.ts';
import { DEMO_COMPANY } from '../../../electron/core/demo/demoCompany.ts';
import { productInput } from '../catalog/support.ts';
import { germanBuyer } from '../contacts/support.ts';
import { BUYERS, openInvoicingKontor } from '../invoicing/support.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

let t: TestKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A second, plain connection: what another program (a SQLite browser, a script) would use. */
function plainConnection(path: string): Sqlite.Database {
  const db = new Sqlite(path);
  db.pragma('busy_timeout = 5000');
  return db;
}

async function kontorWithData(): Promise<TestKontor> {
  t = await openTestKontor();
  await t.client.call('company.save', DEMO_COMPANY);
  const product = await t.client.call('products.create', productInput());
  await t.client.call('products.update', { id: product.id, revision: product.revision, texts: { en: { title: 'Beni Ourain rug, large' } } });
  await t.client.call('app.setPreferences', { theme: 'dark' });
  return t;
}

describe('audit trail', () => {
  test('records who changed what, with the row before and after, newest first', async () => {
    const k = await kontorWithData();
    const { records, total } = await k.client.call('audit.list', { table: 'settings' });
    expect(total).toBeGreaterThan(0);
    const prefs = records.find((r) => r.key === '["ui.preferences"]');
    expect(prefs).toMatchObject({ table: 'settings', op: 'insert', before: null, after: { key: 'ui.preferences' } });
    // Sign-in is off: the change is the local operating-system user's.
    expect(prefs?.actor).toMatch(/^local:/);
    const product = await k.client.call('audit.list', { table: 'product' });
    expect(product.records.map((r) => r.op)).toContain('insert');
    const texts = await k.client.call('audit.list', { table: 'product_text' });
    const update = texts.records.find((r) => r.op === 'update' || r.op === 'delete');
    expect(update).toBeDefined();
    expect(await k.client.call('audit.verify', {})).toMatchObject({ ok: true, firstBrokenLink: null, missingTriggers: [], unrecordedChanges: [] });
  });

  test('contacts, documents and marketplace accounts are recorded; sealed credentials only as a digest', async () => {
    const k = await openInvoicingKontor();
    t = k;
    const contact = await k.client.call('contacts.create', germanBuyer());
    await k.client.call('contacts.update', { ...germanBuyer({ notes: 'Pays on time' }), id: contact.id, revision: contact.revision });
    const ofContact = (await k.client.call('audit.list', { table: 'contact' })).records.filter((r) => r.key === `[${contact.id}]`);
    expect(ofContact.map((r) => r.op).sort()).toEqual(['insert', 'update']);

    k.product('RUG-1');
    const draft = await k.draft({ kind: 'invoice', buyer: BUYERS.de, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    await k.invoicing.issue(draft.id, null, { pdf: false });
    const documents = await k.client.call('audit.list', { table: 'document' });
    expect(documents.records.map((r) => r.op).at(-1)).toBe('insert');
    expect(documents.records[0]?.after).toMatchObject({ status: 'issued' });
    expect((await k.client.call('audit.list', { table: 'document_line' })).total).toBe(1);

    const token = 'shpat_0123456789abcdef0123456789abcdef';
    await k.client.call('marketplaces.accounts.create', {
      platform: 'shopify',
      name: 'Shopify EU',
      settings: { shopUrl: 'http://127.0.0.1:9' },
      credentials: { accessToken: token },
      rules: { currency: 'EUR', language: 'en', priceList: 'RETAIL', markupPercent: 0, rounding: 'none', quantityBuffer: 0 },
    });
    const accounts = await k.client.call('audit.list', { table: 'marketplace_account' });
    expect(accounts.records).toHaveLength(1);
    expect(JSON.stringify(accounts.records)).not.toContain(token);
    expect(String((accounts.records[0]?.after as { secret?: unknown }).secret)).toMatch(/^[0-9a-f]{64}$|sha256/);
    expect(await k.client.call('audit.verify', {})).toMatchObject({ ok: true, firstBrokenLink: null });
  }, 60_000);

  test('a migration that adds a column to an audited table gets new triggers and a new baseline; the trail stays whole', async () => {
    const k = await kontorWithData();
    const sqlite = k.kontor.database.sqlite;
    sqlite.exec('ALTER TABLE product ADD COLUMN origin_region TEXT');
    expect(syncAuditTriggers(sqlite)).toEqual(['product']);
    const products = sqlite.prepare('SELECT count(*) FROM product').pluck().get();
    const baselines = sqlite.prepare("SELECT count(*) FROM audit_log WHERE table_name = 'product' AND op = 'baseline' AND actor = 'system:migration (table changed)'").pluck().get();
    expect(baselines).toBe(products);
    expect(verifyAuditTrail(sqlite)).toMatchObject({ ok: true, unrecordedChanges: [], missingTriggers: [] });
    // Nothing changed since: a second run makes no new triggers and no new records.
    const records = sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(syncAuditTriggers(sqlite)).toEqual([]);
    expect(sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(records);
  });

  test('every audited table has its triggers and none of them records a no-op update', async () => {
    const k = await kontorWithData();
    const sqlite = k.kontor.database.sqlite;
    for (const entry of AUDITED_TABLES) {
      const table = auditedTableName(entry);
      const names = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND name LIKE 'audit%'").pluck().all(table);
      expect(names.sort(), table).toEqual([`audit__${table}__delete`, `audit__${table}__insert`, `audit__${table}__update`]);
    }
    const before = sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    sqlite.prepare("UPDATE settings SET value = value WHERE key = 'ui.preferences'").run();
    expect(sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
  });

  test('another program cannot change an audited table: the write is refused', async () => {
    const k = await kontorWithData();
    const raw = plainConnection(k.kontor.databasePath);
    try {
      expect(() => raw.prepare("UPDATE product_price SET amount_minor = 1").run()).toThrow(/no such function: kontor_audit/);
      expect(() => raw.prepare("DELETE FROM settings").run()).toThrow(/no such function: kontor_audit/);
    } finally {
      raw.close();
    }
    expect((await k.client.call('audit.verify', {})).ok).toBe(true);
  });

  test('a change made behind Kontor\'s back with the triggers removed is found, even after they are put back', async () => {
    const k = await kontorWithData();
    const raw = plainConnection(k.kontor.databasePath);
    try {
      const triggers = raw.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'product_price' AND name LIKE 'audit%'").all() as { name: string; sql: string }[];
      raw.transaction(() => {
        for (const trigger of triggers) raw.exec(`DROP TRIGGER ${trigger.name}`);
        raw.prepare('UPDATE product_price SET amount_minor = 1').run();
        for (const trigger of triggers) raw.exec(trigger.sql);
      })();
    } finally {
      raw.close();
    }
    const result = await k.client.call('audit.verify', {});
    expect(result.ok).toBe(false);
    expect(result.firstBrokenLink).toBeNull();
    expect(result.missingTriggers).toEqual([]);
    expect(result.unrecordedChanges).toEqual([expect.objectContaining({ table: 'product_price', problem: 'changed' })]);

    // With the triggers left out, the check names the table too.
    const raw2 = plainConnection(k.kontor.databasePath);
    try {
      raw2.exec('DROP TRIGGER audit__warehouse__insert');
    } finally {
      raw2.close();
    }
    expect((await k.client.call('audit.verify', {})).missingTriggers).toEqual(['warehouse']);
  });

  test('editing or deleting an audit record is detected as the first broken link', async () => {
    const k = await kontorWithData();
    const path = k.kontor.databasePath;
    const records = (k.kontor.database.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number);
    expect(records).toBeGreaterThan(5);
    // The log refuses changes outright …
    expect(() => k.kontor.database.sqlite.prepare("UPDATE audit_log SET actor = 'someone' WHERE seq = 3").run()).toThrow(/append-only/);

    // … so a tamperer drops that guard first, and rewrites record 3's actor.
    const original = k.kontor.database.sqlite.prepare('SELECT actor FROM audit_log WHERE seq = 3').pluck().get() as string;
    const raw = plainConnection(path);
    try {
      raw.exec('DROP TRIGGER audit_log_no_update');
      raw.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3").run();
    } finally {
      raw.close();
    }
    const edited = verifyAuditTrail(k.kontor.database.sqlite);
    expect(edited.firstBrokenLink).toMatchObject({ seq: 3, problem: 'hash' });

    // Putting the value back heals that record; deleting record 4 then breaks the chain at 4.
    const raw2 = plainConnection(path);
    try {
      raw2.prepare('UPDATE audit_log SET actor = ? WHERE seq = 3').run(original);
      expect(verifyAuditTrail(k.kontor.database.sqlite).firstBrokenLink).toBeNull();
      raw2.exec('DROP TRIGGER audit_log_no_delete');
      raw2.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    } finally {
      raw2.close();
    }
    const deleted = verifyAuditTrail(k.kontor.database.sqlite);
    expect(deleted.firstBrokenLink).toMatchObject({ seq: 4, problem: 'missing' });
    expect(deleted.ok).toBe(false);
  });

  test('changes made inside a job are recorded as the job\'s', async () => {
    t = await openTestKontor();
    const job = await t.client.call('jobs.start', { kind: 'demo.generate', input: {} });
    const done = await t.kontor.jobs.wait(job.id);
    expect(done.status).toBe('succeeded');
    const actors = t.kontor.database.sqlite.prepare('SELECT DISTINCT actor FROM audit_log').pluck().all();
    expect(actors).toContain(`job:demo.generate#${job.id}`);
    expect((await t.client.call('audit.verify', {})).ok).toBe(true);
  }, 120_000);
});
