import type { ProductStatus } from '../../../shared/catalog/product.ts';

/** Badge colours of the product statuses, the same in the list and the editor. */
export const STATUS_COLORS: Record<ProductStatus, string> = {
  draft: 'gray',
  active: 'teal',
  archived: 'orange',
};
