import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { SharpConstructor } from 'sharp';
import {
  IMAGE_MAX_BYTES,
  IMAGE_MIN_SIDE,
  MAX_IMAGES_PER_PRODUCT,
  THUMB_SIZE,
  type ImageMimeType,
  type ProductImages,
} from '../../../shared/catalog/images.ts';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import { nowIso, notFound, writeTransaction, type Db } from './db.ts';
import { readImages } from './products.ts';

const EXTENSIONS: Record<ImageMimeType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Where an image lives: `<dataDir>/media/products/ab/abcdef….jpg`, named by the SHA-256 of its bytes. */
export function imagePath(dataDir: string, sha256: string, mimeType: ImageMimeType): string {
  return join(dataDir, 'media', 'products', sha256.slice(0, 2), `${sha256}.${EXTENSIONS[mimeType]}`);
}

/** Its thumbnail: `<dataDir>/media/thumbs/ab/abcdef….webp`, 256 px on the long side. */
export function thumbPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'media', 'thumbs', sha256.slice(0, 2), `${sha256}.webp`);
}

/** The bytes decide the type, never the file name: a renamed GIF or PDF is refused. */
export function sniffImageType(bytes: Uint8Array): ImageMimeType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

let sharpModule: Promise<SharpConstructor> | undefined;

/**
 * sharp (libvips) loads on the first image, not at start-up: its native libraries cost tens of
 * milliseconds that a window showing the dashboard should not wait for.
 */
function loadSharp(): Promise<SharpConstructor> {
  sharpModule ??= import('sharp').then((m): SharpConstructor => m.default);
  return sharpModule;
}

function invalid(key: string, message: string, params?: Record<string, string | number>): ValidationError {
  return new ValidationError([{ path: 'dataBase64', key, message, ...(params ? { params } : {}) }]);
}

export interface CheckedImage {
  bytes: Buffer;
  mimeType: ImageMimeType;
  width: number;
  height: number;
  thumb: Buffer;
  sha256: string;
}

/** Size, real type, decodability and minimum dimensions; makes the thumbnail. Nothing is written. */
function checkImage(fileName: string, dataBase64: string): Promise<CheckedImage> {
  return checkImageBytes(fileName, Buffer.from(dataBase64, 'base64'));
}

/** As checkImage, for bytes read from a file or a download (catalog imports). Throws ValidationError. */
export async function checkImageBytes(fileName: string, bytes: Buffer): Promise<CheckedImage> {
  if (bytes.length === 0) throw invalid('catalog.image.empty', `${fileName} is empty.`, { fileName });
  if (bytes.length > IMAGE_MAX_BYTES) {
    throw invalid('catalog.image.tooLarge', `${fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; an image may have 20 MB at most.`, {
      fileName,
      bytes: bytes.length,
    });
  }
  const mimeType = sniffImageType(bytes);
  if (mimeType === null) {
    throw invalid('catalog.image.type', `${fileName} is not a JPEG, PNG or WebP image (judged by its content, not its name).`, { fileName });
  }
  const sharp = await loadSharp();
  let width: number;
  let height: number;
  let thumb: Buffer;
  try {
    const metadata = await sharp(bytes).metadata();
    // EXIF orientations 5–8 turn the picture a quarter: what people see has width and height swapped.
    const turned = (metadata.orientation ?? 1) >= 5;
    width = (turned ? metadata.height : metadata.width) ?? 0;
    height = (turned ? metadata.width : metadata.height) ?? 0;
    thumb = await sharp(bytes)
      .rotate()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
  } catch (error) {
    // libvips refuses truncated or corrupt files here; to the person that is a bad file, not a bug.
    throw invalid(
      'catalog.image.unreadable',
      `${fileName} looks like a ${EXTENSIONS[mimeType].toUpperCase()} but cannot be read (${error instanceof Error ? error.message : String(error)}).`,
      { fileName },
    );
  }
  if (width < IMAGE_MIN_SIDE || height < IMAGE_MIN_SIDE) {
    throw invalid(
      'catalog.image.tooSmall',
      `${fileName} is ${width}×${height} px; a product image needs at least ${IMAGE_MIN_SIDE}×${IMAGE_MIN_SIDE} px.`,
      { fileName, width, height, minimum: IMAGE_MIN_SIDE },
    );
  }
  return { bytes, mimeType, width, height, thumb, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Writes a file through a temporary name and a rename, so no reader ever sees half of it. Answers whether it created the file. */
async function writeOnce(path: string, data: Buffer): Promise<boolean> {
  if (existsSync(path)) return false;
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return true;
}

/** Writes the picture and its thumbnail into the data directory; answers the files it created (none when they were there). */
export async function storeImageFiles(dataDir: string, image: CheckedImage): Promise<string[]> {
  const created: string[] = [];
  try {
    const original = imagePath(dataDir, image.sha256, image.mimeType);
    if (await writeOnce(original, image.bytes)) created.push(original);
    const thumb = thumbPath(dataDir, image.sha256);
    if (await writeOnce(thumb, image.thumb)) created.push(thumb);
  } catch (error) {
    await Promise.all(created.map((path) => rm(path, { force: true })));
    throw error;
  }
  return created;
}

export async function productImages(db: Db, productId: number): Promise<ProductImages> {
  const product = await db.selectFrom('product').select(['id', 'revision']).where('id', '=', productId).executeTakeFirst();
  if (!product) throw notFound('product', productId);
  return { productId, revision: product.revision, images: await readImages(db, productId) };
}

/**
 * Copies an image into the data directory and adds it last to the product's images (the first
 * one is the main image). Everything is checked before anything is written; the files are written
 * before the row, and a row that cannot be written takes the files it brought with it.
 */
export async function addImage(
  db: Db,
  dataDir: string,
  input: { productId: number; fileName: string; dataBase64: string },
): Promise<ProductImages> {
  const image = await checkImage(input.fileName, input.dataBase64);
  const product = await db.selectFrom('product').select(['id', 'sku']).where('id', '=', input.productId).executeTakeFirst();
  if (!product) throw notFound('product', input.productId);
  await refuseDuplicateOrFull(db, product, image.sha256, input.fileName);

  const created: string[] = [];
  try {
    created.push(...(await storeImageFiles(dataDir, image)));
    await writeTransaction(db, async (trx) => {
      // Checked again under the write lock: another window may have added images meanwhile.
      await refuseDuplicateOrFull(trx, product, image.sha256, input.fileName);
      const last = await trx
        .selectFrom('product_image')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('product_id', '=', product.id)
        .executeTakeFirst();
      await trx
        .insertInto('product_image')
        .values({
          product_id: product.id,
          position: last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1,
          sha256: image.sha256,
          mime_type: image.mimeType,
          width: image.width,
          height: image.height,
          bytes: image.bytes.length,
          original_name: input.fileName,
          created_at: nowIso(),
        })
        .execute();
      await bumpRevision(trx, product.id);
    });
  } catch (error) {
    // Only files this call created, and only when no row refers to them (a parallel add of the same picture).
    const used = await db.selectFrom('product_image').select('id').where('sha256', '=', image.sha256).executeTakeFirst();
    if (!used) await Promise.all(created.map((path) => rm(path, { force: true })));
    throw error;
  }
  return productImages(db, product.id);
}

async function refuseDuplicateOrFull(db: Db, product: { id: number; sku: string }, sha256: string, fileName: string): Promise<void> {
  const images = await db.selectFrom('product_image').select(['sha256', 'position']).where('product_id', '=', product.id).orderBy('position').execute();
  const index = images.findIndex((i) => i.sha256 === sha256);
  if (index >= 0) {
    throw invalid('catalog.image.duplicate', `${fileName} is already image ${index + 1} of ${product.sku}.`, { fileName, position: index + 1 });
  }
  if (images.length >= MAX_IMAGES_PER_PRODUCT) {
    throw invalid('catalog.image.tooMany', `${product.sku} already has ${images.length} images, the most a product can have.`, {
      maximum: MAX_IMAGES_PER_PRODUCT,
    });
  }
}

async function bumpRevision(db: Db, productId: number): Promise<void> {
  await db
    .updateTable('product')
    .set((eb) => ({ updated_at: nowIso(), revision: eb('revision', '+', 1) }))
    .where('id', '=', productId)
    .execute();
}

/** Positions 0..n-1 in the given order. Two passes through negative numbers, since (product, position) is unique. */
async function renumber(db: Db, imageIds: readonly number[]): Promise<void> {
  for (const [index, id] of imageIds.entries()) {
    await db.updateTable('product_image').set({ position: -1 - index }).where('id', '=', id).execute();
  }
  for (const id of imageIds) {
    await db
      .updateTable('product_image')
      .set({ position: sql<number>`-position - 1` })
      .where('id', '=', id)
      .execute();
  }
}

export async function removeImage(db: Db, dataDir: string, id: number): Promise<ProductImages> {
  const removed = await writeTransaction(db, async (trx) => {
    const image = await trx.selectFrom('product_image').selectAll().where('id', '=', id).executeTakeFirst();
    if (!image) throw notFound('image', id);
    await trx.deleteFrom('product_image').where('id', '=', id).execute();
    const rest = await trx.selectFrom('product_image').select('id').where('product_id', '=', image.product_id).orderBy('position').execute();
    await renumber(trx, rest.map((r) => r.id));
    await bumpRevision(trx, image.product_id);
    return image;
  });
  await removeUnusedMedia(db, dataDir, [{ sha256: removed.sha256, mimeType: removed.mime_type as ImageMimeType }]);
  return productImages(db, removed.product_id);
}

export async function reorderImages(db: Db, input: { productId: number; imageIds: number[] }): Promise<ProductImages> {
  await writeTransaction(db, async (trx) => {
    const product = await trx.selectFrom('product').select(['id', 'sku']).where('id', '=', input.productId).executeTakeFirst();
    if (!product) throw notFound('product', input.productId);
    const current = await trx.selectFrom('product_image').select('id').where('product_id', '=', product.id).execute();
    const ids = new Set(current.map((r) => r.id));
    const sent = new Set(input.imageIds);
    if (sent.size !== input.imageIds.length || sent.size !== ids.size || input.imageIds.some((i) => !ids.has(i))) {
      throw new ValidationError([
        {
          path: 'imageIds',
          key: 'catalog.image.order',
          message: `Give each of the ${ids.size} images of ${product.sku} exactly once; reload the product if images were added or removed meanwhile.`,
          params: { count: ids.size },
        },
      ]);
    }
    await renumber(trx, input.imageIds);
    await bumpRevision(trx, product.id);
  });
  return productImages(db, input.productId);
}

export async function getImage(
  db: Db,
  dataDir: string,
  input: { id: number; size: 'thumb' | 'full' },
): Promise<{ mimeType: ImageMimeType; width: number; height: number; dataBase64: string }> {
  const image = await db.selectFrom('product_image').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!image) throw notFound('image', input.id);
  const mimeType = image.mime_type as ImageMimeType;
  const original = imagePath(dataDir, image.sha256, mimeType);
  if (!existsSync(original)) {
    throw new KontorError(
      'NOT_FOUND',
      `The file of image ${input.id} (${image.original_name ?? image.sha256}) is missing from ${dirname(original)}; add the image again.`,
      { id: input.id, key: 'catalog.image.fileMissing' },
    );
  }
  if (input.size === 'full') {
    return { mimeType, width: image.width, height: image.height, dataBase64: (await readFile(original)).toString('base64') };
  }
  const thumb = thumbPath(dataDir, image.sha256);
  if (!existsSync(thumb)) {
    // A data directory restored without media/thumbs: thumbnails are derived data, so make it again.
    const sharp = await loadSharp();
    const data = await sharp(await readFile(original))
      .rotate()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    await writeOnce(thumb, data);
  }
  const scale = Math.min(1, THUMB_SIZE / Math.max(image.width, image.height));
  return {
    mimeType: 'image/webp',
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
    dataBase64: (await readFile(thumb)).toString('base64'),
  };
}

/** Deletes the files of pictures that no product uses any more (several products may share one). */
export async function removeUnusedMedia(db: Db, dataDir: string, images: readonly { sha256: string; mimeType: ImageMimeType }[]): Promise<void> {
  for (const image of images) {
    const used = await db.selectFrom('product_image').select('id').where('sha256', '=', image.sha256).executeTakeFirst();
    if (used) continue;
    await rm(imagePath(dataDir, image.sha256, image.mimeType), { force: true });
    await rm(thumbPath(dataDir, image.sha256), { force: true });
  }
}
