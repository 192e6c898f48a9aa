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
}
