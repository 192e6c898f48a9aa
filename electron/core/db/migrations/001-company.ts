import type { Migration } from './migration.ts';

export const m001Company: Migration = {
  version: 1,
  name: 'settings and company profile',
  up: (db) =>
    db.exec(`
      CREATE TABLE schema_migrations (
        version     INTEGER PRIMARY KEY,
        name        TEXT    NOT NULL,
        applied_at  TEXT    NOT NULL,
        app_version TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;

      -- One company per database: the id is pinned to 1.
      CREATE TABLE company (
        id                      INTEGER PRIMARY KEY CHECK (id = 1),
        legal_name              TEXT    NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 200),
        trade_name              TEXT,
        country                 TEXT    NOT NULL CHECK (length(country) = 2),
        base_currency           TEXT    NOT NULL CHECK (length(base_currency) = 3),
        fiscal_year_start_month INTEGER NOT NULL CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
        fiscal_year_start_day   INTEGER NOT NULL CHECK (fiscal_year_start_day BETWEEN 1 AND 31),
        default_language        TEXT    NOT NULL CHECK (default_language IN ('en', 'fr', 'de', 'ar')),
        email                   TEXT,
        phone                   TEXT,
        website                 TEXT,
        updated_at              TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE company_address (
        position    INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('registered', 'postal', 'warehouse')),
        line1       TEXT NOT NULL,
        line2       TEXT,
        postal_code TEXT,
        city        TEXT NOT NULL,
        region      TEXT,
        country     TEXT NOT NULL CHECK (length(country) = 2)
      ) STRICT;

      CREATE TABLE company_bank_account (
        position       INTEGER PRIMARY KEY,
        bank_name      TEXT,
        account_holder TEXT,
        iban           TEXT NOT NULL,
        bic            TEXT,
        currency       TEXT NOT NULL CHECK (length(currency) = 3)
      ) STRICT;

      CREATE TABLE company_tax_id (
        position INTEGER PRIMARY KEY,
        scheme   TEXT NOT NULL,
        value    TEXT NOT NULL
      ) STRICT;
    `),
};
