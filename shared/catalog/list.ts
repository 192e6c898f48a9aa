import { z } from 'zod';
import { CurrencyCodeSchema } from '../company/profile.ts';
import { PRICE_ROUNDINGS } from './pricing.ts';
import { MAX_AMOUNT_MINOR, MoneySchema, PRODUCT_KINDS, ProductStatusSchema, SkuSchema } from './product.ts';

export const PRODUCT_SORT_FIELDS = ['sku', 'title', 'status', 'updated', 'price', 'onHand', 'relevance'] as const;
export type ProductSortField = (typeof PRODUCT_SORT_FIELDS)[number];

/**
 * Which rows a list shows: `all`; `top` (simple products and parents, a variant's match surfacing
 * its parent: the grid with expandable parents); `sellable` (simple products and variants, what
 * goes to a marketplace or an invoice).
 */
export const PRODUCT_VISIBILITIES = ['all', 'top', 'sellable'] as const;

export const LIST_MAX_LIMIT = 500;

export const ProductListQuerySchema = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(LIST_MAX_LIMIT).default(100),
    sort: z
      .object({ field: z.enum(PRODUCT_SORT_FIELDS), direction: z.enum(['asc', 'desc']).default('asc') })
      .default({ field: 'sku', direction: 'asc' }),
    status: z.array(ProductStatusSchema).max(3).optional(),
    /** Includes every subcategory. */
    categoryId: z.number().int().positive().optional(),
    /** Only products without a category. */
    uncategorised: z.boolean().optional(),
    tag: z.string().trim().min(1).max(50).optional(),
    /** Full-text search, as in `products.search`; blank means no search. */
    search: z.string().max(200).optional(),
    visibility: z.enum(PRODUCT_VISIBILITIES).default('all'),
    /** Only the variants of this parent. */
    parentId: z.number().int().positive().optional(),
    /** The language of the title column; defaults to the first catalog language, then falls back along them. */
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
    /** The price column: this list's lowest-quantity price in this currency. Defaults: RETAIL, and the currency most of its prices are in (else the company's). */
    priceList: z.string().trim().toUpperCase().min(1).max(40).optional(),
    currency: CurrencyCodeSchema.optional(),
  })
  .strict();
export type ProductListQuery = z.input<typeof ProductListQuerySchema>;
export type ProductListQueryData = z.output<typeof ProductListQuerySchema>;

export const ProductListRowSchema = z.object({
  id: z.number().int(),
  sku: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  parentId: z.number().int().nullable(),
  status: ProductStatusSchema,
  /** In the asked language, else the first catalog language that has one; a variant without its own shows its parent's. */
  title: z.string().nullable(),
  /** A variant's option values ("100 ml"), to show next to the inherited title. */
  optionLabel: z.string().nullable(),
  categoryId: z.number().int().nullable(),
  gtin: z.string().nullable(),
  unit: z.string(),
  price: MoneySchema.nullable(),
  onHandMilli: z.number().int(),
  variantCount: z.number().int(),
  mainImageId: z.number().int().nullable(),
  updatedAt: z.string(),
  revision: z.number().int(),
});
export type ProductListRow = z.infer<typeof ProductListRowSchema>;

export const ProductListSchema = z.object({ rows: z.array(ProductListRowSchema), total: z.number().int() });
export type ProductList = z.infer<typeof ProductListSchema>;

export const ProductSearchQuerySchema = z
  .object({
    text: z.string().max(200),
    limit: z.number().int().min(1).max(100).default(20),
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
  })
  .strict();

export const ProductSearchHitSchema = z.object({
  id: z.number().int(),
  sku: z.string(),
  title: z.string().nullable(),
  status: ProductStatusSchema,
});
export type ProductSearchHit = z.infer<typeof ProductSearchHitSchema>;

export const LookupCodeSchema = z.object({ code: z.string().trim().min(1).max(100) }).strict();
export const LookupResultSchema = z
  .object({
    id: z.number().int(),
    sku: z.string(),
    kind: z.enum(PRODUCT_KINDS),
    parentId: z.number().int().nullable(),
    status: ProductStatusSchema,
    matchedBy: z.enum(['sku', 'gtin']),
  })
  .nullable();
export type LookupResult = z.infer<typeof LookupResultSchema>;

export const SetStatusSchema = z
  .object({ id: z.number().int().positive(), revision: z.number().int().positive(), status: ProductStatusSchema })
  .strict();

export const BulkUpdateSchema = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(100_000),
    set: z.union([
      z.object({ categoryId: z.number().int().positive().nullable() }).strict(),
      z.object({ status: ProductStatusSchema }).strict(),
      z
        .object({
          priceChange: z
            .object({
              /** +10 raises by 10 %, -5.5 lowers by 5.5 %; two decimals at most count. */
              percent: z.number().min(-99.99).max(1000),
              rounding: z.enum(PRICE_ROUNDINGS).default('none'),
              /** Only this price list / currency; all when omitted. */
              priceList: z.string().trim().toUpperCase().min(1).max(40).optional(),
              currency: CurrencyCodeSchema.optional(),
            })
            .strict(),
        })
        .strict(),
    ]),
  })
  .strict();
export type BulkUpdate = z.input<typeof BulkUpdateSchema>;

export const BulkUpdateResultSchema = z.object({
  /** Products changed, variants of a selected parent included. */
  updated: z.number().int(),
  /** Price rows changed by a price change. */
  pricesChanged: z.number().int(),
});

export const UpdateListFieldsSchema = z
  .object({
    id: z.number().int().positive(),
    revision: z.number().int().positive(),
    /** The lowest-quantity price of one list and currency; null removes that list's prices in that currency. */
    price: z
      .object({
        priceList: z.string().trim().toUpperCase().min(1).max(40).default('RETAIL'),
        currency: CurrencyCodeSchema,
        amountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR).nullable(),
      })
      .strict(),
  })
  .strict();

export const ListFieldsResultSchema = z.object({
  id: z.number().int(),
  revision: z.number().int(),
  updatedAt: z.string(),
  price: MoneySchema.nullable(),
});

export const ProductIdSchema = z.object({ id: z.number().int().positive() }).strict();
export const ProductRefSchema = z
  .object({ id: z.number().int().positive(), revision: z.number().int().positive() })
  .strict();
export const ProductBySkuSchema = z.object({ sku: SkuSchema }).strict();

export const PriceListSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['retail', 'wholesale']),
  /** The currency its prices are usually given in; null: the company's base currency. */
  currency: z.string().nullable(),
});
export type PriceList = z.infer<typeof PriceListSchema>;

export const TagCountSchema = z.object({ tag: z.string(), count: z.number().int() });
