import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { AuditRecord } from '../../../shared/contract/audit.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { Handlers } from '../dispatcher.ts';
import { verifyAuditTrail } from './verify.ts';

export type AuditCallName = 'audit.list' | 'audit.verify';

export function auditHandlers({ db, sqlite }: { db: Kysely<KontorSchema>; sqlite: Database }): Pick<Handlers, AuditCallName> {
  return {
    'audit.list': async ({ beforeSeq, limit, table, actor }) => {
      let query = db.selectFrom('audit_log');
      if (table) query = query.where('table_name', '=', table);
      if (actor) query = query.where('actor', '=', actor);
      const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await (beforeSeq ? query.where('seq', '<', beforeSeq) : query).selectAll().orderBy('seq', 'desc').limit(limit).execute();
      return {
        total,
        records: rows.map(
          (r): AuditRecord => ({
            seq: r.seq,
            at: r.at,
            actor: r.actor,
            table: r.table_name,
            key: r.row_key,
            op: r.op as AuditRecord['op'],
            before: r.before_json === null ? null : (JSON.parse(r.before_json) as Record<string, unknown>),
            after: r.after_json === null ? null : (JSON.parse(r.after_json) as Record<string, unknown>),
          }),
        ),
      };
    },
    'audit.verify': () => ({ ...verifyAuditTrail(sqlite), checkedAt: new Date().toISOString() }),
  };
}
