import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { PRICE_ROUNDINGS } from '../catalog/pricing.ts';

/** Platforms with a connector; the registry in electron/core/connectors maps each to its module. */
export const PLATFORMS = ['shopify', 'woocommerce'] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * How an account turns Kontor's catalog into listings, the same for every platform:
 * which language and price list to send, how to convert and round prices, how much stock to hold back.
 */
export const ListingRulesSchema = z.object({
  language: z.string().regex(/^[a-z]{2,3}$/).default('en'),
  priceList: z.string().trim().min(1).default('RETAIL'),
  /** The currency the shop sells in. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  /**
   * Units of the shop currency per unit of the price list's currency, as a decimal string
   * ("10.85"), used when the price list has no price in the shop currency. Kept as text so no float
   * touches an amount.
   */
  exchangeRate: z.string().regex(/^\d{1,9}(\.\d{1,9})?$/, { error: 'An exchange rate is a decimal number such as 10.85.' }).nullable().default(null),
  /** Percent added to the list price, two decimals (12.5 = +12.5 %). */
  markupPercent: z.number().min(-90).max(1000).default(0),
  rounding: z.enum(PRICE_ROUNDINGS).default('none'),
  /** Whole units held back from the available stock on this account. */
  quantityBuffer: z.number().int().min(0).max(1_000_000).default(0),
});
export type ListingRules = z.output<typeof ListingRulesSchema>;

export const ShopifySettingsSchema = z.object({
  /** https://{shop}.myshopify.com, or an emulator's http://127.0.0.1:port. */
  shopUrl: z.url({ protocol: /^https?$/, error: 'Enter the shop address, e.g. https://my-shop.myshopify.com.' }),
  apiVersion: z.string().regex(/^\d{4}-(01|04|07|10)$/, { error: 'An API version looks like 2025-10.' }).default('2025-10'),
  /** Where stock quantities are set; found by "test connection" when left empty. */
  locationId: z.string().nullable().default(null),
});

export const ShopifyCredentialsSchema = z.object({
  accessToken: z.string().trim().min(10, { error: 'An Admin API access token starts with shpat_ and is longer than this.' }),
});

export const WooSettingsSchema = z.object({
  /** The WordPress site, e.g. https://shop.example.com (plain http uses OAuth 1.0a signatures). */
  siteUrl: z.url({ protocol: /^https?$/, error: 'Enter the shop address, e.g. https://shop.example.com.' }),
});

export const WooCredentialsSchema = z.object({
  consumerKey: z.string().trim().regex(/^ck_[0-9a-f]{8,64}$/, { error: 'A consumer key looks like ck_ followed by hex digits.' }),
  consumerSecret: z.string().trim().regex(/^cs_[0-9a-f]{8,64}$/, { error: 'A consumer secret looks like cs_ followed by hex digits.' }),
  /**
   * Images go to the WordPress media library (/wp-json/wp/v2/media), which does not take the
   * WooCommerce keys: it needs a WordPress user and one of its application passwords
   * (Users → Profile → Application Passwords). Without them, products with images are refused.
   */
  wpUsername: z.string().trim().min(1).max(60).optional(),
  wpApplicationPassword: z.string().trim().regex(/^[A-Za-z0-9]{4}( ?[A-Za-z0-9]{4}){5}$/, { error: 'An application password is 24 letters and digits, often shown in groups of four.' }).optional(),
});

export const AccountInputSchema = z.object({
  platform: z.enum(PLATFORMS),
  name: z.string().trim().min(1).max(80),
  /** Platform settings (shop address…); checked against the connector's schema. */
  settings: z.record(z.string(), z.unknown()),
  /** Secrets; checked against the connector's schema, then sealed and never answered back. */
  credentials: z.record(z.string(), z.unknown()),
  rules: ListingRulesSchema,
});
export type AccountInput = z.input<typeof AccountInputSchema>;

export const AccountUpdateSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().trim().min(1).max(80).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  /** Left out: the stored credentials stay. */
  credentials: z.record(z.string(), z.unknown()).optional(),
  rules: ListingRulesSchema.optional(),
});

/** An account as the renderer sees it: never its credentials, only whether they are stored. */
export const AccountViewSchema = z.object({
  id: z.number().int(),
  platform: z.enum(PLATFORMS),
  name: z.string(),
  settings: z.record(z.string(), z.unknown()),
  rules: ListingRulesSchema,
  hasCredentials: z.boolean(),
  listed: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

export const ITEM_STATUSES = ['pending', 'sending', 'succeeded', 'failed', 'skipped'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const UPLOAD_STATUSES = ['ready', 'running', 'paused', 'cancelled', 'finished'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];
/** listing: create or update whole products; stock and price: only quantities or prices; delete: remove the listing. */
export const UPLOAD_KINDS = ['listing', 'stock', 'price', 'delete'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const CallErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });

export const UploadViewSchema = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  accountName: z.string(),
  platform: z.enum(PLATFORMS),
  kind: z.enum(UPLOAD_KINDS),
  status: z.enum(UPLOAD_STATUSES),
  counts: z.record(z.enum(ITEM_STATUSES), z.number().int()),
  total: z.number().int(),
  lastError: CallErrorSchema.nullable(),
  /** The job runner's job that runs (or last ran) it, for progress events. */
  runJobId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type UploadView = z.infer<typeof UploadViewSchema>;

export const IssueSchema = z.object({
  path: z.string(),
  key: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const UploadItemViewSchema = z.object({
  id: z.number().int(),
  productId: z.number().int().nullable(),
  sku: z.string(),
  status: z.enum(ITEM_STATUSES),
  attempts: z.number().int(),
  remoteId: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  issues: z.array(IssueSchema),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type UploadItemView = z.infer<typeof UploadItemViewSchema>;

/** One product's problems before upload, for the wizard's "fix these" list. */
export const ValidationRowSchema = z.object({
  productId: z.number().int(),
  sku: z.string(),
  issues: z.array(IssueSchema),
});
export type ValidationRow = { productId: number; sku: string; issues: FieldIssue[] };

export const ProductSelectionSchema = z.union([
  z.object({ productIds: z.array(z.number().int().positive()).min(1).max(100_000) }).strict(),
  /** Every simple and parent product whose SKU matches (SQL LIKE with * as wildcard), or all when empty. */
  z.object({ filter: z.string().trim().max(100), status: z.enum(['active', 'any']).default('active') }).strict(),
]);
export type ProductSelection = z.input<typeof ProductSelectionSchema>;

export const ListingCellSchema = z.object({
  productId: z.number().int(),
  accountId: z.number().int(),
  status: z.enum(['listed', 'failed']),
  remoteId: z.string().nullable(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});

export const ListingOverrideSchema = z.object({
  accountId: z.number().int().positive(),
  productId: z.number().int().positive(),
  title: z.string().trim().max(500).nullable().default(null),
  description: z.string().trim().max(20_000).nullable().default(null),
  markupPercent: z.number().min(-90).max(1000).nullable().default(null),
  rounding: z.enum(PRICE_ROUNDINGS).nullable().default(null),
  quantityBuffer: z.number().int().min(0).max(1_000_000).nullable().default(null),
});
export type ListingOverride = z.output<typeof ListingOverrideSchema>;
