import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { auditHash } from './hash.ts';

/**
 * Who is changing data right now. The dispatcher runs each call inside `runAs`, so the audit
 * triggers (through `kontor_audit_actor()`) name the person behind that call even when calls
 * interleave on one connection across awaits.
 */
const current = new AsyncLocalStorage<string>();

export function runAs<T>(actor: string, work: () => T): T {
  return current.run(actor, work);
}

export function currentActor(): string | undefined {
  return current.getStore();
}

/**
 * The SQL functions the audit triggers call. A connection without them (a plain sqlite3 shell,
 * another program) cannot change an audited table at all: its trigger fails with "no such
 * function". One that removes the triggers first is caught by `verifyAuditTrail`.
 */
export function registerAuditFunctions(sqlite: Database, fallbackActor = 'system'): void {
  sqlite.function('kontor_audit_actor', { deterministic: false }, () => current.getStore() ?? fallbackActor);
  sqlite.function(
    'kontor_audit_hash',
    { deterministic: true },
    (prev: unknown, seq: unknown, at: unknown, actor: unknown, table: unknown, key: unknown, op: unknown, before: unknown, after: unknown) =>
      auditHash({
        prev: prev as string | null,
        seq: Number(seq),
        at: at as string,
        actor: actor as string,
        table: table as string,
        key: key as string,
        op: op as string,
        before: before as string | null,
        after: after as string | null,
      }),
  );
  // BLOBs (JSON cannot hold them) and secrets (password hashes, credentials) are recorded as a
  // digest: a change is still visible and comparable, the content is not copied into the log.
  sqlite.function('kontor_audit_digest', { deterministic: true }, (value: unknown) => {
    if (value === null || value === undefined) return null;
    const bytes = value instanceof Uint8Array ? value : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  });
}
