import { afterEach, describe, expect, it } from 'vitest';
import { openInvoicingKontor, type InvoicingKontor } from '../invoicing/support.ts';
import { germanBuyer } from './support.ts';

// Contacts and the invoices that name them: merge moves the link on issued documents and payments
// (never their frozen buyer copy), delete is refused, and the timeline shows them.

let t: InvoicingKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function twoHansens(k: InvoicingKontor) {
  const kept = await k.client.call('contacts.create', germanBuyer());
  const gone = await k.client.call('contacts.create', germanBuyer({ name: 'WEBEREI HANSEN G.m.b.H.', emails: [], phones: [], marketplaceIds: [] }));
  return { kept, gone };
}

/** An issued invoice, a payment of part of it, and a draft quote, all of `contactId`. */
async function business(k: InvoicingKontor, contactId: number) {
  const draft = await k.client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
  const invoice = await k.client.call('invoices.issue', { id: draft.id, issueDate: '2026-03-02' });
  const payment = await k.client.call('invoices.payments.record', {
    receivedOn: '2026-03-20',
    amount: '50.00',
    currency: 'EUR',
    method: 'bank',
    allocations: [{ documentId: invoice.id, amount: '50.00' }],
  });
  const quote = await k.client.call('invoices.saveDraft', { kind: 'quote', buyerContactId: contactId, lines: [{ sku: 'RUG-1', quantity: '3' }] });
  return { invoice, payment, quote };
}

async function open(): Promise<InvoicingKontor> {
  t = await openInvoicingKontor();
  t.product('RUG-1', { priceMinor: 20000 });
  return t;
}

describe('merging contacts with invoices and payments', () => {
  it('moves the link of issued invoices, drafts and payments to the kept contact and keeps the frozen buyer', async () => {
    const k = await open();
    const { kept, gone } = await twoHansens(k);
    const { invoice, payment, quote } = await business(k, gone.id);
    const frozen = k.sqlite.prepare('SELECT buyer, buyer_name, seller, number, gross_minor, pdf_sha256 FROM document WHERE id = ?').get(invoice.id);

    const result = await k.client.call('contacts.merge', { keepId: kept.id, mergeId: gone.id });
    expect(result.moved).toMatchObject({ documents: 2, payments: 1 });

    // The link follows the merge; the frozen copy is byte for byte what was issued.
    expect(k.sqlite.prepare('SELECT buyer_contact_id FROM document ORDER BY id').pluck().all()).toEqual([kept.id, kept.id]);
    expect(k.sqlite.prepare('SELECT buyer, buyer_name, seller, number, gross_minor, pdf_sha256 FROM document WHERE id = ?').get(invoice.id)).toEqual(frozen);
    const after = await k.client.call('invoices.get', { id: invoice.id });
    expect(after.buyer).toEqual({ ...invoice.buyer, contactId: kept.id });
    expect(after.buyer.name).toBe('WEBEREI HANSEN G.m.b.H.');
    expect(after.paidMinor).toBe(5000);
    expect(k.sqlite.prepare('SELECT buyer_contact_id FROM payment WHERE id = ?').pluck().get(payment.id)).toBe(kept.id);

    // The kept contact now has them: list, statement, payments, and a quote that still converts and issues.
    expect((await k.client.call('invoices.list', { buyerContactId: kept.id })).total).toBe(2);
    expect((await k.client.call('invoices.payments.list', { buyerContactId: kept.id })).map((p) => p.id)).toEqual([payment.id]);
    const statement = await k.client.call('invoices.statement', { buyerContactId: kept.id, from: '2026-01-01', to: '2026-12-31' });
    expect(statement[0]?.closingMinor).toBe(23800 - 5000);
    const issuedQuote = await k.client.call('invoices.issue', { id: quote.id, issueDate: '2026-03-25' });
    expect(issuedQuote.buyer).toMatchObject({ contactId: kept.id, name: 'Weberei Hansen GmbH' });
  });

  it('credits an invoice of a merged contact: the credit note has the invoice’s frozen buyer, linked to the kept contact', async () => {
    const k = await open();
    const { kept, gone } = await twoHansens(k);
    const { invoice } = await business(k, gone.id);
    await k.client.call('contacts.merge', { keepId: kept.id, mergeId: gone.id });
    const draft = await k.client.call('invoices.creditNote', { invoiceId: invoice.id, lineIds: null, returnToStock: false });
    const credit = await k.client.call('invoices.issue', { id: draft.id, issueDate: '2026-03-25' });
    expect(credit.buyer).toEqual({ ...invoice.buyer, contactId: kept.id });
    expect((await k.client.call('invoices.list', { buyerContactId: kept.id })).total).toBe(3);
  });

  it('rolls the whole merge back when one reference cannot move: issued invoices and payments still name the merged contact', async () => {
    const k = await open();
    const { kept, gone } = await twoHansens(k);
    const { invoice, payment } = await business(k, gone.id);
    k.sqlite.exec('CREATE TABLE rogue_reference (contact_id INTEGER REFERENCES contact (id))');
    k.sqlite.prepare('INSERT INTO rogue_reference VALUES (?)').run(gone.id);

    const result = await k.client.tryCall('contacts.merge', { keepId: kept.id, mergeId: gone.id });
    expect(result.ok).toBe(false);
    expect(k.sqlite.prepare('SELECT buyer_contact_id FROM document WHERE id = ?').pluck().get(invoice.id)).toBe(gone.id);
    expect(k.sqlite.prepare('SELECT buyer_contact_id FROM payment WHERE id = ?').pluck().get(payment.id)).toBe(gone.id);
    expect(k.sqlite.prepare('SELECT count(*) FROM contact_merge').pluck().get()).toBe(0);
    expect((await k.client.call('contacts.get', { id: gone.id })).name).toBe('WEBEREI HANSEN G.m.b.H.');
  });

  it('keeps issued documents and payments frozen in SQLite except for the contact link', async () => {
    const k = await open();
    const { kept, gone } = await twoHansens(k);
    const { invoice, payment } = await business(k, gone.id);
    for (const statement of [
      'UPDATE document SET buyer_name = ? WHERE id = ?',
      'UPDATE document SET buyer = json_set(buyer, \'$.name\', ?) WHERE id = ?',
    ]) {
      expect(() => k.sqlite.prepare(statement).run('Someone else', invoice.id)).toThrow(/an issued document cannot be changed/);
    }
    expect(() => k.sqlite.prepare('UPDATE payment SET amount_minor = 1 WHERE id = ?').run(payment.id)).toThrow(/payments are append-only/);
    expect(() => k.sqlite.prepare('UPDATE payment SET buyer_name = ? WHERE id = ?').run('x', payment.id)).toThrow(/payments are append-only/);
    expect(() => k.sqlite.prepare('DELETE FROM payment WHERE id = ?').run(payment.id)).toThrow(/payments are append-only/);
    // The link moves, and only to a contact that exists.
    k.sqlite.prepare('UPDATE document SET buyer_contact_id = ? WHERE id = ?').run(kept.id, invoice.id);
    k.sqlite.prepare('UPDATE payment SET buyer_contact_id = ? WHERE id = ?').run(kept.id, payment.id);
    expect(() => k.sqlite.prepare('UPDATE document SET buyer_contact_id = 9999 WHERE id = ?').run(invoice.id)).toThrow(/FOREIGN KEY/);
  });

  it('refuses to delete a contact that documents or payments name, and says how many', async () => {
    const k = await open();
    const { gone } = await twoHansens(k);
    await business(k, gone.id);
    const refused = await k.client.tryCall('contacts.delete', { id: gone.id });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'CONFLICT', details: { key: 'contacts.delete.referenced', references: { documents: 2, payments: 1 } } });
    expect((await k.client.call('contacts.get', { id: gone.id })).id).toBe(gone.id);
  });
});

describe('the timeline of a contact', () => {
  it('shows its quotes, invoices, credit notes and payments with the contact’s own events, newest first, in pages', async () => {
    const k = await open();
    const { kept: buyer } = await twoHansens(k);
    const { invoice, payment, quote } = await business(k, buyer.id);
    const credit = await k.client.call('invoices.creditNote', { invoiceId: invoice.id, lineIds: null, returnToStock: false });
    const issuedCredit = await k.client.call('invoices.issue', { id: credit.id, issueDate: '2026-03-25' });

    const timeline = await k.client.call('contacts.timeline', { id: buyer.id });
    const bySource = timeline.entries.filter((e) => e.source === 'invoices' || e.source === 'payments');
    expect(bySource.map((e) => `${e.source}.${e.kind}`).sort()).toEqual(['invoices.credit_note', 'invoices.draft', 'invoices.invoice', 'payments.received']);
    expect(timeline.entries.find((e) => e.key === `invoices:${invoice.id}`)).toMatchObject({
      kind: 'invoice',
      details: { number: invoice.number, currency: 'EUR', grossMinor: 23800, paymentStatus: 'paid', openMinor: 0 },
      link: `#/invoices/documents/${invoice.id}`,
    });
    expect(timeline.entries.find((e) => e.key === `invoices:${quote.id}`)).toMatchObject({ kind: 'draft', details: { documentKind: 'quote', number: null } });
    expect(timeline.entries.find((e) => e.key === `invoices:${issuedCredit.id}`)).toMatchObject({ kind: 'credit_note', details: { number: issuedCredit.number } });
    expect(timeline.entries.find((e) => e.key === `payments:${payment.id}`)).toMatchObject({
      kind: 'received',
      details: { receivedOn: '2026-03-20', amountMinor: 5000, currency: 'EUR', method: 'bank', numbers: [invoice.number] },
    });
    // Newest first across every source.
    const ats = timeline.entries.map((e) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());

    // Pages: two at a time, no entry twice, none lost.
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await k.client.call('contacts.timeline', { id: buyer.id, limit: 2, ...(before ? { before } : {}) });
      seen.push(...page.entries.map((e) => e.key));
      if (!page.more) break;
      before = page.entries[page.entries.length - 1]?.at;
    }
    expect(seen.filter((key) => /^(invoices|payments):/.test(key)).sort()).toEqual(bySource.map((e) => e.key).sort());

    // Another contact sees none of it.
    const other = await k.client.call('contacts.timeline', { id: 1 });
    expect(other.entries.filter((e) => e.source !== 'contacts')).toEqual([]);
  });
});
