import { sql, type Kysely, type Selectable } from 'kysely';
import {
  ContactSchema,
  type Contact,
  type ContactInputData,
  type ContactSnapshot,
  type ContactUpdateData,
  type PaymentTerms,
} from '../../../shared/contacts/contact.ts';
import { nameKey } from '../../../shared/contacts/nameKey.ts';
import { KontorError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import type { KontorSchema } from '../db/schema.ts';
import { writeTransaction } from '../db/writeTransaction.ts';
import { CONTACT_REFERENCES } from './references.ts';
import { reindexContacts, unindexContacts } from './searchIndex.ts';

export type Db = Kysely<KontorSchema>;
type ContactRow = Selectable<KontorSchema['contact']>;

export interface WriteOptions {
  /** The clock, for tests. */
  now?: Date;
  /** The event recorded on creation: 'created', or 'imported' with the file named in details. */
  event?: { kind: 'created' | 'imported'; details?: Record<string, unknown> };
}

export function contactNotFound(id: number): KontorError {
  return new KontorError('NOT_FOUND', `There is no contact with id ${id}.`, { id, key: 'contacts.notFound' });
}

function paymentTermsOf(row: Pick<ContactRow, 'payment_terms_kind' | 'payment_terms_days'>): PaymentTerms {
  switch (row.payment_terms_kind) {
    case 'prepayment':
      return { kind: 'prepayment' };
    case 'letterOfCredit':
      return { kind: 'letterOfCredit', days: row.payment_terms_days ?? 0 };
    default:
      return { kind: 'net', days: row.payment_terms_days ?? 0 };
  }
}

/** The contact with every detail, or null when there is none with this id. */
export async function findContact(db: Db, id: number): Promise<Contact | null> {
  const row = await db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  const [organisation, addresses, emails, phones, taxIds, tags, marketplaceIds, people] = await Promise.all([
    row.organisation_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('contact').select('name').where('id', '=', row.organisation_id).executeTakeFirst(),
    db.selectFrom('contact_address').selectAll().where('contact_id', '=', id).orderBy('position').execute(),
    db.selectFrom('contact_email').selectAll().where('contact_id', '=', id).orderBy('position').execute(),
    db.selectFrom('contact_phone').selectAll().where('contact_id', '=', id).orderBy('position').execute(),
    db.selectFrom('contact_tax_id').selectAll().where('contact_id', '=', id).orderBy('position').execute(),
    db.selectFrom('contact_tag').select('tag').where('contact_id', '=', id).orderBy('tag').execute(),
    db.selectFrom('contact_marketplace_id').selectAll().where('contact_id', '=', id).orderBy('marketplace').orderBy('buyer_id').execute(),
    db
      .selectFrom('contact')
      .select(['id', 'name', 'job_title'])
      .where('organisation_id', '=', id)
      .orderBy(sql`name COLLATE NOCASE`)
      .limit(200)
      .execute(),
  ]);
  return ContactSchema.parse({
    id: row.id,
    kind: row.kind,
    name: row.name,
    organisationId: row.organisation_id,
    organisationName: organisation?.name ?? null,
    jobTitle: row.job_title,
    role: row.role,
    country: row.country,
    addresses: addresses.map((a) => ({
      kind: a.kind,
      recipient: a.recipient,
      line1: a.line1,
      line2: a.line2,
      postalCode: a.postal_code,
      city: a.city,
      region: a.region,
      country: a.country,
    })),
    emails: emails.map((e) => ({ address: e.address, label: e.label })),
    phones: phones.map((p) => ({ number: p.number, label: p.label })),
    website: row.website,
    language: row.language,
    currency: row.currency,
    paymentTerms: paymentTermsOf(row),
    creditLimit:
      row.credit_limit_minor === null || row.credit_limit_currency === null
        ? null
        : { amountMinor: row.credit_limit_minor, currency: row.credit_limit_currency },
    taxIds: taxIds.map((t) => ({ scheme: t.scheme, value: t.value })),
    tags: tags.map((t) => t.tag),
    notes: row.notes,
    source: row.source,
    sourceDetail: row.source_detail,
    marketplaceIds: marketplaceIds.map((m) => ({ marketplace: m.marketplace, buyerId: m.buyer_id })),
    people: people.map((p) => ({ id: p.id, name: p.name, jobTitle: p.job_title })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  });
}

/** The contact with every detail; NOT_FOUND when there is none. */
export async function getContact(db: Db, id: number): Promise<Contact> {
  const contact = await findContact(db, id);
  if (contact === null) throw contactNotFound(id);
  return contact;
}

/** What an invoice or quote copies from its buyer when it is issued (see ContactSnapshotSchema). */
export function snapshotOf(contact: Contact): ContactSnapshot {
  const billing = contact.addresses.find((a) => a.kind === 'billing') ?? contact.addresses[0] ?? null;
  const shipping = contact.addresses.find((a) => a.kind === 'shipping') ?? billing;
  const plain = (a: (typeof contact.addresses)[number] | null) => {
    if (a === null) return null;
    const { kind: _kind, ...address } = a;
    return address;
  };
  return {
    contactId: contact.id,
    kind: contact.kind,
    name: contact.name,
    organisationName: contact.organisationName,
    billingAddress: plain(billing),
    shippingAddress: plain(shipping),
    taxIds: contact.taxIds,
    email: contact.emails[0]?.address ?? null,
    phone: contact.phones[0]?.number ?? null,
    language: contact.language,
    currency: contact.currency,
    paymentTerms: contact.paymentTerms,
    creditLimit: contact.creditLimit,
    revision: contact.revision,
  };
}

/** `getContact` then `snapshotOf`: the one call a document needs when it is issued. */
export async function getContactSnapshot(db: Db, id: number): Promise<ContactSnapshot> {
  return snapshotOf(await getContact(db, id));
}

/** Issues a person can fix that the schema alone cannot see: a missing or wrong organisation, a taken buyer ID. */
async function checkReferences(db: Db, data: ContactInputData, selfId: number | null): Promise<void> {
  const issues: FieldIssue[] = [];
  if (data.organisationId !== null) {
    const org = await db.selectFrom('contact').select(['kind']).where('id', '=', data.organisationId).executeTakeFirst();
    if (org === undefined) {
      issues.push({ path: 'organisationId', key: 'contacts.organisation.missing', message: `There is no contact with id ${data.organisationId}.`, params: { id: data.organisationId } });
    } else if (org.kind !== 'organisation' || data.organisationId === selfId) {
      issues.push({ path: 'organisationId', key: 'contacts.organisation.notOrganisation', message: 'Choose an organisation, not a person.' });
    }
  }
  for (const [i, m] of data.marketplaceIds.entries()) {
    const owner = await db
      .selectFrom('contact_marketplace_id as m')
      .innerJoin('contact as c', 'c.id', 'm.contact_id')
      .select(['c.id', 'c.name'])
      .where('m.marketplace', '=', m.marketplace)
      .where('m.buyer_id', '=', m.buyerId)
      .executeTakeFirst();
    if (owner !== undefined && owner.id !== selfId) {
      issues.push({
        path: `marketplaceIds.${i}.buyerId`,
        key: 'contacts.marketplaceIds.taken',
        message: `This ${m.marketplace} buyer ID belongs to ${owner.name} already: merge the two contacts instead.`,
        params: { marketplace: m.marketplace, name: owner.name, id: owner.id },
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

function contactColumns(data: ContactInputData) {
  return {
    kind: data.kind,
    name: data.name,
    name_key: nameKey(data.name),
    organisation_id: data.organisationId,
    job_title: data.jobTitle,
    role: data.role,
    website: data.website,
    language: data.language,
    currency: data.currency,
    payment_terms_kind: data.paymentTerms.kind,
    payment_terms_days: data.paymentTerms.kind === 'prepayment' ? null : data.paymentTerms.days,
    credit_limit_minor: data.creditLimit?.amountMinor ?? null,
    credit_limit_currency: data.creditLimit?.currency ?? null,
    notes: data.notes,
    source: data.source,
    source_detail: data.sourceDetail,
    country: data.country,
  };
}

/** Replaces the contact's own lists (addresses, emails…) with those of `data`. */
async function writeDetails(trx: Db, id: number, data: ContactInputData): Promise<void> {
  for (const table of ['contact_address', 'contact_email', 'contact_phone', 'contact_tax_id', 'contact_tag', 'contact_marketplace_id'] as const) {
    await trx.deleteFrom(table).where('contact_id', '=', id).execute();
  }
  if (data.addresses.length > 0) {
    await trx
      .insertInto('contact_address')
      .values(
        data.addresses.map((a, position) => ({
          contact_id: id,
          position,
          kind: a.kind,
          recipient: a.recipient,
          line1: a.line1,
          line2: a.line2,
          postal_code: a.postalCode,
          city: a.city,
          region: a.region,
          country: a.country,
        })),
      )
      .execute();
  }
  if (data.emails.length > 0) {
    await trx
      .insertInto('contact_email')
      .values(data.emails.map((e, position) => ({ contact_id: id, position, address: e.address, address_key: e.address.toLowerCase(), label: e.label })))
      .execute();
  }
  if (data.phones.length > 0) {
    await trx
      .insertInto('contact_phone')
      .values(data.phones.map((p, position) => ({ contact_id: id, position, number: p.number, label: p.label })))
      .execute();
  }
  if (data.taxIds.length > 0) {
    await trx
      .insertInto('contact_tax_id')
      .values(data.taxIds.map((t, position) => ({ contact_id: id, position, scheme: t.scheme, value: t.value })))
      .execute();
  }
  if (data.tags.length > 0) {
    await trx.insertInto('contact_tag').values(data.tags.map((tag) => ({ contact_id: id, tag }))).execute();
  }
  if (data.marketplaceIds.length > 0) {
    await trx
      .insertInto('contact_marketplace_id')
      .values(data.marketplaceIds.map((m) => ({ contact_id: id, marketplace: m.marketplace, buyer_id: m.buyerId })))
      .execute();
  }
}

export async function recordEvent(db: Db, contactId: number, kind: 'created' | 'edited' | 'merged' | 'imported', at: string, details: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('contact_event').values({ contact_id: contactId, kind, at, details: JSON.stringify(details) }).execute();
}

/** Creates a contact inside the caller's transaction (imports create many in one). */
export async function insertContact(trx: Db, data: ContactInputData, options: WriteOptions = {}): Promise<number> {
  await checkReferences(trx, data, null);
  const at = (options.now ?? new Date()).toISOString();
  const { id } = await trx
    .insertInto('contact')
    .values({ ...contactColumns(data), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeDetails(trx, id, data);
  const event = options.event ?? { kind: 'created' };
  await recordEvent(trx, id, event.kind, at, event.details ?? {});
  await reindexContacts(trx, [id]);
  return id;
}

export async function createContact(db: Db, data: ContactInputData, options: WriteOptions = {}): Promise<Contact> {
  const id = await writeTransaction(db, (trx) => insertContact(trx, data, options));
  return getContact(db, id);
}

/** The top-level fields that differ, for the "edited" event: the timeline says what changed. */
function changedFields(before: Contact, after: Contact): string[] {
  const skip = new Set(['updatedAt', 'revision', 'people', 'organisationName', 'createdAt', 'id']);
  return Object.keys(after).filter((k) => !skip.has(k) && JSON.stringify(before[k as keyof Contact]) !== JSON.stringify(after[k as keyof Contact]));
}

export async function updateContact(db: Db, data: ContactUpdateData, options: WriteOptions = {}): Promise<Contact> {
  const id = await writeTransaction(db, async (trx) => {
    const before = await findContact(trx, data.id);
    if (before === null) throw contactNotFound(data.id);
    if (before.revision !== data.revision) {
      throw new KontorError(
        'CONFLICT',
        `${before.name} was changed since you opened it (now at revision ${before.revision}, yours is ${data.revision}). Reload it to see the changes, then edit again.`,
        { id: data.id, revision: before.revision, key: 'contacts.stale' },
      );
    }
    await checkReferences(trx, data, data.id);
    if (data.kind === 'person' && before.people.length > 0) {
      throw new ValidationError([
        {
          path: 'kind',
          key: 'contacts.kind.hasPeople',
          message: `${before.name} has ${before.people.length} people: move them to another organisation before making it a person.`,
          params: { count: before.people.length },
        },
      ]);
    }
    const at = (options.now ?? new Date()).toISOString();
    await trx
      .updateTable('contact')
      .set({ ...contactColumns(data), updated_at: at, revision: data.revision + 1 })
      .where('id', '=', data.id)
      .execute();
    await writeDetails(trx, data.id, data);
    const after = await getContact(trx, data.id);
    const fields = changedFields(before, after);
    if (fields.length > 0) await recordEvent(trx, data.id, 'edited', at, { fields });
    // People show their organisation's name in the index: re-index them when it changes.
    const people = before.name === after.name ? [] : before.people.map((p) => p.id);
    await reindexContacts(trx, [data.id, ...people]);
    return data.id;
  });
  return getContact(db, id);
}

/** Rows in tables that block deletion (receipts, invoices…), per table label. */
export async function blockingReferences(db: Db, id: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const ref of CONTACT_REFERENCES.filter((r) => r.blocksDelete)) {
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(ref.table)} WHERE ${sql.ref(ref.column)} = ${id}`.execute(db);
    const n = row.rows[0]?.n ?? 0;
    if (n > 0) counts[ref.label] = n;
  }
  return counts;
}

/**
 * Deletes a contact with its own details and timeline. Refused while a document or a stock receipt
 * names it: merge it into the contact that should carry them instead.
 */
export async function deleteContact(db: Db, id: number): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const row = await trx.selectFrom('contact').select(['name']).where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw contactNotFound(id);
    const blocking = await blockingReferences(trx, id);
    if (Object.keys(blocking).length > 0) {
      const list = Object.entries(blocking).map(([label, n]) => `${n} ${label}`).join(', ');
      throw new KontorError('CONFLICT', `${row.name} cannot be deleted: ${list} refer to it. Merge it into another contact instead.`, {
        id,
        key: 'contacts.delete.referenced',
        references: blocking,
      });
    }
    const people = await trx.selectFrom('contact').select('id').where('organisation_id', '=', id).execute();
    await trx.deleteFrom('contact').where('id', '=', id).execute();
    await unindexContacts(trx, [id]);
    await reindexContacts(trx, people.map((p) => p.id));
  });
}

/** Raw column shape, for the list and the merge: exported so both read one mapping. */
export type { ContactRow };
