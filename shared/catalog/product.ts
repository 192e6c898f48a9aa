import { z } from 'zod';
import { CountryCodeSchema, CurrencyCodeSchema } from '../company/profile.ts';
import type { FieldIssue } from '../errors.ts';
import { formatQuantity, MILLI, UNIT_CODES, UNITS, type Unit } from '../quantity.ts';
import { checkGtin } from '../validation/gtin.ts';
import { checkHsCode } from '../validation/hsCode.ts';
import type { Check } from '../validation/check.ts';
import { optionalText } from '../validation/zod.ts';

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
/** `simple`: sold as is; `parent`: has options and sells through its variants; `variant`: one combination. */
export const PRODUCT_KINDS = ['simple', 'parent', 'variant'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const SKU_MAX_LENGTH = 64;
/**
 * Letters, digits and . _ - / + (no spaces): a SKU is typed into marketplace forms, printed on
 * labels and passed to `kontor products show`, and all three choke on spaces and exotic letters.
 * ASCII also keeps "unique whatever the case" exact, since SQLite's NOCASE folds ASCII only.
 */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/+-]*$/;
export const TITLE_MAX_LENGTH = 500;
export const DESCRIPTION_MAX_LENGTH = 20_000;
export const TAG_MAX_LENGTH = 50;
export const MAX_TAGS = 30;
export const MAX_TIERS = 20;
/** 1,000 tonnes in grams, 1 km in millimetres: more than any exporter ships as one article. */
export const MAX_WEIGHT_G = 1_000_000_000;
export const MAX_LENGTH_MM = 1_000_000;
/** Amounts stay far below 2^53 so that a +1000 % bulk change still fits a safe integer. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;
export const MAX_QUANTITY_MILLI = 1_000_000_000_000;

/** A validator's answer as a zod issue carrying its translation key, like shared/validation/zod.ts. */
function nullableChecked(check: (value: string) => Check) {
  return z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (v === undefined || v === null || v === '') return null;
      const result = check(v);
      if (result.ok) return result.normalized;
      ctx.addIssue({ code: 'custom', message: result.message, params: { key: result.key, ...result.params } });
      return z.NEVER;
    });
}

export const SkuSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a SKU.' })
  .max(SKU_MAX_LENGTH, { error: `A SKU has at most ${SKU_MAX_LENGTH} characters.` })
  .refine((sku) => SKU_PATTERN.test(sku), {
    error: 'A SKU may contain letters A–Z, digits and . _ - / + only, and starts with a letter or digit (no spaces).',
    params: { key: 'validation.sku.format' },
  });

export const ProductStatusSchema = z.enum(PRODUCT_STATUSES);
export const UnitSchema = z.enum(UNIT_CODES as [Unit, ...Unit[]]);
export const GtinSchema = nullableChecked(checkGtin);
export const HsCodeSchema = nullableChecked(checkHsCode);

const LANGUAGE_KEY = z.string().regex(/^[a-z]{2,3}$/, { error: 'A language is a two- or three-letter ISO 639 code.' });

const TextInputSchema = z.object({
  title: z.string().trim().max(TITLE_MAX_LENGTH).nullish(),
  description: z.string().trim().max(DESCRIPTION_MAX_LENGTH).nullish(),
});

/**
 * Titles and descriptions by language. A language whose title and description are both blank is
 * left out, so a form may send every catalog language; a description without a title is refused.
 */
export const ProductTextsSchema = z.record(LANGUAGE_KEY, TextInputSchema).transform((texts, ctx) => {
  const out: Record<string, { title: string; description: string | null }> = {};
  for (const [language, text] of Object.entries(texts)) {
    const title = text.title ?? '';
    const description = text.description ?? '';
    if (title === '' && description === '') continue;
    if (title === '') {
      ctx.addIssue({
        code: 'custom',
        path: [language, 'title'],
        message: `Give a title in ${language} for the description written in ${language}.`,
        params: { key: 'catalog.text.titleRequired', language },
      });
      continue;
    }
    out[language] = { title, description: description === '' ? null : description };
  }
  return out;
});
export type ProductTexts = z.output<typeof ProductTextsSchema>;

/** Tags as people type them, trimmed, the same tag in another case kept once (first spelling). */
export const TagsSchema = z
  .array(z.string().trim().min(1, { error: 'A tag cannot be empty.' }).max(TAG_MAX_LENGTH))
  .max(MAX_TAGS)
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((tag) => {
      const folded = tag.toLowerCase();
      if (seen.has(folded)) return false;
      seen.add(folded);
      return true;
    });
  });

export const AttributeValueSchema = z.union([z.string().trim().max(500), z.number(), z.boolean()]);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

export const MoneyInputSchema = z.object({
  amountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
  currency: CurrencyCodeSchema,
});

const PriceListCodeSchema = z.string().trim().toUpperCase().min(1).max(40);

export const PriceTierSchema = z.object({
  /** From this quantity (milli-units) upwards this unit price applies; 1000 = from one unit. */
  minQuantityMilli: z.number().int().min(1).max(MAX_QUANTITY_MILLI),
  amountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
});

export const ProductPriceInputSchema = z
  .object({
    priceList: PriceListCodeSchema,
    currency: CurrencyCodeSchema,
    tiers: z.array(PriceTierSchema).min(1, { error: 'Give at least one price.' }).max(MAX_TIERS),
  })
  .superRefine((price, ctx) => {
    const seen = new Set<number>();
    price.tiers.forEach((tier, index) => {
      if (seen.has(tier.minQuantityMilli)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'minQuantityMilli'],
          message: `Two ${price.priceList} ${price.currency} prices start at the same quantity ${formatQuantity(tier.minQuantityMilli)}.`,
          params: { key: 'catalog.price.tierDuplicate', quantity: formatQuantity(tier.minQuantityMilli) },
        });
      }
      seen.add(tier.minQuantityMilli);
    });
  })
  // Stored and answered from the smallest quantity up, whatever order the form sent.
  .transform((price) => ({ ...price, tiers: [...price.tiers].sort((a, b) => a.minQuantityMilli - b.minQuantityMilli) }));

export const PricesSchema = z.array(ProductPriceInputSchema).max(50).superRefine((prices, ctx) => {
  const seen = new Set<string>();
  prices.forEach((price, index) => {
    const key = `${price.priceList}/${price.currency}`;
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'currency'],
        message: `The ${price.priceList} price list has two ${price.currency} price rows; merge their tiers into one.`,
        params: { key: 'catalog.price.duplicate', priceList: price.priceList, currency: price.currency },
      });
    }
    seen.add(key);
  });
});

export const MinimumOrderSchema = z.object({
  priceList: PriceListCodeSchema,
  quantityMilli: z.number().int().min(1).max(MAX_QUANTITY_MILLI),
});

export const MinimumOrdersSchema = z.array(MinimumOrderSchema).max(20).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (seen.has(rule.priceList)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'priceList'],
        message: `The ${rule.priceList} price list has two minimum order quantities.`,
        params: { key: 'catalog.moq.duplicate', priceList: rule.priceList },
      });
    }
    seen.add(rule.priceList);
  });
});

const weight = () => z.number().int().min(0).max(MAX_WEIGHT_G).nullish().transform((v) => v ?? null);
const length = () => z.number().int().min(0).max(MAX_LENGTH_MM).nullish().transform((v) => v ?? null);

/**
 * The editable fields of a product, each optional and without defaults: `products.update` sends
 * only what changed, and `products.create` fills the rest with the defaults of `PRODUCT_DEFAULTS`.
 */
const productFields = {
  status: ProductStatusSchema,
  texts: ProductTextsSchema,
  categoryId: z.number().int().positive().nullable(),
  brand: optionalText(120),
  tags: TagsSchema,
  unit: UnitSchema,
  gtin: GtinSchema,
  hsCode: HsCodeSchema,
  originCountry: CountryCodeSchema.nullable(),
  netWeightG: weight(),
  grossWeightG: weight(),
  lengthMm: length(),
  widthMm: length(),
  heightMm: length(),
  costPrice: MoneyInputSchema.nullable(),
  prices: PricesSchema,
  minimumOrders: MinimumOrdersSchema,
  attributes: z.record(z.string().trim().min(1).max(40), AttributeValueSchema),
};

export const ProductInputSchema = z
  .object({ sku: SkuSchema, ...productFields })
  .partial()
  .required({ sku: true, texts: true })
  .strict();
export type ProductInput = z.input<typeof ProductInputSchema>;
export type ProductInputData = z.output<typeof ProductInputSchema>;

export const ProductUpdateSchema = z
  .object({
    id: z.number().int().positive(),
    /** The revision the editor started from; a different stored revision answers CONFLICT. */
    revision: z.number().int().positive(),
    sku: SkuSchema,
    ...productFields,
  })
  .partial()
  .required({ id: true, revision: true })
  .strict();
export type ProductUpdate = z.input<typeof ProductUpdateSchema>;
export type ProductUpdateData = z.output<typeof ProductUpdateSchema>;

/** Every field of a product after defaults, as the core validates and stores it. */
export interface ProductFields {
  sku: string;
  status: ProductStatus;
  texts: ProductTexts;
  categoryId: number | null;
  brand: string | null;
  tags: string[];
  unit: Unit;
  gtin: string | null;
  hsCode: string | null;
  originCountry: string | null;
  netWeightG: number | null;
  grossWeightG: number | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  costPrice: { amountMinor: number; currency: string } | null;
  prices: { priceList: string; currency: string; tiers: { minQuantityMilli: number; amountMinor: number }[] }[];
  minimumOrders: { priceList: string; quantityMilli: number }[];
  attributes: Record<string, AttributeValue>;
}

export const PRODUCT_DEFAULTS: Omit<ProductFields, 'sku' | 'texts'> = {
  status: 'draft',
  categoryId: null,
  brand: null,
  tags: [],
  unit: 'pcs',
  gtin: null,
  hsCode: null,
  originCountry: null,
  netWeightG: null,
  grossWeightG: null,
  lengthMm: null,
  widthMm: null,
  heightMm: null,
  costPrice: null,
  prices: [],
  minimumOrders: [],
  attributes: {},
};

/**
 * Rules that tie fields together, for the form and the core alike: a title, gross weight at least
 * the net weight, quantities that the unit allows, and price tiers that cover the minimum order.
 */
export function productRuleIssues(p: ProductFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (Object.keys(p.texts).length === 0) {
    issues.push({ path: 'texts', key: 'catalog.text.required', message: 'Give the product a title in at least one language.' });
  }
  if (p.netWeightG !== null && p.grossWeightG !== null && p.grossWeightG < p.netWeightG) {
    issues.push({
      path: 'grossWeightG',
      key: 'catalog.weight.grossBelowNet',
      message: `The gross weight (${p.grossWeightG} g) is less than the net weight (${p.netWeightG} g); gross includes the packaging.`,
      params: { gross: p.grossWeightG, net: p.netWeightG },
    });
  }
  const step = MILLI / 10 ** UNITS[p.unit].decimals;
  const checkQuantity = (path: string, milli: number): void => {
    if (milli % step === 0) return;
    issues.push({
      path,
      key: 'catalog.quantity.decimals',
      message: `${formatQuantity(milli)} ${p.unit} has more decimals than the unit ${p.unit} allows (${UNITS[p.unit].decimals}).`,
      params: { quantity: formatQuantity(milli), unit: p.unit, decimals: UNITS[p.unit].decimals },
    });
  };
  p.prices.forEach((price, i) => price.tiers.forEach((tier, j) => checkQuantity(`prices.${i}.tiers.${j}.minQuantityMilli`, tier.minQuantityMilli)));
  p.minimumOrders.forEach((rule, i) => {
    checkQuantity(`minimumOrders.${i}.quantityMilli`, rule.quantityMilli);
    p.prices.forEach((price, j) => {
      const first = price.tiers[0];
      if (price.priceList !== rule.priceList || !first || first.minQuantityMilli <= rule.quantityMilli) return;
      issues.push({
        path: `prices.${j}.tiers.0.minQuantityMilli`,
        key: 'catalog.price.tierAboveMinimumOrder',
        message:
          `The first ${price.priceList} ${price.currency} price starts at ${formatQuantity(first.minQuantityMilli)} ${p.unit} ` +
          `but the minimum order is ${formatQuantity(rule.quantityMilli)}: an order of the minimum would have no price.`,
        params: { priceList: price.priceList, currency: price.currency },
      });
    });
  });
  return issues;
}

// ---- What the core answers -------------------------------------------------------------------

export const MoneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const ProductPriceSchema = z.object({
  priceList: z.string(),
  currency: z.string(),
  tiers: z.array(z.object({ minQuantityMilli: z.number().int(), amountMinor: z.number().int() })),
});
export type ProductPrice = z.infer<typeof ProductPriceSchema>;

export const ProductOptionSchema = z.object({ name: z.string(), values: z.array(z.string()) });
export type ProductOption = z.infer<typeof ProductOptionSchema>;

export const ImageMetaSchema = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  /** 0 is the main image. */
  position: z.number().int(),
  isMain: z.boolean(),
  sha256: z.string(),
  mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  originalName: z.string().nullable(),
  createdAt: z.string(),
});
export type ImageMeta = z.infer<typeof ImageMetaSchema>;

export const VariantSummarySchema = z.object({
  id: z.number().int(),
  sku: z.string(),
  gtin: z.string().nullable(),
  status: ProductStatusSchema,
  optionValues: z.record(z.string(), z.string()),
  prices: z.array(ProductPriceSchema),
  /** Summed over warehouses from the stock ledger's levels. */
  onHandMilli: z.number().int(),
  mainImageId: z.number().int().nullable(),
  revision: z.number().int(),
});
export type VariantSummary = z.infer<typeof VariantSummarySchema>;

const TextOutSchema = z.record(z.string(), z.object({ title: z.string(), description: z.string().nullable() }));

export const ProductSchema = z.object({
  id: z.number().int(),
  sku: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  parentId: z.number().int().nullable(),
  status: ProductStatusSchema,
  /** A variant's own texts; usually empty, as a variant shows its parent's title and option values. */
  texts: TextOutSchema,
  categoryId: z.number().int().nullable(),
  brand: z.string().nullable(),
  tags: z.array(z.string()),
  unit: UnitSchema,
  gtin: z.string().nullable(),
  hsCode: z.string().nullable(),
  originCountry: z.string().nullable(),
  netWeightG: z.number().int().nullable(),
  grossWeightG: z.number().int().nullable(),
  lengthMm: z.number().int().nullable(),
  widthMm: z.number().int().nullable(),
  heightMm: z.number().int().nullable(),
  costPrice: MoneySchema.nullable(),
  prices: z.array(ProductPriceSchema),
  minimumOrders: z.array(z.object({ priceList: z.string(), quantityMilli: z.number().int() })),
  attributes: z.record(z.string(), AttributeValueSchema),
  /** A parent's options, in order (Size, Colour); empty for other kinds. */
  options: z.array(ProductOptionSchema),
  /** A variant's value for each option of its parent; null for other kinds. */
  optionValues: z.record(z.string(), z.string()).nullable(),
  /** A variant's parent, so the editor can show the inherited title. */
  parent: z.object({ id: z.number().int(), sku: z.string(), texts: TextOutSchema }).nullable(),
  variants: z.array(VariantSummarySchema),
  images: z.array(ImageMetaSchema),
  onHandMilli: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int(),
});
export type Product = z.infer<typeof ProductSchema>;

// ---- Variants ----------------------------------------------------------------------------------

/** Shopify's limit since 2024; a larger grid is almost always a typo in a value list. */
export const MAX_VARIANTS = 2048;
export const MAX_OPTIONS = 3;

const OptionValueSchema = z
  .string()
  .trim()
  .min(1, { error: 'An option value cannot be empty.' })
  .max(40);

export const OptionInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'Name the option, e.g. Size.' }).max(40),
    values: z.array(OptionValueSchema).min(1, { error: 'Give the option at least one value.' }).max(MAX_VARIANTS),
  })
  .superRefine((option, ctx) => {
    const seen = new Set<string>();
    option.values.forEach((value, index) => {
      const folded = value.toLowerCase();
      if (seen.has(folded)) {
        ctx.addIssue({
          code: 'custom',
          path: ['values', index],
          message: `The option ${option.name} lists the value "${value}" twice.`,
          params: { key: 'catalog.option.valueDuplicate', option: option.name, value },
        });
      }
      seen.add(folded);
    });
  });

export const GenerateVariantsSchema = z
  .object({
    productId: z.number().int().positive(),
    revision: z.number().int().positive(),
    options: z.array(OptionInputSchema).min(1).max(MAX_OPTIONS, { error: `A product has at most ${MAX_OPTIONS} options.` }),
  })
  .strict()
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.options.forEach((option, index) => {
      const folded = option.name.toLowerCase();
      if (seen.has(folded)) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', index, 'name'],
          message: `The option ${option.name} is listed twice.`,
          params: { key: 'catalog.option.duplicate', option: option.name },
        });
      }
      seen.add(folded);
    });
    const combinations = input.options.reduce((n, option) => n * option.values.length, 1);
    if (combinations > MAX_VARIANTS) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `These options make ${combinations} combinations; a product has at most ${MAX_VARIANTS} variants.`,
        params: { key: 'catalog.variants.tooMany', combinations, maximum: MAX_VARIANTS },
      });
    }
  });
export type GenerateVariantsInput = z.input<typeof GenerateVariantsSchema>;

/**
 * One variant's SKU: the parent's, then each value upper-cased, accents dropped, anything else
 * than A–Z and 0–9 as "-": `RUG-BO` + (Large, Bleu nuit) → `RUG-BO-LARGE-BLEU-NUIT`.
 */
export function variantSku(parentSku: string, parts: readonly string[]): string {
  return [parentSku, ...parts].join('-');
}

/**
 * "100 ml" → "100-ML", "Bleu nuit" → "BLEU-NUIT", "Ø 30 cm" → "30-CM". A value with no Latin
 * letter or digit (Arabic "أزرق") becomes "V" and its 1-based place in the option's value list.
 */
export function skuPart(value: string, index: number): string {
  const slug = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? `V${index + 1}` : slug;
}
