import { z } from 'zod';
import { PriceListSchema } from '../catalog/list.ts';
import { PriceListCreateSchema, PriceListUpdateSchema, ProductThumbnailSchema, ThumbnailsInputSchema } from '../catalog/priceLists.ts';
import { defineCall } from './define.ts';

/** Calls the catalog settings screens and the product list's thumbnail column add to catalog.ts. */
export const catalogSettingsCalls = {
  'catalog.priceLists.create': defineCall({
    input: PriceListCreateSchema,
    output: PriceListSchema,
    summary: 'Add a price list (retail or wholesale) with the currency its prices are usually given in.',
  }),
  'catalog.priceLists.update': defineCall({
    input: PriceListUpdateSchema,
    output: PriceListSchema,
    summary: 'Rename a price list or change its kind or currency; its code stays, as products and imports name it.',
  }),
  'products.thumbnails': defineCall({
    input: ThumbnailsInputSchema,
    output: z.array(ProductThumbnailSchema),
    summary: "The main image of each product asked for (a variant without one: its parent's), for the list's thumbnail column.",
  }),
};
