import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imagePath, thumbPath } from '../../../electron/core/catalog/images.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { errorOf, issuesOf, productInput } from './support.ts';

let t: TestKontor;
let productId: number;
beforeEach(async () => {
  t = await openTestKontor();
  productId = (await t.client.call('products.create', productInput())).id;
});
afterEach(async () => {
  await t.close();
});

async function picture(width: number, height: number, format: 'png' | 'jpeg' | 'webp', colour = '#b5651d'): Promise<string> {
  const image = sharp({ create: { width, height, channels: 3, background: colour } });
  return (await image[format]().toBuffer()).toString('base64');
}

/** Every file under media/, relative to the data directory. */
function mediaFiles(): string[] {
  const root = join(t.dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(t.dataDir.length + 1))
    .sort();
}

describe('product images', () => {
  it('copies the image into the data directory with a 256 px WebP thumbnail; the first is the main image', async () => {
    const data = await picture(600, 400, 'png');
    const result = await t.client.call('products.addImage', { productId, fileName: 'rug-front.png', dataBase64: data });
    expect(result).toMatchObject({ productId, revision: 2 });
    const [image] = result.images;
    expect(image).toMatchObject({ position: 0, isMain: true, mimeType: 'image/png', width: 600, height: 400, originalName: 'rug-front.png' });
    expect(image!.bytes).toBe(Buffer.from(data, 'base64').length);

    const original = imagePath(t.dataDir, image!.sha256, 'image/png');
    const thumb = thumbPath(t.dataDir, image!.sha256);
    expect(original).toBe(join(t.dataDir, 'media', 'products', image!.sha256.slice(0, 2), `${image!.sha256}.png`));
    expect(existsSync(original) && existsSync(thumb)).toBe(true);
    const meta = await sharp(thumb).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 171 });

    const full = await t.client.call('products.getImage', { id: image!.id, size: 'full' });
    expect(full).toEqual({ mimeType: 'image/png', width: 600, height: 400, dataBase64: data });
    const small = await t.client.call('products.getImage', { id: image!.id, size: 'thumb' });
    expect(small).toMatchObject({ mimeType: 'image/webp', width: 256, height: 171 });
    expect((await sharp(Buffer.from(small.dataBase64, 'base64')).metadata()).width).toBe(256);
  });

  it('keeps images in order, reorders them, and moves the main image on removal', async () => {
    await t.client.call('products.addImage', { productId, fileName: 'a.png', dataBase64: await picture(300, 300, 'png', '#111111') });
    await t.client.call('products.addImage', { productId, fileName: 'b.jpg', dataBase64: await picture(400, 300, 'jpeg', '#222222') });
    const three = await t.client.call('products.addImage', { productId, fileName: 'c.webp', dataBase64: await picture(300, 500, 'webp', '#333333') });
    expect(three.images.map((i) => [i.originalName, i.position, i.mimeType])).toEqual([
      ['a.png', 0, 'image/png'],
      ['b.jpg', 1, 'image/jpeg'],
      ['c.webp', 2, 'image/webp'],
    ]);
    const [a, b, c] = three.images;
    const reordered = await t.client.call('products.reorderImages', { productId, imageIds: [c!.id, a!.id, b!.id] });
    expect(reordered.images.map((i) => [i.originalName, i.isMain])).toEqual([
      ['c.webp', true],
      ['a.png', false],
      ['b.jpg', false],
    ]);
    const refused = issuesOf(await t.client.tryCall('products.reorderImages', { productId, imageIds: [c!.id, a!.id] }));
    expect(refused).toEqual([expect.objectContaining({ path: 'imageIds', key: 'catalog.image.order' })]);
    const afterRemove = await t.client.call('products.removeImage', { id: c!.id });
    expect(afterRemove.images.map((i) => [i.originalName, i.position, i.isMain])).toEqual([
      ['a.png', 0, true],
      ['b.jpg', 1, false],
    ]);
    expect(existsSync(imagePath(t.dataDir, c!.sha256, 'image/webp'))).toBe(false);
    expect(existsSync(thumbPath(t.dataDir, c!.sha256))).toBe(false);
    const list = await t.client.call('products.list', {});
    expect(list.rows[0]?.mainImageId).toBe(a!.id);
  });

  it('refuses a file that is not JPEG, PNG or WebP by its bytes, whatever its name, and leaves nothing behind', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1').toString('base64');
    const issues = issuesOf(await t.client.tryCall('products.addImage', { productId, fileName: 'photo.png', dataBase64: gif }));
    expect(issues).toEqual([expect.objectContaining({ path: 'dataBase64', key: 'catalog.image.type' })]);
    expect(issues[0]?.message).toContain('photo.png');
    const pdf = Buffer.from('%PDF-1.7\n...').toString('base64');
    expect(issuesOf(await t.client.tryCall('products.addImage', { productId, fileName: 'x.jpg', dataBase64: pdf }))[0]?.key).toBe('catalog.image.type');
    // Right signature, broken content.
    const truncated = Buffer.from(await picture(300, 300, 'png'), 'base64').subarray(0, 60).toString('base64');
    expect(issuesOf(await t.client.tryCall('products.addImage', { productId, fileName: 'cut.png', dataBase64: truncated }))[0]?.key).toBe(
      'catalog.image.unreadable',
    );
    expect(mediaFiles()).toEqual([]);
    expect((await t.client.call('products.get', { id: productId })).images).toEqual([]);
  });

  it('refuses images over 20 MB and under 100 × 100 px, leaving nothing behind', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0xff);
    big.set([0xff, 0xd8, 0xff], 0);
    const tooBig = issuesOf(await t.client.tryCall('products.addImage', { productId, fileName: 'huge.jpg', dataBase64: big.toString('base64') }));
    expect(tooBig).toEqual([expect.objectContaining({ path: 'dataBase64', key: 'catalog.image.tooLarge' })]);
    const tiny = issuesOf(await t.client.tryCall('products.addImage', { productId, fileName: 'icon.png', dataBase64: await picture(120, 80, 'png') }));
    expect(tiny).toEqual([expect.objectContaining({ key: 'catalog.image.tooSmall', params: expect.objectContaining({ width: 120, height: 80 }) as unknown })]);
    expect(mediaFiles()).toEqual([]);
    expect((await t.client.call('products.get', { id: productId })).revision).toBe(1);
  });

  it('removes the files it wrote when the row cannot be written', async () => {
    t.kontor.database.sqlite.exec(`CREATE TRIGGER no_images BEFORE INSERT ON product_image BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const failed = await t.client.tryCall('products.addImage', { productId, fileName: 'a.png', dataBase64: await picture(300, 300, 'png') });
    expect(errorOf(failed).code).toBe('INTERNAL');
    expect(mediaFiles()).toEqual([]);
  });

  it('shares one file between products and deletes it with the last one that uses it', async () => {
    const other = (await t.client.call('products.create', productInput({ sku: 'RUG-2', gtin: null }))).id;
    const data = await picture(300, 300, 'png');
    const first = await t.client.call('products.addImage', { productId, fileName: 'a.png', dataBase64: data });
    const second = await t.client.call('products.addImage', { productId: other, fileName: 'same.png', dataBase64: data });
    expect(mediaFiles()).toHaveLength(2);
    const duplicate = issuesOf(await t.client.tryCall('products.addImage', { productId, fileName: 'again.png', dataBase64: data }));
    expect(duplicate).toEqual([expect.objectContaining({ key: 'catalog.image.duplicate' })]);
    await t.client.call('products.removeImage', { id: first.images[0]!.id });
    expect(mediaFiles()).toHaveLength(2);
    const stillThere = await t.client.call('products.getImage', { id: second.images[0]!.id, size: 'full' });
    expect(stillThere.dataBase64).toBe(data);
    const product = await t.client.call('products.get', { id: other });
    await t.client.call('products.delete', { id: other, revision: product.revision });
    expect(mediaFiles()).toEqual([]);
  });
});
