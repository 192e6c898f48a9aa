import { WooCredentialsSchema, WooSettingsSchema } from '../../../../shared/marketplaces/schemas.ts';
import type { Connector } from '../types.ts';
import { validateByRules } from '../validateCommon.ts';
import { mapToWoo, type WooPayload } from './map.ts';
import { WOO_BATCH_LIMIT, createWooSession, type WooCredentials, type WooSettings } from './session.ts';

/**
 * WooCommerce REST API v3: products/batch (≤ 100 items), variations per variable product through
 * its own variations/batch. Idempotent by SKU: a create refused with `product_invalid_sku` names
 * the existing product in `data.resource_id`, which is then updated. No rate limit in core; the
 * host's PHP workers are the limit, hence a cap on requests in flight. Images go to the WordPress
 * media library first (POST /wp-json/wp/v2/media with an application password), then the product
 * names them by attachment id; each id is remembered per image hash and account. Prices alone and
 * removal go through the same batch endpoints (update with only regular_price; delete).
 */
export const wooConnector: Connector<WooSettings, WooCredentials, WooPayload> = {
  platform: 'woocommerce',
  label: 'WooCommerce',
  settingsSchema: WooSettingsSchema,
  credentialsSchema: WooCredentialsSchema,
  capabilities: { create: true, update: true, stockSync: true, priceSync: true, delete: true },
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
    // WordPress takes JPEG, PNG and WebP (5.8+). The size limit is the host's (PHP upload_max_filesize,
    // multisite fileupload_maxk): UNVERIFIED per shop, so 10 MB is assumed and the host's refusal is reported per image.
    // No documented count limit; 100 keeps a gallery sane.
    images: { maxCount: 100, maxBytes: 10 * 1024 * 1024, maxMegapixels: null, mimeTypes: ['image/jpeg', 'image/png', 'image/webp'] },
  },
  validate: (listing) => validateByRules(listing, wooConnector.fieldRules, 'WooCommerce'),
  map: (listing) => mapToWoo(listing),
  connect: (account, http, media) => createWooSession(account.settings, account.credentials, http, media),
};
