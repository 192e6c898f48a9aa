import { z } from 'zod';

/**
 * What a column of a spreadsheet becomes in Kontor: a "target", written as one string so that a
 * mapping is a plain header → target table that can be shown in a select and saved as a template.
 *
 *   sku, parentSku, handle, kind, status, category, brand, tags, unit, gtin, hsCode, originCountry,
 *   costPrice, costCurrency, images, option1Name … option3Value
 *   title:fr, description:de                       texts per catalog language
 *   price:RETAIL:EUR, price:RETAIL                 a price list in a currency (else the default one)
 *   moq:WHOLESALE                                  minimum order quantity of a price list
 *   netWeight:kg, grossWeight:g, length:cm …      measures with the unit the column is in
 *   attribute:material                             a category attribute
 */
export const SIMPLE_TARGETS = [
  'sku',
  'parentSku',
  'handle',
  'kind',
  'status',
  'category',
  'brand',
  'tags',
  'unit',
  'gtin',
  'hsCode',
  'originCountry',
  'costPrice',
  'costCurrency',
  'images',
  'option1Name',
  'option1Value',
  'option2Name',
  'option2Value',
  'option3Name',
  'option3Value',
] as const;
export type SimpleTarget = (typeof SIMPLE_TARGETS)[number];

export const WEIGHT_TARGETS = ['netWeight', 'grossWeight'] as const;
export const LENGTH_TARGETS = ['length', 'width', 'height'] as const;
export const IMPORT_WEIGHT_UNITS = ['g', 'kg', 'oz', 'lb'] as const;
export const IMPORT_LENGTH_UNITS = ['mm', 'cm', 'm', 'in', 'ft'] as const;

export type Target =
  | { kind: 'simple'; field: SimpleTarget }
  | { kind: 'text'; field: 'title' | 'description'; language: string }
  | { kind: 'price'; priceList: string; currency: string | null }
  | { kind: 'moq'; priceList: string }
  | { kind: 'weight'; field: (typeof WEIGHT_TARGETS)[number]; unit: (typeof IMPORT_WEIGHT_UNITS)[number] }
  | { kind: 'length'; field: (typeof LENGTH_TARGETS)[number]; unit: (typeof IMPORT_LENGTH_UNITS)[number] }
  | { kind: 'attribute'; code: string };

const includes = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** The structured form of a target string, or null for one Kontor does not know. */
export function parseTarget(target: string): Target | null {
  if (includes(SIMPLE_TARGETS, target)) return { kind: 'simple', field: target };
  const [head = '', a, b, ...rest] = target.split(':');
  if (rest.length > 0) return null;
  if ((head === 'title' || head === 'description') && a && /^[a-z]{2,3}$/.test(a) && b === undefined) return { kind: 'text', field: head, language: a };
  if (head === 'price' && a && /^[A-Z0-9_-]{1,40}$/.test(a) && (b === undefined || /^[A-Z]{3}$/.test(b))) return { kind: 'price', priceList: a, currency: b ?? null };
  if (head === 'moq' && a && /^[A-Z0-9_-]{1,40}$/.test(a) && b === undefined) return { kind: 'moq', priceList: a };
  if (includes(WEIGHT_TARGETS, head) && a && includes(IMPORT_WEIGHT_UNITS, a) && b === undefined) return { kind: 'weight', field: head, unit: a };
  if (includes(LENGTH_TARGETS, head) && a && includes(IMPORT_LENGTH_UNITS, a) && b === undefined) return { kind: 'length', field: head, unit: a };
  if (head === 'attribute' && a && /^[a-z][a-z0-9_]*$/.test(a) && b === undefined) return { kind: 'attribute', code: a };
  return null;
}

export const TargetSchema = z.string().refine((t) => parseTarget(t) !== null, {
  error: 'Not a field Kontor can import into.',
  params: { key: 'imports.mapping.unknownTarget' },
});

/** One column of the file and what it becomes (null: ignored). */
export const ColumnMappingSchema = z.object({ header: z.string().max(500), target: TargetSchema.nullable() });
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export const ImportOptionsSchema = z.object({
  /** The currency of price columns that do not name one ("Price", "Regular price"). */
  defaultCurrency: z.string().regex(/^[A-Z]{3}$/),
  /** The language of text columns that do not name one ("Title", "Beschreibung"). */
  defaultLanguage: z.string().regex(/^[a-z]{2,3}$/),
});
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/** A mapping is by column position (headers may repeat); a template matches columns by header. */
export const MappingSchema = z.object({
  columns: z.array(ColumnMappingSchema).max(500),
  options: ImportOptionsSchema,
});
export type Mapping = z.infer<typeof MappingSchema>;

export const PROFILES = ['kontor', 'shopify', 'woocommerce', 'generic'] as const;
export type Profile = (typeof PROFILES)[number];
