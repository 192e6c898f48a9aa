import type { Database } from 'better-sqlite3';
import { AUDITED_TABLES, auditedTableName, redactedColumns, type AuditedTable } from './auditedTables.ts';
import { auditHash } from './hash.ts';
import { AUDIT_OPS, auditTriggerName, auditTriggerSql, rowJsonSql, rowKeySql } from './triggers.ts';

export interface BrokenLink {
  seq: number;
  problem: 'missing' | 'link' | 'hash';
  /** What the record says (when there is one), to find it on the screen. */
  at: string | null;
  table: string | null;
  message: string;
}

export interface UnrecordedChange {
  table: string;
  key: string;
  problem: 'changed' | 'added' | 'removed';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  records: number;
  headHash: string | null;
  /** The first record whose chain does not hold; everything before it is intact. */
  firstBrokenLink: BrokenLink | null;
  /** Audited tables whose triggers were removed or changed. */
  missingTriggers: string[];
  /** Rows that differ from their last record: written behind Kontor's back. First 50 per check. */
  unrecordedChanges: UnrecordedChange[];
}

const MAX_CHANGES = 50;

/**
 * Checks the whole trail: (1) the chain, record by record, from the first; (2) that every audited
 * table still has its triggers as Kontor made them; (3) that every row of every audited table is
 * what its last record says, and every row the log says exists does. (3) is what catches a
 * change made with the triggers removed, even if they were put back afterwards.
 */
export function verifyAuditTrail(sqlite: Database, tables: readonly AuditedTable[] = AUDITED_TABLES): AuditVerification {
  const chain = verifyChain(sqlite);
  const missingTriggers = tables.map(auditedTableName).filter((table) => !triggersIntact(sqlite, tables, table));
  const unrecordedChanges: UnrecordedChange[] = [];
  for (const entry of tables) {
    if (unrecordedChanges.length >= MAX_CHANGES) break;
    unrecordedChanges.push(...compareWithLog(sqlite, entry, MAX_CHANGES - unrecordedChanges.length));
  }
  return {
    ok: chain.firstBrokenLink === null && missingTriggers.length === 0 && unrecordedChanges.length === 0,
    records: chain.records,
    headHash: chain.headHash,
    firstBrokenLink: chain.firstBrokenLink,
    missingTriggers,
    unrecordedChanges,
  };
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  table_name: string;
  row_key: string;
  op: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string | null;
  hash: string;
}

function verifyChain(sqlite: Database): { records: number; headHash: string | null; firstBrokenLink: BrokenLink | null } {
  let expectedSeq = 1;
  let prev: string | null = null;
  let records = 0;
  const broken = (row: Row | null, seq: number, problem: BrokenLink['problem'], message: string): BrokenLink => ({
    seq,
    problem,
    at: row?.at ?? null,
    table: row?.table_name ?? null,
    message,
  });
  for (const row of sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    records++;
    if (row.seq !== expectedSeq) {
      return { records, headHash: prev, firstBrokenLink: broken(null, expectedSeq, 'missing', `Record ${expectedSeq} is missing: the trail jumps from ${expectedSeq - 1} to ${row.seq}.`) };
    }
    if (row.prev_hash !== prev) {
      return { records, headHash: prev, firstBrokenLink: broken(row, row.seq, 'link', `Record ${row.seq} does not point at the record before it.`) };
    }
    const hash = auditHash({
      prev: row.prev_hash,
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      table: row.table_name,
      key: row.row_key,
      op: row.op,
      before: row.before_json,
      after: row.after_json,
    });
    if (hash !== row.hash) {
      return { records, headHash: prev, firstBrokenLink: broken(row, row.seq, 'hash', `Record ${row.seq} was changed after it was written.`) };
    }
    prev = row.hash;
    expectedSeq++;
  }
  return { records, headHash: prev, firstBrokenLink: null };
}

function triggersIntact(sqlite: Database, tables: readonly AuditedTable[], table: string): boolean {
  const entry = tables.find((t) => auditedTableName(t) === table);
  if (!entry) return false;
  const stmt = sqlite.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck();
  return AUDIT_OPS.every((op) => stmt.get(auditTriggerName(table, op)) === auditTriggerSql(sqlite, entry, op));
}

/**
 * Rows whose content differs from the last record of their key, and keys present on one side only.
 * Both sides go to indexed temporary tables first (this connection only; the database file is not
 * written), so the comparison is two indexed joins even for millions of rows.
 */
function compareWithLog(sqlite: Database, entry: AuditedTable, limit: number): UnrecordedChange[] {
  const table = auditedTableName(entry);
  const name = `"${table.replaceAll('"', '""')}"`;
  const columns = sqlite.pragma(`table_info(${name})`) as { name: string; type: string; pk: number }[];
  if (columns.length === 0) return [];
  sqlite.exec('DROP TABLE IF EXISTS temp.audit_cur; DROP TABLE IF EXISTS temp.audit_last');
  sqlite.exec('CREATE TEMP TABLE audit_cur (k TEXT PRIMARY KEY, j TEXT) WITHOUT ROWID; CREATE TEMP TABLE audit_last (k TEXT PRIMARY KEY, op TEXT, j TEXT) WITHOUT ROWID');
  try {
    sqlite.prepare(`INSERT INTO temp.audit_cur SELECT ${rowKeySql(columns, name)}, ${rowJsonSql(columns, name, redactedColumns(entry))} FROM ${name}`).run();
    sqlite
      .prepare(
        `INSERT INTO temp.audit_last SELECT a.row_key, a.op, a.after_json FROM audit_log a
         JOIN (SELECT row_key, max(seq) AS seq FROM audit_log WHERE table_name = ? GROUP BY row_key) m ON a.seq = m.seq`,
      )
      .run(table);
    const rows = sqlite
      .prepare(
        `SELECT c.k AS k, CASE WHEN l.k IS NULL OR l.op = 'delete' THEN 'added' ELSE 'changed' END AS problem
         FROM temp.audit_cur c LEFT JOIN temp.audit_last l ON l.k = c.k
         WHERE l.k IS NULL OR l.op = 'delete' OR l.j IS NOT c.j
         UNION ALL
         SELECT l.k, 'removed' FROM temp.audit_last l WHERE l.op <> 'delete' AND NOT EXISTS (SELECT 1 FROM temp.audit_cur c WHERE c.k = l.k)
         LIMIT ?`,
      )
      .all(limit) as { k: string; problem: UnrecordedChange['problem'] }[];
    return rows.map((r) => ({
      table,
      key: r.k,
      problem: r.problem,
      message:
        r.problem === 'changed'
          ? `${table} ${r.k} differs from its last recorded state: changed outside Kontor.`
          : r.problem === 'added'
            ? `${table} ${r.k} exists but was never recorded: added outside Kontor.`
            : `${table} ${r.k} was recorded but is gone: deleted outside Kontor.`,
    }));
  } finally {
    sqlite.exec('DROP TABLE IF EXISTS temp.audit_cur; DROP TABLE IF EXISTS temp.audit_last');
  }
}
