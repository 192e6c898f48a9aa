import type { ProductListQuery, ProductListRow, ProductSortField } from '../../../shared/catalog/list.ts';
import type { ProductStatus } from '../../../shared/catalog/product.ts';
import type { Level } from '../../../shared/stock/schemas.ts';

/**
 * The product list's filters and columns, and how they become a products.list query. DOM-free,
 * so tests/renderer check the mapping; the screen is ProductList.tsx.
 */

export interface ListFilters {
  search: string;
  status: ProductStatus[];
  /** A category id, 'none' for products without one, or null for all. */
  category: string | null;
  tag: string | null;
  /** Whether variants are rows of their own (else parents stand for them). */
  showVariants: boolean;
  /** The warehouse whose reorder points the list shows and edits. */
  warehouse: string;
  priceList: string;
  currency: string;
}

/**
 * A row of the grid: the product, its level in the chosen warehouse (null: no stock, no rule) and
 * the image its thumbnail shows (null: none).
 */
export type ProductRow = ProductListRow & { level: Level | null; thumbnailId: number | null };

/** The grid's columns that can be shown or hidden, in order. */
export const PRODUCT_COLUMNS = ['thumbnail', 'sku', 'title', 'status', 'category', 'gtin', 'unit', 'price', 'onHand', 'reorderPoint', 'updated'] as const;
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];
export const DEFAULT_HIDDEN: readonly ProductColumn[] = ['unit', 'updated'];
export const ALWAYS_SHOWN: readonly ProductColumn[] = ['sku'];

/** Which sort field a column header sorts by (those missing cannot sort: the server has no index for them). */
export const SORT_FIELD_OF: Partial<Record<ProductColumn, ProductSortField>> = {
  sku: 'sku',
  title: 'title',
  status: 'status',
  price: 'price',
  onHand: 'onHand',
  updated: 'updated',
};

export interface ListSorting {
  id: string;
  desc: boolean;
}

/**
 * The query for `filters` and the grid's sorting (without offset and limit). No column sorted means
 * best match first while searching, else SKU order.
 */
export function listQuery(filters: ListFilters, sorting: readonly ListSorting[], language: string | undefined): Omit<ProductListQuery, 'offset' | 'limit'> {
  const first = sorting[0];
  const field = first ? SORT_FIELD_OF[first.id as ProductColumn] : undefined;
  const search = filters.search.trim();
  const query: Omit<ProductListQuery, 'offset' | 'limit'> = {
    sort: field ? { field, direction: first?.desc ? 'desc' : 'asc' } : { field: search === '' ? 'sku' : 'relevance', direction: 'asc' },
    visibility: filters.showVariants ? 'all' : 'top',
    priceList: filters.priceList,
    currency: filters.currency,
  };
  if (search !== '') query.search = search;
  if (filters.status.length > 0) query.status = [...filters.status];
  if (filters.category === 'none') query.uncategorised = true;
  else if (filters.category !== null) query.categoryId = Number(filters.category);
  if (filters.tag !== null) query.tag = filters.tag;
  if (language !== undefined) query.language = language;
  return query;
}

/** The list's price list, currency and warehouse as stored (localStorage); what does not read as such is left out. */
export function parseListSettings(stored: string | null): Partial<Pick<ListFilters, 'priceList' | 'currency' | 'warehouse'>> {
  if (stored === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    // Not JSON (edited by hand, or an older format): the defaults, rather than a broken list.
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const out: Partial<Pick<ListFilters, 'priceList' | 'currency' | 'warehouse'>> = {};
  for (const key of ['priceList', 'currency', 'warehouse'] as const) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && /^[A-Z0-9._-]{1,40}$/.test(v)) out[key] = v;
  }
  return out;
}

/** The hidden columns as stored (localStorage), ignoring anything that is not a known column. */
export function parseHiddenColumns(stored: string | null): ProductColumn[] {
  if (stored === null) return [...DEFAULT_HIDDEN];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [...DEFAULT_HIDDEN];
    return PRODUCT_COLUMNS.filter((c) => value.includes(c) && !ALWAYS_SHOWN.includes(c));
  } catch {
    // Not JSON (edited by hand, or an older format): start from the defaults rather than fail.
    return [...DEFAULT_HIDDEN];
  }
}

/**
 * Selection by Shift: the rows between the anchor and `index` (both included) join the selection;
 * Ctrl/⌘ or Space toggles one row. Answers the indexes to add, or the one to toggle.
 */
export function rangeBetween(anchor: number | null, index: number): { from: number; to: number } {
  if (anchor === null) return { from: index, to: index };
  return { from: Math.min(anchor, index), to: Math.max(anchor, index) };
}
