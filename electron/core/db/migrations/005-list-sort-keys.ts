import type { Migration } from './migration.ts';

/*
 * Sort keys for the product grid, so that every page of a sorted, filtered list of 100,000
 * products is one walk along an index, whatever its offset.
 *
 * Why tables and not only indexes: the grid's title is the title in the asked language, else in the
 * first catalog language that has one, else a variant's parent's; its price is the lowest tier of a
 * list and currency, else (for a parent) its cheapest variant's. Neither can be an index
 * expression (they read other rows), and computing them for every row before sorting cost
 * 75–250 ms. A row lookup costs about 0.3–0.5 µs, so even a join per skipped row is too slow at
 * offset 50,000; the keys therefore carry the columns the grid filters on (sku, status, category,
 * kind, parent) and an index over (key, sku, filters) answers a page by walking, at a few
 * nanoseconds per entry, without touching the product table.
 *
 * The keys are derived data, like stock_level: triggers keep them in the same transaction as every
 * change of a product, its texts, its prices or the catalog languages, whoever writes (the services,
 * the CLI, the demo generator), and this migration fills them for the existing catalogue.
 *
 *  - product_title_key: one row per product and catalog language (title NULL when it has none).
 *  - product_price_key: one row per product and (price list, currency) pair that any price uses
 *    (product_price_key_pair), amount NULL when the product has no price there.
 *
 * Each table's primary key IS the sort order (key, then SKU), and the filtered columns are plain
 * columns of the same rows: a page is a walk along the primary key reading filters from the rows it
 * passes, and changing a product's status rewrites its rows in place without moving index entries
 * (a bulk status change of 100,000 products stays affordable). A unique index on the product id
 * finds a product's rows for the triggers and for a search's matches. "No title" / "no price" is a
 * flag column ahead of the key (untitled, unpriced), so they sort last; descending, the core walks
 * the titled rows backwards and then the untitled ones (see catalog/list.ts).
 */

/** The catalog languages as a JSON array: settings 'catalog.languages', else the defaults of that day. */
const LANGUAGES = `coalesce((SELECT json_extract(s.value, '$.languages') FROM settings s WHERE s.key = 'catalog.languages'), '["en","fr","de","ar"]')`;
/** ",en,fr,de,ar,": the order of preference, as titleSql in catalog/texts.ts ranks it. */
const ORDER = `(',' || (SELECT group_concat(j.value, ',') FROM json_each(${LANGUAGES}) j) || ',')`;

/** catalog/texts.ts bestTitleOf, in SQL. */
function bestTitle(owner: string, language: string): string {
  return `coalesce(
    (SELECT t.title FROM product_text t WHERE t.product_id = ${owner} AND t.language = ${language}),
    (SELECT t.title FROM product_text t WHERE t.product_id = ${owner}
      ORDER BY instr(${ORDER}, ',' || t.language || ',') = 0, instr(${ORDER}, ',' || t.language || ','), t.language LIMIT 1))`;
}

/** catalog/texts.ts titleSql for product row `p`. */
function titleOf(p: string, language: string): string {
  return `coalesce(${bestTitle(`${p}.id`, language)}, CASE WHEN ${p}.parent_id IS NOT NULL THEN ${bestTitle(`${p}.parent_id`, language)} END)`;
}

/** catalog/list.ts priceSql: the lowest tier; for a parent without its own, its cheapest variant's. */
function priceOf(p: string, list: string, currency: string): string {
  const base = (owner: string) => `(SELECT pp.amount_minor FROM product_price pp
    WHERE pp.product_id = ${owner} AND pp.price_list_id = ${list} AND pp.currency = ${currency}
    ORDER BY pp.min_quantity_milli LIMIT 1)`;
  return `coalesce(${base(`${p}.id`)}, CASE WHEN ${p}.kind = 'parent' THEN
    (SELECT min(${base('v.id')}) FROM product v WHERE v.parent_id = ${p}.id) END)`;
}

/** Recomputes the titles of the products whose ids `ids` (a SELECT) answers. */
const refreshTitles = (ids: string): string => `
  UPDATE product_title_key SET (untitled, title) = (SELECT t IS NULL, coalesce(t, '') FROM
    (SELECT (SELECT ${titleOf('p', 'product_title_key.language')} FROM product p WHERE p.id = product_title_key.product_id) AS t))
  WHERE product_id IN (${ids});`;

/** Recomputes the prices of products `ids` in every pair, or in one (`list`, `currency`). */
const refreshPrices = (ids: string, list?: string, currency?: string): string => `
  UPDATE product_price_key SET (unpriced, amount_minor) = (SELECT a IS NULL, coalesce(a, 0) FROM
    (SELECT (SELECT ${priceOf('p', 'product_price_key.price_list_id', 'product_price_key.currency')} FROM product p WHERE p.id = product_price_key.product_id) AS a))
  -- The unary + keeps the planner on the product id index: the primary key starts with the list and
  -- currency, and a walk along every product of a list per changed price is what it must not do.
  WHERE product_id IN (${ids})${list === undefined ? '' : ` AND +price_list_id = ${list} AND +currency = ${currency}`};`;

/** A product and its variants, whose titles fall back on it. */
const withVariants = (id: string): string => `SELECT ${id} UNION ALL SELECT v.id FROM product v WHERE v.parent_id = ${id}`;
/**
 * Product `id`, when `row`'s price is its lowest tier in that list and currency (only that one shows),
 * and its parent when the parent has no price of its own there (then it shows its cheapest variant's).
 */
const pricedBy = (row: 'NEW' | 'OLD'): string => `
  SELECT ${row}.product_id WHERE NOT EXISTS (SELECT 1 FROM product_price q WHERE q.product_id = ${row}.product_id
    AND q.price_list_id = ${row}.price_list_id AND q.currency = ${row}.currency AND q.min_quantity_milli < ${row}.min_quantity_milli)
  UNION ALL
  SELECT x.parent_id FROM product x WHERE x.id = ${row}.product_id AND x.parent_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM product_price q WHERE q.product_id = x.parent_id AND q.price_list_id = ${row}.price_list_id AND q.currency = ${row}.currency)`;

const insertTitleKeys = (where: string): string => `
  INSERT INTO product_title_key (language, untitled, title, sku, product_id, status, category_id, kind, parent_id)
  SELECT language, t IS NULL, coalesce(t, ''), sku, id, status, category_id, kind, parent_id FROM
    (SELECT l.value AS language, ${titleOf('p', 'l.value')} AS t, p.sku, p.id, p.status, p.category_id, p.kind, p.parent_id
     FROM product p, json_each(${LANGUAGES}) l WHERE ${where});`;

const insertPriceKeys = (where: string): string => `
  INSERT INTO product_price_key (price_list_id, currency, unpriced, amount_minor, sku, product_id, status, category_id, kind, parent_id)
  SELECT price_list_id, currency, a IS NULL, coalesce(a, 0), sku, id, status, category_id, kind, parent_id FROM
    (SELECT k.price_list_id, k.currency, ${priceOf('p', 'k.price_list_id', 'k.currency')} AS a, p.sku, p.id, p.status, p.category_id, p.kind, p.parent_id
     FROM product p, product_price_key_pair k WHERE ${where});`;

/** Copies the filtered columns into the keys of product NEW: plain columns there, rewritten in place. */
const copyColumns = (table: string): string => `
  UPDATE ${table} SET status = NEW.status, category_id = NEW.category_id, kind = NEW.kind, parent_id = NEW.parent_id
  WHERE product_id = NEW.id;`;

/**
 * Price row NEW was written (inserted, or its amount changed). When it is its product's lowest tier
 * in that list and currency, it is the product's price there: set directly, with no recomputation.
 * A variant's parent without a price of its own there shows its cheapest variant's: recomputed.
 * (Used on every row of a bulk price change, so each step is one index lookup.)
 */
export const priceWritten = `
  UPDATE product_price_key SET unpriced = 0, amount_minor = NEW.amount_minor
  WHERE product_id = NEW.product_id AND +price_list_id = NEW.price_list_id AND +currency = NEW.currency
    AND (unpriced = 1 OR amount_minor <> NEW.amount_minor)
    AND NOT EXISTS (SELECT 1 FROM product_price q WHERE q.product_id = NEW.product_id AND q.price_list_id = NEW.price_list_id
      AND q.currency = NEW.currency AND q.min_quantity_milli < NEW.min_quantity_milli);
  ${refreshPrices(
    `SELECT k.parent_id FROM product_price_key k WHERE k.product_id = NEW.product_id AND +k.price_list_id = NEW.price_list_id
       AND +k.currency = NEW.currency AND k.parent_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM product_price q WHERE q.product_id = k.parent_id AND q.price_list_id = NEW.price_list_id AND q.currency = NEW.currency)`,
    'NEW.price_list_id',
    'NEW.currency',
  )}`;

/** Price row `row` went away or moved: its product's and its parent's prices there, recomputed. */
const priceRowGone = (row: 'NEW' | 'OLD'): string => refreshPrices(pricedBy(row), `${row}.price_list_id`, `${row}.currency`);

const insertPriceKeysForNewPair = `
  INSERT INTO product_price_key (price_list_id, currency, unpriced, amount_minor, sku, product_id, status, category_id, kind, parent_id)
  SELECT NEW.price_list_id, NEW.currency, 1, 0, p.sku, p.id, p.status, p.category_id, p.kind, p.parent_id
  -- The gate first (CROSS JOIN keeps that order): products are only read for a pair seen for the first time.
  FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM product_price_key_pair WHERE price_list_id = NEW.price_list_id AND currency = NEW.currency)) AS gate
  CROSS JOIN product p;
  INSERT OR IGNORE INTO product_price_key_pair (price_list_id, currency) VALUES (NEW.price_list_id, NEW.currency);`;

const rebuildTitles = `DELETE FROM product_title_key; ${insertTitleKeys('1')}`;

/**
 * The triggers that keep the keys. Exported for the dataset generator, which drops them while it
 * bulk-loads a catalogue and then fills the keys once (FILL_SORT_KEYS), as this migration does.
 */
export const SORT_KEY_TRIGGERS = `
      CREATE TRIGGER product_sort_keys_insert AFTER INSERT ON product BEGIN
        ${insertTitleKeys('p.id = NEW.id')}
        ${insertPriceKeys('p.id = NEW.id')}
        ${refreshPrices('SELECT NEW.parent_id')}
      END;
      CREATE TRIGGER product_sort_keys_copy AFTER UPDATE OF status, category_id, kind, parent_id ON product
      WHEN OLD.status IS NOT NEW.status OR OLD.category_id IS NOT NEW.category_id OR OLD.kind IS NOT NEW.kind OR OLD.parent_id IS NOT NEW.parent_id BEGIN
        ${copyColumns('product_title_key')}
        ${copyColumns('product_price_key')}
      END;
      CREATE TRIGGER product_sort_keys_sku AFTER UPDATE OF sku ON product WHEN OLD.sku IS NOT NEW.sku BEGIN
        UPDATE product_title_key SET sku = NEW.sku WHERE product_id = NEW.id;
        UPDATE product_price_key SET sku = NEW.sku WHERE product_id = NEW.id;
      END;
      CREATE TRIGGER product_sort_keys_family AFTER UPDATE OF kind, parent_id ON product
      WHEN OLD.kind IS NOT NEW.kind OR OLD.parent_id IS NOT NEW.parent_id BEGIN
        ${refreshTitles('SELECT NEW.id WHERE OLD.parent_id IS NOT NEW.parent_id')}
        ${refreshPrices(`SELECT NEW.id UNION ALL SELECT OLD.parent_id UNION ALL SELECT NEW.parent_id`)}
      END;
      CREATE TRIGGER product_sort_keys_delete AFTER DELETE ON product BEGIN
        DELETE FROM product_title_key WHERE product_id = OLD.id;
        DELETE FROM product_price_key WHERE product_id = OLD.id;
        ${refreshPrices('SELECT OLD.parent_id')}
      END;

      CREATE TRIGGER product_text_title_key_insert AFTER INSERT ON product_text BEGIN
        ${refreshTitles(withVariants('NEW.product_id'))}
      END;
      CREATE TRIGGER product_text_title_key_update AFTER UPDATE ON product_text BEGIN
        ${refreshTitles(withVariants('OLD.product_id'))}
        ${refreshTitles(withVariants('NEW.product_id'))}
      END;
      CREATE TRIGGER product_text_title_key_delete AFTER DELETE ON product_text BEGIN
        ${refreshTitles(withVariants('OLD.product_id'))}
      END;

      CREATE TRIGGER product_price_key_insert AFTER INSERT ON product_price BEGIN
        ${insertPriceKeysForNewPair}
        ${priceWritten}
      END;
      CREATE TRIGGER product_price_key_update AFTER UPDATE OF amount_minor ON product_price
      WHEN OLD.product_id IS NEW.product_id AND OLD.price_list_id IS NEW.price_list_id AND OLD.currency IS NEW.currency
        AND OLD.min_quantity_milli IS NEW.min_quantity_milli BEGIN
        ${priceWritten}
      END;
      CREATE TRIGGER product_price_key_move AFTER UPDATE ON product_price
      WHEN OLD.product_id IS NOT NEW.product_id OR OLD.price_list_id IS NOT NEW.price_list_id OR OLD.currency IS NOT NEW.currency
        OR OLD.min_quantity_milli IS NOT NEW.min_quantity_milli BEGIN
        ${insertPriceKeysForNewPair}
        ${priceRowGone('NEW')}
        ${priceRowGone('OLD')}
      END;
      CREATE TRIGGER product_price_key_delete AFTER DELETE ON product_price BEGIN
        ${priceRowGone('OLD')}
      END;

      CREATE TRIGGER catalog_languages_title_keys_insert AFTER INSERT ON settings WHEN NEW.key = 'catalog.languages' BEGIN
        ${rebuildTitles}
      END;
      CREATE TRIGGER catalog_languages_title_keys_update AFTER UPDATE ON settings WHEN NEW.key = 'catalog.languages' OR OLD.key = 'catalog.languages' BEGIN
        ${rebuildTitles}
      END;
      CREATE TRIGGER catalog_languages_title_keys_delete AFTER DELETE ON settings WHEN OLD.key = 'catalog.languages' BEGIN
        ${rebuildTitles}
      END;
`;

export const SORT_KEY_TRIGGER_NAMES: readonly string[] = [...SORT_KEY_TRIGGERS.matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1] ?? '');

/** The keys of the catalogue as it is, from scratch. */
export const FILL_SORT_KEYS = `
  DELETE FROM product_title_key;
  DELETE FROM product_price_key;
  DELETE FROM product_price_key_pair;
      ${insertTitleKeys('1')}
      INSERT INTO product_price_key_pair (price_list_id, currency) SELECT DISTINCT price_list_id, currency FROM product_price;
      ${insertPriceKeys('1')}
`;

export const m005ListSortKeys: Migration = {
  version: 5,
  name: 'product list: sort keys and covering indexes for the grid',
  up: (db) =>
    db.exec(`
      CREATE TABLE product_title_key (
        language    TEXT    NOT NULL,
        -- 1: no title in any language (then title is ''); sorts after every title.
        untitled    INTEGER NOT NULL,
        title       TEXT    NOT NULL COLLATE NOCASE,
        sku         TEXT    NOT NULL COLLATE NOCASE,
        product_id  INTEGER NOT NULL,
        status      TEXT    NOT NULL,
        category_id INTEGER,
        kind        TEXT    NOT NULL,
        parent_id   INTEGER,
        PRIMARY KEY (language, untitled, title, sku, product_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX product_title_key_product ON product_title_key (product_id, language);

      -- The (price list, currency) pairs any price has used: each has a key row for every product.
      CREATE TABLE product_price_key_pair (
        price_list_id INTEGER NOT NULL,
        currency      TEXT    NOT NULL,
        PRIMARY KEY (price_list_id, currency)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE product_price_key (
        price_list_id INTEGER NOT NULL,
        currency      TEXT    NOT NULL,
        -- 1: no price in this list and currency (then amount_minor is 0); sorts after every price.
        unpriced      INTEGER NOT NULL,
        amount_minor  INTEGER NOT NULL,
        sku           TEXT    NOT NULL COLLATE NOCASE,
        product_id    INTEGER NOT NULL,
        status        TEXT    NOT NULL,
        category_id   INTEGER,
        kind          TEXT    NOT NULL,
        parent_id     INTEGER,
        PRIMARY KEY (price_list_id, currency, unpriced, amount_minor, sku, product_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX product_price_key_product ON product_price_key (product_id, price_list_id, currency);

      -- The grid's SKU and update-time orders with the columns it filters on, so a page at any offset
      -- is a walk along one index without reading the product rows it skips; and the filter columns
      -- alone for its counts ("top" view: kind IN ('simple', 'parent')).
      CREATE INDEX product_list_sku ON product (sku, kind, status, category_id, parent_id);
      CREATE INDEX product_list_updated ON product (updated_at DESC, id DESC, kind, status, category_id, parent_id);
      CREATE INDEX product_list_filter ON product (kind, status, category_id);
      CREATE INDEX product_list_category ON product (category_id, kind, status);
      -- The default currency of a price list is the one most of its prices are in.
      CREATE INDEX product_price_list_currency ON product_price (price_list_id, currency);

      ${SORT_KEY_TRIGGERS}
      ${FILL_SORT_KEYS}
    `),
};
