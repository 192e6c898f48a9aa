import type { Database } from 'better-sqlite3';

/**
 * One schema step. `up` runs synchronously inside the single migration transaction, so it must
 * not await anything; versions start at 1 and increase by one.
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}
