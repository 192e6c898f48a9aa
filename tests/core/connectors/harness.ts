import type { Database } from 'better-sqlite3';
import { createAccount } from '../../../electron/core/connectors/accounts.ts';
import { createUpload } from '../../../electron/core/connectors/engine/uploadStore.ts';
import { resolveSelection } from '../../../electron/core/connectors/listingSource.ts';
import { keyFileSecretBox, type SecretBox } from '../../../electron/core/connectors/secretBox.ts';
import type { ShopifyEmulator } from '../../emulators/shopify/server.ts';
import type { WooEmulator } from '../../emulators/woocommerce/server.ts';

export const SHOPIFY_TOKEN = 'shpat_emulator_token_0001';

export function shopifyAccount(sqlite: Database, box: SecretBox, emulator: ShopifyEmulator, name = 'Shopify EU', token = SHOPIFY_TOKEN): number {
  return createAccount(sqlite, box, {
    platform: 'shopify',
    name,
    settings: { shopUrl: emulator.url, apiVersion: '2025-10' },
    credentials: { accessToken: token },
    rules: { currency: 'EUR', language: 'en', priceList: 'RETAIL', exchangeRate: null, markupPercent: 0, rounding: 'none', quantityBuffer: 0 },
  }).id;
}

export function wooAccount(
  sqlite: Database,
  box: SecretBox,
  emulator: WooEmulator,
  name = 'Woo shop',
  secret = emulator.consumerSecret,
  mediaLogin: { wpUsername: string; wpApplicationPassword: string } | null = { wpUsername: emulator.wpUsername, wpApplicationPassword: emulator.wpApplicationPassword },
): number {
  return createAccount(sqlite, box, {
    platform: 'woocommerce',
    name,
    settings: { siteUrl: emulator.url },
    credentials: { consumerKey: emulator.consumerKey, consumerSecret: secret, ...(mediaLogin ?? {}) },
    rules: { currency: 'EUR', language: 'en', priceList: 'RETAIL', exchangeRate: null, markupPercent: 0, rounding: 'none', quantityBuffer: 0 },
  }).id;
}

export function uploadAll(sqlite: Database, accountId: number): number {
  const ids = resolveSelection(sqlite, { filter: '', status: 'any' });
  const skus = new Map((sqlite.prepare('SELECT id, sku FROM product').all() as { id: number; sku: string }[]).map((r) => [r.id, r.sku]));
  return createUpload(sqlite, accountId, 'listing', ids.map((id) => ({ productId: id, sku: skus.get(id) as string })));
}

export function statusCounts(sqlite: Database, uploadId: number): Record<string, number> {
  return Object.fromEntries((sqlite.prepare('SELECT status, count(*) AS n FROM upload_item WHERE upload_id = ? GROUP BY status').all(uploadId) as { status: string; n: number }[]).map((r) => [r.status, r.n]));
}

export { keyFileSecretBox };
