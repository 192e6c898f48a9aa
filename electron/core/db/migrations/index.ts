import type { Migration } from './migration.ts';
import { m001Company } from './001-company.ts';
import { m002JobsAndLogo } from './002-jobs-and-logo.ts';
import { m003Catalog } from './003-catalog.ts';
import { m004Stock } from './004-stock.ts';
import { m005ListSortKeys } from './005-list-sort-keys.ts';
import { m006Contacts } from './006-contacts.ts';
import { m007Ledger } from './007-ledger.ts';
import { m008BulkKeysAndLateMovements } from './008-bulk-keys-and-late-movements.ts';
import { m009PriceListCurrency } from './009-price-list-currency.ts';
import { m010Invoicing } from './010-invoicing.ts';
import { m011Imports } from './011-imports.ts';
import { m012Marketplaces } from './012-marketplaces.ts';
import { m013AuditAndUsers } from './013-audit-and-users.ts';
import { m014Buyers } from './014-buyers.ts';
import { m015Market } from './015-market.ts';
import { m016ImportImages } from './016-importspeed.ts';

/**
 * Listed in code, not found by scanning a folder: the main process is bundled, and a folder scan
 * would find nothing there. Append only; never edit a migration that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [
  m001Company,
  m002JobsAndLogo,
  m003Catalog,
  m004Stock,
  m005ListSortKeys,
  m006Contacts,
  m007Ledger,
  m008BulkKeysAndLateMovements,
  m009PriceListCurrency,
  m010Invoicing,
  m011Imports,
  m012Marketplaces,
  m013AuditAndUsers,
  m014Buyers,
  m015Market,
  m016ImportImages,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}; expected ${i + 1}.`);
});

/** The version that created audit_log; from it on, each migration run re-syncs the audit triggers. */
export const AUDIT_SCHEMA_VERSION = MIGRATIONS.indexOf(m013AuditAndUsers) + 1;
