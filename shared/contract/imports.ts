import { z } from 'zod';
import { IMPORT_MAX_BYTES } from '../imports/files.ts';
import { FileIdSchema, ReadOptionsSchema } from '../imports/jobs.ts';
import { ImportImagesSchema } from '../imports/result.ts';
import { ImportRunSchema, ImportUndoResultSchema } from '../imports/runs.ts';
import { ColumnMappingSchema, ImportOptionsSchema, MappingSchema, PROFILES } from '../imports/targets.ts';
import { defineCall } from './define.ts';

const NoInput = z.object({}).strict();

export const TemplateSchema = z.object({
  name: z.string(),
  columns: z.array(ColumnMappingSchema),
  options: ImportOptionsSchema,
  updatedAt: z.string(),
});
export type ImportTemplate = z.infer<typeof TemplateSchema>;

export const InspectResultSchema = z.object({
  fileId: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  /** The first data rows as text, for the mapping screen. */
  sampleRows: z.array(z.array(z.string())),
  profile: z.enum(PROFILES),
  /** Kontor's proposal, or the named template's mapping applied to these headers. */
  mapping: MappingSchema,
  /** Every target a column can be mapped to in this catalog. */
  targets: z.array(z.string()),
  /** Templates whose headers are all present in this file. */
  matchingTemplates: z.array(z.string()),
});
export type InspectResult = z.infer<typeof InspectResultSchema>;

export const importCalls = {
  'imports.upload': defineCall({
    input: z
      .object({
        fileName: z.string().trim().min(1).max(255),
        dataBase64: z.string().max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4),
      })
      .strict(),
    output: z.object({ fileId: z.string(), fileName: z.string(), bytes: z.number().int() }),
    summary: 'Keep a spreadsheet for importing; answers the id the other import calls take.',
  }),
  'imports.inspect': defineCall({
    input: z.object({ fileId: FileIdSchema, fileName: z.string().max(255), read: ReadOptionsSchema.default({}), template: z.string().max(80).optional() }).strict(),
    output: InspectResultSchema,
    summary: 'Detect format, encoding, delimiter and sheets; read the header and first rows; propose a column mapping.',
  }),
  'imports.templates.list': defineCall({ input: NoInput, output: z.array(TemplateSchema), summary: 'Saved column mappings, by name.' }),
  'imports.templates.save': defineCall({
    input: z.object({ name: z.string().trim().min(1).max(80), mapping: MappingSchema }).strict(),
    output: TemplateSchema,
    summary: 'Save a column mapping under a name (replaces one of the same name).',
  }),
  'imports.templates.delete': defineCall({ input: z.object({ name: z.string().min(1).max(80) }).strict(), output: z.object({ name: z.string() }), summary: 'Delete a saved mapping.' }),
  'imports.runs.list': defineCall({
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(ImportRunSchema),
    summary: 'Committed imports, newest first.',
  }),
  'imports.images': defineCall({
    input: z.object({ runId: z.number().int().positive() }).strict(),
    output: ImportImagesSchema,
    summary: 'What became of the images an import named: attached, URLs waiting, and the failures with row, product, source and reason.',
  }),
  'imports.undo': defineCall({
    input: z.object({ runId: z.number().int().positive() }).strict(),
    output: ImportUndoResultSchema,
    summary: 'Undo an import: previous values back, created products removed unless used since.',
  }),
  'imports.file': defineCall({
    input: z.object({ name: z.string().regex(/^[A-Za-z0-9._-]{1,120}\.(xlsx|csv)$/) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() }),
    summary: 'An error report or catalog export the import jobs wrote, for download.',
  }),
};
