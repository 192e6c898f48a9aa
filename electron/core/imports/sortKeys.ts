import type { Database } from 'better-sqlite3';
import { FILL_SORT_KEYS, SORT_KEY_TRIGGER_NAMES } from '../db/migrations/005-list-sort-keys.ts';
import { suspendTriggers } from '../db/suspendTriggers.ts';

/**
 * The product list's sort keys (migration 5) are kept by triggers on every product, text and price
 * row: about 0.5 ms a product, 2,000 products a second. A large import therefore does what the
 * dataset generator does: inside its transaction it drops those triggers (keeping their SQL as
 * the database holds it, whatever migration last defined them), writes, refills the keys once
 * with the migration's own statement, and puts the triggers back. All of it commits or rolls back
 * together, so a cancelled import leaves the triggers exactly as they were.
 */
export function bulkSortKeys(sqlite: Database): { restore(): void } {
  const triggers = suspendTriggers(sqlite, SORT_KEY_TRIGGER_NAMES);
  return {
    restore() {
      sqlite.exec(FILL_SORT_KEYS);
      triggers.restore();
    },
  };
}

/** Below this many written products the triggers are cheaper than refilling every key. */
export function worthBulk(written: number, catalogSize: number, threshold: number): boolean {
  return written >= threshold && written * 10 >= catalogSize;
}
