import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { imagePath } from '../../../electron/core/catalog/images.ts';
import { runUpload } from '../../../electron/core/connectors/engine/runUpload.ts';
import { KontorError } from '../../../shared/errors.ts';
import { startShopifyEmulator, type ShopifyEmulator } from '../../emulators/shopify/server.ts';
import { startWooEmulator, type WooEmulator } from '../../emulators/woocommerce/server.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { keyFileSecretBox, shopifyAccount, statusCounts, uploadAll, wooAccount } from './harness.ts';
import { seedCatalog } from './support.ts';

let t: TestKontor | undefined;
let shopify: ShopifyEmulator | undefined;
let woo: WooEmulator | undefined;
afterEach(async () => {
  await shopify?.close();
  await woo?.close();
  await t?.close();
  t = shopify = woo = undefined;
});

const idOf = (t: TestKontor, sku: string): number => t.kontor.database.sqlite.prepare('SELECT id FROM product WHERE sku = ?').pluck().get(sku) as number;

/** A real PNG through the catalog's own call, so it lands in the data directory under its SHA-256. */
async function addImage(t: TestKontor, sku: string, fileName: string, background: { r: number; g: number; b: number }, size = 200): Promise<string> {
  const bytes = await sharp({ create: { width: size, height: size, channels: 3, background } }).png().toBuffer();
  const answer = await t.client.call('products.addImage', { productId: idOf(t, sku), fileName, dataBase64: bytes.toString('base64') });
  return (answer.images.at(-1) as { sha256: string }).sha256;
}

/**
 * Four products: SKU-00000 a parent (S/M/L) with a gallery image and an image of its own on -M,
 * SKU-00001 simple with two images (main first), SKU-00003 simple sharing SKU-00001's main image.
 */
async function catalogWithImages(t: TestKontor) {
  seedCatalog(t.kontor.database.sqlite, 4, { variantsEvery: 2 });
  return {
    parentGallery: await addImage(t, 'SKU-00000', 'rug-front.png', { r: 200, g: 40, b: 40 }),
    variantM: await addImage(t, 'SKU-00000-M', 'rug-medium.png', { r: 40, g: 200, b: 40 }),
    simpleMain: await addImage(t, 'SKU-00001', 'lamp-main.png', { r: 40, g: 40, b: 200 }),
    simpleSecond: await addImage(t, 'SKU-00001', 'lamp-side.png', { r: 90, g: 90, b: 90 }),
    shared: await addImage(t, 'SKU-00003', 'lamp-main-copy.png', { r: 40, g: 40, b: 200 }),
  };
}

const upload = (t: TestKontor, account: number) =>
  runUpload({ sqlite: t.kontor.database.sqlite, box: keyFileSecretBox(t.dataDir), uploadId: uploadAll(t.kontor.database.sqlite, account), signal: new AbortController().signal, backoffBaseMs: 5, backoffCapMs: 20 });

const remembered = (t: TestKontor, account: number): Map<string, string> =>
  new Map((t.kontor.database.sqlite.prepare('SELECT sha256, remote_id FROM marketplace_media WHERE account_id = ?').all(account) as { sha256: string; remote_id: string }[]).map((r) => [r.sha256, r.remote_id]));

describe('images on Shopify (staged uploads → fileCreate → productSet files)', () => {
  it('sends every product and variant image in order, main first, and never uploads an unchanged image twice', async () => {
    t = await openTestKontor();
    shopify = await startShopifyEmulator({ restoreRate: 2000 });
    const images = await catalogWithImages(t);
    const account = shopifyAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), shopify);

    const first = await upload(t, account);
    expect(first.failed).toBe(0);
    // Four distinct images (SKU-00003's is byte for byte SKU-00001's main one).
    expect(shopify.counters.stagedUploads).toBe(4);
    expect(shopify.counters.filesCreated).toBe(4);
    const media = remembered(t, account);
    expect(media.size).toBe(4);
    const product = (handle: string) => [...(shopify as ShopifyEmulator).products.values()].find((p) => p.handle === handle);
    expect(product('k-sku--00001')?.media).toEqual([media.get(images.simpleMain), media.get(images.simpleSecond)]);
    expect(product('k-sku--00003')?.media).toEqual([media.get(images.shared)]);
    expect(media.get(images.shared)).toBe(media.get(images.simpleMain));
    // The gallery, then the variant's own image, which the variant references.
    expect(product('k-sku--00000')?.media).toEqual([media.get(images.parentGallery), media.get(images.variantM)]);
    expect(product('k-sku--00000')?.variants.map((v) => [v.sku, v.fileId])).toEqual([
      ['SKU-00000-S', null],
      ['SKU-00000-M', media.get(images.variantM)],
      ['SKU-00000-L', null],
    ]);
    expect(shopify.files.get(media.get(images.simpleMain) as string)?.filename).toBe('lamp-main.png');

    // Again, nothing changed: the products are updated, no byte of any image is sent again.
    const second = await upload(t, account);
    expect(second.failed).toBe(0);
    expect(shopify.counters.stagedTargets).toBe(4);
    expect(shopify.counters.filesCreated).toBe(4);
    expect(product('k-sku--00001')?.media).toEqual([media.get(images.simpleMain), media.get(images.simpleSecond)]);
    expect(product('k-sku--00001')?.updatedCount).toBe(1);
  });

  it('names the image that failed and why; the other products go up', async () => {
    t = await openTestKontor();
    shopify = await startShopifyEmulator({ restoreRate: 2000 });
    const images = await catalogWithImages(t);
    const sqlite = t.kontor.database.sqlite;
    // A file changed on disk behind Kontor's back no longer matches its name: never sent.
    const path = imagePath(t.dataDir, images.simpleSecond, 'image/png');
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from('tampered')]));
    // More pixels than Shopify takes: refused before the first request, with the field to fix.
    sqlite.prepare('UPDATE product_image SET width = 6000, height = 6000 WHERE sha256 = ?').run(images.variantM);
    const account = shopifyAccount(sqlite, keyFileSecretBox(t.dataDir), shopify);
    const summary = await upload(t, account);

    expect(summary.failed).toBe(2);
    const items = sqlite.prepare("SELECT sku, error_code, error_message, issues FROM upload_item WHERE status = 'failed' ORDER BY sku").all() as { sku: string; error_code: string; error_message: string; issues: string | null }[];
    expect(items[0]).toMatchObject({ sku: 'SKU-00000', error_code: 'VALIDATION' });
    expect(items[0]?.error_message).toContain('rug-medium.png is 6000×6000 px (36.0 MP); Shopify takes at most 25 MP.');
    expect(JSON.parse(items[0]?.issues ?? '[]')).toMatchObject([{ path: 'variants.SKU-00000-M.images.1', key: 'marketplaces.validation.imageTooManyPixels', params: { fileName: 'rug-medium.png' } }]);
    expect(items[1]).toMatchObject({ sku: 'SKU-00001', error_code: 'kontor.imageMissing' });
    expect(items[1]?.error_message).toMatch(/^image 2 \(lamp-side\.png\) was not accepted: .*the file was changed on disk/);
    expect([...shopify.products.values()].map((p) => p.handle).sort()).toEqual(['k-sku--00002', 'k-sku--00003']);
  });

  it('reports a file Shopify could not process with its own code, naming the image', async () => {
    t = await openTestKontor();
    shopify = await startShopifyEmulator({ restoreRate: 2000 });
    seedCatalog(t.kontor.database.sqlite, 1, { variantsEvery: 0 });
    const sha = await addImage(t, 'SKU-00000', 'photo.png', { r: 1, g: 2, b: 3 });
    // The catalog says PNG; the bytes on disk (renamed to keep the hash true) are not an image.
    const garbage = Buffer.from('not an image at all');
    const fakeSha = createHash('sha256').update(garbage).digest('hex');
    mkdirSync(dirname(imagePath(t.dataDir, fakeSha, 'image/png')), { recursive: true });
    writeFileSync(imagePath(t.dataDir, fakeSha, 'image/png'), garbage);
    t.kontor.database.sqlite.prepare('UPDATE product_image SET sha256 = ?, bytes = ? WHERE sha256 = ?').run(fakeSha, garbage.length, sha);
    const account = shopifyAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), shopify);
    await upload(t, account);
    const item = t.kontor.database.sqlite.prepare('SELECT status, error_code, error_message FROM upload_item').get() as { status: string; error_code: string; error_message: string };
    expect(item).toMatchObject({ status: 'failed', error_code: 'UNSUPPORTED_IMAGE_FILE_TYPE' });
    expect(item.error_message).toBe('image 1 (photo.png) was not accepted: Image could not be processed because the file type is not supported.');
    expect(remembered(t, account).size).toBe(0);
    expect(shopify.products.size).toBe(0);
  });
});

describe('images sent again only when needed', () => {
  it('Shopify: a product refused after its images went up reuses them next time; a file deleted in the shop is uploaded anew', async () => {
    t = await openTestKontor();
    shopify = await startShopifyEmulator({ restoreRate: 2000, faults: { itemErrorRate: 1 } });
    seedCatalog(t.kontor.database.sqlite, 1, { variantsEvery: 0 });
    const sha = await addImage(t, 'SKU-00000', 'photo.png', { r: 5, g: 6, b: 7 });
    const account = shopifyAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), shopify);
    expect((await upload(t, account)).failed).toBe(1);
    expect(shopify.counters.stagedUploads).toBe(1);
    const fileId = remembered(t, account).get(sha) as string;

    shopify.faults.itemErrorRate = 0;
    expect((await upload(t, account)).failed).toBe(0);
    expect(shopify.counters.stagedUploads).toBe(1);
    expect([...shopify.products.values()][0]?.media).toEqual([fileId]);

    // Deleted in Shopify's Files: productSet answers FILE_DOES_NOT_EXIST; Kontor forgets it, uploads it again, and the item succeeds.
    shopify.files.delete(fileId);
    const again = await upload(t, account);
    expect(again.failed).toBe(0);
    expect(again.retries).toBeGreaterThanOrEqual(1);
    expect(shopify.counters.stagedUploads).toBe(2);
    const newId = remembered(t, account).get(sha);
    expect(newId).not.toBe(fileId);
    expect([...shopify.products.values()][0]?.media).toEqual([newId]);
  });

  it('WooCommerce: an attachment deleted in WordPress is uploaded anew', async () => {
    t = await openTestKontor();
    woo = await startWooEmulator();
    seedCatalog(t.kontor.database.sqlite, 1, { variantsEvery: 0 });
    const sha = await addImage(t, 'SKU-00000', 'photo.png', { r: 5, g: 6, b: 7 });
    const account = wooAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), woo);
    expect((await upload(t, account)).failed).toBe(0);
    woo.attachments.delete(Number(remembered(t, account).get(sha)));
    const again = await upload(t, account);
    expect(again.failed).toBe(0);
    expect(woo.counters.mediaUploads).toBe(2);
    expect([...woo.products.values()][0]?.imageIds).toEqual([Number(remembered(t, account).get(sha))]);
  });
});

describe('images on WooCommerce (WordPress media library → images by attachment id)', () => {
  it('uploads each image once to /wp/v2/media and references the attachments in order, the variation its own', async () => {
    t = await openTestKontor();
    woo = await startWooEmulator();
    const images = await catalogWithImages(t);
    const account = wooAccount(t.kontor.database.sqlite, keyFileSecretBox(t.dataDir), woo);

    expect((await upload(t, account)).failed).toBe(0);
    expect(woo.counters.mediaUploads).toBe(4);
    const media = remembered(t, account);
    const bySku = (sku: string) => [...(woo as WooEmulator).products.values()].find((p) => p.sku === sku);
    expect(bySku('SKU-00001')?.imageIds).toEqual([Number(media.get(images.simpleMain)), Number(media.get(images.simpleSecond))]);
    expect(bySku('SKU-00000')?.imageIds).toEqual([Number(media.get(images.parentGallery))]);
    expect(bySku('SKU-00000-M')?.imageIds).toEqual([Number(media.get(images.variantM))]);
    expect(bySku('SKU-00000-S')?.imageIds).toEqual([]);
    expect(woo.attachments.get(Number(media.get(images.simpleSecond)))).toMatchObject({ fileName: 'lamp-side.png', mimeType: 'image/png' });

    expect((await upload(t, account)).failed).toBe(0);
    expect(woo.counters.mediaUploads).toBe(4);
    expect(woo.attachments.size).toBe(4);
  });

  it('names the image WordPress refused, with its code and message', async () => {
    t = await openTestKontor();
    woo = await startWooEmulator({ maxUploadBytes: 5000 });
    seedCatalog(t.kontor.database.sqlite, 2, { variantsEvery: 0 });
    await addImage(t, 'SKU-00001', 'noise.png', { r: 10, g: 20, b: 30 }, 200);
    const sqlite = t.kontor.database.sqlite;
    // A big image: random pixels do not compress.
    const noise = await sharp(randomBytes(300 * 300 * 3), { raw: { width: 300, height: 300, channels: 3 } }).png().toBuffer();
    await t.client.call('products.addImage', { productId: idOf(t, 'SKU-00001'), fileName: 'big.png', dataBase64: noise.toString('base64') });
    await upload(t, wooAccount(sqlite, keyFileSecretBox(t.dataDir), woo));
    const item = sqlite.prepare("SELECT error_code, error_message FROM upload_item WHERE sku = 'SKU-00001'").get() as { error_code: string; error_message: string };
    expect(item).toEqual({ error_code: 'rest_upload_file_too_big', error_message: 'image 2 (big.png) was not accepted: This file is too big. Files must be less than 4 KB in size.' });
    expect(statusCounts(sqlite, 1)).toEqual({ succeeded: 1, failed: 1 });
  });

  it('without a WordPress login, a product with images fails with what to add; one without goes up', async () => {
    t = await openTestKontor();
    woo = await startWooEmulator();
    seedCatalog(t.kontor.database.sqlite, 2, { variantsEvery: 0 });
    await addImage(t, 'SKU-00000', 'a.png', { r: 10, g: 20, b: 30 });
    const sqlite = t.kontor.database.sqlite;
    await upload(t, wooAccount(sqlite, keyFileSecretBox(t.dataDir), woo, 'Woo', woo.consumerSecret, null));
    expect(sqlite.prepare("SELECT error_code FROM upload_item WHERE sku = 'SKU-00000'").pluck().get()).toBe('kontor.mediaLogin');
    expect(sqlite.prepare("SELECT status FROM upload_item WHERE sku = 'SKU-00001'").pluck().get()).toBe('succeeded');
    expect(woo.counters.mediaUploads).toBe(0);
  });

  it('a refused application password pauses the job with one clear error', async () => {
    t = await openTestKontor();
    woo = await startWooEmulator();
    seedCatalog(t.kontor.database.sqlite, 1, { variantsEvery: 0 });
    await addImage(t, 'SKU-00000', 'a.png', { r: 10, g: 20, b: 30 });
    const sqlite = t.kontor.database.sqlite;
    const account = wooAccount(sqlite, keyFileSecretBox(t.dataDir), woo, 'Woo', woo.consumerSecret, { wpUsername: woo.wpUsername, wpApplicationPassword: 'wxyz wxyz wxyz wxyz wxyz wxyz' });
    // "Test connection" checks the WordPress login too.
    expect(await t.client.call('marketplaces.accounts.test', { id: account })).toEqual({
      ok: false,
      shopName: null,
      message: 'WordPress refused the media login (user kontor): The provided password is an invalid application password.',
    });
    const error = await upload(t, account).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KontorError);
    expect((error as KontorError).message).toMatch(/WordPress refused the media login \(user kontor\): The provided password is an invalid application password/);
    expect(sqlite.prepare('SELECT status FROM upload_job').pluck().get()).toBe('paused');
    expect(sqlite.prepare("SELECT status FROM upload_item").pluck().get()).toBe('pending');
  });
});
