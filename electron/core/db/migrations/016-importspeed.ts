import type { Migration } from './migration.ts';

/**
 * Images of an import are brought in, not only recorded: local files while the import runs, URLs
 * by a background job when the machine is online. Each source keeps the spreadsheet row that
 * named it, why it failed (a translation key with its values, besides the English sentence in
 * `error`), how often it was tried and when to try again, and the image it became.
 */
export const m016ImportImages: Migration = {
  version: 16,
  name: 'imports: image sources fetched, with their row, failure reason, attempts and image',
  up: (db) =>
    db.exec(`
      ALTER TABLE product_image_source ADD COLUMN row INTEGER;
      ALTER TABLE product_image_source ADD COLUMN error_key TEXT;
      ALTER TABLE product_image_source ADD COLUMN error_params TEXT CHECK (error_params IS NULL OR json_valid(error_params));
      ALTER TABLE product_image_source ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      -- When a failed fetch is tried again; NULL: not again by itself (a local file, or too many attempts).
      ALTER TABLE product_image_source ADD COLUMN retry_at TEXT;
      ALTER TABLE product_image_source ADD COLUMN image_id INTEGER REFERENCES product_image (id) ON DELETE SET NULL;
      CREATE INDEX product_image_source_run ON product_image_source (import_run_id, status);
      CREATE INDEX product_image_source_retry ON product_image_source (retry_at) WHERE status = 'failed' AND retry_at IS NOT NULL;
    `),
};
