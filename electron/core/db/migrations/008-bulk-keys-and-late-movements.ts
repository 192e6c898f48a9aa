import { priceWritten } from './005-list-sort-keys.ts';
import type { Migration } from './migration.ts';

/**
 * Two changes for large catalogues and ledgers.
 *
 * Bulk price changes: the per-row trigger that keeps a product's price sort key costs about 30 µs
 * a price row (a 100,000-row change took 3 s, 0.16 s without it). While a row of
 * `sort_key_suspension` exists it stands aside, and the writer refreshes the keys of everything it
 * changed in one set-based statement before its transaction ends (catalog/prices.ts). The row only
 * ever exists inside that writer's transaction, so no other connection ever sees it.
 *
 * Past-date checkpoints: a movement dated at or before a checkpoint used to drop that checkpoint
 * and every later one (the next past-date query rebuilt them: 4 to 12 s on 2,000,000 movements).
 * Now each checkpoint remembers the last movement id it includes (`through_movement_id`), and a
 * movement recorded with a date at or before the latest checkpoint is noted in
 * `stock_checkpoint_late`, in the writer's transaction. A checkpoint read adds the late movements
 * it does not include yet (a handful of rows), and the background checkpoint job folds them in
 * (stock/pastDate.ts). The existing checkpoints were exact for the whole ledger (the old trigger
 * dropped any that were not), so they include every movement recorded so far.
 */
export const m008BulkKeysAndLateMovements: Migration = {
  version: 8,
  name: 'bulk price changes without per-row key triggers; backdated movements corrected, not dropping checkpoints',
  up: (db) =>
    db.exec(`
      CREATE TABLE sort_key_suspension (
        id INTEGER PRIMARY KEY CHECK (id = 1)
      ) STRICT;

      DROP TRIGGER product_price_key_update;
      CREATE TRIGGER product_price_key_update AFTER UPDATE OF amount_minor ON product_price
      WHEN OLD.product_id IS NEW.product_id AND OLD.price_list_id IS NEW.price_list_id AND OLD.currency IS NEW.currency
        AND OLD.min_quantity_milli IS NEW.min_quantity_milli AND NOT EXISTS (SELECT 1 FROM sort_key_suspension) BEGIN
        ${priceWritten}
      END;

      ALTER TABLE stock_checkpoint ADD COLUMN through_movement_id INTEGER NOT NULL DEFAULT 0;
      UPDATE stock_checkpoint SET through_movement_id = coalesce((SELECT max(id) FROM stock_movement), 0);

      CREATE TABLE stock_checkpoint_late (
        movement_id INTEGER PRIMARY KEY REFERENCES stock_movement (id)
      ) STRICT;

      DROP TRIGGER stock_movement_drops_checkpoints;
      CREATE TRIGGER stock_movement_late_for_checkpoints AFTER INSERT ON stock_movement
      WHEN NEW.occurred_at <= (SELECT max(at) FROM stock_checkpoint)
      BEGIN INSERT INTO stock_checkpoint_late (movement_id) VALUES (NEW.id); END;
    `),
};
