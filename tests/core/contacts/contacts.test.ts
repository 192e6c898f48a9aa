import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { germanBuyer, issuesOf, moroccanSupplier } from './support.ts';

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
});
afterEach(async () => {
  await t.close();
});

describe('contacts: create, get, update, snapshot', () => {
  it('creates a contact with every detail normalised and reads it back the same', async () => {
    const created = await t.client.call('contacts.create', germanBuyer());
    expect(created).toMatchObject({
      kind: 'organisation',
      name: 'Weberei Hansen GmbH',
      role: 'buyer',
      emails: [{ address: 'Einkauf@hansen-weberei.de', label: null }],
      // A national number is read in the first address's country and stored in E.164.
      phones: [{ number: '+49401234567', label: null }],
      website: 'https://hansen-weberei.de',
      language: 'de',
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
      creditLimit: { amountMinor: 5_000_000, currency: 'EUR' },
      taxIds: [{ scheme: 'EU_VAT', value: 'DE136695976' }],
      tags: ['Messe', 'textiles'],
      source: 'trade_fair',
      revision: 1,
    });
    expect(created.addresses[0]).toMatchObject({ kind: 'billing', country: 'DE', postalCode: '20457', recipient: null });
    expect(await t.client.call('contacts.get', { id: created.id })).toEqual(created);
  });

  it('stores a Moroccan supplier with its ICE without the label and a phone in E.164', async () => {
    const created = await t.client.call('contacts.create', moroccanSupplier());
    expect(created.taxIds).toEqual([{ scheme: 'MA_ICE', value: '001561191000066' }]);
    expect(created.phones[0]?.number).toBe('+212522123456');
    expect(created.paymentTerms).toEqual({ kind: 'prepayment' });
  });

  it('refuses bad input with every field named and writes nothing', async () => {
    const bad = germanBuyer({
      name: '  ',
      emails: [{ address: 'einkauf@hansen' }],
      phones: [{ number: '+49 40 12' }],
      taxIds: [{ scheme: 'EU_VAT', value: 'DE136695977' }, { scheme: 'MA_ICE', value: '12345' }],
      addresses: [{ kind: 'billing', line1: 'Main St 1', postalCode: '1234', city: 'Springfield', country: 'US' }],
    });
    const issues = issuesOf(await t.client.tryCall('contacts.create', bad));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.key]));
    expect(byPath).toMatchObject({
      name: 'validation.required',
      'emails.0.address': 'validation.email.domain',
      'taxIds.0.value': 'validation.vatId.checksum',
      'taxIds.1.value': 'validation.ice.length',
      'addresses.0.postalCode': 'contacts.postalCode.format',
    });
    expect((await t.client.call('contacts.list', {})).total).toBe(0);
  });

  it('names a phone that is wrong for the country of the first address', async () => {
    const issues = issuesOf(await t.client.tryCall('contacts.create', germanBuyer({ phones: [{ number: '12' }] })));
    expect(issues).toEqual([expect.objectContaining({ path: 'phones.0.number' })]);
    expect(issues[0]!.key).toMatch(/^validation\.phone\./);
  });

  it('refuses the same email twice in one contact', async () => {
    const issues = issuesOf(
      await t.client.tryCall('contacts.create', germanBuyer({ emails: [{ address: 'a@b.de' }, { address: 'A@b.de' }] })),
    );
    expect(issues).toEqual([expect.objectContaining({ path: 'emails.1', key: 'contacts.emails.twice' })]);
  });

  it('links a person to an organisation and lists them as its people', async () => {
    const org = await t.client.call('contacts.create', germanBuyer());
    const person = await t.client.call('contacts.create', {
      kind: 'person',
      name: 'Anke Hansen',
      organisationId: org.id,
      jobTitle: 'Einkauf',
      emails: [{ address: 'anke@hansen-weberei.de' }],
    });
    expect(person.organisationName).toBe('Weberei Hansen GmbH');
    expect((await t.client.call('contacts.get', { id: org.id })).people).toEqual([{ id: person.id, name: 'Anke Hansen', jobTitle: 'Einkauf' }]);
    const issues = issuesOf(await t.client.tryCall('contacts.create', { kind: 'person', name: 'X', organisationId: person.id }));
    expect(issues).toEqual([expect.objectContaining({ path: 'organisationId', key: 'contacts.organisation.notOrganisation' })]);
  });

  it('updates with the loaded revision, records what changed, and refuses a stale revision', async () => {
    const created = await t.client.call('contacts.create', germanBuyer());
    const { id, revision, people: _p, organisationName: _o, createdAt: _c, updatedAt: _u, ...fields } = created;
    const updated = await t.client.call('contacts.update', { ...fields, id, revision, paymentTerms: { kind: 'letterOfCredit', days: 60 } });
    expect(updated.revision).toBe(2);
    expect(updated.paymentTerms).toEqual({ kind: 'letterOfCredit', days: 60 });
    const stale = await t.client.tryCall('contacts.update', { ...fields, id, revision, name: 'Other' });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('CONFLICT');
    expect((await t.client.call('contacts.get', { id })).name).toBe('Weberei Hansen GmbH');
  });

  it('answers a snapshot with the billing and shipping addresses, tax IDs, language, currency and terms', async () => {
    const created = await t.client.call('contacts.create', germanBuyer());
    const snapshot = await t.client.call('contacts.snapshot', { id: created.id });
    expect(snapshot).toEqual({
      contactId: created.id,
      kind: 'organisation',
      name: 'Weberei Hansen GmbH',
      organisationName: null,
      billingAddress: { recipient: null, line1: 'Speicherstadt 12', line2: null, postalCode: '20457', city: 'Hamburg', region: null, country: 'DE' },
      shippingAddress: { recipient: 'Lager Nord', line1: 'Kai 3', line2: null, postalCode: '20457', city: 'Hamburg', region: null, country: 'DE' },
      taxIds: [{ scheme: 'EU_VAT', value: 'DE136695976' }],
      email: 'Einkauf@hansen-weberei.de',
      phone: '+49401234567',
      language: 'de',
      currency: 'EUR',
      paymentTerms: { kind: 'net', days: 30 },
      creditLimit: { amountMinor: 5_000_000, currency: 'EUR' },
      revision: 1,
    });
    const missing = await t.client.tryCall('contacts.snapshot', { id: 999 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
  });

  it('refuses a marketplace buyer ID that belongs to another contact', async () => {
    await t.client.call('contacts.create', germanBuyer({ marketplaceIds: [{ marketplace: 'Alibaba', buyerId: 'buyer-77' }] }));
    const issues = issuesOf(
      await t.client.tryCall('contacts.create', moroccanSupplier({ marketplaceIds: [{ marketplace: 'alibaba', buyerId: 'buyer-77' }] })),
    );
    expect(issues).toEqual([expect.objectContaining({ path: 'marketplaceIds.0.buyerId', key: 'contacts.marketplaceIds.taken' })]);
  });

  it('deletes a contact without references', async () => {
    const created = await t.client.call('contacts.create', germanBuyer());
    await t.client.call('contacts.delete', { id: created.id });
    expect((await t.client.tryCall('contacts.get', { id: created.id })).ok).toBe(false);
    expect((await t.client.call('contacts.search', { text: 'hansen' })).length).toBe(0);
  });
});

describe('contacts: list and search', () => {
  it('finds Arabic names without the article or harakat, and accented names typed plain', async () => {
    const atlas = await t.client.call('contacts.create', moroccanSupplier());
    const lyon = await t.client.call('contacts.create', germanBuyer({ name: 'Société Générale des Tapis de Lyon', taxIds: [], addresses: [] , phones: [] }));
    const ids = async (text: string) => (await t.client.call('contacts.list', { search: text })).rows.map((r) => r.id);
    expect(await ids('الأطلس')).toEqual([atlas.id]);
    expect(await ids('اطلس')).toEqual([atlas.id]); // article dropped, hamza folded
    expect(await ids('فاس')).toEqual([atlas.id]); // city
    expect(await ids('societe gen')).toEqual([lyon.id]);
    expect(await ids('SOCIÉTÉ')).toEqual([lyon.id]);
    expect(await ids('001561191000066')).toEqual([atlas.id]); // ICE
    expect(await ids('nothing-like-this')).toEqual([]);
  });

  it('filters by country, tag and role, and sorts by name', async () => {
    const hansen = await t.client.call('contacts.create', germanBuyer());
    const atlas = await t.client.call('contacts.create', moroccanSupplier({ tags: ['Messe'] }));
    const both = await t.client.call('contacts.create', germanBuyer({ name: 'Aachen Import KG', role: 'both', taxIds: [], emails: [], phones: [], tags: [] }));
    const ids = async (q: Record<string, unknown>) => (await t.client.call('contacts.list', q)).rows.map((r) => r.id);
    expect(await ids({ country: 'DE' })).toEqual([both.id, hansen.id]);
    // Latin names sort before Arabic ones; the tag matches whatever its case.
    expect(await ids({ tag: 'messe' })).toEqual([hansen.id, atlas.id]);
    expect(await ids({ role: 'supplier' })).toEqual([both.id, atlas.id]);
    expect(await ids({ role: 'buyer' })).toEqual([both.id, hansen.id]);
    const page = await t.client.call('contacts.list', { limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.rows).toHaveLength(1);
    const facets = await t.client.call('contacts.facets', {});
    expect(facets.countries).toEqual([{ country: 'DE', count: 2 }, { country: 'MA', count: 1 }]);
  });

  it('pages through many matches in name order, whichever plan the count picks', async () => {
    // 40 of 50 contacts match: the first pages walk the name index, later ones sort the matches.
    const names = Array.from({ length: 50 }, (_, i) => (i < 40 ? `Atlas ${String.fromCharCode(65 + (i * 7) % 26)}${i} SARL` : `Other ${i} GmbH`));
    for (const name of names) await t.client.call('contacts.create', { kind: 'organisation', name });
    const expected = names.filter((n) => n.startsWith('Atlas')).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en'));
    const seen: string[] = [];
    for (let offset = 0; offset < 40; offset += 5) {
      const page = await t.client.call('contacts.list', { search: 'atlas', limit: 5, offset });
      expect(page.total).toBe(40);
      seen.push(...page.rows.map((r) => r.name));
    }
    expect(seen).toEqual(expected);
    const desc = await t.client.call('contacts.list', { search: 'atlas', limit: 3, sort: { field: 'name', direction: 'desc' } });
    expect(desc.rows.map((r) => r.name)).toEqual(expected.slice(-3).reverse());
    const filtered = await t.client.call('contacts.list', { search: 'atlas', kind: 'organisation', limit: 100 });
    expect(filtered.rows.map((r) => r.name)).toEqual(expected);
  });

  it('puts names that start with the search first in the quick search', async () => {
    const other = await t.client.call('contacts.create', { kind: 'organisation', name: 'Aachen Hansen Import' });
    const starts = await t.client.call('contacts.create', { kind: 'organisation', name: 'Hansen Weberei GmbH' });
    const supplier = await t.client.call('contacts.create', { kind: 'organisation', name: 'Zeta Hansen', role: 'supplier' });
    expect((await t.client.call('contacts.search', { text: 'hansen' })).map((h) => h.id)).toEqual([starts.id, other.id, supplier.id]);
    expect((await t.client.call('contacts.search', { text: 'hansen', role: 'supplier' })).map((h) => h.id)).toEqual([supplier.id]);
    expect(await t.client.call('contacts.search', { text: '---' })).toEqual([]);
  });
});

