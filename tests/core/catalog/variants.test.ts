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

const SIZES = { name: 'Size', values: ['S', 'M'] };
const COLOURS = { name: 'Colour', values: ['Indigo', 'Saffron', 'Bleu nuit'] };

async function parent(overrides = {}) {
  return t.client.call('products.create', productInput({ sku: 'POUF', gtin: null, texts: { en: { title: 'Leather pouf' }, fr: { title: 'Pouf en cuir' } }, ...overrides }));
}

describe('variants', () => {
  it('generates 2 × 3 variants with SKUs PARENT-VALUE1-VALUE2, each with its own GTIN and price afterwards', async () => {
    const pouf = await parent({ costPrice: { amountMinor: 15_000, currency: 'MAD' } });
    const { product, created, skipped } = await t.client.call('products.generateVariants', {
      productId: pouf.id,
      revision: pouf.revision,
      options: [SIZES, COLOURS],
    });
    expect({ created, skipped }).toEqual({ created: 6, skipped: 0 });
    expect(product).toMatchObject({ kind: 'parent', revision: 2, options: [SIZES, COLOURS] });
    expect(product.variants.map((v) => v.sku)).toEqual([
      'POUF-S-INDIGO',
      'POUF-S-SAFFRON',
      'POUF-S-BLEU-NUIT',
      'POUF-M-INDIGO',
      'POUF-M-SAFFRON',
      'POUF-M-BLEU-NUIT',
    ]);
    expect(product.variants[2]?.optionValues).toEqual({ Size: 'S', Colour: 'Bleu nuit' });
    // A new variant starts with its parent's prices, then gets its own.
    expect(product.variants[0]?.prices).toEqual(pouf.prices);

    const gtins = ['4006381333931', '036000291452', '96385074', '6111000450017', '6111000450024', '6111000450031'];
    for (const [i, v] of product.variants.entries()) {
      await t.client.call('products.update', {
        id: v.id,
        revision: v.revision,
        gtin: gtins[i],
        prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 10_000 + i * 500 }] }],
      });
    }
    const reread = await t.client.call('products.get', { id: pouf.id });
    expect(reread.variants.map((v) => v.gtin)).toEqual(gtins);
    expect(reread.variants.map((v) => v.prices[0]?.tiers[0]?.amountMinor)).toEqual([10_000, 10_500, 11_000, 11_500, 12_000, 12_500]);

    const variant = await t.client.call('products.get', { id: product.variants[4]!.id });
    expect(variant).toMatchObject({
      kind: 'variant',
      parentId: pouf.id,
      texts: {},
      optionValues: { Size: 'M', Colour: 'Saffron' },
      parent: { id: pouf.id, sku: 'POUF', texts: { en: { title: 'Leather pouf', description: null } } },
      costPrice: { amountMinor: 15_000, currency: 'MAD' },
      hsCode: '570110',
    });
    // Two variants cannot share a GTIN either.
    const taken = issuesOf(await t.client.tryCall('products.update', { id: variant.id, revision: variant.revision, gtin: gtins[0] }));
    expect(taken).toEqual([expect.objectContaining({ path: 'gtin', key: 'catalog.gtin.taken' })]);
  });

  it('adds only the missing combinations when values are added, and refuses dropping a value in use', async () => {
    const pouf = await parent();
    const first = await t.client.call('products.generateVariants', { productId: pouf.id, revision: 1, options: [SIZES, COLOURS] });
    const more = await t.client.call('products.generateVariants', {
      productId: pouf.id,
      revision: first.product.revision,
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }, COLOURS],
    });
    expect({ created: more.created, skipped: more.skipped }).toEqual({ created: 3, skipped: 6 });
    expect(more.product.variants).toHaveLength(9);
    expect(more.product.variants.at(-1)?.sku).toBe('POUF-L-BLEU-NUIT');

    const dropped = issuesOf(
      await t.client.tryCall('products.generateVariants', {
        productId: pouf.id,
        revision: more.product.revision,
        options: [{ name: 'Size', values: ['S', 'L'] }, COLOURS],
      }),
    );
    expect(dropped).toEqual([expect.objectContaining({ path: 'options.0.values', key: 'catalog.option.valueInUse', params: expect.objectContaining({ value: 'M' }) as unknown })]);
    const renamed = issuesOf(
      await t.client.tryCall('products.generateVariants', { productId: pouf.id, revision: more.product.revision, options: [COLOURS, SIZES] }),
    );
    expect(renamed).toEqual([expect.objectContaining({ path: 'options', key: 'catalog.options.changed' })]);
  });

  it('refuses more than 2048 combinations and writes nothing', async () => {
    const pouf = await parent();
    const values = (prefix: string) => Array.from({ length: 13 }, (_, i) => `${prefix}${i}`);
    const issues = issuesOf(
      await t.client.tryCall('products.generateVariants', {
        productId: pouf.id,
        revision: 1,
        options: [
          { name: 'A', values: values('a') },
          { name: 'B', values: values('b') },
          { name: 'C', values: values('c') },
        ],
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ path: 'options', key: 'catalog.variants.tooMany', params: expect.objectContaining({ combinations: 2197 }) as unknown })]);
    expect(await t.client.call('products.get', { id: pouf.id })).toEqual(pouf);
  });

  it('refuses variant SKUs that exist already or collide, writing nothing', async () => {
    const pouf = await parent();
    await t.client.call('products.create', productInput({ sku: 'pouf-s-indigo', gtin: null }));
    const taken = issuesOf(await t.client.tryCall('products.generateVariants', { productId: pouf.id, revision: 1, options: [SIZES, COLOURS] }));
    expect(taken).toEqual([expect.objectContaining({ path: 'options', key: 'catalog.sku.taken' })]);
    expect(taken[0]?.message).toContain('pouf-s-indigo');
    const collision = issuesOf(
      await t.client.tryCall('products.generateVariants', { productId: pouf.id, revision: 1, options: [{ name: 'Colour', values: ['Blue/Green', 'Blue Green'] }] }),
    );
    expect(collision).toEqual([expect.objectContaining({ key: 'catalog.variants.skuCollision' })]);
    expect((await t.client.call('products.list', {})).total).toBe(2);
    expect(await t.client.call('products.get', { id: pouf.id })).toEqual(pouf);
    const stale = errorOf(await t.client.tryCall('products.generateVariants', { productId: pouf.id, revision: 7, options: [SIZES] }));
    expect(stale.code).toBe('CONFLICT');
  });

  it('hands a parent change down to variants that had its old value; archiving a parent archives them all', async () => {
    const pouf = await parent({ brand: 'Atlas' });
    const { product } = await t.client.call('products.generateVariants', { productId: pouf.id, revision: 1, options: [SIZES] });
    const [small, medium] = product.variants;
    await t.client.call('products.update', { id: medium!.id, revision: medium!.revision, brand: 'Special', status: 'draft' });
    const category = await t.client.call('catalog.categories.create', { code: 'POUFS', names: { en: 'Poufs' } });
    const updated = await t.client.call('products.update', { id: pouf.id, revision: product.revision, brand: 'Atlas Cuir', categoryId: category.id });
    const after = await Promise.all(updated.variants.map((v) => t.client.call('products.get', { id: v.id })));
    expect(after.map((v) => [v.sku, v.brand, v.categoryId, v.status])).toEqual([
      ['POUF-S', 'Atlas Cuir', category.id, 'active'],
      ['POUF-M', 'Special', category.id, 'draft'],
    ]);
    const archived = await t.client.call('products.setStatus', { id: pouf.id, revision: updated.revision, status: 'archived' });
    expect(archived.variants.map((v) => v.status)).toEqual(['archived', 'archived']);
    expect(small!.id).toBeGreaterThan(0);
  });

  it('refuses options on a variant and deleting a parent that has variants', async () => {
    const pouf = await parent();
    const { product } = await t.client.call('products.generateVariants', { productId: pouf.id, revision: 1, options: [SIZES] });
    const variant = product.variants[0]!;
    const issues = issuesOf(await t.client.tryCall('products.generateVariants', { productId: variant.id, revision: variant.revision, options: [COLOURS] }));
    expect(issues).toEqual([expect.objectContaining({ key: 'catalog.variants.ofVariant' })]);
    expect(errorOf(await t.client.tryCall('products.delete', { id: pouf.id, revision: product.revision })).code).toBe('CONFLICT');
    await t.client.call('products.delete', { id: variant.id, revision: variant.revision });
    expect((await t.client.call('products.get', { id: pouf.id })).variants.map((v) => v.sku)).toEqual(['POUF-M']);
  });
});
