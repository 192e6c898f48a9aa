import type { Database } from 'better-sqlite3';
import { auditAppender, type AuditAppender } from './appendRecords.ts';
import { AUDITED_TABLES, auditedTableName, redactedColumns } from './auditedTables.ts';
import { suspendTriggers } from '../db/suspendTriggers.ts';
import { AUDIT_OPS, auditTriggerName, columnsOf, q, rowJsonSql, rowKeySql } from './triggers.ts';

/** An audited table written in bulk, and its column naming the row's owner (a product's id). */
export interface BulkAuditTable {
  table: string;
  owner: string;
}

export interface BulkAudit {
  /** Before writing: these owners' rows exist and may change; their state now is what the records compare with. */
  remember(ownerIds: readonly number[]): void;
  /**
   * After writing, still inside the transaction: records every difference in the rows of the
   * remembered owners and of `created` (owners that did not exist before), then puts the triggers back.
   */
  finish(created: readonly number[]): void;
}

/** Below this many written rows' owners, dropping and remaking the triggers costs more than it saves. */
export const BULK_AUDIT_FROM = 200;

/** Owners read or recorded per statement: bounds the memory a chunk of rows takes. */
const CHUNK = 1000;

/**
 * The audit triggers cost 15–40 µs a record: for an import of 100,000 products (800,000 rows with
 * their texts, prices and tags) that was most of the import's time. A bulk writer instead, inside
 * its own transaction: remembers the rows it may change, drops the triggers of those tables,
 * writes, then compares and appends one record per inserted, changed or deleted row (the same
 * records the triggers would have written, one change time for all) and puts the triggers back
 * exactly as they were. DDL is transactional in SQLite: a cancel or a failure rolls back the
 * write, the records and the trigger changes together, and other connections never see the
 * tables without their triggers.
 */
export function beginBulkAudit(sqlite: Database, tables: readonly BulkAuditTable[]): BulkAudit {
  if (!sqlite.inTransaction) throw new Error('beginBulkAudit runs inside the transaction of the write it records.');
  // Only tables whose triggers are in place are recorded: exactly what the triggers would have done.
  const audited = tables.flatMap((t) => {
    const entry = AUDITED_TABLES.find((e) => auditedTableName(e) === t.table);
    if (!entry) return [];
    const triggers = suspendTriggers(sqlite, AUDIT_OPS.map((op) => auditTriggerName(t.table, op)));
    return triggers.names.length > 0 ? [{ ...t, triggers, read: rowsOf(sqlite, t, redactedColumns(entry)) }] : [];
  });
  sqlite.exec(`DROP TABLE IF EXISTS temp.bulk_audit_before;
    CREATE TEMP TABLE bulk_audit_before (tbl TEXT, owner INTEGER, k TEXT, j TEXT, PRIMARY KEY (tbl, owner, k)) WITHOUT ROWID`);
  const keep = sqlite.prepare('INSERT OR IGNORE INTO temp.bulk_audit_before (tbl, owner, k, j) VALUES (?, ?, ?, ?)');
  const kept = sqlite.prepare('SELECT owner, k, j FROM temp.bulk_audit_before WHERE tbl = ? AND owner IN (SELECT value FROM json_each(?))').raw();
  const remembered = new Set<number>();

  return {
    remember(ownerIds) {
      for (const ids of chunks(ownerIds)) {
        const list = JSON.stringify(ids);
        for (const t of audited) for (const [owner, k, j] of t.read.all(list)) keep.run(t.table, owner, k, j);
      }
      for (const id of ownerIds) remembered.add(id);
    },
    finish(created) {
      const actor = sqlite.prepare('SELECT kontor_audit_actor()').pluck().get() as string;
      const log = auditAppender(sqlite, actor);
      for (const ids of chunks(created.filter((id) => !remembered.has(id)))) {
        const list = JSON.stringify(ids);
        for (const t of audited) for (const [, k, j] of t.read.all(list)) log.append(t.table, k, 'insert', null, j);
      }
      for (const ids of chunks([...remembered])) {
        const list = JSON.stringify(ids);
        for (const t of audited) recordDifferences(log, t.table, kept.all(t.table, list) as Row[], t.read.all(list));
      }
      sqlite.exec('DROP TABLE temp.bulk_audit_before');
      for (const t of audited) t.triggers.restore();
    },
  };
}

type Row = [owner: number, key: string, json: string];

/** The rows of some owners as the audit log records them: owner, key, JSON. */
function rowsOf(sqlite: Database, t: BulkAuditTable, redact: readonly string[]): { all(ownerIdsJson: string): Row[] } {
  const columns = columnsOf(sqlite, t.table);
  const name = q(t.table);
  const statement = sqlite
    .prepare(`SELECT ${name}.${q(t.owner)}, ${rowKeySql(columns, name)}, ${rowJsonSql(columns, name, redact)} FROM ${name} WHERE ${name}.${q(t.owner)} IN (SELECT value FROM json_each(?))`)
    .raw();
  return { all: (list) => statement.all(list) as Row[] };
}

function recordDifferences(log: AuditAppender, table: string, before: readonly Row[], after: readonly Row[]): void {
  const was = new Map(before.map(([, k, j]) => [k, j]));
  for (const [, k, j] of after) {
    const old = was.get(k);
    if (old === undefined) log.append(table, k, 'insert', null, j);
    else if (old !== j) log.append(table, k, 'update', old, j);
    was.delete(k);
  }
  for (const [k, j] of was) log.append(table, k, 'delete', j, null);
}

function* chunks(ids: readonly number[]): Generator<number[]> {
  for (let i = 0; i < ids.length; i += CHUNK) yield ids.slice(i, i + CHUNK);
}
