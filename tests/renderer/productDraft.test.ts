import { describe, expect, it } from 'vitest';
import type { Category, CategoryAttribute } from '../../shared/catalog/category.ts';
import { ProductUpdateSchema, type Product } from '../../shared/catalog/product.ts';
import { createI18n } from '../../renderer/src/i18n/index.ts';
import { translateIssue } from '../../renderer/src/lib/issues.ts';
import { parsePercent } from '../../renderer/src/products/percent.ts';
import { categoryPath, categoryTree } from '../../renderer/src/products/categoryTree.ts';
import { listQuery, parseHiddenColumns, parseListSettings, rangeBetween, type ListFilters } from '../../renderer/src/products/listQuery.ts';
import {
  changedFields,
  draftFromProduct,
  draftToFields,
  imperialLength,
  imperialWeight,
  parseCm,
  parseKg,
} from '../../renderer/src/products/productDraft.ts';

// The product form's logic without the browser: exact parsing of what people type (kg, cm, amounts,
// quantities) into what the core stores, issue paths the core also uses, and only changed fields sent.

function product(overrides: Partial<Product> = {}): Product {
  return {
    id: 7,
    sku: 'TAJINE-30',
    kind: 'simple',
    parentId: null,
    status: 'draft',
    texts: { en: { title: 'Tajine 30 cm', description: null } },
    categoryId: null,
    brand: null,
    tags: [],
    unit: 'pcs',
    gtin: null,
    hsCode: null,
    originCountry: 'MA',
    netWeightG: 2500,
    grossWeightG: 3200,
    lengthMm: 300,
    widthMm: 300,
    heightMm: 185,
    costPrice: { amountMinor: 9500, currency: 'MAD' },
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 3990 }, { minQuantityMilli: 10_000, amountMinor: 3500 }] }],
    minimumOrders: [],
    attributes: {},
    options: [],
    optionValues: null,
    parent: null,
    variants: [],
    images: [],
    onHandMilli: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    revision: 3,
    ...overrides,
  };
}

describe('weights and dimensions', () => {
  it('parse kilograms into grams and centimetres into millimetres, exactly', () => {
    expect(parseKg('2,5')).toEqual({ ok: true, value: 2500 });
    expect(parseKg('0.001')).toEqual({ ok: true, value: 1 });
    expect(parseKg('')).toEqual({ ok: true, value: null });
    expect(parseKg('0.0005')).toMatchObject({ ok: false, key: 'products.issues.decimals' });
    expect(parseKg('-1')).toMatchObject({ ok: false, key: 'products.issues.negative' });
    expect(parseKg('abc')).toMatchObject({ ok: false, key: 'products.issues.number' });
    expect(parseCm('18.5')).toEqual({ ok: true, value: 185 });
    expect(parseCm('18.55')).toMatchObject({ ok: false, key: 'products.issues.decimals', params: { decimals: 1 } });
  });

  it('show lb, oz and in on request', () => {
    expect(imperialWeight('2.5')).toBe('5.51 lb');
    expect(imperialWeight('0.25')).toBe('8.8 oz');
    expect(imperialLength('30')).toBe('11.81 in');
    expect(imperialWeight('x')).toBe('');
  });
});

describe('the product draft', () => {
  it('round-trips a stored product without reporting changes', () => {
    const p = product();
    const draft = draftFromProduct(p, ['en', 'fr', 'de', 'ar']);
    expect(draft.netWeightKg).toBe('2.5');
    expect(draft.heightCm).toBe('18.5');
    expect(draft.costAmount).toBe('95.00');
    expect(draft.prices[0]?.tiers.map((t) => [t.minQuantity, t.amount])).toEqual([
      ['1', '39.90'],
      ['10', '35.00'],
    ]);
    expect(Object.keys(draft.texts)).toEqual(['en', 'fr', 'de', 'ar']);
    const { fields, issues } = draftToFields(draft, []);
    expect(issues).toEqual([]);
    expect(changedFields(fields, fields)).toEqual({});
    // What the form sends is what products.update accepts.
    expect(ProductUpdateSchema.safeParse({ id: 7, revision: 3, ...fields }).success).toBe(true);
  });

  it('sends only the fields that changed', () => {
    const baseline = draftFromProduct(product(), ['en', 'ar']);
    const before = draftToFields(baseline, []).fields;
    const draft = { ...baseline, grossWeightKg: '3,4', texts: { ...baseline.texts, ar: { title: 'طاجين', description: '' } } };
    const change = changedFields(draftToFields(draft, []).fields, before);
    expect(Object.keys(change).sort()).toEqual(['grossWeightG', 'texts']);
    expect(change.grossWeightG).toBe(3400);
  });

  it('reports problems at the paths the core uses', () => {
    const draft = draftFromProduct(product(), ['en']);
    draft.prices[0]!.tiers[1]!.amount = '12.345';
    draft.prices[0]!.tiers[0]!.minQuantity = '1.5';
    draft.netWeightKg = 'heavy';
    const { issues } = draftToFields(draft, []);
    expect(issues.map((i) => [i.path, i.key]).sort()).toEqual([
      ['netWeightG', 'products.issues.number'],
      ['prices.0.tiers.0.minQuantityMilli', 'products.issues.decimals'],
      ['prices.0.tiers.1.amountMinor', 'products.issues.amountDecimals'],
    ]);
    const i18n = createI18n('fr');
    const amount = issues.find((i) => i.path.endsWith('amountMinor'));
    expect(translateIssue(i18n, amount!, 'Prix unitaire (EUR)')).toBe('Prix unitaire (EUR) : EUR a au plus 2 décimales.');
  });

  it('keeps only the attributes of the chosen category, typed', () => {
    const attributes: CategoryAttribute[] = [
      { code: 'material', type: 'choice', required: true, choices: ['wool', 'cotton'], labels: { en: 'Material' }, categoryId: 1 },
      { code: 'pile_height_mm', type: 'number', required: false, choices: null, labels: {}, categoryId: 1 },
      { code: 'washable', type: 'boolean', required: false, choices: null, labels: {}, categoryId: 1 },
    ];
    const draft = draftFromProduct(product(), ['en']);
    draft.attributes = { material: 'wool', pile_height_mm: '12,5', washable: true, colour: 'red' };
    expect(draftToFields(draft, attributes).fields.attributes).toEqual({ material: 'wool', pile_height_mm: 12.5, washable: true });
    draft.attributes.pile_height_mm = 'tall';
    expect(draftToFields(draft, attributes).issues).toMatchObject([{ path: 'attributes.pile_height_mm', key: 'products.issues.number' }]);
  });
});

describe('the product list query', () => {
  const filters: ListFilters = {
    search: '',
    status: [],
    category: null,
    tag: null,
    showVariants: false,
    warehouse: 'MAIN',
    priceList: 'RETAIL',
    currency: 'EUR',
  };

  it('sorts by SKU, or by best match while searching, unless a column is sorted', () => {
    expect(listQuery(filters, [], undefined).sort).toEqual({ field: 'sku', direction: 'asc' });
    expect(listQuery({ ...filters, search: ' argan ' }, [], undefined)).toMatchObject({ search: 'argan', sort: { field: 'relevance' } });
    expect(listQuery(filters, [{ id: 'price', desc: true }], 'fr')).toMatchObject({ sort: { field: 'price', direction: 'desc' }, language: 'fr' });
    // Columns the core cannot sort by fall back to the default order.
    expect(listQuery(filters, [{ id: 'category', desc: false }], undefined).sort).toEqual({ field: 'sku', direction: 'asc' });
  });

  it('turns the filters into the query fields', () => {
    expect(listQuery({ ...filters, status: ['archived'], category: '12', tag: 'wool', showVariants: true }, [], undefined)).toEqual({
      sort: { field: 'sku', direction: 'asc' },
      visibility: 'all',
      priceList: 'RETAIL',
      currency: 'EUR',
      status: ['archived'],
      categoryId: 12,
      tag: 'wool',
    });
    expect(listQuery({ ...filters, category: 'none' }, [], undefined)).toMatchObject({ uncategorised: true, visibility: 'top' });
  });

  it('reads stored choices defensively', () => {
    expect(parseHiddenColumns(null)).toEqual(['unit', 'updated']);
    expect(parseHiddenColumns('["gtin","sku","nonsense"]')).toEqual(['gtin']);
    expect(parseHiddenColumns('{not json')).toEqual(['unit', 'updated']);
    expect(parseListSettings('{"currency":"MAD","warehouse":"FBA-DE","priceList":7}')).toEqual({ currency: 'MAD', warehouse: 'FBA-DE' });
    expect(parseListSettings('oops')).toEqual({});
  });

  it('selects a range from the anchor in either direction', () => {
    expect(rangeBetween(null, 5)).toEqual({ from: 5, to: 5 });
    expect(rangeBetween(9, 5)).toEqual({ from: 5, to: 9 });
    expect(rangeBetween(2, 5)).toEqual({ from: 2, to: 5 });
  });

  it('reads a bulk percentage as people type it', () => {
    expect(parsePercent('+10')).toBe(10);
    expect(parsePercent('-5,5 %')).toBe(-5.5);
    expect(parsePercent('7.25')).toBe(7.25);
    expect(parsePercent('0')).toBeNull();
    expect(parsePercent('1.234')).toBeNull();
    expect(parsePercent('-100')).toBeNull();
    expect(parsePercent('ten')).toBeNull();
  });
});

describe('the category tree', () => {
  const categories: Category[] = [
    { id: 1, parentId: null, code: 'COSMETICS', position: 0, depth: 0, names: { en: 'Cosmetics', ar: 'مستحضرات التجميل' }, attributes: [], inheritedAttributes: [], productCount: 0, createdAt: '', updatedAt: '' },
    { id: 2, parentId: 1, code: 'ARGAN', position: 0, depth: 1, names: { en: 'Argan oil' }, attributes: [], inheritedAttributes: [], productCount: 0, createdAt: '', updatedAt: '' },
  ];
  it('nests children under parents and names them in the first language that has a name', () => {
    expect(categoryTree(categories, ['ar', 'en'])).toEqual([
      { value: '1', label: 'مستحضرات التجميل', children: [{ value: '2', label: 'Argan oil' }] },
    ]);
    expect(categoryPath(2, categories, ['en'])).toBe('Cosmetics › Argan oil');
    expect(categoryPath(null, categories, ['en'])).toBe('');
  });
});
