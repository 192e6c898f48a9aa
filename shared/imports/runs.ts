import { z } from 'zod';

export const ImportRunSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  mode: z.enum(['all', 'skipInvalid']),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  report: z.string().nullable(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  /** What became of the images the import named so far (URLs are fetched after it): attached, waiting, failed. */
  images: z.object({ attached: z.number().int(), pending: z.number().int(), failed: z.number().int() }).optional(),
});
export type ImportRun = z.infer<typeof ImportRunSchema>;

export const ImportUndoResultSchema = z.object({
  runId: z.number().int(),
  restored: z.number().int(),
  removed: z.number().int(),
  categoriesRemoved: z.number().int(),
  /** Products left as they are, and why: changed since the import, stock history, other variants, deleted. */
  kept: z.array(z.object({ sku: z.string(), reason: z.enum(['changedSince', 'hasStock', 'hasOtherVariants', 'inUse', 'gone']) })),
});
export type ImportUndoResult = z.infer<typeof ImportUndoResultSchema>;
