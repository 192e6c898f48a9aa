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

const count = async (): Promise<number> => (await t.client.call('products.list', {})).total;

describe('products: create and read', () => {
  it('creates a product with normalised trade data and reads it back the same', async () => {
    const created = await t.client.call('products.create', productInput({ tags: ['berber', 'Wool', 'wool '] }));
    expect(created).toMatchObject({
      sku: 'RUG-1',
      kind: 'simple',
      parentId: null,
      status: 'active',
      texts: {
        en: { title: 'Beni Ourain rug', description: 'Hand-knotted wool' },
        fr: { title: 'Tapis Béni Ouarain', description: null },
      },
      tags: ['berber', 'Wool'],
      gtin: '4006381333931',
      hsCode: '570110',
      originCountry: 'MA',
      netWeightG: 18_000,
      grossWeightG: 19_500,
      prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 89_000 }] }],
      revision: 1,
      variants: [],
      images: [],
    });
    expect(await t.client.call('products.get', { id: created.id })).toEqual(created);
    expect(await t.client.call('products.getBySku', { sku: 'rug-1' })).toEqual(created);
  });

  it('drops languages whose title and description are blank, and asks for a title with a description', async () => {
    const created = await t.client.call(
      'products.create',
      productInput({ texts: { en: { title: 'Rug' }, de: { title: '  ', description: '' }, ar: { title: '' } } }),
    );
    expect(Object.keys(created.texts)).toEqual(['en']);
    const issues = issuesOf(await t.client.tryCall('products.create', productInput({ sku: 'X', gtin: null, texts: { en: { title: '', description: 'Only words' } } })));
    expect(issues).toEqual([expect.objectContaining({ path: 'texts.en.title', key: 'catalog.text.titleRequired' })]);
    const none = issuesOf(await t.client.tryCall('products.create', productInput({ sku: 'X', gtin: null, texts: { en: { title: ' ' } } })));
    expect(none).toEqual([expect.objectContaining({ path: 'texts', key: 'catalog.text.required' })]);
  });

  it('refuses a text in a language that is not a catalog language, and accepts it once added', async () => {
    const issues = issuesOf(await t.client.tryCall('products.create', productInput({ texts: { es: { title: 'Alfombra' } } })));
    expect(issues).toEqual([expect.objectContaining({ path: 'texts.es', key: 'catalog.text.language', params: { language: 'es' } })]);
    expect(await t.client.call('catalog.languages.get', {})).toEqual({ languages: ['en', 'fr', 'de', 'ar'] });
    await t.client.call('catalog.languages.set', { languages: ['fr', 'en', 'de', 'ar', 'ES'] });
    const created = await t.client.call('products.create', productInput({ texts: { es: { title: 'Alfombra' } } }));
    expect(created.texts.es?.title).toBe('Alfombra');
  });

  it('refuses dropping a catalog language that texts still use', async () => {
    await t.client.call('products.create', productInput());
    const error = errorOf(await t.client.tryCall('catalog.languages.set', { languages: ['en', 'de'] }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('written in fr');
    expect(await t.client.call('catalog.languages.get', {})).toEqual({ languages: ['en', 'fr', 'de', 'ar'] });
    expect(await t.client.call('catalog.languages.set', { languages: ['en', 'fr'] })).toEqual({ languages: ['en', 'fr'] });
    expect(issuesOf(await t.client.tryCall('catalog.languages.set', { languages: ['en', 'EN'] }))[0]).toMatchObject({
      path: 'languages.1',
      key: 'catalog.languages.duplicate',
    });
  });

  it('refuses gross weight below net weight, naming both', async () => {
    const issues = issuesOf(await t.client.tryCall('products.create', productInput({ netWeightG: 2000, grossWeightG: 1500 })));
    expect(issues).toEqual([expect.objectContaining({ path: 'grossWeightG', key: 'catalog.weight.grossBelowNet' })]);
    expect(issues[0]?.message).toContain('1500 g');
    expect(await count()).toBe(0);
  });
});

describe('products: SKU, GTIN and HS code', () => {
  it('keeps SKUs unique whatever the case: rug-1 after RUG-1 is refused, naming sku, and nothing is written', async () => {
    await t.client.call('products.create', productInput());
    const result = await t.client.tryCall('products.create', productInput({ sku: 'rug-1', gtin: null, texts: { en: { title: 'Other rug' } } }));
    const issues = issuesOf(result);
    expect(issues).toEqual([
      expect.objectContaining({ path: 'sku', key: 'catalog.sku.taken', params: expect.objectContaining({ sku: 'rug-1', existing: 'RUG-1' }) as unknown }),
    ]);
    expect(issues[0]?.message).toContain('RUG-1');
    expect(await count()).toBe(1);
    expect(await t.client.call('products.search', { text: 'other' })).toEqual([]);
  });

  it('refuses a SKU with spaces or exotic characters', async () => {
    const issues = issuesOf(await t.client.tryCall('products.create', productInput({ sku: 'RUG 1' })));
    expect(issues).toEqual([expect.objectContaining({ path: 'sku', key: 'validation.sku.format' })]);
  });

  it('checks the GTIN check digit and names the field', async () => {
    const issues = issuesOf(await t.client.tryCall('products.create', productInput({ gtin: '4006381333932' })));
    expect(issues).toEqual([expect.objectContaining({ path: 'gtin', key: 'validation.gtin.checksum' })]);
    expect(issues[0]?.message).toContain('4006381333932');
    expect(await count()).toBe(0);
  });

  it('treats UPC-A 036000291452 and EAN-13 0036000291452 as the same GTIN', async () => {
    await t.client.call('products.create', productInput({ gtin: '036000291452' }));
    const issues = issuesOf(await t.client.tryCall('products.create', productInput({ sku: 'RUG-2', gtin: '0036000291452' })));
    expect(issues).toEqual([expect.objectContaining({ path: 'gtin', key: 'catalog.gtin.taken', params: expect.objectContaining({ sku: 'RUG-1' }) as unknown })]);
  });

  it('checks the HS code: 6 to 10 digits, dots and spaces dropped', async () => {
    const short = issuesOf(await t.client.tryCall('products.create', productInput({ hsCode: '5701' })));
    expect(short).toEqual([expect.objectContaining({ path: 'hsCode', key: 'validation.hsCode.length' })]);
    const created = await t.client.call('products.create', productInput({ hsCode: '5701 10 00 00' }));
    expect(created.hsCode).toBe('5701100000');
  });

  it('finds a product by a scanned code: SKU in any case, GTIN in any spelling, GS1 (01) element strings', async () => {
    const rug = await t.client.call('products.create', productInput({ gtin: '036000291452' }));
    const hit = { id: rug.id, sku: 'RUG-1', kind: 'simple', parentId: null, status: 'active' };
    expect(await t.client.call('products.lookupCode', { code: 'rug-1' })).toEqual({ ...hit, matchedBy: 'sku' });
    expect(await t.client.call('products.lookupCode', { code: '036000291452' })).toEqual({ ...hit, matchedBy: 'gtin' });
    expect(await t.client.call('products.lookupCode', { code: '0036000291452\n' })).toEqual({ ...hit, matchedBy: 'gtin' });
    expect(await t.client.call('products.lookupCode', { code: '(01)00036000291452(10)LOT7' })).toEqual({ ...hit, matchedBy: 'gtin' });
    expect(await t.client.call('products.lookupCode', { code: ']E00036000291452' })).toEqual({ ...hit, matchedBy: 'gtin' });
    expect(await t.client.call('products.lookupCode', { code: '4006381333931' })).toBeNull();
    expect(await t.client.call('products.lookupCode', { code: 'RUG' })).toBeNull();
  });
});

describe('products: update and revisions', () => {
  it('refuses an update made on a stale revision with CONFLICT and keeps the newer data', async () => {
    const created = await t.client.call('products.create', productInput());
    const first = await t.client.call('products.update', { id: created.id, revision: created.revision, brand: 'Atlas' });
    expect(first).toMatchObject({ brand: 'Atlas', revision: 2 });
    const stale = errorOf(await t.client.tryCall('products.update', { id: created.id, revision: 1, brand: 'Other' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.details).toMatchObject({ id: created.id, revision: 2 });
    expect(stale.message).toContain('RUG-1');
    expect((await t.client.call('products.get', { id: created.id })).brand).toBe('Atlas');
  });

  it('changes only the fields sent and keeps the rest', async () => {
    const created = await t.client.call('products.create', productInput());
    const updated = await t.client.call('products.update', {
      id: created.id,
      revision: 1,
      texts: { en: { title: 'Beni Ourain rug, large' } },
      gtin: null,
    });
    expect(updated).toMatchObject({ texts: { en: { title: 'Beni Ourain rug, large', description: null } }, gtin: null, hsCode: '570110', tags: ['berber', 'wool'] });
    expect(await t.client.call('products.search', { text: 'large' })).toHaveLength(1);
    expect(await t.client.call('products.search', { text: 'ouarain' })).toHaveLength(0);
  });

  it('refuses a unit change once the product has stock movements', async () => {
    const created = await t.client.call('products.create', productInput());
    t.kontor.database.sqlite
      .prepare(
        `INSERT INTO stock_movement (kind, product_id, warehouse_id, quantity_milli, value_minor, unit_cost_minor, occurred_at, created_at)
         VALUES ('receipt', ?, 1, 2000, 900000, 450000, ?, ?)`,
      )
      .run(created.id, new Date().toISOString(), new Date().toISOString());
    const issues = issuesOf(await t.client.tryCall('products.update', { id: created.id, revision: 1, unit: 'kg' }));
    expect(issues).toEqual([expect.objectContaining({ path: 'unit', key: 'catalog.unit.hasStock' })]);
    expect(errorOf(await t.client.tryCall('products.delete', { id: created.id, revision: 1 })).code).toBe('CONFLICT');
  });

  it('deletes a product without a past, and its search row', async () => {
    const created = await t.client.call('products.create', productInput());
    expect(await t.client.call('products.delete', { id: created.id, revision: 1 })).toEqual({ id: created.id });
    expect(await count()).toBe(0);
    expect(await t.client.call('products.search', { text: 'rug' })).toEqual([]);
    expect(errorOf(await t.client.tryCall('products.get', { id: created.id })).code).toBe('NOT_FOUND');
  });
});

describe('products: custom attributes of the category', () => {
  it('checks attribute codes, types, choices and required ones, including those of parent categories', async () => {
    const home = await t.client.call('catalog.categories.create', {
      code: 'home',
      names: { en: 'Home', fr: 'Maison' },
      attributes: [{ code: 'origin_region', type: 'text', labels: { en: 'Region' } }],
    });
    const rugs = await t.client.call('catalog.categories.create', {
      parentId: home.id,
      code: 'RUGS',
      names: { en: 'Rugs' },
      attributes: [
        { code: 'material', type: 'choice', required: true, choices: ['wool', 'cotton'], labels: { en: 'Material' } },
        { code: 'pile_height_mm', type: 'number', labels: {} },
        { code: 'washable', type: 'boolean', labels: {} },
      ],
    });
    expect(home.code).toBe('HOME');
    const bad = issuesOf(
      await t.client.tryCall(
        'products.create',
        productInput({ categoryId: rugs.id, attributes: { pile_height_mm: 'high', washable: true, colour: 'red' } }),
      ),
    );
    expect(bad.map((i) => [i.path, i.key]).sort()).toEqual([
      ['attributes.colour', 'catalog.attribute.unknown'],
      ['attributes.material', 'catalog.attribute.required'],
      ['attributes.pile_height_mm', 'catalog.attribute.type'],
    ]);
    const wrongChoice = issuesOf(await t.client.tryCall('products.create', productInput({ categoryId: rugs.id, attributes: { material: 'silk' } })));
    expect(wrongChoice).toEqual([expect.objectContaining({ path: 'attributes.material', key: 'catalog.attribute.choice' })]);
    const created = await t.client.call(
      'products.create',
      productInput({ categoryId: rugs.id, attributes: { material: 'wool', pile_height_mm: 25, origin_region: 'Middle Atlas' } }),
    );
    expect(created.attributes).toEqual({ material: 'wool', pile_height_mm: 25, origin_region: 'Middle Atlas' });
    const missing = issuesOf(await t.client.tryCall('products.create', productInput({ sku: 'RUG-2', gtin: null, categoryId: 999 })));
    expect(missing).toEqual([expect.objectContaining({ path: 'categoryId', key: 'catalog.category.notFound' })]);
  });
});

describe('products: tags', () => {
  it('lists tags in use with counts, most used first, filtered by prefix in any case', async () => {
    await t.client.call('products.create', productInput({ tags: ['Berber', 'wool'] }));
    await t.client.call('products.create', productInput({ sku: 'RUG-2', gtin: null, tags: ['wool', 'kilim'] }));
    expect(await t.client.call('catalog.tags.list', {})).toEqual([
      { tag: 'wool', count: 2 },
      { tag: 'Berber', count: 1 },
      { tag: 'kilim', count: 1 },
    ]);
    expect(await t.client.call('catalog.tags.list', { prefix: 'BER' })).toEqual([{ tag: 'Berber', count: 1 }]);
    expect(await t.client.call('catalog.tags.list', { prefix: '%' })).toEqual([]);
  });
});
