import type { Migration } from './migration.ts';

/**
 * Once issued, a document and its lines are frozen by these triggers, in SQLite itself: only the
 * receivable state below may change (payments and credit notes), and the stored PDF's hash may be
 * set once. Everything else is listed here so that a column added later is frozen unless a
 * migration says otherwise.
 */
const FROZEN_DOCUMENT_COLUMNS = [
  'id', 'kind', 'status', 'series_id', 'number', 'fiscal_year', 'seq', 'language', 'currency', 'base_currency',
  'issue_date', 'due_date', 'buyer_contact_id', 'buyer_name', 'buyer', 'seller', 'warehouse_id', 'return_to_stock',
  'source_id', 'credit_of_id', 'fx_unit', 'fx_quote', 'fx_rate_scaled', 'fx_rate_date', 'fx_source',
  'net_minor', 'tax_minor', 'gross_minor', 'net_base_minor', 'tax_base_minor', 'gross_base_minor',
  'terms', 'notes', 'created_at', 'issued_at', 'revision',
] as const;

const changed = (columns: readonly string[]): string => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');

const LINE_COLUMNS = [
  'id', 'document_id', 'position', 'product_id', 'sku', 'name', 'description', 'unit', 'quantity_milli', 'unit_price_minor',
  'discount_bp', 'tax_class', 'supply', 'tax_override', 'tax_case', 'tax_category', 'tax_rate_bp', 'tax_mention',
  'net_minor', 'credit_of_line_id', 'stock_movement_id',
] as const;

/**
 * Quotes, proformas, invoices and credit notes; numbering series with gapless per-fiscal-year
 * counters; exchange rates; payments and their allocation; stored PDFs; the product's tax class.
 */
export const m010Invoicing: Migration = {
  version: 10,
  name: 'invoicing: documents, numbering, exchange rates, payments',
  up: (db) =>
    db.exec(`
      -- The VAT class of a product (standard, reduced...) and whether it is goods or a service.
      CREATE TABLE product_tax (
        product_id INTEGER PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
        tax_class  TEXT NOT NULL CHECK (tax_class IN ('standard', 'intermediate', 'reduced', 'superReduced')),
        supply     TEXT NOT NULL DEFAULT 'goods' CHECK (supply IN ('goods', 'services'))
      ) STRICT;

      CREATE TABLE document_series (
        id         INTEGER PRIMARY KEY,
        kind       TEXT    NOT NULL CHECK (kind IN ('quote', 'proforma', 'invoice', 'credit_note')),
        code       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        pattern    TEXT    NOT NULL CHECK (instr(pattern, '{seq') > 0),
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        created_at TEXT    NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX document_series_default ON document_series (kind) WHERE is_default = 1;

      -- The last number given per series and fiscal year, advanced inside the issuing transaction:
      -- a rolled-back issue gives its number back, so there are no gaps.
      CREATE TABLE document_counter (
        series_id       INTEGER NOT NULL REFERENCES document_series (id),
        fiscal_year     INTEGER NOT NULL,
        last_seq        INTEGER NOT NULL CHECK (last_seq > 0),
        last_issue_date TEXT    NOT NULL,
        PRIMARY KEY (series_id, fiscal_year)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE document (
        id               INTEGER PRIMARY KEY,
        kind             TEXT    NOT NULL CHECK (kind IN ('quote', 'proforma', 'invoice', 'credit_note')),
        status           TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
        series_id        INTEGER NOT NULL REFERENCES document_series (id),
        number           TEXT    UNIQUE,
        fiscal_year      INTEGER,
        seq              INTEGER,
        language         TEXT    NOT NULL CHECK (language IN ('en', 'fr', 'de', 'ar')),
        currency         TEXT    NOT NULL CHECK (length(currency) = 3),
        base_currency    TEXT    NOT NULL CHECK (length(base_currency) = 3),
        issue_date       TEXT,
        due_date         TEXT,
        -- A contact of issue 4; the snapshot below is what the document shows.
        buyer_contact_id INTEGER,
        buyer_name       TEXT    NOT NULL,
        buyer            TEXT    NOT NULL CHECK (json_valid(buyer)),
        seller           TEXT    CHECK (seller IS NULL OR json_valid(seller)),
        warehouse_id     INTEGER REFERENCES warehouse (id),
        return_to_stock  INTEGER NOT NULL DEFAULT 0 CHECK (return_to_stock IN (0, 1)),
        source_id        INTEGER REFERENCES document (id),
        credit_of_id     INTEGER REFERENCES document (id),
        -- The rate of the issue date: 1 fx_unit = fx_rate_scaled / 10^8 fx_quote.
        fx_unit          TEXT,
        fx_quote         TEXT,
        fx_rate_scaled   INTEGER CHECK (fx_rate_scaled IS NULL OR fx_rate_scaled > 0),
        fx_rate_date     TEXT,
        fx_source        TEXT,
        net_minor        INTEGER NOT NULL DEFAULT 0,
        tax_minor        INTEGER NOT NULL DEFAULT 0,
        gross_minor      INTEGER NOT NULL DEFAULT 0,
        net_base_minor   INTEGER,
        tax_base_minor   INTEGER,
        gross_base_minor INTEGER,
        -- The receivable: the only state that changes after issue.
        paid_minor       INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
        credited_minor   INTEGER NOT NULL DEFAULT 0 CHECK (credited_minor >= 0),
        payment_status   TEXT    NOT NULL DEFAULT 'unpaid' CHECK (payment_status IN ('unpaid', 'partlyPaid', 'paid')),
        terms            TEXT,
        notes            TEXT,
        pdf_sha256       TEXT    CHECK (pdf_sha256 IS NULL OR length(pdf_sha256) = 64),
        created_at       TEXT    NOT NULL,
        updated_at       TEXT    NOT NULL,
        issued_at        TEXT,
        revision         INTEGER NOT NULL DEFAULT 1,
        -- An issued invoice not fully paid: the overdue list reads it through one index in due-date order.
        is_open          INTEGER GENERATED ALWAYS AS (kind = 'invoice' AND status = 'issued' AND payment_status <> 'paid') VIRTUAL,
        CHECK ((status = 'draft') = (number IS NULL)),
        CHECK (status = 'draft' OR (seller IS NOT NULL AND issue_date IS NOT NULL AND fiscal_year IS NOT NULL AND seq IS NOT NULL)),
        CHECK (kind = 'credit_note' OR credit_of_id IS NULL),
        CHECK (kind <> 'credit_note' OR credit_of_id IS NOT NULL),
        CHECK (currency = base_currency OR status = 'draft' OR fx_rate_scaled IS NOT NULL),
        UNIQUE (series_id, fiscal_year, seq)
      ) STRICT;
      -- The list pages newest first within each filter: every filter has an index ending in id.
      CREATE INDEX document_list ON document (kind, id DESC);
      CREATE INDEX document_state ON document (status, id);
      CREATE INDEX document_kind_state ON document (kind, status, payment_status, id);
      CREATE INDEX document_open_due ON document (is_open, due_date, id);
      CREATE INDEX document_buyer ON document (buyer_contact_id, issue_date) WHERE buyer_contact_id IS NOT NULL;
      CREATE INDEX document_credit_of ON document (credit_of_id) WHERE credit_of_id IS NOT NULL;
      CREATE INDEX document_source ON document (source_id) WHERE source_id IS NOT NULL;

      -- Documents per kind and state, kept by triggers: the list's totals read this instead of
      -- counting 100,000 index entries on every page.
      CREATE TABLE document_count (
        kind           TEXT    NOT NULL,
        status         TEXT    NOT NULL,
        payment_status TEXT    NOT NULL,
        n              INTEGER NOT NULL CHECK (n >= 0),
        PRIMARY KEY (kind, status, payment_status)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER document_count_insert AFTER INSERT ON document
      BEGIN
        INSERT INTO document_count (kind, status, payment_status, n) VALUES (NEW.kind, NEW.status, NEW.payment_status, 1)
        ON CONFLICT (kind, status, payment_status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER document_count_delete AFTER DELETE ON document
      BEGIN
        UPDATE document_count SET n = n - 1 WHERE kind = OLD.kind AND status = OLD.status AND payment_status = OLD.payment_status;
      END;
      CREATE TRIGGER document_count_update AFTER UPDATE OF kind, status, payment_status ON document
      WHEN NEW.kind IS NOT OLD.kind OR NEW.status IS NOT OLD.status OR NEW.payment_status IS NOT OLD.payment_status
      BEGIN
        UPDATE document_count SET n = n - 1 WHERE kind = OLD.kind AND status = OLD.status AND payment_status = OLD.payment_status;
        INSERT INTO document_count (kind, status, payment_status, n) VALUES (NEW.kind, NEW.status, NEW.payment_status, 1)
        ON CONFLICT (kind, status, payment_status) DO UPDATE SET n = n + 1;
      END;

      CREATE TRIGGER document_issued_frozen BEFORE UPDATE ON document
      WHEN OLD.status = 'issued' AND (${changed(FROZEN_DOCUMENT_COLUMNS)}
        OR (OLD.pdf_sha256 IS NOT NULL AND NEW.pdf_sha256 IS NOT OLD.pdf_sha256))
      BEGIN SELECT RAISE(ABORT, 'an issued document cannot be changed: correct it with a credit note'); END;
      CREATE TRIGGER document_issued_kept BEFORE DELETE ON document WHEN OLD.status = 'issued'
      BEGIN SELECT RAISE(ABORT, 'an issued document cannot be deleted: correct it with a credit note'); END;

      CREATE TABLE document_line (
        id                INTEGER PRIMARY KEY,
        document_id       INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        position          INTEGER NOT NULL,
        product_id        INTEGER REFERENCES product (id),
        sku               TEXT,
        name              TEXT    NOT NULL,
        description       TEXT,
        unit              TEXT    NOT NULL,
        quantity_milli    INTEGER NOT NULL CHECK (quantity_milli > 0),
        unit_price_minor  INTEGER NOT NULL CHECK (unit_price_minor >= 0),
        discount_bp       INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
        tax_class         TEXT    NOT NULL,
        supply            TEXT    NOT NULL CHECK (supply IN ('goods', 'services')),
        tax_override      TEXT    CHECK (tax_override IS NULL OR json_valid(tax_override)),
        tax_case          TEXT    NOT NULL,
        tax_category      TEXT    NOT NULL,
        tax_rate_bp       INTEGER NOT NULL,
        tax_mention       TEXT,
        net_minor         INTEGER NOT NULL,
        credit_of_line_id INTEGER REFERENCES document_line (id),
        stock_movement_id INTEGER REFERENCES stock_movement (id),
        UNIQUE (document_id, position)
      ) STRICT;
      CREATE INDEX document_line_credit_of ON document_line (credit_of_line_id) WHERE credit_of_line_id IS NOT NULL;

      CREATE TRIGGER document_line_frozen_insert BEFORE INSERT ON document_line
      WHEN (SELECT status FROM document WHERE id = NEW.document_id) = 'issued'
      BEGIN SELECT RAISE(ABORT, 'an issued document cannot be changed: correct it with a credit note'); END;
      CREATE TRIGGER document_line_frozen_update BEFORE UPDATE ON document_line
      WHEN (SELECT status FROM document WHERE id = OLD.document_id) = 'issued' AND (${changed(LINE_COLUMNS)})
      BEGIN SELECT RAISE(ABORT, 'an issued document cannot be changed: correct it with a credit note'); END;
      CREATE TRIGGER document_line_frozen_delete BEFORE DELETE ON document_line
      WHEN (SELECT status FROM document WHERE id = OLD.document_id) = 'issued'
      BEGIN SELECT RAISE(ABORT, 'an issued document cannot be changed: correct it with a credit note'); END;

      -- The tax summary per rate, as printed.
      CREATE TABLE document_tax (
        document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        category    TEXT    NOT NULL,
        rate_bp     INTEGER NOT NULL,
        base_minor  INTEGER NOT NULL,
        tax_minor   INTEGER NOT NULL,
        mention     TEXT,
        PRIMARY KEY (document_id, category, rate_bp)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER document_tax_frozen_insert BEFORE INSERT ON document_tax
      WHEN (SELECT status FROM document WHERE id = NEW.document_id) = 'issued'
      BEGIN SELECT RAISE(ABORT, 'an issued document cannot be changed: correct it with a credit note'); END;
      CREATE TRIGGER document_tax_frozen_update BEFORE UPDATE ON document_tax
      WHEN (SELECT status FROM document WHERE id = OLD.document_id) = 'issued'
      BEGIN SELECT RAISE(ABORT, 'an issued document cannot be changed: correct it with a credit note'); END;
      CREATE TRIGGER document_tax_frozen_delete BEFORE DELETE ON document_tax
      WHEN (SELECT status FROM document WHERE id = OLD.document_id) = 'issued'
      BEGIN SELECT RAISE(ABORT, 'an issued document cannot be changed: correct it with a credit note'); END;

      -- The PDF as issued; printing again answers these bytes.
      CREATE TABLE document_file (
        document_id INTEGER PRIMARY KEY REFERENCES document (id),
        sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
        mime_type   TEXT    NOT NULL,
        data        BLOB    NOT NULL,
        created_at  TEXT    NOT NULL
      ) STRICT;
      CREATE TRIGGER document_file_no_update BEFORE UPDATE ON document_file
      BEGIN SELECT RAISE(ABORT, 'a stored document file is never replaced'); END;
      CREATE TRIGGER document_file_no_delete BEFORE DELETE ON document_file
      BEGIN SELECT RAISE(ABORT, 'a stored document file is never replaced'); END;

      -- 1 unit = scaled / 10^8 quote, on a date (ECB: 1 EUR = 1.0876 USD).
      CREATE TABLE exchange_rate (
        unit        TEXT    NOT NULL CHECK (length(unit) = 3),
        quote       TEXT    NOT NULL CHECK (length(quote) = 3 AND quote <> unit),
        rate_date   TEXT    NOT NULL,
        scaled      INTEGER NOT NULL CHECK (scaled > 0),
        source      TEXT    NOT NULL CHECK (source IN ('manual', 'ecb', 'csv')),
        updated_at  TEXT    NOT NULL,
        PRIMARY KEY (unit, quote, rate_date)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE payment (
        id                INTEGER PRIMARY KEY,
        buyer_contact_id  INTEGER,
        buyer_name        TEXT    NOT NULL,
        received_on       TEXT    NOT NULL,
        -- What the buyer paid; the bank received amount − fee.
        amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
        currency          TEXT    NOT NULL CHECK (length(currency) = 3),
        bank_fee_minor    INTEGER NOT NULL DEFAULT 0 CHECK (bank_fee_minor >= 0 AND bank_fee_minor < amount_minor),
        method            TEXT    NOT NULL,
        reference         TEXT,
        base_currency     TEXT    NOT NULL,
        fx_unit           TEXT,
        fx_quote          TEXT,
        fx_rate_scaled    INTEGER,
        fx_rate_date      TEXT,
        amount_base_minor INTEGER NOT NULL,
        fee_base_minor    INTEGER NOT NULL,
        created_at        TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX payment_buyer ON payment (buyer_contact_id, received_on);
      CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
      BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;
      CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
      BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;

      -- Part of a payment settling part of an invoice, with the realised FX result:
      -- received_base (at the payment's rate) − settled_base (at the invoice's rate).
      CREATE TABLE payment_allocation (
        id                 INTEGER PRIMARY KEY,
        payment_id         INTEGER NOT NULL REFERENCES payment (id),
        document_id        INTEGER NOT NULL REFERENCES document (id),
        amount_minor       INTEGER NOT NULL CHECK (amount_minor > 0),
        settled_base_minor INTEGER NOT NULL,
        received_base_minor INTEGER NOT NULL,
        fx_gain_minor      INTEGER NOT NULL,
        allocated_on       TEXT    NOT NULL,
        created_at         TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX payment_allocation_payment ON payment_allocation (payment_id);
      CREATE INDEX payment_allocation_document ON payment_allocation (document_id);
      CREATE TRIGGER payment_allocation_no_update BEFORE UPDATE ON payment_allocation
      BEGIN SELECT RAISE(ABORT, 'payment allocations are append-only'); END;
      CREATE TRIGGER payment_allocation_no_delete BEFORE DELETE ON payment_allocation
      BEGIN SELECT RAISE(ABORT, 'payment allocations are append-only'); END;

      INSERT INTO document_series (kind, code, pattern, is_default, created_at) VALUES
        ('quote', 'QUO', 'QUO-{yyyy}-{seq:5}', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        ('proforma', 'PRO', 'PRO-{yyyy}-{seq:5}', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        ('invoice', 'INV', 'INV-{yyyy}-{seq:5}', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        ('credit_note', 'CN', 'CN-{yyyy}-{seq:5}', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `),
};
