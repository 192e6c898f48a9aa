import { ShopifyCredentialsSchema, ShopifySettingsSchema } from '../../../../shared/marketplaces/schemas.ts';
import type { Connector } from '../types.ts';
import { validateByRules } from '../validateCommon.ts';
import { mapToProductSet, type ShopifyPayload } from './map.ts';
import { createShopifySession, type ShopifySettings } from './session.ts';

/**
 * Shopify through the GraphQL Admin API: `productSet` with the product handle as `identifier`
 * (an upsert since 2025-04, so a resumed job updates what a killed one created), several
 * productSet fields aliased in one document per request, paced by the cost bucket every reply
 * reports in `extensions.cost`. Stock: `inventorySetQuantities` at the account's location.
 * Images: staged uploads (stagedUploadsCreate → POST the bytes to the target → fileCreate with the
 * resourceUrl as originalSource), then productSet references the files by id; each file id is
 * remembered per image hash, so an unchanged image is never uploaded twice. Prices alone:
 * productVariantsBulkUpdate. Removal: productDelete.
 */
export const shopifyConnector: Connector<ShopifySettings, { accessToken: string }, ShopifyPayload> = {
  platform: 'shopify',
  label: 'Shopify',
  settingsSchema: ShopifySettingsSchema,
  credentialsSchema: ShopifyCredentialsSchema,
  capabilities: { create: true, update: true, stockSync: true, priceSync: true, delete: true },
  // Ten productSets (10 points each) per request: 100 points, a tenth of the bucket, so pacing stays fine-grained.
  batchSize: 10,
  stockBatchSize: 50,
  // Standard plan: restore 100 points/s; bucket 1,000 (older docs; the reply's throttleStatus corrects both).
  rateModel: { kind: 'costBucket', bucketSize: 1000, restorePerSecond: 100, maxQueryCost: 1000, maxInFlight: 4 },
  fieldRules: {
    titleMaxLength: 255,
    descriptionMaxLength: 65_535,
    skuMaxLength: 255,
    // A store's default limit per product; 2,048 needs Shopify's extended variants.
    maxVariants: 100,
    maxOptions: 3,
    requiresPrice: true,
    categoryModel: 'free',
    // help.shopify.com "Product media types": images under 20 MB and 25 megapixels (5000 × 5000), 250 media per product.
    images: { maxCount: 250, maxBytes: 20 * 1024 * 1024, maxMegapixels: 25, mimeTypes: ['image/jpeg', 'image/png', 'image/webp'] },
  },
  validate: (listing) => validateByRules(listing, shopifyConnector.fieldRules, 'Shopify'),
  map: (listing) => mapToProductSet(listing),
  connect: (account, http, media) => createShopifySession(account.settings, account.credentials.accessToken, http, media),
};
