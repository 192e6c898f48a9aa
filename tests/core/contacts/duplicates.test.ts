import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { germanBuyer, moroccanSupplier } from './support.ts';

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
});
afterEach(async () => {
  await t.close();
});

const bare = { addresses: [], emails: [], phones: [], taxIds: [], tags: [], website: null };

describe('likely duplicates of a new contact', () => {
  it('finds the same VAT ID however it is typed', async () => {
    const hansen = await t.client.call('contacts.create', germanBuyer());
    const found = await t.client.call('contacts.duplicates', { name: 'Somebody else', taxIds: [{ scheme: 'EU_VAT', value: 'de-136.695.976' }] });
    expect(found).toEqual([expect.objectContaining({ id: hansen.id, reasons: ['taxId'], matched: { taxId: 'DE136695976' }, score: 1 })]);
  });

  it('finds the same email whatever its case, and the same phone typed nationally', async () => {
    const hansen = await t.client.call('contacts.create', germanBuyer());
    expect(await t.client.call('contacts.duplicates', { emails: ['EINKAUF@hansen-weberei.de'] })).toEqual([
      expect.objectContaining({ id: hansen.id, reasons: ['email'] }),
    ]);
    expect(await t.client.call('contacts.duplicates', { phones: ['040 123 45 67'], country: 'DE' })).toEqual([
      expect.objectContaining({ id: hansen.id, reasons: ['phone'], matched: { phone: '+49401234567' } }),
    ]);
    expect(await t.client.call('contacts.duplicates', { phones: ['+49 40 1234568'], emails: ['other@hansen-weberei.de'] })).toEqual([]);
  });

  it('finds the same name once legal forms, case and accents are set aside, and close spellings', async () => {
    const hansen = await t.client.call('contacts.create', germanBuyer({ ...bare }));
    const atlas = await t.client.call('contacts.create', moroccanSupplier({ ...bare, name: 'Société Atlas Tapis S.à r.l.' }));
    const arabic = await t.client.call('contacts.create', moroccanSupplier({ ...bare, name: 'شركة الأطلس ش.م.م' }));
    await t.client.call('contacts.create', germanBuyer({ ...bare, name: 'Atlas Textiles' }));
    const probe = async (name: string) => (await t.client.call('contacts.duplicates', { name })).map((c) => [c.id, c.reasons.join()]);
    expect(await probe('WEBEREI HANSEN G.m.b.H.')).toEqual([[hansen.id, 'sameName']]);
    expect(await probe('Weberei Hanssen')).toEqual([[hansen.id, 'similarName']]);
    expect(await probe('Hansen Weberei KG')).toEqual([[hansen.id, 'similarName']]);
    expect(await probe('ATLAS TAPIS SARL')).toEqual([[atlas.id, 'sameName']]);
    expect(await probe('الاطلس')).toEqual([[arabic.id, 'sameName']]);
    expect(await probe('Lyon Tissages')).toEqual([]);
  });

  it('puts a shared tax ID before a similar name, and never proposes the contact being edited', async () => {
    const hansen = await t.client.call('contacts.create', germanBuyer());
    const other = await t.client.call('contacts.create', germanBuyer({ ...bare, name: 'Weberei Hansen Nord' }));
    const found = await t.client.call('contacts.duplicates', { name: 'Weberei Hansen Nord GmbH', taxIds: [{ scheme: 'EU_VAT', value: 'DE136695976' }] });
    expect(found.map((c) => c.id)).toEqual([hansen.id, other.id]);
    const editing = await t.client.call('contacts.duplicates', { name: 'Weberei Hansen Nord', excludeId: other.id });
    expect(editing.map((c) => c.id)).not.toContain(other.id);
  });

  it('no longer proposes a pair marked as distinct', async () => {
    const a = await t.client.call('contacts.create', germanBuyer({ ...bare, name: 'Atlas Tapis' }));
    const b = await t.client.call('contacts.create', germanBuyer({ ...bare, name: 'Atlas Tapis SARL' }));
    expect((await t.client.call('contacts.duplicates', { name: 'Atlas Tapis', excludeId: a.id })).map((c) => c.id)).toEqual([b.id]);
    await t.client.call('contacts.markDistinct', { a: b.id, b: a.id });
    expect(await t.client.call('contacts.duplicates', { name: 'Atlas Tapis', excludeId: a.id })).toEqual([]);
    expect((await t.client.call('contacts.duplicatePairs', {})).total).toBe(0);
  });
});

describe('the list of likely duplicates', () => {
  it('pairs contacts sharing a tax ID, email, phone or name key, with every reason', async () => {
    const a = await t.client.call('contacts.create', germanBuyer());
    const b = await t.client.call('contacts.create', germanBuyer({ name: 'Weberei Hansen', emails: [], phones: [] }));
    const c = await t.client.call('contacts.create', moroccanSupplier());
    const d = await t.client.call('contacts.create', moroccanSupplier({ name: 'Other Co', taxIds: [] }));
    await t.client.call('contacts.create', germanBuyer({ ...bare, name: 'Unrelated GmbH' }));
    const list = await t.client.call('contacts.duplicatePairs', {});
    expect(list.total).toBe(2);
    expect(list.pairs.map((p) => [p.a.id, p.b.id, [...p.reasons].sort().join()])).toEqual([
      [a.id, b.id, 'sameName,taxId'],
      [c.id, d.id, 'phone'],
    ]);
  });

  it('does not pair a person with the organisation whose switchboard number they share', async () => {
    const org = await t.client.call('contacts.create', germanBuyer({ emails: [] }));
    await t.client.call('contacts.create', { kind: 'person', name: 'Anke Hansen', organisationId: org.id, phones: [{ number: '+49 40 1234567' }] });
    expect((await t.client.call('contacts.duplicatePairs', {})).total).toBe(0);
  });
});
