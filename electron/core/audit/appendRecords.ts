import type { Database } from 'better-sqlite3';
import { auditHash } from './hash.ts';

export type AuditOp = 'baseline' | 'insert' | 'update' | 'delete';

export interface AuditAppender {
  append(table: string, key: string, op: AuditOp, before: string | null, after: string | null): void;
}

/**
 * Appends records chained to the log's head, computed here rather than by a trigger: for writers
 * that record many rows at once (a table's baseline, a bulk import). Runs inside the caller's
 * transaction, so nothing else appends in between. Every record of one appender carries the same
 * time and actor: they are one change.
 */
export function auditAppender(sqlite: Database, actor: string, at: string = new Date().toISOString()): AuditAppender {
  const head = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const insert = sqlite.prepare(
    'INSERT INTO audit_log (seq, at, actor, table_name, row_key, op, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? null;
  return {
    append(table, key, op, before, after) {
      seq++;
      const hash = auditHash({ prev, seq, at, actor, table, key, op, before, after });
      insert.run(seq, at, actor, table, key, op, before, after, prev, hash);
      prev = hash;
    },
  };
}
