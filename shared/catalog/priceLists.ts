import { z } from 'zod';
import { CurrencyCodeSchema } from '../company/profile.ts';
import { requiredText } from '../validation/zod.ts';

export const PRICE_LIST_KINDS = ['retail', 'wholesale'] as const;

/** Upper-cased, as products and imports name a list by it ("RETAIL", "WHOLESALE-EU"). */
export const PriceListCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z0-9][A-Z0-9_-]{0,29}$/.test(code), {
    error: 'A price list code is 1 to 30 letters A–Z, digits, - and _, such as RETAIL or WHOLESALE-EU.',
    params: { key: 'catalogSettings.priceLists.codeFormat' },
  });

const Currency = CurrencyCodeSchema.nullish().transform((v) => v ?? null);

export const PriceListCreateSchema = z
  .object({
    code: PriceListCodeSchema,
    name: requiredText(100),
    kind: z.enum(PRICE_LIST_KINDS),
    /** The currency its prices are usually in; null: the company's base currency. */
    currency: Currency,
  })
  .strict();
export type PriceListCreate = z.input<typeof PriceListCreateSchema>;

/**
 * The code stays: products, imports and marketplace mappings name a list by it, so renaming means
 * the name people read. Kind and currency may change; stored prices keep their own currency.
 */
export const PriceListUpdateSchema = z
  .object({
    id: z.number().int().positive(),
    name: requiredText(100).optional(),
    kind: z.enum(PRICE_LIST_KINDS).optional(),
    currency: CurrencyCodeSchema.nullable().optional(),
  })
  .strict();
export type PriceListUpdate = z.input<typeof PriceListUpdateSchema>;

export const ThumbnailsInputSchema = z.object({ ids: z.array(z.number().int().positive()).max(1000) }).strict();

export const ProductThumbnailSchema = z.object({
  productId: z.number().int(),
  /** The image to show: the product's main image, or for a variant without one its parent's. */
  imageId: z.number().int(),
});
export type ProductThumbnail = z.infer<typeof ProductThumbnailSchema>;
