import { z } from 'zod';

/**
 * One problem of one cell (or one row): the row as Excel numbers it, the column's header, the value
 * found, and a translated sentence that says what was expected (`key` in the imports namespace or
 * a shared validation key, `params` fill it).
 */
export const ImportIssueSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  key: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

export const IMPORT_ACTIONS = ['create', 'update', 'unchanged', 'error'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

/** One product of the preview, as it will be stored. */
export const PreviewRowSchema = z.object({
  row: z.number().int(),
  action: z.enum(IMPORT_ACTIONS),
  sku: z.string(),
  kind: z.enum(['simple', 'parent', 'variant']),
  parentSku: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string(),
  category: z.string().nullable(),
  price: z.string().nullable(),
  gtin: z.string().nullable(),
  options: z.string().nullable(),
});
export type PreviewRow = z.infer<typeof PreviewRowSchema>;

export const ImportCountsSchema = z.object({
  rows: z.number().int(),
  emptyRows: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  /** Rows with at least one problem. */
  errors: z.number().int(),
  categoriesToCreate: z.number().int(),
  /** Image URLs recorded for fetching. */
  imageUrls: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

/** One image of the import that could not be brought in: the row and product that named it, and why. */
export const ImageFailureSchema = z.object({
  row: z.number().int(),
  sku: z.string(),
  source: z.string(),
  key: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** When a URL is tried again by itself; null: not again (a local file, or too many attempts). */
  retryAt: z.string().nullable(),
});
export type ImageFailure = z.infer<typeof ImageFailureSchema>;

/** The images of a committed import: attached, URLs waiting for the fetch job, and failures. */
export const ImportImagesSchema = z.object({
  attached: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  /** The first failures (200). */
  failures: z.array(ImageFailureSchema),
});
export type ImportImages = z.infer<typeof ImportImagesSchema>;

export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** 'committed': written; 'refused': all-or-nothing and there were errors, nothing written; 'preview': a dry run. */
  outcome: z.enum(['committed', 'refused', 'preview']),
  runId: z.number().int().nullable(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheet: z.string().nullable(),
  counts: ImportCountsSchema,
  preview: z.array(PreviewRowSchema),
  /** The first problems (all of them are in the error report). */
  issues: z.array(ImportIssueSchema),
  issueCount: z.number().int(),
  /** Rows left out ("import the valid rows"): their numbers, the first 1,000. */
  skippedRows: z.array(z.number().int()),
  categoriesToCreate: z.array(z.string()),
  /** The error report's file name (download with imports.file), when there were problems. */
  report: z.string().nullable(),
  /** Committed imports only: what became of the image column's files and URLs. */
  images: ImportImagesSchema.nullable().optional(),
  ms: z.number(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
