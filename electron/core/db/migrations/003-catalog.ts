import type { Migration } from './migration.ts';

/**
 * Products with variants, texts per language, categories with their own attributes, price lists
 * with quantity tiers, images, and a full-text index.
 *
 * Quantities everywhere are INTEGER thousandths of the product's unit ("milli-units"): textiles
 * sell by the metre and spices by the kilogram, and integers keep stock arithmetic exact.
 * Money is INTEGER minor units of the named currency. Weights are grams, dimensions millimetres.
 */
export const m003Catalog: Migration = {
  version: 3,
  name: 'catalog: products, variants, categories, prices, images, search',
  up: (db) =>
    db.exec(`
      CREATE TABLE category (
        id         INTEGER PRIMARY KEY,
        parent_id  INTEGER REFERENCES category (id) ON DELETE RESTRICT,
        code       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        position   INTEGER NOT NULL DEFAULT 0,
        created_at TEXT    NOT NULL,
        updated_at TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX category_parent ON category (parent_id, position);

      CREATE TABLE category_name (
        category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE,
        language    TEXT    NOT NULL,
        name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        PRIMARY KEY (category_id, language)
      ) STRICT, WITHOUT ROWID;

      -- Custom attributes a category asks of its products (material, colour, size chart...);
      -- a product also answers its ancestors' attributes.
      CREATE TABLE category_attribute (
        id          INTEGER PRIMARY KEY,
        category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE,
        code        TEXT    NOT NULL,
        type        TEXT    NOT NULL CHECK (type IN ('text', 'number', 'boolean', 'choice')),
        required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
        choices     TEXT    CHECK (choices IS NULL OR json_valid(choices)),
        labels      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(labels)),
        position    INTEGER NOT NULL DEFAULT 0,
        UNIQUE (category_id, code)
      ) STRICT;

      CREATE TABLE product (
        id                INTEGER PRIMARY KEY,
        -- Unique whatever the case: "rug-01" and "RUG-01" are the same article to a person.
        sku               TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(sku) BETWEEN 1 AND 64),
        kind              TEXT    NOT NULL CHECK (kind IN ('simple', 'parent', 'variant')),
        parent_id         INTEGER REFERENCES product (id) ON DELETE RESTRICT,
        status            TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
        category_id       INTEGER REFERENCES category (id) ON DELETE SET NULL,
        brand             TEXT,
        unit              TEXT    NOT NULL DEFAULT 'pcs',
        gtin              TEXT    CHECK (gtin IS NULL OR (length(gtin) IN (8, 12, 13, 14) AND gtin NOT GLOB '*[^0-9]*')),
        hs_code           TEXT    CHECK (hs_code IS NULL OR (length(hs_code) BETWEEN 6 AND 10 AND hs_code NOT GLOB '*[^0-9]*')),
        origin_country    TEXT    CHECK (origin_country IS NULL OR length(origin_country) = 2),
        net_weight_g      INTEGER CHECK (net_weight_g IS NULL OR net_weight_g >= 0),
        gross_weight_g    INTEGER CHECK (gross_weight_g IS NULL OR gross_weight_g >= 0),
        length_mm         INTEGER CHECK (length_mm IS NULL OR length_mm >= 0),
        width_mm          INTEGER CHECK (width_mm IS NULL OR width_mm >= 0),
        height_mm         INTEGER CHECK (height_mm IS NULL OR height_mm >= 0),
        cost_price_minor  INTEGER CHECK (cost_price_minor IS NULL OR cost_price_minor >= 0),
        cost_currency     TEXT    CHECK (cost_currency IS NULL OR length(cost_currency) = 3),
        -- Values of the category's custom attributes, keyed by attribute code.
        attributes        TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
        -- A variant's own option values, e.g. {"Size":"M","Colour":"Indigo"}.
        option_values     TEXT    CHECK (option_values IS NULL OR json_valid(option_values)),
        created_at        TEXT    NOT NULL,
        updated_at        TEXT    NOT NULL,
        -- Bumped on every change: an edit made on a stale copy is refused, not silently merged.
        revision          INTEGER NOT NULL DEFAULT 1,
        CHECK ((kind = 'variant') = (parent_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX product_parent ON product (parent_id) WHERE parent_id IS NOT NULL;
      CREATE INDEX product_category ON product (category_id, sku);
      CREATE INDEX product_status ON product (status, sku);
      CREATE INDEX product_updated ON product (updated_at DESC, id DESC);
      CREATE UNIQUE INDEX product_gtin ON product (gtin) WHERE gtin IS NOT NULL;

      CREATE TABLE product_text (
        product_id  INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        language    TEXT    NOT NULL,
        title       TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        description TEXT,
        PRIMARY KEY (product_id, language)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX product_text_title ON product_text (language, title COLLATE NOCASE, product_id);

      CREATE TABLE product_tag (
        product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        tag        TEXT    NOT NULL COLLATE NOCASE,
        PRIMARY KEY (product_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX product_tag_tag ON product_tag (tag, product_id);

      -- Options of a parent product (Size: S, M, L); its variants carry one value of each.
      CREATE TABLE product_option (
        product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        name       TEXT    NOT NULL,
        "values"   TEXT    NOT NULL CHECK (json_valid("values")),
        PRIMARY KEY (product_id, position)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE price_list (
        id         INTEGER PRIMARY KEY,
        code       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        name       TEXT    NOT NULL,
        kind       TEXT    NOT NULL CHECK (kind IN ('retail', 'wholesale')),
        created_at TEXT    NOT NULL
      ) STRICT;
      INSERT INTO price_list (code, name, kind, created_at) VALUES
        ('RETAIL', 'Retail', 'retail', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        ('WHOLESALE', 'Wholesale', 'wholesale', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      -- One row per tier: from min_quantity_milli upwards, this price applies (B2B quantity tiers).
      CREATE TABLE product_price (
        product_id         INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        price_list_id      INTEGER NOT NULL REFERENCES price_list (id) ON DELETE CASCADE,
        currency           TEXT    NOT NULL CHECK (length(currency) = 3),
        min_quantity_milli INTEGER NOT NULL DEFAULT 1000 CHECK (min_quantity_milli > 0),
        amount_minor       INTEGER NOT NULL CHECK (amount_minor >= 0),
        PRIMARY KEY (product_id, price_list_id, currency, min_quantity_milli)
      ) STRICT, WITHOUT ROWID;

      -- Minimum order quantity per product and price list, as B2B marketplaces expect.
      CREATE TABLE product_order_rule (
        product_id               INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        price_list_id            INTEGER NOT NULL REFERENCES price_list (id) ON DELETE CASCADE,
        min_order_quantity_milli INTEGER NOT NULL CHECK (min_order_quantity_milli > 0),
        PRIMARY KEY (product_id, price_list_id)
      ) STRICT, WITHOUT ROWID;

      -- Files live in the data directory under media/, named by their SHA-256.
      CREATE TABLE product_image (
        id            INTEGER PRIMARY KEY,
        product_id    INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
        mime_type     TEXT    NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png', 'image/webp')),
        width         INTEGER NOT NULL CHECK (width > 0),
        height        INTEGER NOT NULL CHECK (height > 0),
        bytes         INTEGER NOT NULL CHECK (bytes > 0),
        original_name TEXT,
        created_at    TEXT    NOT NULL,
        UNIQUE (product_id, position)
      ) STRICT;

      -- Search over SKU, GTIN, titles and descriptions in every language, and tags. The text is
      -- folded in code (NFKD, marks removed, lower case) for every script, Arabic included, and
      -- queries are folded the same way; the table holds no copy of the content.
      CREATE VIRTUAL TABLE product_search USING fts5 (
        sku, gtin, text, tags,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
    `),
};
