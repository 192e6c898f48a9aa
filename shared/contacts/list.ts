import { z } from 'zod';
import { CountryCodeSchema } from '../address/address.ts';
import { CONTACT_KINDS, CONTACT_ROLES } from './contact.ts';

export const CONTACT_SORT_FIELDS = ['name', 'country', 'updated', 'created'] as const;
export const CONTACT_LIST_MAX_LIMIT = 500;

export const ContactListQuerySchema = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(CONTACT_LIST_MAX_LIMIT).default(100),
    sort: z
      .object({ field: z.enum(CONTACT_SORT_FIELDS), direction: z.enum(['asc', 'desc']).default('asc') })
      .default({ field: 'name', direction: 'asc' }),
    /** Full-text search over names, emails, phones, tax IDs, cities, tags; blank means none. */
    search: z.string().max(200).optional(),
    country: CountryCodeSchema.optional(),
    tag: z.string().trim().min(1).max(50).optional(),
    /** `buyer` lists buyers and contacts with both roles; `supplier` likewise. */
    role: z.enum(['buyer', 'supplier']).optional(),
    kind: z.enum(CONTACT_KINDS).optional(),
  })
  .strict();
export type ContactListQuery = z.input<typeof ContactListQuerySchema>;
export type ContactListQueryData = z.output<typeof ContactListQuerySchema>;

export const ContactListRowSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  organisationName: z.string().nullable(),
  role: z.enum(CONTACT_ROLES),
  country: z.string().nullable(),
  city: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  taxId: z.string().nullable(),
  tags: z.array(z.string()),
  updatedAt: z.string(),
});
export type ContactListRow = z.infer<typeof ContactListRowSchema>;

export const ContactListSchema = z.object({ rows: z.array(ContactListRowSchema), total: z.number().int() });
export type ContactList = z.infer<typeof ContactListSchema>;

export const ContactSearchQuerySchema = z
  .object({ text: z.string().max(200), limit: z.number().int().min(1).max(100).default(20), role: z.enum(['buyer', 'supplier']).optional() })
  .strict();

export const ContactSearchHitSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  role: z.enum(CONTACT_ROLES),
  country: z.string().nullable(),
});
export type ContactSearchHit = z.infer<typeof ContactSearchHitSchema>;

export const ContactFacetsSchema = z.object({
  countries: z.array(z.object({ country: z.string(), count: z.number().int() })),
  tags: z.array(z.object({ tag: z.string(), count: z.number().int() })),
});
export type ContactFacets = z.infer<typeof ContactFacetsSchema>;

export const DUPLICATE_REASONS = ['taxId', 'email', 'phone', 'sameName', 'similarName'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** What a form has typed so far: any part may be missing or not yet valid. */
export const DuplicateProbeSchema = z
  .object({
    name: z.string().max(200).default(''),
    taxIds: z.array(z.object({ scheme: z.string().max(40), value: z.string().max(100) })).max(20).default([]),
    emails: z.array(z.string().max(300)).max(10).default([]),
    phones: z.array(z.string().max(60)).max(10).default([]),
    /** For national phone numbers. */
    country: z.string().max(2).optional(),
    /** The contact being edited, never its own duplicate. */
    excludeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict();
export type DuplicateProbe = z.input<typeof DuplicateProbeSchema>;

export const DuplicateCandidateSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  country: z.string().nullable(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  /** The value that matched, per reason: the VAT ID, the email, the phone. */
  matched: z.record(z.string(), z.string()),
  /** 0–1: 1 for a shared tax ID, email or phone; the name similarity otherwise. */
  score: z.number(),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidateSchema>;

const ContactBriefSchema = z.object({ id: z.number().int(), kind: z.enum(CONTACT_KINDS), name: z.string(), country: z.string().nullable(), updatedAt: z.string() });

export const DuplicatePairSchema = z.object({
  a: ContactBriefSchema,
  b: ContactBriefSchema,
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  matched: z.record(z.string(), z.string()),
});
export type DuplicatePair = z.infer<typeof DuplicatePairSchema>;

export const DuplicatePairListQuerySchema = z
  .object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) })
  .strict();
export const DuplicatePairListSchema = z.object({ pairs: z.array(DuplicatePairSchema), total: z.number().int() });
