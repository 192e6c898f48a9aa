import { z } from 'zod';
import { ImageMetaSchema } from './product.ts';

export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];
/** Marketplaces take up to 10–20 MB; more is a camera original that nobody should upload as is. */
export const IMAGE_MAX_BYTES = 20 * 1024 * 1024;
/** Below this a product photo is unusable on any marketplace (Amazon asks for 500 px and up). */
export const IMAGE_MIN_SIDE = 100;
/** The long side of a thumbnail; WebP. */
export const THUMB_SIZE = 256;
export const MAX_IMAGES_PER_PRODUCT = 50;

export const AddImageSchema = z
  .object({
    productId: z.number().int().positive(),
    fileName: z.string().trim().min(1).max(255),
    dataBase64: z
      .string()
      .refine((s) => s.length <= Math.ceil(IMAGE_MAX_BYTES / 3) * 4, {
        error: 'The image is larger than 20 MB.',
        params: { key: 'catalog.image.tooLarge' },
        abort: true,
      })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'The image data is not base64.' }),
  })
  .strict();
export type AddImage = z.input<typeof AddImageSchema>;

export const RemoveImageSchema = z.object({ id: z.number().int().positive() }).strict();

export const ReorderImagesSchema = z
  .object({
    productId: z.number().int().positive(),
    /** Every image of the product, in the new order; the first becomes the main image. */
    imageIds: z.array(z.number().int().positive()).max(MAX_IMAGES_PER_PRODUCT),
  })
  .strict();

export const GetImageSchema = z
  .object({ id: z.number().int().positive(), size: z.enum(['thumb', 'full']).default('thumb') })
  .strict();

export const ImageDataSchema = z.object({
  mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  width: z.number().int(),
  height: z.number().int(),
  dataBase64: z.string(),
});

/** What every image change answers: the product's images in order and its new revision. */
export const ProductImagesSchema = z.object({
  productId: z.number().int(),
  revision: z.number().int(),
  images: z.array(ImageMetaSchema),
});
export type ProductImages = z.infer<typeof ProductImagesSchema>;
