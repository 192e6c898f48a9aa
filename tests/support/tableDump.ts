import type { Database } from 'better-sqlite3';

/** Every row of every table (but `skip`), each table's rows in a stable order: for "same data" checks. */
export function dumpTables(db: Database, skip: readonly string[] = []): Record<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    if (skip.includes(table)) continue;
    dump[table] = db
      .prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`)
      .raw()
      .all()
      .map((row) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)))
      .sort();
  }
  return dump;
}
