import { WooCredentialsSchema, WooSettingsSchema } from '../../../../shared/marketplaces/schemas.ts';
import type { Connector } from '../types.ts';
import { validateByRules } from '../validateCommon.ts';
import { mapToWoo, type WooPayload } from './map.ts';
import { WOO_BATCH_LIMIT, createWooSession, type WooCredentials, type WooSettings } from './session.ts';

/**
 * WooCommerce REST API v3: products/batch (≤ 100 items), variations per variable product through
 * its own variations/batch. Idempotent by SKU: a create refused with `product_invalid_sku` names
 * the existing product in `data.resource_id`, which is then updated. No rate limit in core; the
 * host's PHP workers are the limit, hence a cap on requests in flight.
 */
export const wooConnector: Connector<WooSettings, WooCredentials, WooPayload> = {
  platform: 'woocommerce',
  label: 'WooCommerce',
  settingsSchema: WooSettingsSchema,
  credentialsSchema: WooCredentialsSchema,
  capabilities: { create: true, update: true, stockSync: true, priceSync: false, delete: false },
  batchSize: WOO_BATCH_LIMIT,
  stockBatchSize: WOO_BATCH_LIMIT,
  rateModel: { kind: 'concurrency', maxInFlight: 4 },
  fieldRules: {
    titleMaxLength: 200,
    descriptionMaxLength: 65_535,
    skuMaxLength: 100,
    maxVariants: 100,
    maxOptions: 10,
    requiresPrice: true,
    categoryModel: 'id',
    images: { supported: false, reason: 'Images need a public URL or a media upload to WordPress first; not built yet.' },
  },
  validate: (listing) => validateByRules(listing, wooConnector.fieldRules, 'WooCommerce'),
  map: (listing) => mapToWoo(listing),
  connect: (account, http) => createWooSession(account.settings, account.credentials, http),
};
