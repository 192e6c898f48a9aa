import { afterEach, describe, expect, it } from 'vitest';
import type { ContactInput } from '../../../shared/contacts/contact.ts';
import { issuesOf } from '../contacts/support.ts';
import { openInvoicingKontor, type InvoicingKontor } from './support.ts';

// Invoices take their buyer from the contacts core (electron/core/contacts/buyerSource.ts): the
// dispatcher of a Kontor uses it by default.

let t: InvoicingKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A French importer with a VAT number, reading French, paying in 14 days. */
function frenchImporter(over: Partial<ContactInput> = {}): ContactInput {
  return {
    kind: 'organisation',
    name: 'Tissages de Lyon SAS',
    role: 'buyer',
    addresses: [
      { kind: 'shipping', line1: 'Quai Perrache 4', postalCode: '69002', city: 'Lyon', country: 'FR' },
      { kind: 'billing', line1: 'Rue de la République 20', postalCode: '69001', city: 'Lyon', country: 'FR' },
    ],
    emails: [{ address: 'achats@tissages-lyon.fr' }],
    language: 'fr',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
    taxIds: [
      { scheme: 'EU_VAT', value: 'FR40303265045' },
      { scheme: 'FR_SIREN', value: '303265045' },
    ],
    ...over,
  };
}

async function open(): Promise<InvoicingKontor> {
  t = await openInvoicingKontor();
  t.product('RUG-1', { priceMinor: 20000 });
  return t;
}

describe('the buyer of a document comes from its contact', () => {
  it('maps country, VAT ID, business, terms, language and currency; the VAT ID makes it an intra-EU supply', async () => {
    const k = await open();
    const contact = await k.client.call('contacts.create', frenchImporter());
    const draft = await k.client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: contact.id, lines: [{ sku: 'RUG-1', quantity: '2' }] });
    expect(draft.buyer).toMatchObject({
      contactId: contact.id,
      name: 'Tissages de Lyon SAS',
      country: 'FR',
      billingAddress: { line1: 'Rue de la République 20', city: 'Lyon', country: 'FR' },
      shippingAddress: { line1: 'Quai Perrache 4' },
      taxIds: [
        { scheme: 'EU_VAT', value: 'FR40303265045' },
        { scheme: 'FR_SIREN', value: '303265045' },
      ],
      isBusiness: true,
      email: 'achats@tissages-lyon.fr',
      paymentTermsDays: 14,
      language: 'fr',
      currency: 'EUR',
    });
    expect(draft.language).toBe('fr');
    expect(draft.taxes).toEqual([expect.objectContaining({ category: 'K', taxMinor: 0 })]);
    const issued = await k.client.call('invoices.issue', { id: draft.id, issueDate: '2026-03-02' });
    expect(issued.dueDate).toBe('2026-03-16');
    expect(issued.buyer.taxIds[0]).toEqual({ scheme: 'EU_VAT', value: 'FR40303265045' });
  });

  it('answers the buyer a contact makes for the editor’s picker, the same a draft takes', async () => {
    const k = await open();
    const contact = await k.client.call('contacts.create', frenchImporter());
    const buyer = await k.client.call('invoices.buyerFromContact', { contactId: contact.id });
    const draft = await k.client.call('invoices.saveDraft', { kind: 'quote', buyerContactId: contact.id, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    expect(buyer).toEqual(draft.buyer);
    const missing = await k.client.tryCall('invoices.buyerFromContact', { contactId: 999 });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'NOT_FOUND', details: { key: 'contacts.notFound' } });
  });

  it('a French consumer (a person without tax ID) pays German VAT; the document language falls back to the company’s', async () => {
    const k = await open();
    const person = await k.client.call('contacts.create', {
      kind: 'person',
      name: 'Claire Martin',
      language: 'es',
      addresses: [{ kind: 'billing', line1: 'Rue Neuve 3', postalCode: '69001', city: 'Lyon', country: 'FR' }],
    });
    const draft = await k.client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: person.id, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    expect(draft.buyer).toMatchObject({ isBusiness: false, taxIds: [], country: 'FR', language: 'es', paymentTermsDays: 30 });
    expect(draft.language).toBe('en'); // Spanish is not a document language: the company's default
    expect(draft.taxes).toEqual([expect.objectContaining({ category: 'S', rateBp: 1900, taxMinor: 3800 })]);
  });

  it('a person of an organisation buys for it: the organisation’s VAT ID, country and currency', async () => {
    const k = await open();
    const org = await k.client.call('contacts.create', frenchImporter({ currency: 'USD', addresses: [], country: 'FR' }));
    const person = await k.client.call('contacts.create', { kind: 'person', name: 'Luc Bernard', organisationId: org.id });
    const draft = await k.client.call('invoices.saveDraft', { kind: 'quote', buyerContactId: person.id, lines: [{ name: 'Kilim', quantity: '1', unitPrice: '100.00' }] });
    expect(draft.buyer).toMatchObject({ name: 'Luc Bernard', organisationName: 'Tissages de Lyon SAS', country: 'FR', isBusiness: true, currency: 'USD' });
    expect(draft.buyer.taxIds).toContainEqual({ scheme: 'EU_VAT', value: 'FR40303265045' });
    expect(draft.currency).toBe('USD');
    expect(draft.taxes[0]?.category).toBe('K');
  });

  it('takes the country from the shipping address, then the contact, and refuses a contact without either, naming it', async () => {
    const k = await open();
    const shipOnly = await k.client.call('contacts.create', frenchImporter({
      name: 'Atlas Import Ltd',
      taxIds: [],
      language: null,
      addresses: [{ kind: 'shipping', line1: '1 Dock Road', postalCode: 'E16 2QD', city: 'London', country: 'GB' }],
    }));
    const countryOnly = await k.client.call('contacts.create', { kind: 'organisation', name: 'Oasis Trading FZE', country: 'AE' });
    const nowhere = await k.client.call('contacts.create', { kind: 'organisation', name: 'Unknown Buyer Co' });

    const gb = await k.client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: shipOnly.id, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    expect(gb.buyer.country).toBe('GB');
    expect(gb.taxes[0]).toMatchObject({ category: 'G', taxMinor: 0 }); // export outside the EU
    const ae = await k.client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: countryOnly.id, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    expect(ae.buyer).toMatchObject({ country: 'AE', billingAddress: null, isBusiness: true });

    const before = k.sqlite.prepare('SELECT count(*) FROM document').pluck().get();
    const refused = await k.client.tryCall('invoices.saveDraft', { kind: 'invoice', buyerContactId: nowhere.id, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    expect(issuesOf(refused)).toEqual([expect.objectContaining({ path: 'buyerContactId', key: 'buyers.noCountry', params: { name: 'Unknown Buyer Co' } })]);
    expect(k.sqlite.prepare('SELECT count(*) FROM document').pluck().get()).toBe(before);
  });

  it('puts a Moroccan buyer’s ICE into the snapshot, as the PDF prints it', async () => {
    const k = await open();
    const buyer = await k.client.call('contacts.create', {
      kind: 'organisation',
      name: 'Riad Décor SARL',
      addresses: [{ kind: 'billing', line1: 'Derb Sidi Bouloukat 12', postalCode: '40000', city: 'Marrakech', country: 'MA' }],
      taxIds: [{ scheme: 'MA_ICE', value: '001561191000066' }],
      language: 'ar',
      currency: 'MAD',
    });
    const draft = await k.client.call('invoices.saveDraft', { kind: 'proforma', buyerContactId: buyer.id, currency: 'EUR', lines: [{ sku: 'RUG-1', quantity: '1' }] });
    expect(draft.buyer.taxIds).toEqual([{ scheme: 'MA_ICE', value: '001561191000066' }]);
    expect(draft).toMatchObject({ language: 'ar', currency: 'EUR' }); // the document's own currency wins over the buyer's
    const { html } = await k.client.call('invoices.previewHtml', { id: draft.id });
    expect(html).toContain('001561191000066');
  });

  it('freezes the buyer at issue: later edits of the contact change drafts, never the issued document', async () => {
    const k = await open();
    const contact = await k.client.call('contacts.create', frenchImporter());
    const invoice = await k.client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: contact.id, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    const issued = await k.client.call('invoices.issue', { id: invoice.id, issueDate: '2026-03-02' });
    const draft = await k.client.call('invoices.saveDraft', { kind: 'quote', buyerContactId: contact.id, lines: [{ sku: 'RUG-1', quantity: '1' }] });

    await k.client.call('contacts.update', {
      ...frenchImporter({
        name: 'Tissages Réunis SAS',
        taxIds: [],
        addresses: [{ kind: 'billing', line1: 'Boulevard Carnot 1', postalCode: '06400', city: 'Cannes', country: 'FR' }],
        paymentTerms: { kind: 'prepayment' },
      }),
      id: contact.id,
      revision: contact.revision,
    });

    const after = await k.client.call('invoices.get', { id: issued.id });
    expect(after.buyer).toEqual(issued.buyer);
    expect(after).toMatchObject({ dueDate: '2026-03-16', taxes: issued.taxes, pdfSha256: issued.pdfSha256 });
    expect(k.sqlite.prepare('SELECT buyer_name FROM document WHERE id = ?').pluck().get(issued.id)).toBe('Tissages de Lyon SAS');

    // A credit note of the invoice keeps the invoice's buyer and taxes: the VAT ID removed since does not matter.
    const creditDraft = await k.client.call('invoices.creditNote', { invoiceId: issued.id, lineIds: null, returnToStock: false });
    const credit = await k.client.call('invoices.issue', { id: creditDraft.id, issueDate: '2026-03-20' });
    expect(credit.buyer).toEqual(issued.buyer);
    expect(credit.taxes).toEqual([expect.objectContaining({ category: 'K', taxMinor: 0 })]);

    // A draft takes the contact as it is when it is saved again, and when it is issued.
    const resaved = await k.client.call('invoices.saveDraft', { id: draft.id, revision: draft.revision, kind: 'quote', buyerContactId: contact.id, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    expect(resaved.buyer).toMatchObject({ name: 'Tissages Réunis SAS', taxIds: [], isBusiness: true, paymentTermsDays: 0 });
    expect(resaved.buyer.billingAddress?.city).toBe('Cannes');
  });

  it('lists, ages and states the documents of one contact', async () => {
    const k = await open();
    const a = await k.client.call('contacts.create', frenchImporter());
    const b = await k.client.call('contacts.create', frenchImporter({ name: 'Maison Bleue SARL', taxIds: [] }));
    for (const [contact, due] of [[a, '2026-03-10'], [a, '2026-05-01'], [b, '2026-03-10']] as const) {
      const d = await k.client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: contact.id, dueDate: due, lines: [{ sku: 'RUG-1', quantity: '1' }] });
      await k.client.call('invoices.issue', { id: d.id, issueDate: '2026-03-02' });
    }
    const ofA = await k.client.call('invoices.list', { buyerContactId: a.id });
    expect(ofA.total).toBe(2);
    expect(ofA.rows.every((r) => r.buyerName === 'Tissages de Lyon SAS')).toBe(true);
    expect((await k.client.call('invoices.list', { buyerContactId: a.id, filter: 'overdue', today: '2026-04-01' })).total).toBe(1);
    expect((await k.client.call('invoices.list', { filter: 'overdue', today: '2026-04-01' })).total).toBe(2);

    const aging = await k.client.call('invoices.aging', { today: '2026-04-01', buyerContactId: b.id });
    expect(aging).toEqual([expect.objectContaining({ buyerContactId: b.id, buyerName: 'Maison Bleue SARL', totalMinor: 23800 })]);
    const statement = await k.client.call('invoices.statement', { buyerContactId: a.id, from: '2026-01-01', to: '2026-12-31' });
    expect(statement).toEqual([expect.objectContaining({ currency: 'EUR', closingMinor: 40000 })]);
  });
});
