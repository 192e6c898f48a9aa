import type { Contact } from '../../../shared/contacts/contact.ts';
import type { PaymentTerms } from '../../../shared/contacts/contact.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { BuyerSnapshotSchema, type BuyerSnapshot } from '../../../shared/invoicing/documents.ts';
import type { BuyerSource } from '../invoicing/buyers.ts';
import { findContact, snapshotOf, type Db } from './contacts.ts';

/**
 * The contacts core as the invoices' buyer source: a contact becomes the buyer snapshot a draft
 * shows and an issued document freezes.
 */
export function contactBuyers(db: Db): BuyerSource {
  return {
    async snapshot(contactId) {
      const contact = await findContact(db, contactId);
      if (contact === null) return null;
      const organisation = contact.organisationId === null ? null : await findContact(db, contact.organisationId);
      return buyerSnapshotOf(contact, organisation);
    },
  };
}

/** Days from the issue date to the due date: prepayment is due at once, a letter of credit at its term. */
export function paymentTermsDaysOf(terms: PaymentTerms): number {
  return terms.kind === 'prepayment' ? 0 : terms.days;
}

/**
 * The buyer as an invoice needs it. A person who belongs to an organisation buys for it: without
 * tax IDs of their own they carry the organisation's (reverse charge needs the buyer's EU VAT ID)
 * and its country when they have none.
 *
 * Country: the billing address's, else the shipping address's, else the contact's own. Business:
 * an organisation, or anyone with a tax identifier (a VAT ID, ICE, SIREN… is only ever given to a
 * business; a consumer has none), or a person of an organisation.
 */
export function buyerSnapshotOf(contact: Contact, organisation: Contact | null = null): BuyerSnapshot {
  const own = snapshotOf(contact);
  const taxIds = own.taxIds.length > 0 ? own.taxIds : (organisation?.taxIds ?? []);
  const billing = own.billingAddress ?? (organisation === null ? null : snapshotOf(organisation).billingAddress);
  const shipping = own.shippingAddress ?? billing;
  const country = billing?.country ?? shipping?.country ?? contact.country ?? organisation?.country ?? null;
  if (country === null) {
    throw new ValidationError([
      {
        path: 'buyerContactId',
        key: 'buyers.noCountry',
        message: `${contact.name} has no address and no country: add one before invoicing them (the taxes depend on it).`,
        params: { name: contact.name },
      },
    ]);
  }
  return BuyerSnapshotSchema.parse({
    contactId: contact.id,
    name: contact.name,
    organisationName: own.organisationName,
    country,
    billingAddress: billing,
    shippingAddress: shipping,
    taxIds: taxIds.map((t) => ({ scheme: t.scheme, value: t.value })),
    isBusiness: contact.kind === 'organisation' || taxIds.length > 0 || organisation !== null,
    email: own.email ?? organisation?.emails[0]?.address ?? null,
    phone: own.phone ?? organisation?.phones[0]?.number ?? null,
    currency: own.currency ?? organisation?.currency ?? null,
    paymentTermsDays: paymentTermsDaysOf(contact.paymentTerms),
    language: own.language ?? organisation?.language ?? null,
  });
}
