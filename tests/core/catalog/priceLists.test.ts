import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { errorOf, issuesOf, productInput } from './support.ts';

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
});
afterEach(async () => {
  await t.close();
});

describe('price lists', () => {
  it('starts with RETAIL and WHOLESALE in the base currency, adds one with its own currency and renames it', async () => {
    expect(await t.client.call('catalog.priceLists.list', {})).toEqual([
      expect.objectContaining({ code: 'RETAIL', kind: 'retail', currency: null }),
      expect.objectContaining({ code: 'WHOLESALE', kind: 'wholesale', currency: null }),
    ]);
    const created = await t.client.call('catalog.priceLists.create', { code: ' wholesale-eu ', name: 'Wholesale EU', kind: 'wholesale', currency: 'eur' });
    expect(created).toMatchObject({ code: 'WHOLESALE-EU', name: 'Wholesale EU', kind: 'wholesale', currency: 'EUR' });
    const renamed = await t.client.call('catalog.priceLists.update', { id: created.id, name: 'Grossiste UE', currency: null });
    expect(renamed).toMatchObject({ id: created.id, code: 'WHOLESALE-EU', name: 'Grossiste UE', currency: null });
    // A product can price the new list at once.
    const product = await t.client.call(
      'products.create',
      productInput({ prices: [{ priceList: 'WHOLESALE-EU', currency: 'EUR', tiers: [{ minQuantityMilli: 10_000, amountMinor: 50_000 }] }] }),
    );
    expect(product.prices).toEqual([expect.objectContaining({ priceList: 'WHOLESALE-EU' })]);
  });

  it('refuses a taken code, a bad code, an unknown currency and an empty name, writing nothing', async () => {
    expect(issuesOf(await t.client.tryCall('catalog.priceLists.create', { code: 'retail', name: 'Again', kind: 'retail' }))).toEqual([
      expect.objectContaining({ path: 'code', key: 'catalogSettings.priceLists.codeTaken', params: { code: 'RETAIL' } }),
    ]);
    expect(issuesOf(await t.client.tryCall('catalog.priceLists.create', { code: 'with space', name: 'X', kind: 'retail' }))).toEqual([
      expect.objectContaining({ path: 'code', key: 'catalogSettings.priceLists.codeFormat' }),
    ]);
    expect(issuesOf(await t.client.tryCall('catalog.priceLists.create', { code: 'B2B', name: 'B2B', kind: 'wholesale', currency: 'XYZ' }))).toEqual([
      expect.objectContaining({ path: 'currency', key: 'validation.currency' }),
    ]);
    const retail = (await t.client.call('catalog.priceLists.list', {}))[0];
    expect(issuesOf(await t.client.tryCall('catalog.priceLists.update', { id: retail?.id ?? 0, name: '  ' }))).toEqual([
      expect.objectContaining({ path: 'name' }),
    ]);
    expect(errorOf(await t.client.tryCall('catalog.priceLists.update', { id: 999, name: 'Ghost' })).code).toBe('NOT_FOUND');
    expect((await t.client.call('catalog.priceLists.list', {})).map((l) => [l.code, l.name])).toEqual([
      ['RETAIL', 'Retail'],
      ['WHOLESALE', 'Wholesale'],
    ]);
  });
});

describe('product thumbnails', () => {
  it("answers each product's main image, a variant's parent's when it has none, and leaves out products without images", async () => {
    const png = (await sharp({ create: { width: 300, height: 200, channels: 3, background: '#345' } }).png().toBuffer()).toString('base64');
    const jpeg = (await sharp({ create: { width: 300, height: 200, channels: 3, background: '#a53' } }).jpeg().toBuffer()).toString('base64');
    const parent = await t.client.call('products.create', productInput({ sku: 'KILIM', gtin: null }));
    const bare = await t.client.call('products.create', productInput({ sku: 'BARE', gtin: null }));
    const first = await t.client.call('products.addImage', { productId: parent.id, fileName: 'a.png', dataBase64: png });
    const second = await t.client.call('products.addImage', { productId: parent.id, fileName: 'b.jpg', dataBase64: jpeg });
    const { product } = await t.client.call('products.generateVariants', { productId: parent.id, revision: second.revision, options: [{ name: 'Size', values: ['S', 'M'] }] });
    const [small, medium] = product.variants;
    if (!small || !medium) throw new Error('expected two variants');
    const own = await t.client.call('products.addImage', { productId: medium.id, fileName: 'm.jpg', dataBase64: jpeg });

    const answer = await t.client.call('products.thumbnails', { ids: [parent.id, bare.id, small.id, medium.id] });
    expect(new Map(answer.map((x) => [x.productId, x.imageId]))).toEqual(
      new Map([
        [parent.id, first.images[0]?.id],
        [small.id, first.images[0]?.id],
        [medium.id, own.images[0]?.id],
      ]),
    );
    // The main image follows the order.
    await t.client.call('products.reorderImages', { productId: parent.id, imageIds: [second.images[1]?.id ?? 0, first.images[0]?.id ?? 0] });
    expect(await t.client.call('products.thumbnails', { ids: [parent.id] })).toEqual([{ productId: parent.id, imageId: second.images[1]?.id }]);
    expect(await t.client.call('products.thumbnails', { ids: [] })).toEqual([]);
  });
});
