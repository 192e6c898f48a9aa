import { z } from 'zod';
import {
  CategoryCreateSchema,
  CategorySchema,
  CategoryUpdateSchema,
} from '../catalog/category.ts';
import {
  AddImageSchema,
  GetImageSchema,
  ImageDataSchema,
  ProductImagesSchema,
  RemoveImageSchema,
  ReorderImagesSchema,
} from '../catalog/images.ts';
import { CatalogLanguagesSchema } from '../catalog/languages.ts';
import {
  BulkUpdateResultSchema,
  BulkUpdateSchema,
  ListFieldsResultSchema,
  LookupCodeSchema,
  LookupResultSchema,
  PriceListSchema,
  ProductBySkuSchema,
  ProductIdSchema,
  ProductListQuerySchema,
  ProductListSchema,
  ProductRefSchema,
  ProductSearchHitSchema,
  ProductSearchQuerySchema,
  SetStatusSchema,
  TagCountSchema,
  UpdateListFieldsSchema,
} from '../catalog/list.ts';
import {
  GenerateVariantsSchema,
  ProductInputSchema,
  ProductSchema,
  ProductUpdateSchema,
} from '../catalog/product.ts';
import { defineCall } from './define.ts';

const NoInput = z.object({}).strict();

export const catalogCalls = {
  'catalog.languages.get': defineCall({
    input: NoInput,
    output: CatalogLanguagesSchema,
    summary: 'The languages the catalog is written in, main language first (default en, fr, de, ar).',
  }),
  'catalog.languages.set': defineCall({
    input: CatalogLanguagesSchema,
    output: CatalogLanguagesSchema,
    summary: 'Choose the catalog languages; a language still used by a product or category text cannot be dropped.',
  }),
  'catalog.priceLists.list': defineCall({
    input: NoInput,
    output: z.array(PriceListSchema),
    summary: 'The price lists (RETAIL, WHOLESALE).',
  }),
  'catalog.tags.list': defineCall({
    input: z.object({ prefix: z.string().trim().max(50).optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(TagCountSchema),
    summary: 'Tags in use with their product counts, most used first; for tag pickers.',
  }),
  'catalog.categories.list': defineCall({
    input: NoInput,
    output: z.array(CategorySchema),
    summary: 'The category tree, flat and depth-first (parents before children, siblings by position).',
  }),
  'catalog.categories.create': defineCall({
    input: CategoryCreateSchema,
    output: CategorySchema,
    summary: 'Add a category under a parent (or at the top) with names per language and custom attributes.',
  }),
  'catalog.categories.update': defineCall({
    input: CategoryUpdateSchema,
    output: CategorySchema,
    summary: 'Rename, move or change the attributes of a category; moving under its own subcategory is refused.',
  }),
  'catalog.categories.delete': defineCall({
    input: z.object({ id: z.number().int().positive(), unfileProducts: z.boolean().default(false) }).strict(),
    output: z.object({ id: z.number().int(), productsUnfiled: z.number().int() }),
    summary: 'Delete a category without subcategories; one still holding products is refused unless unfileProducts leaves them without a category.',
  }),
  'products.list': defineCall({
    input: ProductListQuerySchema,
    output: ProductListSchema,
    summary: 'One page of products for the grid (offset, limit, sort, filters, search) and the total count.',
  }),
  'products.get': defineCall({
    input: ProductIdSchema,
    output: ProductSchema,
    summary: 'One product in full: texts, trade data, prices and tiers, minimum orders, options, variants, images.',
  }),
  'products.getBySku': defineCall({
    input: ProductBySkuSchema,
    output: ProductSchema,
    summary: 'One product by SKU, whatever the case.',
  }),
  'products.create': defineCall({
    input: ProductInputSchema,
    output: ProductSchema,
    summary: 'Create a product; the SKU and GTIN must be unused, whatever the case.',
  }),
  'products.update': defineCall({
    input: ProductUpdateSchema,
    output: ProductSchema,
    summary: 'Change the fields sent (each replaces the stored one as a whole); a stale revision answers CONFLICT.',
  }),
  'products.delete': defineCall({
    input: ProductRefSchema,
    output: z.object({ id: z.number().int() }),
    summary: 'Delete a product that has no variants and no stock history; archive it otherwise.',
  }),
  'products.setStatus': defineCall({
    input: SetStatusSchema,
    output: ProductSchema,
    summary: "Draft, activate or archive a product; a parent's variants follow it.",
  }),
  'products.bulkUpdate': defineCall({
    input: BulkUpdateSchema,
    output: BulkUpdateResultSchema,
    summary: 'Set the category or status, or change prices by a percentage with rounding, for many products at once: all or nothing.',
  }),
  'products.generateVariants': defineCall({
    input: GenerateVariantsSchema,
    output: z.object({ product: ProductSchema, created: z.number().int(), skipped: z.number().int() }),
    summary: 'Set the options of a product and create a variant for every missing combination (2048 at most).',
  }),
  'products.search': defineCall({
    input: ProductSearchQuerySchema,
    output: z.array(ProductSearchHitSchema),
    summary: 'Full-text search over SKU, GTIN, titles, descriptions and tags: prefixes, any accents, best first.',
  }),
  'products.lookupCode': defineCall({
    input: LookupCodeSchema,
    output: LookupResultSchema,
    summary: 'The product whose SKU or GTIN is exactly this code (a barcode scan), or null.',
  }),
  'products.updateListFields': defineCall({
    input: UpdateListFieldsSchema,
    output: ListFieldsResultSchema,
    summary: 'Inline edit from the grid: set the lowest-quantity price of one list and currency.',
  }),
  'products.addImage': defineCall({
    input: AddImageSchema,
    output: ProductImagesSchema,
    summary: 'Add a JPEG, PNG or WebP image (20 MB at most, 100×100 px at least); the first one becomes the main image.',
  }),
  'products.removeImage': defineCall({
    input: RemoveImageSchema,
    output: ProductImagesSchema,
    summary: 'Remove one image; the next one becomes the main image if it was.',
  }),
  'products.reorderImages': defineCall({
    input: ReorderImagesSchema,
    output: ProductImagesSchema,
    summary: "Put a product's images in a new order; the first is the main image.",
  }),
  'products.getImage': defineCall({
    input: GetImageSchema,
    output: ImageDataSchema,
    summary: 'The bytes of an image or of its 256 px WebP thumbnail, as base64.',
  }),
};
