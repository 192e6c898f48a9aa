import type { Migration } from './migration.ts';

/**
 * Marketplace accounts (credentials sealed by a SecretBox, never stored in clear), what is listed
 * where, per-account overrides and category mappings, and upload jobs with one row per item so a
 * job killed half-way resumes where it stopped.
 */
export const m012Marketplaces: Migration = {
  version: 12,
  name: 'marketplaces: accounts, listings, upload jobs',
  up: (db) =>
    db.exec(`
      CREATE TABLE marketplace_account (
        id         INTEGER PRIMARY KEY,
        platform   TEXT    NOT NULL,
        name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        settings   TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
        rules      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(rules)),
        secret     BLOB    NOT NULL,
        created_at TEXT    NOT NULL,
        updated_at TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE listing (
        account_id  INTEGER NOT NULL REFERENCES marketplace_account (id) ON DELETE CASCADE,
        product_id  INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        status      TEXT    NOT NULL CHECK (status IN ('listed', 'failed')),
        remote_id   TEXT,
        -- RemoteRefs: the remote product and, per variant SKU, its id and inventory item.
        remote_refs TEXT    CHECK (remote_refs IS NULL OR json_valid(remote_refs)),
        last_error  TEXT,
        -- Per variant SKU, the whole units last sent, so stock sync sends only what changed.
        quantities  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(quantities)),
        updated_at  TEXT    NOT NULL,
        PRIMARY KEY (account_id, product_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX listing_product ON listing (product_id, account_id);

      CREATE TABLE listing_override (
        account_id     INTEGER NOT NULL REFERENCES marketplace_account (id) ON DELETE CASCADE,
        product_id     INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        title          TEXT,
        description    TEXT,
        markup_bp      INTEGER,
        rounding       TEXT,
        quantity_buffer INTEGER,
        PRIMARY KEY (account_id, product_id)
      ) STRICT, WITHOUT ROWID;

      -- Remembered per Kontor category, so the next product of the category lands in the same place.
      CREATE TABLE marketplace_category_map (
        account_id      INTEGER NOT NULL REFERENCES marketplace_account (id) ON DELETE CASCADE,
        category_id     INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE,
        remote_category TEXT    NOT NULL,
        PRIMARY KEY (account_id, category_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE upload_job (
        id          INTEGER PRIMARY KEY,
        account_id  INTEGER NOT NULL REFERENCES marketplace_account (id) ON DELETE CASCADE,
        kind        TEXT    NOT NULL CHECK (kind IN ('listing', 'stock')),
        status      TEXT    NOT NULL CHECK (status IN ('ready', 'running', 'paused', 'cancelled', 'finished')),
        last_error  TEXT    CHECK (last_error IS NULL OR json_valid(last_error)),
        run_job_id  INTEGER,
        created_at  TEXT    NOT NULL,
        updated_at  TEXT    NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX upload_job_created ON upload_job (created_at DESC, id DESC);

      CREATE TABLE upload_item (
        id            INTEGER PRIMARY KEY,
        upload_id     INTEGER NOT NULL REFERENCES upload_job (id) ON DELETE CASCADE,
        product_id    INTEGER REFERENCES product (id) ON DELETE SET NULL,
        sku           TEXT    NOT NULL,
        status        TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'succeeded', 'failed', 'skipped')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        remote_id     TEXT,
        error_code    TEXT,
        error_message TEXT,
        issues        TEXT    CHECK (issues IS NULL OR json_valid(issues)),
        -- Stock sync: the quantities to send, per variant SKU.
        payload       TEXT    CHECK (payload IS NULL OR json_valid(payload)),
        started_at    TEXT,
        finished_at   TEXT,
        UNIQUE (upload_id, sku)
      ) STRICT;
      CREATE INDEX upload_item_status ON upload_item (upload_id, status, id);

      -- Stock sync reads movements after this id, so changes made by any process (the CLI too) are seen.
      CREATE TABLE stock_sync_cursor (
        account_id       INTEGER PRIMARY KEY REFERENCES marketplace_account (id) ON DELETE CASCADE,
        last_movement_id INTEGER NOT NULL
      ) STRICT;
    `),
};
