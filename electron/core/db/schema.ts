import type { Generated } from 'kysely';

/** Row types as SQLite stores them; services turn them into the shapes of `shared/`. */
export interface KontorSchema {
  schema_migrations: { version: number; name: string; applied_at: string; app_version: string };
  settings: { key: string; value: string; updated_at: string };
  company: {
    id: number;
    legal_name: string;
    trade_name: string | null;
    country: string;
    base_currency: string;
    fiscal_year_start_month: number;
    fiscal_year_start_day: number;
    default_language: string;
    email: string | null;
    phone: string | null;
    website: string | null;
    updated_at: string;
  };
  company_address: {
    position: number;
    kind: string;
    line1: string;
    line2: string | null;
    postal_code: string | null;
    city: string;
    region: string | null;
    country: string;
  };
  company_bank_account: {
    position: number;
    bank_name: string | null;
    account_holder: string | null;
    iban: string;
    bic: string | null;
    currency: string;
  };
  company_tax_id: { position: number; scheme: string; value: string };
  company_logo: { id: number; mime_type: string; data: Uint8Array; updated_at: string };
  job: {
    id: Generated<number>;
    kind: string;
    status: string;
    input: string;
    done: Generated<number>;
    total: Generated<number>;
    message: string | null;
    checkpoint: string | null;
    result: string | null;
    error: string | null;
    created_at: string;
    started_at: string | null;
    finished_at: string | null;
  };
  // 004-stock: the movement ledger is the truth; levels, valuation and cost layers are projections.
  warehouse: {
    id: Generated<number>;
    code: string;
    name: string;
    kind: string;
    country: string | null;
    active: Generated<number>;
    created_at: string;
  };
  warehouse_location: { id: Generated<number>; warehouse_id: number; code: string };
  stock_movement: {
    id: Generated<number>;
    kind: string;
    product_id: number;
    warehouse_id: number;
    location_id: number | null;
    quantity_milli: number;
    value_minor: number;
    unit_cost_minor: number | null;
    supplier: string | null;
    reason: string | null;
    reference: string | null;
    transfer_id: number | null;
    corrects_id: number | null;
    return_of_id: number | null;
    stocktake_id: number | null;
    occurred_at: string;
    created_at: string;
  };
  stock_level: { product_id: number; warehouse_id: number; on_hand_milli: Generated<number>; reserved_milli: Generated<number> };
  stock_valuation: { product_id: number; quantity_milli: Generated<number>; value_minor: Generated<number> };
  stock_cost_layer: {
    id: Generated<number>;
    product_id: number;
    movement_id: number;
    remaining_quantity_milli: number;
    remaining_value_minor: number;
  };
  stock_checkpoint: { at: string; state: Uint8Array; created_at: string; through_movement_id: number };
  stock_checkpoint_late: { movement_id: number };
  sort_key_suspension: { id: number };
  reorder_rule: { product_id: number; warehouse_id: number; reorder_point_milli: number; reorder_quantity_milli: number };
  stocktake: {
    id: Generated<number>;
    warehouse_id: number;
    status: string;
    note: string | null;
    created_at: string;
    posted_at: string | null;
  };
  stocktake_count: { stocktake_id: number; product_id: number; counted_milli: number; expected_milli: number };
  // Catalog (migration 3). JSON columns hold text; services parse them.
  category: {
    id: Generated<number>;
    parent_id: number | null;
    code: string;
    position: Generated<number>;
    created_at: string;
    updated_at: string;
  };
  category_name: { category_id: number; language: string; name: string };
  category_attribute: {
    id: Generated<number>;
    category_id: number;
    code: string;
    type: string;
    required: Generated<number>;
    choices: string | null;
    labels: Generated<string>;
    position: Generated<number>;
  };
  product: {
    id: Generated<number>;
    sku: string;
    kind: string;
    parent_id: number | null;
    status: Generated<string>;
    category_id: number | null;
    brand: string | null;
    unit: Generated<string>;
    gtin: string | null;
    hs_code: string | null;
    origin_country: string | null;
    net_weight_g: number | null;
    gross_weight_g: number | null;
    length_mm: number | null;
    width_mm: number | null;
    height_mm: number | null;
    cost_price_minor: number | null;
    cost_currency: string | null;
    attributes: Generated<string>;
    option_values: string | null;
    created_at: string;
    updated_at: string;
    revision: Generated<number>;
  };
  product_text: { product_id: number; language: string; title: string; description: string | null };
  product_tag: { product_id: number; tag: string };
  product_option: { product_id: number; position: number; name: string; values: string };
  price_list: { id: Generated<number>; code: string; name: string; kind: string; created_at: string; currency: string | null };
  product_price: {
    product_id: number;
    price_list_id: number;
    currency: string;
    min_quantity_milli: Generated<number>;
    amount_minor: number;
  };
  product_order_rule: { product_id: number; price_list_id: number; min_order_quantity_milli: number };
  product_image: {
    id: Generated<number>;
    product_id: number;
    position: number;
    sha256: string;
    mime_type: string;
    width: number;
    height: number;
    bytes: number;
    original_name: string | null;
    created_at: string;
  };
  // Contacts (migration 6); every table pointing at a contact is listed in contacts/references.ts.
  contact: {
    id: Generated<number>;
    kind: string;
    name: string;
    name_key: string;
    organisation_id: number | null;
    job_title: string | null;
    role: string;
    website: string | null;
    language: string | null;
    currency: string | null;
    payment_terms_kind: string;
    payment_terms_days: number | null;
    credit_limit_minor: number | null;
    credit_limit_currency: string | null;
    notes: string | null;
    source: string | null;
    source_detail: string | null;
    country: string | null;
    created_at: string;
    updated_at: string;
    revision: Generated<number>;
  };
  contact_address: {
    contact_id: number;
    position: number;
    kind: string;
    recipient: string | null;
    line1: string;
    line2: string | null;
    postal_code: string | null;
    city: string;
    region: string | null;
    country: string;
  };
  contact_email: { contact_id: number; position: number; address: string; address_key: string; label: string | null };
  contact_phone: { contact_id: number; position: number; number: string; label: string | null };
  contact_tax_id: { contact_id: number; position: number; scheme: string; value: string };
  contact_tag: { contact_id: number; tag: string };
  contact_marketplace_id: { contact_id: number; marketplace: string; buyer_id: string };
  contact_event: { id: Generated<number>; contact_id: number; kind: string; at: string; details: Generated<string> };
  contact_merge: {
    id: Generated<number>;
    kept_id: number;
    merged_id: number;
    merged_name: string;
    snapshot: string;
    moved: string;
    at: string;
  };
  contact_distinct: { a_id: number; b_id: number; at: string };
  stock_receipt_supplier: { movement_id: number; contact_id: number };
  // 006-ledger: append-only journal; the database refuses unbalanced or changed entries.
  ledger_account: { code: string; name: string; kind: string; created_at: string };
  ledger_mapping: { posting_key: string; account_code: string; updated_at: string };
  ledger_lock: { id: number; locked_through: string | null; updated_at: string };
  ledger_entry: {
    id: Generated<number>;
    journal: string;
    number: number | null;
    entry_date: string;
    status: Generated<string>;
    reference: string | null;
    description: string;
    source_kind: string;
    source_id: string | null;
    reverses_id: number | null;
    created_at: string;
    posted_at: string | null;
  };
  ledger_line: {
    id: Generated<number>;
    entry_id: number;
    account_code: string;
    debit_minor: Generated<number>;
    credit_minor: Generated<number>;
    description: string | null;
    party_code: string | null;
    party_name: string | null;
    tax_code: string | null;
    tax_role: string | null;
    foreign_minor: number | null;
    foreign_currency: string | null;
  };
}
