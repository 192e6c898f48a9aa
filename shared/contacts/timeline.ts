import { z } from 'zod';

/**
 * One line of a contact's timeline. `source` names the module that answered it (contacts, stock,
 * later invoices and payments) and `kind` what happened; the UI translates
 * `contacts.timeline.<source>.<kind>` with `details` as parameters, and links to `link` if given.
 */
export const TimelineEntrySchema = z.object({
  /** Unique within a timeline: source and the source's own id. */
  key: z.string(),
  source: z.string(),
  kind: z.string(),
  at: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
  /** Where the entry leads: '#/stock/movements?id=12', '#/invoices/7'. */
  link: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TimelineQuerySchema = z
  .object({
    id: z.number().int().positive(),
    /** Entries strictly older than this instant (the `at` of the last entry shown); the newest if left out. */
    before: z.string().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type TimelineQuery = z.input<typeof TimelineQuerySchema>;

export const TimelinePageSchema = z.object({ entries: z.array(TimelineEntrySchema), more: z.boolean() });
export type TimelinePage = z.infer<typeof TimelinePageSchema>;
