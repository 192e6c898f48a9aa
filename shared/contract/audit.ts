import { z } from 'zod';
import { defineCall } from './define.ts';

export const AuditRecordSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  table: z.string(),
  key: z.string(),
  op: z.enum(['baseline', 'insert', 'update', 'delete']),
  /** The row before and after, as recorded (secrets and BLOBs as digests). */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  records: z.number().int(),
  headHash: z.string().nullable(),
  firstBrokenLink: z
    .object({ seq: z.number().int(), problem: z.enum(['missing', 'link', 'hash']), at: z.string().nullable(), table: z.string().nullable(), message: z.string() })
    .nullable(),
  missingTriggers: z.array(z.string()),
  unrecordedChanges: z.array(z.object({ table: z.string(), key: z.string(), problem: z.enum(['changed', 'added', 'removed']), message: z.string() })),
  checkedAt: z.string(),
});
export type AuditVerificationView = z.infer<typeof AuditVerificationSchema>;

export const auditCalls = {
  'audit.list': defineCall({
    input: z
      .object({
        /** Records before this sequence number (paging backwards from the newest). */
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        table: z.string().max(80).optional(),
        actor: z.string().max(120).optional(),
      })
      .strict(),
    output: z.object({ records: z.array(AuditRecordSchema), total: z.number().int() }),
    summary: 'The audit trail, newest first: who changed what, when, before and after.',
  }),
  'audit.verify': defineCall({
    input: z.object({}).strict(),
    output: AuditVerificationSchema,
    summary: 'Check the chain of hashes and every audited row against its last record; reports the first broken link.',
  }),
};
