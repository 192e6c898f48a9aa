import { z } from 'zod';
import {
  ContactIdSchema,
  ContactInputSchema,
  ContactSchema,
  ContactSnapshotSchema,
  ContactUpdateSchema,
} from '../contacts/contact.ts';
import { ContactFacetsSchema, ContactListQuerySchema, ContactListSchema, ContactSearchHitSchema, ContactSearchQuerySchema } from '../contacts/list.ts';
import { defineCall } from './define.ts';

export const contactCalls = {
  'contacts.list': defineCall({
    input: ContactListQuerySchema,
    output: ContactListSchema,
    summary: 'One page of contacts (offset, limit, sort, search, country/tag/role/kind filters) and the total count.',
  }),
  'contacts.search': defineCall({
    input: ContactSearchQuerySchema,
    output: z.array(ContactSearchHitSchema),
    summary: 'Ranked quick search over names, emails, phones, tax IDs, cities and tags (Arabic and accents folded).',
  }),
  'contacts.facets': defineCall({
    input: z.object({}).strict(),
    output: ContactFacetsSchema,
    summary: 'Countries and tags in use, with counts, for the list filters.',
  }),
  'contacts.get': defineCall({ input: ContactIdSchema, output: ContactSchema, summary: 'A contact with every detail.' }),
  'contacts.snapshot': defineCall({
    input: ContactIdSchema,
    output: ContactSnapshotSchema,
    summary: 'What a document copies from its buyer when issued: billing address, tax IDs, language, currency, payment terms.',
  }),
  'contacts.create': defineCall({ input: ContactInputSchema, output: ContactSchema, summary: 'Create a contact; all or nothing.' }),
  'contacts.update': defineCall({
    input: ContactUpdateSchema,
    output: ContactSchema,
    summary: 'Replace a contact as a whole; a stale revision answers CONFLICT.',
  }),
  'contacts.delete': defineCall({
    input: ContactIdSchema,
    output: z.null(),
    summary: 'Delete a contact; refused (CONFLICT) while a receipt or document refers to it.',
  }),
};
