import type { Migration } from './migration.ts';

/**
 * Marketplace media, price-only sync and removal:
 * - `marketplace_media`: per account, the remote file (Shopify MediaImage gid, WordPress
 *   attachment id) of each image Kontor sent, by the SHA-256 of its bytes, so an unchanged image
 *   is referenced again instead of uploaded again;
 * - `listing.prices`: per variant SKU, the price last sent (minor units), so a price sync sends
 *   only what changed;
 * - upload jobs of two more kinds, `price` and `delete`. SQLite cannot change a CHECK in place, so
 *   upload_job and upload_item are copied into new tables (upload_item first out, so dropping
 *   upload_job cascades onto nothing) and renamed back; the rename rewrites the foreign key.
 */
export const m015Market: Migration = {
  version: 15,
  name: 'marketplaces: remembered media, last prices sent, price and delete jobs',
  up: (db) =>
    db.exec(`
      CREATE TABLE marketplace_media (
        account_id  INTEGER NOT NULL REFERENCES marketplace_account (id) ON DELETE CASCADE,
        sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
        remote_id   TEXT    NOT NULL,
        created_at  TEXT    NOT NULL,
        PRIMARY KEY (account_id, sha256)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE listing ADD COLUMN prices TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(prices));

      CREATE TABLE upload_job_v2 (
        id          INTEGER PRIMARY KEY,
        account_id  INTEGER NOT NULL REFERENCES marketplace_account (id) ON DELETE CASCADE,
        kind        TEXT    NOT NULL CHECK (kind IN ('listing', 'stock', 'price', 'delete')),
        status      TEXT    NOT NULL CHECK (status IN ('ready', 'running', 'paused', 'cancelled', 'finished')),
        last_error  TEXT    CHECK (last_error IS NULL OR json_valid(last_error)),
        run_job_id  INTEGER,
        created_at  TEXT    NOT NULL,
        updated_at  TEXT    NOT NULL,
        finished_at TEXT
      ) STRICT;
      INSERT INTO upload_job_v2 SELECT id, account_id, kind, status, last_error, run_job_id, created_at, updated_at, finished_at FROM upload_job;

      CREATE TABLE upload_item_v2 (
        id            INTEGER PRIMARY KEY,
        upload_id     INTEGER NOT NULL REFERENCES upload_job_v2 (id) ON DELETE CASCADE,
        product_id    INTEGER REFERENCES product (id) ON DELETE SET NULL,
        sku           TEXT    NOT NULL,
        status        TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'succeeded', 'failed', 'skipped')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        remote_id     TEXT,
        error_code    TEXT,
        error_message TEXT,
        issues        TEXT    CHECK (issues IS NULL OR json_valid(issues)),
        -- Stock sync: quantities per variant SKU; price sync: prices; delete: the remote refs.
        payload       TEXT    CHECK (payload IS NULL OR json_valid(payload)),
        started_at    TEXT,
        finished_at   TEXT,
        UNIQUE (upload_id, sku)
      ) STRICT;
      INSERT INTO upload_item_v2 SELECT id, upload_id, product_id, sku, status, attempts, remote_id, error_code, error_message, issues, payload, started_at, finished_at FROM upload_item;

      DROP TABLE upload_item;
      DROP TABLE upload_job;
      ALTER TABLE upload_job_v2 RENAME TO upload_job;
      ALTER TABLE upload_item_v2 RENAME TO upload_item;
      CREATE INDEX upload_job_created ON upload_job (created_at DESC, id DESC);
      CREATE INDEX upload_item_status ON upload_item (upload_id, status, id);
    `),
};
