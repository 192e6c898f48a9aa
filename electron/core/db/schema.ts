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
  stock_checkpoint: { at: string; state: Uint8Array; created_at: string };
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
  price_list: { id: Generated<number>; code: string; name: string; kind: string; created_at: string };
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
  // 006-audit-and-users
  audit_log: {
    seq: number;
    at: string;
    actor: string;
    table_name: string;
    row_key: string;
    op: string;
    before_json: string | null;
    after_json: string | null;
    prev_hash: string | null;
    hash: string;
  };
  app_user: {
    id: Generated<number>;
    username: string;
    display_name: string;
    role: string;
    password_hash: string;
    failed_attempts: Generated<number>;
    locked_until: string | null;
    disabled: Generated<number>;
    created_at: string;
    updated_at: string;
  };
}
