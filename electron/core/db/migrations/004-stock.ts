import type { Migration } from './migration.ts';

/**
 * Warehouses and an append-only stock-movement ledger with the state derived from it.
 * `stock_level` and `stock_valuation` are projections kept in the same transaction as each
 * movement; they can be rebuilt from `stock_movement` at any time, which stays the truth.
 */
export const m004Stock: Migration = {
  version: 4,
  name: 'stock: warehouses, movements, levels, valuation',
  up: (db) =>
    db.exec(`
      CREATE TABLE warehouse (
        id         INTEGER PRIMARY KEY,
        code       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        name       TEXT    NOT NULL,
        kind       TEXT    NOT NULL CHECK (kind IN ('own', '3pl', 'marketplace', 'consignment')),
        country    TEXT    CHECK (country IS NULL OR length(country) = 2),
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE warehouse_location (
        id           INTEGER PRIMARY KEY,
        warehouse_id INTEGER NOT NULL REFERENCES warehouse (id) ON DELETE CASCADE,
        code         TEXT    NOT NULL COLLATE NOCASE,
        UNIQUE (warehouse_id, code)
      ) STRICT;

      CREATE TABLE stock_movement (
        id                  INTEGER PRIMARY KEY,
        kind                TEXT    NOT NULL
                            CHECK (kind IN ('receipt', 'shipment', 'adjustment', 'transfer_out', 'transfer_in', 'return')),
        product_id          INTEGER NOT NULL REFERENCES product (id) ON DELETE RESTRICT,
        warehouse_id        INTEGER NOT NULL REFERENCES warehouse (id) ON DELETE RESTRICT,
        location_id         INTEGER REFERENCES warehouse_location (id) ON DELETE RESTRICT,
        -- Signed: in is positive, out is negative; thousandths of the product's unit.
        quantity_milli      INTEGER NOT NULL CHECK (quantity_milli <> 0),
        -- Signed change of stock value in the base currency's minor units. For a shipment this
        -- is minus its cost of goods, which the ledger posts.
        value_minor         INTEGER NOT NULL,
        -- Receipts: the purchase cost per unit; others: the valuation cost per unit used.
        unit_cost_minor     INTEGER,
        supplier            TEXT,
        reason              TEXT,
        reference           TEXT,
        -- Both halves of a transfer share one id; a correction points at what it corrects.
        transfer_id         INTEGER,
        corrects_id         INTEGER REFERENCES stock_movement (id),
        -- A return names the shipment it takes back, so it comes back at that shipment's cost.
        return_of_id        INTEGER REFERENCES stock_movement (id),
        stocktake_id        INTEGER REFERENCES stocktake (id),
        -- UTC, always in toISOString() form: the past-date queries compare these as text.
        occurred_at         TEXT    NOT NULL CHECK (occurred_at GLOB
                            '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
        created_at          TEXT    NOT NULL,
        -- A correction keeps the kind of what it reverses (a reversed shipment still counts
        -- against the cost of goods), so it carries the opposite sign.
        CHECK ((kind IN ('receipt', 'transfer_in', 'return')) = (quantity_milli > 0)
               OR kind = 'adjustment' OR corrects_id IS NOT NULL),
        CHECK (kind <> 'adjustment' OR reason IS NOT NULL),
        CHECK ((kind IN ('transfer_out', 'transfer_in')) = (transfer_id IS NOT NULL)),
        CHECK (return_of_id IS NULL OR kind = 'return')
      ) STRICT;
      CREATE INDEX stock_movement_product ON stock_movement (product_id, occurred_at, id);
      CREATE INDEX stock_movement_time ON stock_movement (occurred_at, product_id, warehouse_id, quantity_milli, value_minor);
      CREATE INDEX stock_movement_transfer ON stock_movement (transfer_id) WHERE transfer_id IS NOT NULL;
      -- A movement is corrected at most once; correcting it again would double the reversal.
      CREATE UNIQUE INDEX stock_movement_corrects ON stock_movement (corrects_id) WHERE corrects_id IS NOT NULL;
      CREATE INDEX stock_movement_return_of ON stock_movement (return_of_id) WHERE return_of_id IS NOT NULL;

      -- Append-only, enforced by the database itself, not only by the code.
      CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement
      BEGIN SELECT RAISE(ABORT, 'stock movements are append-only: record a correcting movement instead'); END;
      CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement
      BEGIN SELECT RAISE(ABORT, 'stock movements are append-only: record a correcting movement instead'); END;

      CREATE TABLE stock_level (
        product_id     INTEGER NOT NULL REFERENCES product (id) ON DELETE RESTRICT,
        warehouse_id   INTEGER NOT NULL REFERENCES warehouse (id) ON DELETE RESTRICT,
        on_hand_milli  INTEGER NOT NULL DEFAULT 0,
        reserved_milli INTEGER NOT NULL DEFAULT 0 CHECK (reserved_milli >= 0),
        PRIMARY KEY (product_id, warehouse_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX stock_level_warehouse ON stock_level (warehouse_id, product_id);

      -- Company-wide valuation per product: moving average = value / quantity.
      CREATE TABLE stock_valuation (
        product_id     INTEGER PRIMARY KEY REFERENCES product (id) ON DELETE RESTRICT,
        quantity_milli INTEGER NOT NULL DEFAULT 0,
        value_minor    INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- FIFO cost layers, used when the valuation method is FIFO.
      CREATE TABLE stock_cost_layer (
        id                       INTEGER PRIMARY KEY,
        product_id               INTEGER NOT NULL REFERENCES product (id) ON DELETE RESTRICT,
        movement_id              INTEGER NOT NULL REFERENCES stock_movement (id),
        remaining_quantity_milli INTEGER NOT NULL CHECK (remaining_quantity_milli >= 0),
        remaining_value_minor    INTEGER NOT NULL CHECK (remaining_value_minor >= 0)
      ) STRICT;
      CREATE INDEX stock_cost_layer_open ON stock_cost_layer (product_id, id) WHERE remaining_quantity_milli > 0;

      -- A cache for stock at past dates, never the truth: the whole state (on hand per product ×
      -- warehouse, quantity and value per product) once every movement dated up to the time in
      -- column at (a month end) is counted, packed and deflated (see stock/pastDate.ts). A past date
      -- then reads one checkpoint and at most half a month of movements, not up to half the ledger.
      CREATE TABLE stock_checkpoint (
        at         TEXT PRIMARY KEY,
        state      BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      -- A movement dated at or before a checkpoint (allowed when the product's own history is older)
      -- makes it wrong: drop it, in the same transaction, whoever writes the movement.
      CREATE TRIGGER stock_movement_drops_checkpoints AFTER INSERT ON stock_movement
      BEGIN DELETE FROM stock_checkpoint WHERE at >= NEW.occurred_at; END;

      CREATE TABLE reorder_rule (
        product_id             INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        warehouse_id           INTEGER NOT NULL REFERENCES warehouse (id) ON DELETE CASCADE,
        reorder_point_milli    INTEGER NOT NULL CHECK (reorder_point_milli >= 0),
        reorder_quantity_milli INTEGER NOT NULL CHECK (reorder_quantity_milli > 0),
        PRIMARY KEY (product_id, warehouse_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE stocktake (
        id           INTEGER PRIMARY KEY,
        warehouse_id INTEGER NOT NULL REFERENCES warehouse (id),
        status       TEXT    NOT NULL CHECK (status IN ('open', 'posted', 'cancelled')),
        note         TEXT,
        created_at   TEXT    NOT NULL,
        posted_at    TEXT
      ) STRICT;
      -- One open count per warehouse: two would each post the same difference.
      CREATE UNIQUE INDEX stocktake_open ON stocktake (warehouse_id) WHERE status = 'open';

      CREATE TABLE stocktake_count (
        stocktake_id   INTEGER NOT NULL REFERENCES stocktake (id) ON DELETE CASCADE,
        product_id     INTEGER NOT NULL REFERENCES product (id),
        counted_milli  INTEGER NOT NULL CHECK (counted_milli >= 0),
        -- What the books said when the count was entered, to show the difference to review.
        expected_milli INTEGER NOT NULL,
        PRIMARY KEY (stocktake_id, product_id)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO warehouse (code, name, kind, created_at)
      VALUES ('MAIN', 'Main warehouse', 'own', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `),
};
