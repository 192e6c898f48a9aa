import type { Database } from 'better-sqlite3';

export interface SuspendedTriggers {
  /** The triggers that existed and were dropped (a name that was not there is left out). */
  names: string[];
  /** Puts them back exactly as the database held them, whatever migration last defined them. */
  restore(): void;
}

/**
 * Drops the named triggers for a bulk write that does their work once, set-wise, at the end
 * (sort keys, audit records). Inside a transaction the drop and the restore commit or roll back
 * with the write, so other connections never see the tables without them.
 */
export function suspendTriggers(sqlite: Database, names: readonly string[]): SuspendedTriggers {
  const existing = sqlite
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(names)) as { name: string; sql: string }[];
  for (const t of existing) sqlite.exec(`DROP TRIGGER ${t.name}`);
  return {
    names: existing.map((t) => t.name),
    restore() {
      for (const t of existing) sqlite.exec(t.sql);
    },
  };
}
