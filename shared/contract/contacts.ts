import { z } from 'zod';
import {
  ContactIdSchema,
  ContactInputSchema,
  ContactSchema,
  ContactSnapshotSchema,
  ContactUpdateSchema,
} from '../contacts/contact.ts';
import {
  ContactFacetsSchema,
  ContactListQuerySchema,
  ContactListSchema,
  ContactSearchHitSchema,
  ContactSearchQuerySchema,
  DuplicateCandidateSchema,
  DuplicatePairListQuerySchema,
  DuplicatePairListSchema,
  DuplicateProbeSchema,
} from '../contacts/list.ts';
import {
  ExportFileSchema,
  ExportInputSchema,
  ImportPreviewInputSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  ImportRunInputSchema,
} from '../contacts/importExport.ts';
import { TimelinePageSchema, TimelineQuerySchema } from '../contacts/timeline.ts';
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

  'contacts.duplicates': defineCall({
    input: DuplicateProbeSchema,
    output: z.array(DuplicateCandidateSchema),
    summary: 'Likely duplicates of what a form holds so far: same tax ID, email or phone, or a similar name (legal forms ignored).',
  }),
  'contacts.duplicatePairs': defineCall({
    input: DuplicatePairListQuerySchema,
    output: DuplicatePairListSchema,
    summary: 'Every pair of contacts sharing a tax ID, email, phone or normalised name, not marked as distinct.',
  }),
  'contacts.markDistinct': defineCall({
    input: z.object({ a: z.number().int().positive(), b: z.number().int().positive() }).strict(),
    output: z.null(),
    summary: 'Two contacts only look alike: the pair is no longer shown as a likely duplicate.',
  }),
  'contacts.merge': defineCall({
    input: z.object({ keepId: z.number().int().positive(), mergeId: z.number().int().positive() }).strict(),
    output: z.object({ contact: ContactSchema, mergeId: z.number().int(), moved: z.record(z.string(), z.number().int()) }),
    summary: 'Merge one contact into another in one transaction: every reference moves, the merge is logged.',
  }),
  'contacts.timeline': defineCall({
    input: TimelineQuerySchema,
    output: TimelinePageSchema,
    summary: "A contact's timeline, newest first: its own events, receipts, and whatever other modules add.",
  }),

  'contacts.import.preview': defineCall({
    input: ImportPreviewInputSchema,
    output: ImportPreviewSchema,
    summary: 'Read a CSV, XLSX or vCard file: detected format, suggested column mapping, sample rows, every bad row and likely duplicate. Writes nothing.',
  }),
  'contacts.import.run': defineCall({
    input: ImportRunInputSchema,
    output: ImportResultSchema,
    summary: 'Import a file in one transaction; by default one bad row refuses the file, naming each row and column.',
  }),
  'contacts.export': defineCall({
    input: ExportInputSchema,
    output: ExportFileSchema,
    summary: 'The contacts (optionally filtered) as an XLSX or CSV file with the headers the import reads.',
  }),
};
