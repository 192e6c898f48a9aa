import { createHash } from 'node:crypto';

export interface AuditRecordFields {
  prev: string | null;
  seq: number;
  at: string;
  actor: string;
  table: string;
  key: string;
  op: string;
  before: string | null;
  after: string | null;
}

/** The chain link: SHA-256 over the previous link and every field of the record, in one fixed order. */
export function auditHash(r: AuditRecordFields): string {
  return createHash('sha256')
    .update(JSON.stringify([r.prev, r.seq, r.at, r.actor, r.table, r.key, r.op, r.before, r.after]))
    .digest('hex');
}
