import { z } from 'zod';
import { MappingSchema } from './targets.ts';
import { CSV_ENCODING_NAMES } from './files.ts';

/** An uploaded file's id: random hex and the original extension, never a path. */
export const FileIdSchema = z.string().regex(/^[0-9a-f]{16,32}\.(xlsx|csv|tsv|txt)$/, { error: 'Not an uploaded file id.' });

export const ReadOptionsSchema = z
  .object({
    sheet: z.string().max(100).optional(),
    encoding: z.enum(CSV_ENCODING_NAMES).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
  })
  .strict();

export const CatalogImportInputSchema = z
  .object({
    fileId: FileIdSchema,
    /** The name the person chose, for messages and the import history. */
    fileName: z.string().trim().min(1).max(255),
    read: ReadOptionsSchema.default({}),
    mapping: MappingSchema,
    /** 'all': nothing is written if any row has an error; 'skipInvalid': valid rows are written, the others listed. */
    mode: z.enum(['all', 'skipInvalid']),
    dryRun: z.boolean(),
  })
  .strict();
export type CatalogImportInput = z.infer<typeof CatalogImportInputSchema>;

export const CatalogExportInputSchema = z.object({ format: z.enum(['xlsx', 'csv']) }).strict();
export type CatalogExportInput = z.infer<typeof CatalogExportInputSchema>;

export const CatalogExportResultSchema = z.object({ file: z.string(), products: z.number().int(), columns: z.number().int() });
