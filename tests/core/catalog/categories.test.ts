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

async function tree() {
  const home = await t.client.call('catalog.categories.create', { code: 'HOME', names: { en: 'Home', fr: 'Maison', ar: 'المنزل' } });
  const rugs = await t.client.call('catalog.categories.create', { parentId: home.id, code: 'RUGS', names: { en: 'Rugs', de: 'Teppiche' } });
  const kilims = await t.client.call('catalog.categories.create', { parentId: rugs.id, code: 'KILIMS', names: { en: 'Kilims' } });
  const ceramics = await t.client.call('catalog.categories.create', { parentId: home.id, code: 'CERAMICS', names: { en: 'Ceramics' } });
  return { home, rugs, kilims, ceramics };
}

describe('categories', () => {
  it('lists the tree depth-first with depth, names per language and inherited attributes', async () => {
    const { home, rugs } = await tree();
    await t.client.call('catalog.categories.update', {
      id: home.id,
      attributes: [{ code: 'material', type: 'text', labels: { en: 'Material', fr: 'Matière' } }],
    });
    const list = await t.client.call('catalog.categories.list', {});
    expect(list.map((c) => [c.code, c.depth])).toEqual([
      ['HOME', 0],
      ['RUGS', 1],
      ['KILIMS', 2],
      ['CERAMICS', 1],
    ]);
    expect(list[0]).toMatchObject({ names: { en: 'Home', fr: 'Maison', ar: 'المنزل' }, parentId: null, position: 0 });
    expect(list[1]).toMatchObject({ id: rugs.id, parentId: home.id, attributes: [], productCount: 0 });
    expect(list[2]?.inheritedAttributes).toEqual([
      { code: 'material', type: 'text', required: false, choices: null, labels: { en: 'Material', fr: 'Matière' }, categoryId: home.id },
    ]);
  });

  it('refuses a code in use (any case), a missing parent and an unknown language', async () => {
    await tree();
    const issues = issuesOf(
      await t.client.tryCall('catalog.categories.create', { parentId: 999, code: 'rugs', names: { en: 'Rugs again', es: 'Alfombras' } }),
    );
    expect(issues.map((i) => [i.path, i.key]).sort()).toEqual([
      ['code', 'catalog.category.codeTaken'],
      ['names.es', 'catalog.text.language'],
      ['parentId', 'catalog.category.parentNotFound'],
    ]);
    expect(issuesOf(await t.client.tryCall('catalog.categories.create', { code: 'X', names: { en: ' ' } }))[0]).toMatchObject({
      path: 'names',
      key: 'catalog.category.nameRequired',
    });
  });

  it('moves a category, but never below itself', async () => {
    const { home, rugs, kilims, ceramics } = await tree();
    const cycle = issuesOf(await t.client.tryCall('catalog.categories.update', { id: rugs.id, parentId: kilims.id }));
    expect(cycle).toEqual([expect.objectContaining({ path: 'parentId', key: 'catalog.category.cycle' })]);
    const moved = await t.client.call('catalog.categories.update', { id: kilims.id, parentId: ceramics.id, names: { en: 'Flat-weaves' } });
    expect(moved).toMatchObject({ parentId: ceramics.id, depth: 2, names: { en: 'Flat-weaves' } });
    const top = await t.client.call('catalog.categories.update', { id: rugs.id, parentId: null });
    expect(top.depth).toBe(0);
    expect((await t.client.call('catalog.categories.list', {})).map((c) => c.code)).toEqual(['HOME', 'CERAMICS', 'KILIMS', 'RUGS']);
    expect(home.id).toBeGreaterThan(0);
  });

  it('refuses an attribute code that a category on the same branch already defines', async () => {
    const { home, kilims } = await tree();
    await t.client.call('catalog.categories.update', { id: kilims.id, attributes: [{ code: 'weave', type: 'text', labels: {} }] });
    const issues = issuesOf(
      await t.client.tryCall('catalog.categories.update', { id: home.id, attributes: [{ code: 'weave', type: 'choice', choices: ['flat'], labels: {} }] }),
    );
    expect(issues).toEqual([expect.objectContaining({ path: 'attributes.0.code', key: 'catalog.attribute.inherited' })]);
    const noChoices = issuesOf(
      await t.client.tryCall('catalog.categories.update', { id: home.id, attributes: [{ code: 'finish', type: 'choice', labels: {} }] }),
    );
    expect(noChoices).toEqual([expect.objectContaining({ path: 'attributes.0.choices', key: 'catalog.attribute.choicesRequired' })]);
  });

  it('deletes a leaf category, unfiling its products with a new revision only when asked; refuses one with subcategories', async () => {
    const { rugs, kilims } = await tree();
    const product = await t.client.call('products.create', productInput({ categoryId: kilims.id }));
    const refused = errorOf(await t.client.tryCall('catalog.categories.delete', { id: rugs.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('KILIMS');
    // Still used by a product: refused, named, nothing changed.
    const used = errorOf(await t.client.tryCall('catalog.categories.delete', { id: kilims.id }));
    expect(used).toMatchObject({ code: 'CONFLICT', details: { key: 'catalogSettings.categories.inUse', products: 1, code: 'KILIMS' } });
    expect(await t.client.call('products.get', { id: product.id })).toMatchObject({ categoryId: kilims.id, revision: 1 });
    expect((await t.client.call('catalog.categories.list', {})).map((c) => c.code)).toContain('KILIMS');
    expect(await t.client.call('catalog.categories.delete', { id: kilims.id, unfileProducts: true })).toEqual({ id: kilims.id, productsUnfiled: 1 });
    expect(await t.client.call('products.get', { id: product.id })).toMatchObject({ categoryId: null, revision: 2 });
    expect(errorOf(await t.client.tryCall('catalog.categories.delete', { id: kilims.id })).code).toBe('NOT_FOUND');
  });
});
