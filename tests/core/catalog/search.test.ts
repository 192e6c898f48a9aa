import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildFtsQuery, foldText, RANK_SQL, searchProducts } from '../../../electron/core/catalog/search.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { productInput } from './support.ts';

describe('folding and the query builder', () => {
  it('folds accents, Arabic marks and letter forms, and mixed-script look-alikes', () => {
    expect(foldText('Céramique Béni Ouarain')).toBe('ceramique beni ouarain');
    expect(foldText('أَرْكَان إناء آنية')).toBe('اركان اناء انيه');
    expect(foldText('زيـــت مقلى')).toBe('زيت مقلي');
    expect(foldText('Straße Cœur')).toBe('strasse coeur');
    expect(foldText('arg\u0430n')).toBe('argan'); // Cyrillic а inside a Latin word
    expect(foldText('масло')).toBe('масло'); // a Russian word stays Russian
  });

  it('quotes every token and matches the last one of each word as a prefix', () => {
    expect(buildFtsQuery('Tapis laine')).toBe('"tapis"* AND "laine"*');
    expect(buildFtsQuery('RUG-BO-0')).toBe('"rug bo 0"*');
    expect(buildFtsQuery('rug AND -x "NEAR(a b)" * ^col:1')).toBe('"rug"* AND "and"* AND "x"* AND "near a"* AND "b"* AND "col 1"*');
    expect(buildFtsQuery(' " * ( ) - ')).toBeNull();
  });
});

describe('products.search and the list search', () => {
  let t: TestKontor;
  beforeEach(async () => {
    t = await openTestKontor();
    await t.client.call('products.create', productInput({ sku: 'RUG-BO-001', tags: ['berber', 'wool'] }));
    await t.client.call(
      'products.create',
      productInput({
        sku: 'TAG-FES-30',
        gtin: '6111000450024',
        tags: ['tableware'],
        texts: {
          en: { title: 'Fès ceramic tagine', description: 'Glazed earthenware' },
          fr: { title: 'Tajine en Céramique de Fès' },
          de: { title: 'Tajine aus Keramik' },
          ar: { title: 'طاجين خزف فاسي' },
        },
      }),
    );
    const argan = await t.client.call(
      'products.create',
      productInput({
        sku: 'ARGAN-OIL',
        gtin: null,
        tags: ['organic'],
        texts: { en: { title: 'Argan oil, cold-pressed' }, fr: { title: "Huile d'argan" }, ar: { title: 'زيت أركان' } },
      }),
    );
    const { product } = await t.client.call('products.generateVariants', {
      productId: argan.id,
      revision: argan.revision,
      options: [{ name: 'Size', values: ['100 ml', '250 ml'] }],
    });
    const small = product.variants[0]!;
    await t.client.call('products.update', { id: small.id, revision: small.revision, gtin: '6111000450031' });
  });
  afterEach(async () => {
    await t.close();
  });

  const skus = async (text: string) => (await t.client.call('products.search', { text })).map((h) => h.sku);

  it('matches prefixes, also with a Cyrillic look-alike letter typed by mistake', async () => {
    expect(await skus('arga')).toEqual(expect.arrayContaining(['ARGAN-OIL', 'ARGAN-OIL-100-ML', 'ARGAN-OIL-250-ML']));
    expect(await skus('arg\u0430')).toHaveLength(3);
    expect(await skus('tapi')).toEqual(['RUG-BO-001']);
  });

  it('ignores accents both ways: "ceramique" finds "Céramique", "Fes" finds "Fès"', async () => {
    expect(await skus('ceramique')).toEqual(['TAG-FES-30']);
    expect(await skus('CÉRAM')).toEqual(['TAG-FES-30']);
    expect(await skus('fes')).toEqual(['TAG-FES-30']);
    expect(await skus('ouarain')).toEqual(['RUG-BO-001']);
  });

  it('finds "tajine" and "tagine" as typed, in whichever language the word is written', async () => {
    expect(await skus('tajine')).toEqual(['TAG-FES-30']);
    expect(await skus('tagine')).toEqual(['TAG-FES-30']);
    expect(await skus('tajine keramik')).toEqual(['TAG-FES-30']);
    expect(await skus('tajine laine')).toEqual([]);
  });

  it('finds an Arabic title by an Arabic prefix, with or without hamza and harakat', async () => {
    expect(await skus('أرك')).toEqual(expect.arrayContaining(['ARGAN-OIL']));
    expect(await skus('ارك')).toHaveLength(3);
    expect(await skus('زَيْت')).toHaveLength(3);
    expect(await skus('طاج')).toEqual(['TAG-FES-30']);
  });

  it('finds tags, GTINs (whole, prefix or with a leading zero) and SKUs (with or without hyphens)', async () => {
    expect(await skus('organ')).toHaveLength(3);
    expect(await skus('tableware')).toEqual(['TAG-FES-30']);
    expect(await skus('6111000450024')).toEqual(['TAG-FES-30']);
    expect(await skus('06111000450031')).toEqual(['ARGAN-OIL-100-ML']);
    expect(await skus('61110004500')).toHaveLength(2);
    expect(await skus('rug-bo-0')).toEqual(['RUG-BO-001']);
    expect(await skus('rugbo')).toEqual(['RUG-BO-001']);
    expect(await skus('100 ml')).toEqual(['ARGAN-OIL-100-ML']);
  });

  it('puts an exact SKU first and answers titles in the asked language', async () => {
    const hits = await t.client.call('products.search', { text: 'argan-oil' });
    expect(hits[0]).toMatchObject({ sku: 'ARGAN-OIL', title: 'Argan oil, cold-pressed', status: 'active' });
    const french = await t.client.call('products.search', { text: 'ARGAN-OIL-250-ML', language: 'fr' });
    expect(french[0]).toMatchObject({ sku: 'ARGAN-OIL-250-ML', title: "Huile d'argan" });
  });

  it('never lets FTS syntax in the input through, and never throws', async () => {
    for (const text of ['rug AND -x', '"', '"rug', '*', 'rug*', 'NEAR(', 'NEAR(rug wool, 2)', 'sku:RUG', '^rug', '(', ')', 'OR', 'NOT rug', '{sku}: x', '', '   ', '\u0000']) {
      const search = await t.client.tryCall('products.search', { text });
      expect(search.ok, text).toBe(true);
      const list = await t.client.tryCall('products.list', { search: text });
      expect(list.ok, text).toBe(true);
    }
    expect(await skus('"tapis"')).toEqual(['RUG-BO-001']);
    expect(await skus('NEAR(tapis')).toEqual([]);
  });

  it('ranks by bm25 over every match when there are few, and over the newest matches when there are many', async () => {
    const db = t.kontor.database.db;
    // What the quick search answered before it bounded its candidates: bm25 over every match.
    const fullRanking = async (text: string): Promise<number[]> =>
      (
        await sql<{ id: number }>`SELECT rowid AS id FROM product_search WHERE product_search MATCH ${buildFtsQuery(text)}
          ORDER BY ${RANK_SQL}, (SELECT sku FROM product WHERE id = rowid)`.execute(db)
      ).rows.map((r) => r.id);
    const quick = async (text: string, candidates?: number): Promise<number[]> =>
      (await searchProducts(db, { text, limit: 20, language: 'en', languageOrder: ['en', 'fr', 'de', 'ar'], ...(candidates ? { candidates } : {}) })).map((h) => h.id);
    for (const text of ['arga', 'argan oil', 'ارك', 'زَيْت', 'CÉRAM', 'fes', 'organ', 'tableware', '6111000450024', '61110004500', 'rugbo', 'rug-bo-0', '100 ml', 'a', 'o']) {
      expect(await quick(text), text).toEqual(await fullRanking(text));
    }
    // Bounded to the two newest of the three argan products: the parent (the oldest) is left out,
    // the two variants keep their bm25 order.
    const argan = await fullRanking('arga');
    expect(argan).toHaveLength(3);
    const newestTwo = [...argan].sort((a, b) => b - a).slice(0, 2);
    expect(await quick('arga', 2)).toEqual(argan.filter((id) => newestTwo.includes(id)));
    // An exact SKU is always first, candidate or not.
    const parent = await t.client.call('products.getBySku', { sku: 'ARGAN-OIL' });
    expect((await quick('argan-oil', 1))[0]).toBe(parent.id);
  });

  it('filters the list by search; the top view shows a parent for its variant’s GTIN', async () => {
    const all = await t.client.call('products.list', { search: 'argan' });
    expect(all.total).toBe(3);
    const top = await t.client.call('products.list', { search: '6111000450031', visibility: 'top' });
    expect(top.rows.map((r) => r.sku)).toEqual(['ARGAN-OIL']);
    const sellable = await t.client.call('products.list', { search: 'argan', visibility: 'sellable' });
    expect(sellable.rows.map((r) => [r.sku, r.title, r.optionLabel])).toEqual([
      ['ARGAN-OIL-100-ML', 'Argan oil, cold-pressed', '100 ml'],
      ['ARGAN-OIL-250-ML', 'Argan oil, cold-pressed', '250 ml'],
    ]);
  });

  it('keeps the index in step with every write: renamed, retagged and deleted products', async () => {
    const rug = await t.client.call('products.getBySku', { sku: 'RUG-BO-001' });
    await t.client.call('products.update', { id: rug.id, revision: rug.revision, texts: { en: { title: 'Azilal rug' } }, tags: ['colourful'] });
    expect(await skus('azilal')).toEqual(['RUG-BO-001']);
    expect(await skus('ouarain')).toEqual([]);
    expect(await skus('colourf')).toEqual(['RUG-BO-001']);
    expect(await skus('berber')).toEqual([]);
    const argan = await t.client.call('products.getBySku', { sku: 'ARGAN-OIL' });
    await t.client.call('products.update', { id: argan.id, revision: argan.revision, texts: { en: { title: 'Amlou spread' } } });
    // The variants carry their parent's texts, so they follow the rename.
    expect(await skus('amlou')).toHaveLength(3);
    expect(await skus('huile')).toEqual([]);
    expect(await skus('arga')).toHaveLength(3); // the SKUs still say ARGAN
    await t.client.call('products.delete', { id: rug.id, revision: rug.revision + 1 });
    expect(await skus('azilal')).toEqual([]);
  });
});
