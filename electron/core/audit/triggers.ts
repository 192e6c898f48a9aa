import type { Database } from 'better-sqlite3';
import { AUDITED_TABLES, auditedTableName, redactedColumns, type AuditedTable } from './auditedTables.ts';
import { auditAppender } from './appendRecords.ts';

export const AUDIT_OPS = ['insert', 'update', 'delete'] as const;
type Op = (typeof AUDIT_OPS)[number];

export interface Column {
  name: string;
  type: string;
  pk: number;
}

export const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const lit = (text: string): string => `'${text.replaceAll("'", "''")}'`;

export function auditTriggerName(table: string, op: Op): string {
  return `audit__${table}__${op}`;
}

export function columnsOf(sqlite: Database, table: string): Column[] {
  return sqlite.pragma(`table_info(${q(table)})`) as Column[];
}

/** `json_object('id', NEW."id", …)`: the row as the log records it, the same text every time for the same values. */
export function rowJsonSql(columns: readonly Column[], row: string, redact: readonly string[]): string {
  const parts = columns.map((c) => {
    const value = `${row}.${q(c.name)}`;
    const recorded = redact.includes(c.name) || /BLOB/i.test(c.type) ? `kontor_audit_digest(${value})` : value;
    return `${lit(c.name)}, ${recorded}`;
  });
  return `json_object(${parts.join(', ')})`;
}

/** `json_array(NEW."a", NEW."b")`: the primary key (the rowid for a table without one). */
export function rowKeySql(columns: readonly Column[], row: string): string {
  const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return pk.length === 0 ? `json_array(${row}.rowid)` : `json_array(${pk.map((c) => `${row}.${q(c.name)}`).join(', ')})`;
}

/**
 * One AFTER trigger per table and operation. It appends a record whose link is computed in the
 * same statement (so in the same transaction) from the record before it: an UPDATE that changes
 * nothing is not recorded.
 */
export function auditTriggerSql(sqlite: Database, entry: AuditedTable, op: Op): string {
  const table = auditedTableName(entry);
  const columns = columnsOf(sqlite, table);
  if (columns.length === 0) throw new Error(`The audited table ${table} does not exist; remove it from AUDITED_TABLES or create it first.`);
  const redact = redactedColumns(entry);
  const key = rowKeySql(columns, op === 'delete' ? 'OLD' : 'NEW');
  const before = op === 'insert' ? 'NULL' : rowJsonSql(columns, 'OLD', redact);
  const after = op === 'delete' ? 'NULL' : rowJsonSql(columns, 'NEW', redact);
  return `CREATE TRIGGER ${auditTriggerName(table, op)} AFTER ${op.toUpperCase()} ON ${q(table)} BEGIN
  INSERT INTO audit_log (seq, at, actor, table_name, row_key, op, before_json, after_json, prev_hash, hash)
  SELECT s, at, actor, ${lit(table)}, k, ${lit(op)}, b, a, p, kontor_audit_hash(p, s, at, actor, ${lit(table)}, k, ${lit(op)}, b, a)
  FROM (SELECT (SELECT ifnull(max(seq), 0) + 1 FROM audit_log) AS s,
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
               kontor_audit_actor() AS actor,
               ${key} AS k, ${before} AS b, ${after} AS a,
               (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS p)
  WHERE b IS NOT a;
END`;
}

/**
 * Makes the triggers match AUDITED_TABLES and the tables' current columns (a migration that adds
 * a column gets triggers that record it). A table audited for the first time gets one `baseline`
 * record per existing row, so that later checks can compare every row with its last record.
 * Runs inside the migration transaction. Answers the tables whose triggers were (re)made.
 */
/**
 * For a migration that renames or drops a column of an audited table: SQLite refuses while a
 * trigger names the column. `syncAuditTriggers` puts them back after the migrations, with a new
 * baseline of the table.
 */
export function dropAuditTriggers(sqlite: Database, table: string): void {
  for (const op of AUDIT_OPS) sqlite.exec(`DROP TRIGGER IF EXISTS ${auditTriggerName(table, op)}`);
}

export function syncAuditTriggers(sqlite: Database, tables: readonly AuditedTable[] = AUDITED_TABLES): string[] {
  const existing = new Map(
    (sqlite.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'audit\\_\\_%' ESCAPE '\\'").all() as { name: string; sql: string }[]).map(
      (t) => [t.name, t.sql],
    ),
  );
  const changed: string[] = [];
  for (const entry of tables) {
    const table = auditedTableName(entry);
    const firstTime = AUDIT_OPS.every((op) => !existing.has(auditTriggerName(table, op)));
    let remade = false;
    for (const op of AUDIT_OPS) {
      const name = auditTriggerName(table, op);
      const wanted = auditTriggerSql(sqlite, entry, op);
      if (existing.get(name) === wanted) continue;
      sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
      sqlite.exec(wanted);
      remade = true;
    }
    // New triggers mean a new table or a new shape (a migration added, renamed or dropped columns):
    // the rows as they are now become the state the next change is compared with.
    if (remade) {
      recordBaseline(sqlite, entry, firstTime ? 'system:migration' : 'system:migration (table changed)');
      changed.push(table);
    }
  }
  return changed;
}

/** One `baseline` record per row, chained like any other record. */
function recordBaseline(sqlite: Database, entry: AuditedTable, actor: string): void {
  const table = auditedTableName(entry);
  const columns = columnsOf(sqlite, table);
  const rows = sqlite.prepare(`SELECT ${rowKeySql(columns, q(table))} AS k, ${rowJsonSql(columns, q(table), redactedColumns(entry))} AS a FROM ${q(table)}`);
  const log = auditAppender(sqlite, actor);
  // Collected first: better-sqlite3 does not write while a statement of the connection is still
  // being read; it also keeps the baseline in primary-key order.
  for (const row of rows.all() as { k: string; a: string }[]) log.append(table, row.k, 'baseline', null, row.a);
}
