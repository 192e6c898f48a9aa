import type { Migration } from './migration.ts';

/*
 * Contacts: organisations and people, their addresses, emails, phones, tax IDs, tags and
 * marketplace buyer IDs; a timeline of events; a log of merges; and the optional supplier contact
 * of a stock receipt.
 *
 * Every table that points at a contact is listed in contacts/references.ts, which merge walks;
 * a test fails when a table references contact(id) without being listed there.
 *
 * stock_movement is append-only (a trigger refuses UPDATE), so a receipt's supplier contact is a
 * side table (stock_receipt_supplier) that a merge can repoint without touching the ledger.
 */
export const m006Contacts: Migration = {
  version: 6,
  name: 'contacts: organisations, people, addresses, tax IDs, timeline, merges',
  up: (db) =>
    db.exec(`
      CREATE TABLE contact (
        id                    INTEGER PRIMARY KEY,
        kind                  TEXT    NOT NULL CHECK (kind IN ('organisation', 'person')),
        name                  TEXT    NOT NULL CHECK (name <> ''),
        -- Folded name without legal forms (shared/contacts/nameKey.ts), for likely duplicates.
        name_key              TEXT    NOT NULL,
        organisation_id       INTEGER REFERENCES contact (id) ON DELETE SET NULL,
        job_title             TEXT,
        role                  TEXT    NOT NULL CHECK (role IN ('buyer', 'supplier', 'both')),
        website               TEXT,
        language              TEXT,
        currency              TEXT    CHECK (currency IS NULL OR length(currency) = 3),
        payment_terms_kind    TEXT    NOT NULL CHECK (payment_terms_kind IN ('net', 'prepayment', 'letterOfCredit')),
        payment_terms_days    INTEGER CHECK (payment_terms_days IS NULL OR payment_terms_days BETWEEN 0 AND 365),
        credit_limit_minor    INTEGER CHECK (credit_limit_minor IS NULL OR credit_limit_minor >= 0),
        credit_limit_currency TEXT,
        notes                 TEXT,
        source                TEXT,
        source_detail         TEXT,
        -- The first address's country, copied for the list's country filter and column.
        country               TEXT,
        created_at            TEXT    NOT NULL,
        updated_at            TEXT    NOT NULL,
        revision              INTEGER NOT NULL DEFAULT 1,
        CHECK ((credit_limit_minor IS NULL) = (credit_limit_currency IS NULL)),
        CHECK (kind = 'person' OR organisation_id IS NULL)
      ) STRICT;
      CREATE INDEX contact_name_key ON contact (name_key);
      CREATE INDEX contact_list_name ON contact (name COLLATE NOCASE, id);
      CREATE INDEX contact_list_country ON contact (country, name COLLATE NOCASE);
      CREATE INDEX contact_organisation ON contact (organisation_id) WHERE organisation_id IS NOT NULL;

      CREATE TABLE contact_address (
        contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        kind        TEXT    NOT NULL CHECK (kind IN ('billing', 'shipping')),
        recipient   TEXT,
        line1       TEXT    NOT NULL,
        line2       TEXT,
        postal_code TEXT,
        city        TEXT    NOT NULL,
        region      TEXT,
        country     TEXT    NOT NULL CHECK (length(country) = 2),
        PRIMARY KEY (contact_id, position)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE contact_email (
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        address    TEXT    NOT NULL,
        -- lower(address): the same mailbox whatever the case, for duplicates.
        address_key TEXT   NOT NULL,
        label      TEXT,
        PRIMARY KEY (contact_id, position),
        UNIQUE (contact_id, address_key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_email_key ON contact_email (address_key);

      CREATE TABLE contact_phone (
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        -- E.164
        number     TEXT    NOT NULL CHECK (number GLOB '+[1-9]*'),
        label      TEXT,
        PRIMARY KEY (contact_id, position),
        UNIQUE (contact_id, number)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_phone_number ON contact_phone (number);

      CREATE TABLE contact_tax_id (
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        scheme     TEXT    NOT NULL,
        value      TEXT    NOT NULL,
        PRIMARY KEY (contact_id, position),
        UNIQUE (contact_id, scheme, value)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_tax_id_value ON contact_tax_id (value, scheme);

      CREATE TABLE contact_tag (
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        tag        TEXT    NOT NULL COLLATE NOCASE,
        PRIMARY KEY (contact_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_tag_tag ON contact_tag (tag, contact_id);

      CREATE TABLE contact_marketplace_id (
        contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        marketplace TEXT    NOT NULL,
        buyer_id    TEXT    NOT NULL,
        -- One buyer account is one contact: an inquiry from it finds the contact.
        PRIMARY KEY (marketplace, buyer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_marketplace_id_contact ON contact_marketplace_id (contact_id);

      -- What happened to a contact; invoices and payments add their own entries through timeline
      -- sources (contacts/timeline.ts) rather than rows here.
      CREATE TABLE contact_event (
        id         INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        kind       TEXT    NOT NULL CHECK (kind IN ('created', 'edited', 'merged', 'imported')),
        at         TEXT    NOT NULL,
        -- JSON: changed fields, the merged contact's name, the import file…
        details    TEXT    NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX contact_event_contact ON contact_event (contact_id, at, id);

      -- Each merge: who was kept, who went (by id and as a full snapshot, since the row is
      -- deleted), and how many references moved per table.
      CREATE TABLE contact_merge (
        id          INTEGER PRIMARY KEY,
        kept_id     INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        merged_id   INTEGER NOT NULL,
        merged_name TEXT    NOT NULL,
        snapshot    TEXT    NOT NULL,
        moved       TEXT    NOT NULL,
        at          TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX contact_merge_kept ON contact_merge (kept_id);

      -- Pairs a person said are different companies that only look alike (a_id < b_id when written).
      CREATE TABLE contact_distinct (
        a_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        b_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        at   TEXT    NOT NULL,
        PRIMARY KEY (a_id, b_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_distinct_b ON contact_distinct (b_id);

      -- Who delivered a receipt, as a contact; the free-text stock_movement.supplier stays.
      CREATE TABLE stock_receipt_supplier (
        movement_id INTEGER PRIMARY KEY REFERENCES stock_movement (id),
        contact_id  INTEGER NOT NULL REFERENCES contact (id)
      ) STRICT;
      CREATE INDEX stock_receipt_supplier_contact ON stock_receipt_supplier (contact_id, movement_id);

      -- Names, emails, phones, tax IDs, cities, tags and buyer IDs, folded in code as the product
      -- index is (shared/text/fold.ts), so Arabic and accented names are found without marks.
      CREATE VIRTUAL TABLE contact_search USING fts5 (
        name, other,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
    `),
};
