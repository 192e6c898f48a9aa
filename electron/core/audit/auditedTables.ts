/**
 * Every table whose changes the audit trail records. A new table is one line here; the next
 * migration run installs its triggers and records its existing rows as a baseline (see
 * triggers.ts `syncAuditTriggers`, called by `migrate`). Left out on purpose: projections that
 * are rebuilt from audited tables (stock levels, valuation, cost layers, checkpoints, sort keys,
 * search index), the job queue, and the audit log itself.
 */
export type AuditedTable = string | { table: string; /** Recorded as a SHA-256 digest, never in clear. */ redact: readonly string[] };

export const AUDITED_TABLES: readonly AuditedTable[] = [
  // settings and the company
  'settings',
  'company',
  'company_address',
  'company_bank_account',
  'company_tax_id',
  'company_logo',
  // catalogue
  'category',
  'category_name',
  'category_attribute',
  'product',
  'product_text',
  'product_tag',
  'product_option',
  'price_list',
  'product_price',
  'product_order_rule',
  'product_image',
  // stock: the movement ledger is the truth; the rest are its settings and counts
  'warehouse',
  'warehouse_location',
  'stock_movement',
  'reorder_rule',
  'stocktake',
  'stocktake_count',
  'stock_receipt_supplier',
  // contacts (contact_event and contact_merge are logs of their own)
  'contact',
  'contact_address',
  'contact_email',
  'contact_phone',
  'contact_tax_id',
  'contact_tag',
  'contact_marketplace_id',
  'contact_distinct',
  // documents, rates and payments; an issued document is also frozen by its own triggers
  'document_series',
  'document',
  'document_line',
  'document_tax',
  'document_file',
  'product_tax',
  'exchange_rate',
  'payment',
  'payment_allocation',
  // the ledger's settings; its entries are append-only and balanced by their own triggers
  'ledger_account',
  'ledger_mapping',
  'ledger_lock',
  // marketplace accounts (the sealed credentials only as a digest) and what is listed how
  { table: 'marketplace_account', redact: ['secret'] },
  'listing_override',
  'marketplace_category_map',
  'import_template',
  // users and roles
  { table: 'app_user', redact: ['password_hash'] },
];

export function auditedTableName(entry: AuditedTable): string {
  return typeof entry === 'string' ? entry : entry.table;
}

export function redactedColumns(entry: AuditedTable): readonly string[] {
  return typeof entry === 'string' ? [] : entry.redact;
}
