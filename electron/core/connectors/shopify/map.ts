import { formatAmount } from '../../../../shared/money.ts';
import type { ImageSource, ListingSource } from '../types.ts';
import { handleForSku } from './handle.ts';

/** What Kontor sends for one product: productSet's input and identifier, and quantities set once the location is known. */
export interface ShopifyPayload {
  input: ProductSetInput;
  identifier: { handle: string };
  /** Per variant SKU, whole units; turned into `inventoryQuantities` at the account's location. */
  quantities: Record<string, number>;
  /**
   * Every image, the product's own in order (main first) and then the variants' own: productSet's
   * `files`, whose ids the session fills in once the images are in the shop (a variant's `file`
   * must be one of the product's files too).
   */
  images: ImageSource[];
  /** Per variant SKU, the SHA-256 of its own image. */
  variantImages: Record<string, string>;
}

export interface ProductSetInput {
  title: string;
  handle: string;
  descriptionHtml: string;
  vendor?: string;
  productType?: string;
  tags: string[];
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  productOptions: { name: string; position: number; values: { name: string }[] }[];
  variants: VariantSetInput[];
}

export interface VariantSetInput {
  optionValues: { optionName: string; name: string }[];
  sku: string;
  price: string;
  barcode?: string;
  inventoryItem: { tracked: boolean };
  inventoryQuantities?: { locationId: string; name: 'available'; quantity: number }[];
}

/** A product without options still has one variant on Shopify, under its "Title" option. */
const DEFAULT_OPTION = 'Title';
const DEFAULT_VALUE = 'Default Title';

export function mapToProductSet(listing: ListingSource): ShopifyPayload {
  const handle = handleForSku(listing.sku);
  const simple = listing.kind === 'simple' || listing.options.length === 0;
  const productOptions = simple
    ? [{ name: DEFAULT_OPTION, position: 1, values: [{ name: DEFAULT_VALUE }] }]
    : listing.options.map((o, i) => ({ name: o.name, position: i + 1, values: o.values.map((name) => ({ name })) }));
  const quantities: Record<string, number> = {};
  const images = [...listing.images];
  const variantImages: Record<string, string> = {};
  for (const v of listing.variants) {
    if (!v.image) continue;
    variantImages[v.sku] = v.image.sha256;
    if (!images.some((i) => i.sha256 === v.image?.sha256)) images.push(v.image);
  }
  const variants = listing.variants.map((v): VariantSetInput => {
    quantities[v.sku] = v.quantity;
    return {
      optionValues: simple
        ? [{ optionName: DEFAULT_OPTION, name: DEFAULT_VALUE }]
        : listing.options.map((o) => ({ optionName: o.name, name: v.optionValues[o.name] ?? '' })),
      sku: v.sku,
      price: formatAmount(v.priceMinor ?? 0, v.currency),
      ...(v.gtin ? { barcode: v.gtin } : {}),
      inventoryItem: { tracked: true },
    };
  });
  return {
    identifier: { handle },
    quantities,
    images,
    variantImages,
    input: {
      title: listing.title ?? '',
      handle,
      descriptionHtml: textToHtml(listing.description ?? ''),
      ...(listing.brand ? { vendor: listing.brand } : {}),
      ...(listing.remoteCategory ? { productType: listing.remoteCategory } : {}),
      tags: listing.tags,
      status: listing.status === 'active' ? 'ACTIVE' : listing.status === 'archived' ? 'ARCHIVED' : 'DRAFT',
      productOptions,
      variants,
    },
  };
}

/** Kontor descriptions are plain text: escaped, paragraphs kept. */
export function textToHtml(text: string): string {
  if (text.trim() === '') return '';
  const escape = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replaceAll('\n', '<br>')}</p>`)
    .join('');
}
