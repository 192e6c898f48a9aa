import { z } from 'zod';
import { CONTACT_IMPORT_FIELDS } from './importFields.ts';
import { ContactListQuerySchema } from './list.ts';

/** 20 MB of file as base64: tens of thousands of contacts, and still one message over IPC. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

const FileSchema = {
  fileName: z.string().trim().min(1).max(260),
  dataBase64: z
    .string()
    .max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4, { error: 'The file is larger than 20 MB: split it into smaller files.' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'The file data is not base64.' }),
};

export const ImportMappingSchema = z.partialRecord(z.enum(CONTACT_IMPORT_FIELDS), z.number().int().min(0).max(500));

export const ImportPreviewInputSchema = z.object({ ...FileSchema, mapping: ImportMappingSchema.optional() }).strict();

export const ImportRunInputSchema = z
  .object({
    ...FileSchema,
    mapping: ImportMappingSchema.optional(),
    /** refuse: one bad row and nothing is written (the default); skip: the good rows are written, the bad ones reported. */
    invalidRows: z.enum(['refuse', 'skip']).default('refuse'),
    /** A row with the tax ID, email or phone of an existing contact (or an earlier row): skipped, or created anyway. */
    duplicates: z.enum(['skip', 'create']).default('skip'),
  })
  .strict();

const RowIssueSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  /** The header of the column (or the vCard property) the value came from. */
  column: z.string(),
  key: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportRowIssue = z.infer<typeof RowIssueSchema>;

const DuplicateRowSchema = z.object({ row: z.number().int(), contactId: z.number().int().nullable(), name: z.string(), reason: z.string() });

export const ImportPreviewSchema = z.object({
  fileKind: z.enum(['csv', 'xlsx', 'vcard']),
  format: z.enum(['kontor', 'google', 'outlook', 'generic']),
  headers: z.array(z.string()),
  mapping: ImportMappingSchema,
  rowCount: z.number().int(),
  sample: z.array(
    z.object({
      row: z.number().int(),
      name: z.string(),
      organisation: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      country: z.string().nullable(),
      ok: z.boolean(),
    }),
  ),
  invalidCount: z.number().int(),
  duplicateCount: z.number().int(),
  issues: z.array(RowIssueSchema),
  duplicates: z.array(DuplicateRowSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  format: z.enum(['kontor', 'google', 'outlook', 'generic']),
  created: z.number().int(),
  organisationsCreated: z.number().int(),
  peopleCreated: z.number().int(),
  organisationsReused: z.number().int(),
  skippedDuplicates: z.array(DuplicateRowSchema),
  skippedInvalid: z.array(z.object({ row: z.number().int(), issues: z.array(RowIssueSchema) })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ExportInputSchema = z
  .object({
    format: z.enum(['xlsx', 'csv']),
    /** The list's filters and search; the whole list when left out. */
    filter: ContactListQuerySchema.omit({ offset: true, limit: true, sort: true }).optional(),
  })
  .strict();

export const ExportFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string(), rows: z.number().int() });
export type ExportFile = z.infer<typeof ExportFileSchema>;
