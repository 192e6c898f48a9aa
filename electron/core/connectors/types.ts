import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { Platform } from '../../../shared/marketplaces/schemas.ts';
import type { HttpClient } from './engine/http.ts';

/**
 * What a connector module declares and does. The engine (engine/runUpload.ts) knows nothing of any
 * platform: it validates with `validate`, maps with `map`, sends with a session's `upload` and
 * `stockSync` in batches of `batchSize`, and paces requests by `rateModel`. A new platform is one
 * folder exporting one of these, and one line in registry.ts.
 */
export interface Connector<Settings = unknown, Credentials = unknown, Payload = unknown> {
  platform: Platform;
  /** The platform's own name, for people. */
  label: string;
  settingsSchema: z.ZodType<Settings>;
  credentialsSchema: z.ZodType<Credentials>;
  capabilities: Capabilities;
  /** Most items one `upload` call takes (the platform's batch limit or a per-request cost cap). */
  batchSize: number;
  /** Most items one `stockSync`, `priceSync` or `remove` call takes. */
  stockBatchSize: number;
  rateModel: RateModel;
  fieldRules: FieldRules;
  /** Everything wrong with one listing for this platform; empty when it can be sent. */
  validate(listing: ListingSource): FieldIssue[];
  /** The platform payload for one valid listing. */
  map(listing: ListingSource, settings: Settings): Payload;
  /** A session for one account: the only place that talks to the platform; `media` remembers what images the account already holds. */
  connect(account: ConnectedAccount<Settings, Credentials>, http: HttpClient, media: MediaLibrary): Session<Payload>;
}

export interface ConnectedAccount<Settings, Credentials> {
  id: number;
  name: string;
  settings: Settings;
  credentials: Credentials;
}

export interface Capabilities {
  create: boolean;
  update: boolean;
  stockSync: boolean;
  priceSync: boolean;
  delete: boolean;
}

/**
 * How a platform limits a client, which the engine turns into a pacer (engine/pacing.ts):
 * - `costBucket`: a leaky bucket of query cost points (Shopify GraphQL); the pacer mirrors the
 *   server's bucket from the cost each reply reports and waits before it would overdraw it;
 * - `concurrency`: no documented rate, only a cap on requests in flight (WooCommerce, whose
 *   speed is the host's PHP workers).
 */
export type RateModel =
  | { kind: 'costBucket'; bucketSize: number; restorePerSecond: number; maxQueryCost: number; maxInFlight: number }
  | { kind: 'concurrency'; maxInFlight: number };

export interface FieldRules {
  titleMaxLength: number;
  descriptionMaxLength: number;
  skuMaxLength: number;
  maxVariants: number;
  maxOptions: number;
  requiresPrice: boolean;
  /** `free`: a free-text product type; `id`: the platform's own category ids, mapped per Kontor category. */
  categoryModel: 'free' | 'id';
  images: ImageRules;
}

/** What a platform takes as product images; checked before anything is sent. */
export interface ImageRules {
  /** Images per product, the variants' own images included. */
  maxCount: number;
  maxBytes: number;
  /** Width × height in millions of pixels; null when the platform sets no limit. */
  maxMegapixels: number | null;
  mimeTypes: readonly ImageMimeType[];
}

export type ImageMimeType = 'image/jpeg' | 'image/png' | 'image/webp';

/** One image of the catalog as a connector sends it: the file in the data directory is named by its SHA-256. */
export interface ImageSource {
  sha256: string;
  mimeType: ImageMimeType;
  bytes: number;
  width: number;
  height: number;
  /** The name the owner gave the file, else the hash with the type's extension; what reports name. */
  fileName: string;
  /** 1 is the main image. */
  position: number;
}

/**
 * The images an account already holds, by SHA-256 of their bytes, and the bytes of those it does
 * not. Kept in SQLite (marketplace_media) as soon as the platform answers, so an image is never
 * uploaded twice to one account, even across a killed job.
 */
export interface MediaLibrary {
  known(sha256: string): string | null;
  remember(sha256: string, remoteId: string): void;
  /** The platform no longer has it (deleted in the shop): upload it again next time. */
  forget(sha256: string): void;
  read(image: ImageSource): Promise<Buffer>;
}

/** One Kontor product (simple or parent with its variants) as an account will list it. */
export interface ListingSource {
  productId: number;
  sku: string;
  kind: 'simple' | 'parent';
  status: 'draft' | 'active' | 'archived';
  title: string | null;
  description: string | null;
  brand: string | null;
  tags: string[];
  /** The platform category mapped from the Kontor category, if any. */
  remoteCategory: string | null;
  /** The product's images in order, the main one first. */
  images: ImageSource[];
  options: { name: string; values: string[] }[];
  /** A simple product is one variant carrying its own SKU and no option values. */
  variants: VariantSource[];
  /** What an earlier upload to this account answered, so updates address the same remote product. */
  remote: RemoteRefs | null;
}

export interface VariantSource {
  productId: number;
  sku: string;
  gtin: string | null;
  optionValues: Record<string, string>;
  /** In the account currency, after conversion, markup and rounding; null when the price list has none. */
  priceMinor: number | null;
  currency: string;
  /** Whole units to offer: available stock minus the account's buffer, never below 0. */
  quantity: number;
  weightG: number | null;
  /** The variant's own main image (a parent's variants only); null when it has none. */
  image: ImageSource | null;
}

/** Remote identifiers of one listing: the product, and per variant SKU what stock updates need. */
export interface RemoteRefs {
  productId: string;
  variants: Record<string, { id: string; inventoryItemId?: string }>;
}

export interface StockUpdate {
  productId: number;
  sku: string;
  remote: RemoteRefs;
  /** Per variant SKU, whole units. */
  quantities: Record<string, number>;
}

/** A price-only change: per variant SKU, the price in minor units of `currency`. */
export interface PriceUpdate {
  productId: number;
  sku: string;
  remote: RemoteRefs;
  currency: string;
  prices: Record<string, number>;
}

/** A listing to take off the platform. */
export interface RemoveItem {
  productId: number;
  sku: string;
  remote: RemoteRefs;
}

/** What happened to one item of a batch. */
export type ItemOutcome =
  | { sku: string; status: 'succeeded'; remote: RemoteRefs }
  | { sku: string; status: 'failed'; code: string; message: string }
  /** Safe to send again (a transient fault); `remote` keeps what is known so far (a created parent). */
  | { sku: string; status: 'retry'; code: string; message: string; retryAfterMs?: number; remote?: RemoteRefs };

export interface UploadItem<Payload> {
  sku: string;
  payload: Payload;
  remote: RemoteRefs | null;
}

export interface Session<Payload> {
  /** Checks the credentials with one cheap request; throws RemoteCallError (kind `auth`) when refused. */
  testConnection(): Promise<{ shopName: string; details: Record<string, string> }>;
  /** Creates or updates every item, idempotent by SKU; answers one outcome per item, in any order. */
  upload(items: UploadItem<Payload>[], signal: AbortSignal): Promise<ItemOutcome[]>;
  stockSync(updates: StockUpdate[], signal: AbortSignal): Promise<ItemOutcome[]>;
  /** Changes only the variants' prices: no title, text, image or stock is sent. */
  priceSync(updates: PriceUpdate[], signal: AbortSignal): Promise<ItemOutcome[]>;
  /** Deletes the listings; a listing already gone counts as removed. */
  remove(items: RemoveItem[], signal: AbortSignal): Promise<ItemOutcome[]>;
  /** Cost points one upload request of these items will ask for (cost-bucket platforms). */
  estimateCost(items: number): number;
}
