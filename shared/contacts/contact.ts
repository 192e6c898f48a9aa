import { z } from 'zod';
import { addressInputFields, addressOutputFields, CountryCodeSchema, PostalAddressSchema } from '../address/address.ts';
import { CurrencyCodeSchema, TaxIdSchema } from '../company/profile.ts';
import { MAX_AMOUNT_MINOR } from '../catalog/product.ts';
import { TAX_ID_SCHEMES } from '../validation/taxIds.ts';
import { checkEmail } from '../validation/email.ts';
import { checkPhone } from '../validation/phone.ts';
import { checkWebsite } from '../validation/website.ts';
import { optionalText, requiredText } from '../validation/zod.ts';
import { checkPostalCode } from '../address/layout.ts';

/*
 * A contact: an organisation or a person (who may belong to an organisation), buying from us,
 * supplying us, or both. Everything an invoice needs to address a buyer is here: billing address,
 * tax IDs, language, currency and payment terms; `ContactSnapshot` is that part, frozen into a
 * document when it is issued.
 */

export const CONTACT_KINDS = ['organisation', 'person'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const CONTACT_ROLES = ['buyer', 'supplier', 'both'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CONTACT_ADDRESS_KINDS = ['billing', 'shipping'] as const;
export type ContactAddressKind = (typeof CONTACT_ADDRESS_KINDS)[number];

/** Where a contact came from; stored as is, so only ever add. */
export const CONTACT_SOURCES = ['alibaba', 'amazon', 'lazada', 'trade_fair', 'website', 'email', 'referral', 'import', 'other'] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];

/** Marketplaces a buyer ID is usually from; any other slug is accepted too. */
export const KNOWN_MARKETPLACES = ['alibaba', 'amazon', 'lazada', 'etsy', 'ebay', 'shopify', 'woocommerce'] as const;

export const PAYMENT_TERMS_KINDS = ['net', 'prepayment', 'letterOfCredit'] as const;
export type PaymentTermsKind = (typeof PAYMENT_TERMS_KINDS)[number];

export const CONTACT_NAME_MAX = 200;
export const CONTACT_TAG_MAX = 50;
export const CONTACT_MAX_TAGS = 30;
export const MAX_PAYMENT_DAYS = 365;

/**
 * Net N days; prepayment against a proforma invoice; letter of credit, at sight (0 days) or with a
 * usance period. One shape for every kind so a form can switch kinds without losing the days.
 */
export const PaymentTermsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('net'), days: z.number().int().min(0).max(MAX_PAYMENT_DAYS) }),
  z.object({ kind: z.literal('prepayment') }),
  z.object({ kind: z.literal('letterOfCredit'), days: z.number().int().min(0).max(MAX_PAYMENT_DAYS) }),
]);
export type PaymentTerms = z.infer<typeof PaymentTermsSchema>;

export const DEFAULT_PAYMENT_TERMS: PaymentTerms = { kind: 'net', days: 30 };

/** ISO 639-1 (or -2/-3) code, lower case: any language a buyer reads, not only the app's four. */
export const ContactLanguageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^[a-z]{2,3}$/.test(v), { error: 'Choose a language from the list.', params: { key: 'contacts.language.invalid' } });

function nullableChecked(check: (value: string) => { ok: true; normalized: string } | { ok: false; key: string; message: string; params?: Record<string, string | number> }) {
  return z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (v === undefined || v === null || v === '') return null;
      const result = check(v);
      if (result.ok) return result.normalized;
      ctx.addIssue({ code: 'custom', message: result.message, params: { key: result.key, ...result.params } });
      return z.NEVER;
    });
}

export const ContactAddressInputSchema = z
  .object({
    kind: z.enum(CONTACT_ADDRESS_KINDS),
    /** "Attn. Mr Chen, purchasing" or a warehouse name: the first line above the street. */
    recipient: optionalText(200),
    ...addressInputFields,
  })
  .transform((address, ctx) => {
    const postal = checkPostalCode(address.country, address.postalCode);
    if (postal.ok) return { ...address, postalCode: postal.normalized };
    ctx.addIssue({ code: 'custom', path: ['postalCode'], message: postal.message, params: { key: postal.key, ...postal.params } });
    return z.NEVER;
  });

const EmailInputSchema = z.object({
  address: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const result = checkEmail(v);
      if (result.ok) return result.normalized;
      ctx.addIssue({ code: 'custom', message: result.message, params: { key: result.key, ...result.params } });
      return z.NEVER;
    }),
  label: optionalText(40),
});

/** The number as typed; the contact's schema checks it against its first address's country. */
const PhoneInputSchema = z.object({ number: z.string().trim().min(1, { error: 'Enter a phone number.' }).max(40), label: optionalText(40) });

export const MarketplaceIdInputSchema = z.object({
  marketplace: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => /^[a-z0-9][a-z0-9_.-]{1,39}$/.test(v), {
      error: 'Name the marketplace in letters and digits, e.g. alibaba.',
      params: { key: 'contacts.marketplace.invalid' },
    }),
  buyerId: requiredText(120),
});

const ContactTagsSchema = z
  .array(z.string().trim().min(1, { error: 'A tag cannot be empty.' }).max(CONTACT_TAG_MAX))
  .max(CONTACT_MAX_TAGS)
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((tag) => {
      const folded = tag.toLowerCase();
      if (seen.has(folded)) return false;
      seen.add(folded);
      return true;
    });
  });

export const CreditLimitSchema = z.object({
  amountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
  currency: CurrencyCodeSchema,
});

const contactInputFields = {
  kind: z.enum(CONTACT_KINDS),
  name: requiredText(CONTACT_NAME_MAX),
  /** A person's organisation (a contact of kind organisation). */
  organisationId: z.number().int().positive().nullish().transform((v) => v ?? null),
  jobTitle: optionalText(120),
  role: z.enum(CONTACT_ROLES).default('buyer'),
  addresses: z.array(ContactAddressInputSchema).max(20).default([]),
  /** Where the contact is; the first address's country when left out (a buyer known before its address). */
  country: CountryCodeSchema.nullish().transform((v) => v ?? null),
  emails: z.array(EmailInputSchema).max(10).default([]),
  phones: z.array(PhoneInputSchema).max(10).default([]),
  website: nullableChecked(checkWebsite),
  language: ContactLanguageSchema.nullish().transform((v) => v ?? null),
  currency: CurrencyCodeSchema.nullish().transform((v) => v ?? null),
  paymentTerms: PaymentTermsSchema.default(DEFAULT_PAYMENT_TERMS),
  creditLimit: CreditLimitSchema.nullish().transform((v) => v ?? null),
  taxIds: z.array(TaxIdSchema).max(20).default([]),
  tags: ContactTagsSchema.default([]),
  notes: optionalText(10_000),
  source: z.enum(CONTACT_SOURCES).nullish().transform((v) => v ?? null),
  /** "Ambiente 2026, hall 3", an inquiry number: what the source alone does not say. */
  sourceDetail: optionalText(200),
  marketplaceIds: z.array(MarketplaceIdInputSchema).max(20).default([]),
};

type ContactFields = z.output<z.ZodObject<typeof contactInputFields>>;

/** Rules across fields: phones read against the first address's country, nothing listed twice. */
function checkContact<T extends ContactFields>(contact: T, ctx: z.RefinementCtx): T {
  const country = contact.country ?? contact.addresses[0]?.country;
  const phones: { number: string; label: string | null }[] = [];
  contact.phones.forEach((phone, i) => {
    const result = checkPhone(phone.number, country);
    if (result.ok) phones.push({ number: result.normalized, label: phone.label });
    else ctx.addIssue({ code: 'custom', path: ['phones', i, 'number'], message: result.message, params: { key: result.key, ...result.params } });
  });
  const twice = (path: string, values: string[], key: string, message: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [path, i], message, params: { key } });
      seen.add(v);
    });
  };
  twice('emails', contact.emails.map((e) => e.address.toLowerCase()), 'contacts.emails.twice', 'This email address is already listed.');
  twice('phones', phones.map((p) => p.number), 'contacts.phones.twice', 'This phone number is already listed.');
  twice('taxIds', contact.taxIds.map((t) => `${t.scheme}:${t.value}`), 'contacts.taxIds.twice', 'This tax ID is already listed.');
  twice(
    'marketplaceIds',
    contact.marketplaceIds.map((m) => `${m.marketplace}:${m.buyerId}`),
    'contacts.marketplaceIds.twice',
    'This marketplace buyer ID is already listed.',
  );
  if (contact.kind === 'organisation' && contact.organisationId !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['organisationId'],
      message: 'Only a person belongs to an organisation.',
      params: { key: 'contacts.organisation.notForOrganisation' },
    });
  }
  return { ...contact, phones, country: contact.country ?? contact.addresses[0]?.country ?? null };
}

export const ContactInputSchema = z.object(contactInputFields).strict().transform(checkContact);
export type ContactInput = z.input<typeof ContactInputSchema>;
export type ContactInputData = z.output<typeof ContactInputSchema>;

export const ContactIdSchema = z.object({ id: z.number().int().positive() }).strict();

/** Replaces the contact as a whole; `revision` is the one the editor loaded (a stale one answers CONFLICT). */
export const ContactUpdateSchema = z
  .object({ id: z.number().int().positive(), revision: z.number().int().positive(), ...contactInputFields })
  .strict()
  .transform(checkContact);
export type ContactUpdate = z.input<typeof ContactUpdateSchema>;
export type ContactUpdateData = z.output<typeof ContactUpdateSchema>;

export const ContactAddressSchema = z.object({ kind: z.enum(CONTACT_ADDRESS_KINDS), recipient: z.string().nullable(), ...addressOutputFields });
export type ContactAddress = z.infer<typeof ContactAddressSchema>;

const StoredTaxIdSchema = z.object({ scheme: z.enum(TAX_ID_SCHEMES), value: z.string() });

export const ContactSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  role: z.enum(CONTACT_ROLES),
  country: z.string().nullable(),
  addresses: z.array(ContactAddressSchema),
  emails: z.array(z.object({ address: z.string(), label: z.string().nullable() })),
  phones: z.array(z.object({ number: z.string(), label: z.string().nullable() })),
  website: z.string().nullable(),
  language: z.string().nullable(),
  currency: z.string().nullable(),
  paymentTerms: PaymentTermsSchema,
  creditLimit: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  taxIds: z.array(StoredTaxIdSchema),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  source: z.enum(CONTACT_SOURCES).nullable(),
  sourceDetail: z.string().nullable(),
  marketplaceIds: z.array(z.object({ marketplace: z.string(), buyerId: z.string() })),
  /** People who belong to this organisation. */
  people: z.array(z.object({ id: z.number().int(), name: z.string(), jobTitle: z.string().nullable() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int(),
});
export type Contact = z.infer<typeof ContactSchema>;

/**
 * What a document (invoice, proforma, quote) copies from its buyer when it is issued, so a later
 * edit of the contact never changes an issued document.
 */
export const ContactSnapshotSchema = z.object({
  contactId: z.number().int(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  /** A person's organisation, printed above or below the name. */
  organisationName: z.string().nullable(),
  /** The first billing address, else the first address of any kind. */
  billingAddress: PostalAddressSchema.extend({ recipient: z.string().nullable() }).nullable(),
  /** The first shipping address, else the billing address. */
  shippingAddress: PostalAddressSchema.extend({ recipient: z.string().nullable() }).nullable(),
  taxIds: z.array(StoredTaxIdSchema),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: z.string().nullable(),
  currency: z.string().nullable(),
  paymentTerms: PaymentTermsSchema,
  creditLimit: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  /** The contact's revision the snapshot was taken from. */
  revision: z.number().int(),
});
export type ContactSnapshot = z.infer<typeof ContactSnapshotSchema>;
