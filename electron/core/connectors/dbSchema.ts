import type { Generated } from 'kysely';

/** Row types of migration 006, merged into KontorSchema. */
export interface MarketplaceSchema {
  marketplace_account: {
    id: Generated<number>;
    platform: string;
    name: string;
    settings: string;
    rules: string;
    secret: Uint8Array;
    created_at: string;
    updated_at: string;
  };
  listing: {
    account_id: number;
    product_id: number;
    status: string;
    remote_id: string | null;
    remote_refs: string | null;
    last_error: string | null;
    quantities: Generated<string>;
    prices: Generated<string>;
    updated_at: string;
  };
  listing_override: {
    account_id: number;
    product_id: number;
    title: string | null;
    description: string | null;
    markup_bp: number | null;
    rounding: string | null;
    quantity_buffer: number | null;
  };
  marketplace_category_map: { account_id: number; category_id: number; remote_category: string };
  upload_job: {
    id: Generated<number>;
    account_id: number;
    kind: string;
    status: string;
    last_error: string | null;
    run_job_id: number | null;
    created_at: string;
    updated_at: string;
    finished_at: string | null;
  };
  upload_item: {
    id: Generated<number>;
    upload_id: number;
    product_id: number | null;
    sku: string;
    status: string;
    attempts: Generated<number>;
    remote_id: string | null;
    error_code: string | null;
    error_message: string | null;
    issues: string | null;
    payload: string | null;
    started_at: string | null;
    finished_at: string | null;
  };
  stock_sync_cursor: { account_id: number; last_movement_id: number };
  marketplace_media: { account_id: number; sha256: string; remote_id: string; created_at: string };
}
