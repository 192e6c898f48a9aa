import { hash } from 'node:crypto';

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

/**
 * The chain link: SHA-256 over the previous link and every field of the record, in one fixed
 * order. The one-shot `crypto.hash` gives the same digest as `createHash` at about half the cost,
 * which counts when an import appends hundreds of thousands of records.
 */
export function auditHash(r: AuditRecordFields): string {
  return hash('sha256', JSON.stringify([r.prev, r.seq, r.at, r.actor, r.table, r.key, r.op, r.before, r.after]));
}
