import { z } from 'zod';
import { ExportRequestSchema } from '../ledger/schemas.ts';
import { defineCall } from './define.ts';
import { CatalogExportInputSchema, CatalogImportInputSchema } from '../imports/jobs.ts';

/**
 * Kinds of heavy work that run off the main thread. Each kind's input schema lives here so a job
 * is validated when it is started, not when a worker picks it up.
 */
export const JobStartSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('database.backup'), input: z.object({}).strict() }).strict(),
  z.object({ kind: z.literal('demo.generate'), input: z.object({}).strict() }).strict(),
  z.object({ kind: z.literal('ledger.export'), input: ExportRequestSchema.omit({ outPath: true }) }).strict(),
  z.object({ kind: z.literal('stock.checkpoints'), input: z.object({}).strict() }).strict(),
  z.object({ kind: z.literal('catalog.import'), input: CatalogImportInputSchema }).strict(),
  z.object({ kind: z.literal('catalog.export'), input: CatalogExportInputSchema }).strict(),
  z.object({ kind: z.literal('catalog.fetchImages'), input: z.object({}).strict() }).strict(),
  z.object({ kind: z.literal('marketplace.upload'), input: z.object({ uploadId: z.number().int().positive() }).strict() }).strict(),
  z.object({ kind: z.literal('database.check'), input: z.object({}).strict() }).strict(),
]);
export type JobStart = z.infer<typeof JobStartSchema>;
export type JobKind = JobStart['kind'];
export const JOB_KINDS = JobStartSchema.options.map((o) => o.shape.kind.value);

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

export const JobViewSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  done: z.number(),
  total: z.number(),
  message: z.string().nullable(),
  result: z.unknown().nullable(),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
    .nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobViewSchema>;

const JobId = z.object({ id: z.number().int().positive() }).strict();

export const jobCalls = {
  'jobs.start': defineCall({
    input: JobStartSchema,
    output: JobViewSchema,
    summary: 'Start heavy work off the main thread; progress arrives as job.updated events.',
  }),
  'jobs.get': defineCall({ input: JobId, output: JobViewSchema, summary: 'One job by id.' }),
  'jobs.list': defineCall({
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(JobViewSchema),
    summary: 'The most recent jobs, newest first.',
  }),
  'jobs.cancel': defineCall({
    input: JobId,
    output: JobViewSchema,
    summary: 'Ask a running job to stop; it ends as cancelled and leaves no partial result.',
  }),
};
