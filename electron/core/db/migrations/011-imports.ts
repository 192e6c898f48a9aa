import type { Migration } from './migration.ts';

/**
 * Catalog imports: every committed import with what it changed (so it can be undone), saved
 * column mappings, and image sources (URLs and file paths) recorded by an import and fetched
 * later, when the machine is online.
 */
export const m011Imports: Migration = {
  version: 11,
  name: 'imports: runs with their changes, mapping templates, image sources',
  up: (db) =>
    db.exec(`
      CREATE TABLE import_run (
        id                 INTEGER PRIMARY KEY,
        file_name          TEXT    NOT NULL,
        format             TEXT    NOT NULL CHECK (format IN ('xlsx', 'csv')),
        mode               TEXT    NOT NULL CHECK (mode IN ('all', 'skipInvalid')),
        created            INTEGER NOT NULL,
        updated            INTEGER NOT NULL,
        unchanged          INTEGER NOT NULL,
        skipped            INTEGER NOT NULL,
        -- Ids of the categories the import created, removed again by an undo when still unused.
        categories_created TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(categories_created)),
        report             TEXT,
        created_at         TEXT    NOT NULL,
        undone_at          TEXT
      ) STRICT;

      -- One row per product the import created or changed. 'before' holds an updated product's
      -- fields as they were; revision_after tells whether anyone changed it since.
      CREATE TABLE import_change (
        run_id         INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
        product_id     INTEGER NOT NULL,
        sku            TEXT    NOT NULL,
        action         TEXT    NOT NULL CHECK (action IN ('create', 'update')),
        before         TEXT    CHECK (before IS NULL OR json_valid(before)),
        revision_after INTEGER NOT NULL,
        PRIMARY KEY (run_id, product_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX import_change_product ON import_change (product_id);

      CREATE TABLE import_template (
        name       TEXT NOT NULL PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
        columns    TEXT NOT NULL CHECK (json_valid(columns)),
        options    TEXT NOT NULL CHECK (json_valid(options)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE product_image_source (
        id            INTEGER PRIMARY KEY,
        product_id    INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        source        TEXT    NOT NULL,
        status        TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fetched', 'failed')),
        error         TEXT,
        import_run_id INTEGER REFERENCES import_run (id) ON DELETE SET NULL,
        created_at    TEXT    NOT NULL,
        UNIQUE (product_id, source)
      ) STRICT;
      CREATE INDEX product_image_source_pending ON product_image_source (status) WHERE status = 'pending';
    `),
};
