import { formatAmount } from '../../../../shared/money.ts';
import type { ImageSource, ListingSource } from '../types.ts';

export interface WooProduct {
  name: string;
  type: 'simple' | 'variable';
  status: 'publish' | 'draft' | 'private';
  sku: string;
  description: string;
  regular_price?: string;
  manage_stock: boolean;
  stock_quantity?: number;
  categories?: { id: number }[];
  tags: { name: string }[];
  attributes?: { name: string; position: number; visible: boolean; variation: boolean; options: string[] }[];
  weight?: string;
  /** WordPress attachment ids, the first the featured image; filled in by the session once the images are in the media library. */
  images?: { id: number }[];
}

export interface WooVariation {
  sku: string;
  regular_price: string;
  manage_stock: boolean;
  stock_quantity: number;
  attributes: { name: string; option: string }[];
  weight?: string;
  image?: { id: number };
}

export interface WooPayload {
  product: WooProduct;
  /** Null for a simple product. */
  variations: WooVariation[] | null;
  /** The product's gallery, main image first. */
  images: ImageSource[];
  /** Per variation SKU, its own image. */
  variationImages: Record<string, ImageSource>;
}

/** Grams as WooCommerce's default weight unit (kg), as text. */
const kg = (grams: number | null): { weight?: string } => (grams === null ? {} : { weight: (grams / 1000).toString() });

export function mapToWoo(listing: ListingSource): WooPayload {
  const category = listing.remoteCategory === null ? {} : { categories: [{ id: Number(listing.remoteCategory) }] };
  const base = {
    name: listing.title ?? '',
    status: listing.status === 'active' ? ('publish' as const) : ('draft' as const),
    sku: listing.sku,
    description: listing.description ?? '',
    manage_stock: true,
    tags: listing.tags.map((name) => ({ name })),
    ...category,
  };
  if (listing.kind === 'simple') {
    const only = listing.variants[0];
    return {
      product: {
        ...base,
        type: 'simple',
        regular_price: only ? formatAmount(only.priceMinor ?? 0, only.currency) : '',
        stock_quantity: only?.quantity ?? 0,
        ...kg(only?.weightG ?? null),
      },
      variations: null,
      images: listing.images,
      variationImages: {},
    };
  }
  return {
    product: {
      ...base,
      // A variable product's stock is its variations'.
      manage_stock: false,
      type: 'variable',
      attributes: listing.options.map((o, i) => ({ name: o.name, position: i, visible: true, variation: true, options: o.values })),
    },
    variations: listing.variants.map((v) => ({
      sku: v.sku,
      regular_price: formatAmount(v.priceMinor ?? 0, v.currency),
      manage_stock: true,
      stock_quantity: v.quantity,
      attributes: listing.options.map((o) => ({ name: o.name, option: v.optionValues[o.name] ?? '' })),
      ...kg(v.weightG),
    })),
    images: listing.images,
    variationImages: Object.fromEntries(listing.variants.filter((v) => v.image).map((v) => [v.sku, v.image as ImageSource])),
  };
}
