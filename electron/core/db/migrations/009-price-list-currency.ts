import type { Migration } from './migration.ts';

/**
 * A price list's own currency: the one its prices are usually given in (a Moroccan house sells
 * retail in MAD and wholesale in EUR). The editor and the grid start a new price in it; a product
 * may still price the list in other currencies too, so it is a default, not a constraint. NULL
 * means "the company's base currency".
 */
export const m009PriceListCurrency: Migration = {
  version: 9,
  name: 'catalog: price list currency',
  up: (db) =>
    db.exec(`
      ALTER TABLE price_list ADD COLUMN currency TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency = upper(currency)));
    `),
};
