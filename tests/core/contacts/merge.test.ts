import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTACT_REFERENCES } from '../../../electron/core/contacts/references.ts';
import { openStockKontor, type StockKontor } from '../stock/support.ts';
import { germanBuyer, issuesOf, moroccanSupplier } from './support.ts';

let t: StockKontor;
beforeEach(async () => {
  t = await openStockKontor();
});
afterEach(async () => {
  await t.close();
});

/** Every (table, column) in the database with a foreign key to contact(id). */
function contactForeignKeys(): string[] {
  const tables = t.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return tables.flatMap((table) =>
    (t.sqlite.prepare(`SELECT "table" AS target, "from" AS col FROM pragma_foreign_key_list(?)`).all(table) as { target: string; col: string }[])
      .filter((fk) => fk.target === 'contact')
      .map((fk) => `${table}.${fk.col}`),
  );
}

describe('contact references', () => {
  it('lists every column of the schema that refers to a contact, and nothing else', () => {
    const registered = CONTACT_REFERENCES.map((r) => `${r.table}.${r.column}`).sort();
    expect(contactForeignKeys().sort()).toEqual(registered);
  });
});

describe('merging contacts', () => {
  async function twoHansens() {
    const kept = await t.client.call('contacts.create', germanBuyer({ tags: ['textiles'], notes: 'Pays on time.' }));
    const org = await t.client.call('contacts.create', germanBuyer({
      name: 'WEBEREI HANSEN G.m.b.H.',
      website: null,
      language: null,
      emails: [{ address: 'einkauf@hansen-weberei.de' }, { address: 'anke@hansen-weberei.de' }],
      phones: [{ number: '+49 40 7654321' }],
      taxIds: [{ scheme: 'EU_VAT', value: 'DE136695976' }, { scheme: 'DE_STEUERNUMMER', value: '2181508150' }],
      tags: ['Textiles', 'Alibaba'],
      role: 'supplier',
      notes: 'Met at Heimtextil.',
      marketplaceIds: [{ marketplace: 'alibaba', buyerId: 'hansen-77' }],
      addresses: [{ kind: 'shipping', line1: 'Neuer Kai 9', postalCode: '20459', city: 'Hamburg', country: 'DE' }],
    }));
    return { kept, gone: org };
  }

  it('moves every reference in one transaction, drops what the kept contact already has, and logs the merge', async () => {
    const { kept, gone } = await twoHansens();
    const person = await t.client.call('contacts.create', { kind: 'person', name: 'Anke Hansen', organisationId: gone.id });
    t.product('RUG-01');
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '5', unitCost: '10.00', supplierContactId: gone.id });
    await t.client.call('contacts.markDistinct', { a: gone.id, b: kept.id });

    const result = await t.client.call('contacts.merge', { keepId: kept.id, mergeId: gone.id });
    const merged = result.contact;
    expect(merged.name).toBe('Weberei Hansen GmbH');
    expect(merged.role).toBe('both'); // buyer + supplier
    expect(merged.emails.map((e) => e.address)).toEqual(['Einkauf@hansen-weberei.de', 'anke@hansen-weberei.de']);
    expect(merged.phones.map((p) => p.number)).toEqual(['+49401234567', '+49407654321']);
    expect(merged.taxIds).toEqual([
      { scheme: 'EU_VAT', value: 'DE136695976' },
      { scheme: 'DE_STEUERNUMMER', value: '2181508150' },
    ]);
    expect(merged.tags).toEqual(['Alibaba', 'textiles']); // 'Textiles' was the same tag
    expect(merged.addresses.map((a) => a.line1)).toEqual(['Speicherstadt 12', 'Kai 3', 'Neuer Kai 9']);
    expect(merged.marketplaceIds).toEqual([{ marketplace: 'alibaba', buyerId: 'hansen-77' }]);
    expect(merged.notes).toBe('Pays on time.\n\nMet at Heimtextil.');
    expect(merged.people).toEqual([{ id: person.id, name: 'Anke Hansen', jobTitle: null }]);
    expect(merged.revision).toBe(kept.revision + 1);

    // The receipt now names the kept contact; the merged one is gone, from the list and the index.
    expect(t.sqlite.prepare('SELECT contact_id FROM stock_receipt_supplier').pluck().all()).toEqual([kept.id]);
    expect((await t.client.tryCall('contacts.get', { id: gone.id })).ok).toBe(false);
    expect((await t.client.call('contacts.list', { search: 'hansen' })).rows.map((r) => r.id)).toEqual([person.id, kept.id]);
    expect(t.sqlite.prepare('SELECT count(*) FROM contact_distinct').pluck().get()).toBe(0);

    // No row anywhere still points at the merged contact.
    for (const ref of CONTACT_REFERENCES) {
      expect(t.sqlite.prepare(`SELECT count(*) FROM ${ref.table} WHERE ${ref.column} = ?`).pluck().get(gone.id), ref.table).toBe(0);
    }
    const log = t.sqlite.prepare('SELECT kept_id, merged_id, merged_name, moved, snapshot FROM contact_merge').get() as Record<string, string | number>;
    expect(log).toMatchObject({ kept_id: kept.id, merged_id: gone.id, merged_name: 'WEBEREI HANSEN G.m.b.H.' });
    expect(JSON.parse(log.moved as string)).toMatchObject({ people: 1, stockReceipts: 1, emails: 1, phones: 1, taxIds: 1, tags: 1, addresses: 1, marketplaceIds: 1 });
    expect(JSON.parse(log.snapshot as string)).toMatchObject({ id: gone.id, name: 'WEBEREI HANSEN G.m.b.H.' });

    const timeline = await t.client.call('contacts.timeline', { id: kept.id });
    expect(timeline.entries.map((e) => `${e.source}.${e.kind}`)).toEqual(
      expect.arrayContaining(['contacts.merged', 'contacts.created', 'stock.receipt']),
    );
    expect(timeline.entries.filter((e) => e.kind === 'created')).toHaveLength(2); // both histories kept
    expect(timeline.entries[0]).toMatchObject({ source: 'contacts', kind: 'merged', details: { mergedName: 'WEBEREI HANSEN G.m.b.H.' } });
  });

  it('rolls everything back when one reference cannot move', async () => {
    const { kept, gone } = await twoHansens();
    // A table that refers to contacts but is not registered: the delete of the merged contact fails.
    t.sqlite.exec('CREATE TABLE rogue_reference (contact_id INTEGER REFERENCES contact (id))');
    t.sqlite.prepare('INSERT INTO rogue_reference VALUES (?)').run(gone.id);
    const before = t.sqlite.prepare('SELECT * FROM contact_email ORDER BY contact_id, position').all();
    const result = await t.client.tryCall('contacts.merge', { keepId: kept.id, mergeId: gone.id });
    expect(result.ok).toBe(false);
    expect(t.sqlite.prepare('SELECT * FROM contact_email ORDER BY contact_id, position').all()).toEqual(before);
    expect((await t.client.call('contacts.get', { id: gone.id })).emails).toHaveLength(2);
    expect(t.sqlite.prepare('SELECT count(*) FROM contact_merge').pluck().get()).toBe(0);
  });

  it('refuses to merge a contact with itself or an organisation with a person', async () => {
    const org = await t.client.call('contacts.create', germanBuyer());
    const person = await t.client.call('contacts.create', { kind: 'person', name: 'Anke Hansen' });
    expect(issuesOf(await t.client.tryCall('contacts.merge', { keepId: org.id, mergeId: org.id }))).toEqual([
      expect.objectContaining({ path: 'mergeId', key: 'contacts.merge.self' }),
    ]);
    expect(issuesOf(await t.client.tryCall('contacts.merge', { keepId: org.id, mergeId: person.id }))).toEqual([
      expect.objectContaining({ path: 'mergeId', key: 'contacts.merge.kinds' }),
    ]);
    const missing = await t.client.tryCall('contacts.merge', { keepId: org.id, mergeId: 999 });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('keeps merges of the merged contact in the log of the kept one', async () => {
    const a = await t.client.call('contacts.create', moroccanSupplier());
    const b = await t.client.call('contacts.create', moroccanSupplier({ name: 'Atlas Tapis SARL', taxIds: [] }));
    const c = await t.client.call('contacts.create', moroccanSupplier({ name: 'Atlas Tapis', taxIds: [], phones: [] }));
    await t.client.call('contacts.merge', { keepId: b.id, mergeId: c.id });
    await t.client.call('contacts.merge', { keepId: a.id, mergeId: b.id });
    expect(t.sqlite.prepare('SELECT kept_id FROM contact_merge ORDER BY id').pluck().all()).toEqual([a.id, a.id]);
  });
});

describe('supplier contact on receipts', () => {
  it('links a receipt to a supplier contact and names it when no supplier text is given', async () => {
    t.product('RUG-01');
    const supplier = await t.client.call('contacts.create', moroccanSupplier());
    const result = await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '2', unitCost: '40.00', supplierContactId: supplier.id });
    expect(result.movements[0]?.supplier).toBe('تعاونية الأطلس للزرابي');
    const timeline = await t.client.call('contacts.timeline', { id: supplier.id });
    expect(timeline.entries[0]).toMatchObject({ source: 'stock', kind: 'receipt', details: { sku: 'RUG-01', quantityMilli: 2000, unitCostMinor: 4000 } });
  });

  it('refuses a buyer-only contact as supplier and writes nothing', async () => {
    t.product('RUG-01');
    const buyer = await t.client.call('contacts.create', germanBuyer());
    const issues = issuesOf(await t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '2', unitCost: '40.00', supplierContactId: buyer.id }));
    expect(issues).toEqual([expect.objectContaining({ path: 'supplierContactId', key: 'contacts.supplier.notSupplier' })]);
    expect(t.sqlite.prepare('SELECT count(*) FROM stock_movement').pluck().get()).toBe(0);
    const missing = issuesOf(await t.client.tryCall('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '2', unitCost: '40.00', supplierContactId: 999 }));
    expect(missing).toEqual([expect.objectContaining({ path: 'supplierContactId', key: 'contacts.supplier.missing' })]);
  });

  it('refuses to delete a contact that supplied a receipt', async () => {
    t.product('RUG-01');
    const supplier = await t.client.call('contacts.create', moroccanSupplier());
    await t.client.call('stock.receive', { sku: 'RUG-01', warehouse: 'MAIN', quantity: '2', unitCost: '40.00', supplierContactId: supplier.id });
    const result = await t.client.tryCall('contacts.delete', { id: supplier.id });
    expect(!result.ok && result.error.code).toBe('CONFLICT');
    expect((await t.client.call('contacts.get', { id: supplier.id })).id).toBe(supplier.id);
  });
});
