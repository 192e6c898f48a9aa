import type { Database } from 'better-sqlite3';
import type { Category } from '../../../shared/catalog/category.ts';
import {
  PRODUCT_DEFAULTS,
  productRuleIssues,
  type AttributeValue,
  type ProductFields,
  type ProductKind,
  type ProductStatus,
} from '../../../shared/catalog/product.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { ImportIssue } from '../../../shared/imports/result.ts';
import type { Unit } from '../../../shared/quantity.ts';
import { gtinSpellings } from '../../../shared/validation/gtin.ts';
import { attributeIssues } from '../catalog/products.ts';
import { foldHeader } from '../../../shared/imports/headers.ts';
import type { RowRecord } from './interpret.ts';

/** A product as stored, in the terms the import compares and restores. */
export interface StoredProduct {
  id: number;
  sku: string;
  kind: ProductKind;
  parentId: number | null;
  revision: number;
  fields: ProductFields;
  options: { name: string; values: string[] }[];
  optionValues: Record<string, string> | null;
}

export type PlanAction = 'create' | 'update' | 'unchanged' | 'error';

export interface PlannedProduct {
  row: number;
  record: RowRecord | null;
  sku: string;
  kind: ProductKind;
  parentSku: string | null;
  stored: StoredProduct | null;
  fields: ProductFields;
  /** A category that the import creates, by its path key; resolved to an id when written. */
  newCategory: string | null;
  options: { name: string; values: string[] }[];
  optionValues: Record<string, string> | null;
  images: string[] | undefined;
  action: PlanAction;
  issues: ImportIssue[];
}

export interface NewCategory {
  key: string;
  parentKey: string | null;
  parentId: number | null;
  code: string;
  name: string;
}

export interface ImportPlan {
  products: PlannedProduct[];
  newCategories: NewCategory[];
  /** Rows that are not products (empty of everything mapped) are counted, not planned. */
  issues: ImportIssue[];
}

export interface PlanContext {
  sqlite: Database;
  categories: readonly Category[];
  languages: readonly string[];
  priceLists: ReadonlyMap<string, number>;
  /**
   * Whether an empty cell of a variant row means "as the parent" (Shopify, WooCommerce and most
   * sheets leave variant rows empty but for what differs) or "none" (Kontor's own export, which
   * writes every product's own values).
   */
  inheritEmpty: boolean;
}

type InheritedField = 'categoryId' | 'brand' | 'unit' | 'hsCode' | 'originCountry' | 'netWeightG' | 'grossWeightG' | 'lengthMm' | 'widthMm' | 'heightMm' | 'costPrice';

/**
 * Everything the import will do, decided before anything is written: which rows create, update or
 * leave products unchanged, and every problem (each naming row, column, value and what was
 * expected). Runs inside the writing transaction, so what it read cannot change before the write.
 */
export function planImport(records: readonly RowRecord[], context: PlanContext): ImportPlan {
  const issues: ImportIssue[] = [];
  const bySku = new Map<string, RowRecord>();
  const kept: RowRecord[] = [];
  for (const record of records) {
    if (record.sku === null) {
      const key = record.issues.some((i) => i.column !== '' && /sku/i.test(i.key)) ? null : 'imports.row.skuMissing';
      if (key) record.issues.push(rowIssue(record, 'SKU', '', key, 'The row has no SKU; every product needs one (letters, digits and . _ - / +).'));
      kept.push(record);
      continue;
    }
    const folded = record.sku.toUpperCase();
    const first = bySku.get(folded);
    if (first) {
      record.issues.push(
        rowIssue(record, 'SKU', record.sku, 'imports.row.skuDuplicate', `The SKU ${record.sku} is also in row ${first.row}; a SKU is unique (whatever the case).`, {
          firstRow: first.row,
        }),
      );
    } else bySku.set(folded, record);
    kept.push(record);
  }

  const stored = readStored(context.sqlite, [...bySku.values()].map((r) => r.sku ?? ''));
  const storedBySku = new Map([...stored.values()].map((p) => [p.sku.toUpperCase(), p]));
  // Parents named by variants but absent from the file: read them too, their options may grow.
  const missingParents = [...new Set(kept.flatMap((r) => (r.parentSku && !bySku.has(r.parentSku.toUpperCase()) ? [r.parentSku] : [])))];
  for (const p of readStored(context.sqlite, missingParents).values()) storedBySku.set(p.sku.toUpperCase(), p);

  const categories = categoryResolver(context.categories);
  const planned: PlannedProduct[] = [];
  const plannedBySku = new Map<string, PlannedProduct>();

  const namedAsParent = new Set(kept.flatMap((r) => (r.parentSku ? [r.parentSku.toUpperCase()] : [])));
  // Parents and simple products first, so that variants find their parent's final fields.
  const ordered = [...kept].sort((a, b) => Number(a.parentSku !== null) - Number(b.parentSku !== null) || a.row - b.row);
  for (const record of ordered) {
    const sku = record.sku ?? '';
    const existing = record.sku === null ? undefined : storedBySku.get(sku.toUpperCase());
    const parentKey = record.parentSku?.toUpperCase() ?? null;
    const parentPlan = parentKey === null ? null : (plannedBySku.get(parentKey) ?? implicitParent(parentKey, storedBySku, plannedBySku, planned));
    const kind: ProductKind = record.parentSku !== null ? 'variant' : record.kind === 'parent' || namedAsParent.has(sku.toUpperCase()) ? 'parent' : 'simple';
    const item: PlannedProduct = {
      row: record.row,
      record,
      sku: existing?.sku ?? sku,
      kind,
      parentSku: parentPlan?.sku ?? record.parentSku,
      stored: existing ?? null,
      fields: { ...PRODUCT_DEFAULTS, sku, texts: {} },
      newCategory: null,
      options: [],
      optionValues: null,
      images: record.images,
      action: 'error',
      issues: [...record.issues],
    };
    if (record.kind === 'variant' && record.parentSku === null) {
      item.issues.push(rowIssue(record, 'Parent', '', 'imports.row.parentMissing', `${sku} is marked as a variant but names no parent SKU.`, { sku }));
    }
    if (parentKey !== null && !parentPlan) {
      item.issues.push(
        rowIssue(record, 'Parent', record.parentSku ?? '', 'imports.row.parentUnknown', `The parent ${record.parentSku ?? ''} is neither in the file nor in Kontor.`, {
          parent: record.parentSku ?? '',
        }),
      );
    } else if (parentPlan && parentPlan.kind !== 'parent') {
      item.issues.push(
        rowIssue(record, 'Parent', record.parentSku ?? '', 'imports.row.parentNotParent', `${parentPlan.sku} is a simple product in Kontor; the import does not turn it into a product with variants.`, {
          parent: parentPlan.sku,
        }),
      );
    }
    if (existing && existing.kind !== kind) {
      item.issues.push(
        rowIssue(record, 'SKU', sku, 'imports.row.kindChange', `${existing.sku} is a ${existing.kind} product in Kontor and would become a ${kind} one; the import does not change a product's kind.`, {
          sku: existing.sku,
          from: existing.kind,
          to: kind,
        }),
      );
    }
    if (existing && kind === 'variant' && parentPlan?.stored && existing.parentId !== parentPlan.stored.id) {
      item.issues.push(rowIssue(record, 'Parent', record.parentSku ?? '', 'imports.row.parentChange', `${existing.sku} is a variant of another product in Kontor; the import does not move variants.`, { sku: existing.sku }));
    }
    buildFields(item, record, existing ?? null, parentPlan ?? null, categories, context);
    planned.push(item);
    plannedBySku.set(sku.toUpperCase(), item);
  }

  finishOptions(planned);
  checkGtins(planned, context.sqlite);
  for (const item of planned) decide(item);
  // A variant whose parent is rejected cannot be written either.
  for (const item of planned) {
    if (item.kind !== 'variant' || item.action === 'error' || item.parentSku === null) continue;
    const parent = plannedBySku.get(item.parentSku.toUpperCase());
    if (parent && parent.action === 'error' && parent.record) {
      item.issues.push(rowIssue(item.record, 'Parent', parent.sku, 'imports.row.parentRejected', `The parent ${parent.sku} (row ${parent.row}) has errors, so this variant cannot be imported.`, { parent: parent.sku, parentRow: parent.row }));
      item.action = 'error';
    }
  }
  planned.sort((a, b) => a.row - b.row);
  return { products: planned, newCategories: categories.created(), issues };
}

/** A parent in Kontor that only variants of the file name: planned too, as its options may grow. */
function implicitParent(key: string, storedBySku: Map<string, StoredProduct>, plannedBySku: Map<string, PlannedProduct>, planned: PlannedProduct[]): PlannedProduct | null {
  const stored = storedBySku.get(key);
  if (!stored) return null;
  const item: PlannedProduct = {
    row: 0,
    record: null,
    sku: stored.sku,
    kind: stored.kind,
    parentSku: null,
    stored,
    fields: stored.fields,
    newCategory: null,
    options: stored.options.map((o) => ({ name: o.name, values: [...o.values] })),
    optionValues: null,
    images: undefined,
    action: 'unchanged',
    issues: [],
  };
  planned.push(item);
  plannedBySku.set(key, item);
  return item;
}

function buildFields(
  item: PlannedProduct,
  record: RowRecord,
  existing: StoredProduct | null,
  parent: PlannedProduct | null,
  categories: CategoryResolver,
  context: PlanContext,
): void {
  const base: ProductFields = existing
    ? structuredClone(existing.fields)
    : item.kind === 'variant' && parent
      ? { ...structuredClone(parent.fields), sku: item.sku, texts: {}, tags: [], gtin: null, attributes: structuredClone(parent.fields.attributes) }
      : { ...PRODUCT_DEFAULTS, sku: item.sku, texts: {}, tags: [], prices: [], minimumOrders: [], attributes: {} };
  const f = base;
  f.sku = item.sku;
  const inherit = item.kind === 'variant' && parent && context.inheritEmpty ? parent.fields : null;
  const take = <K extends InheritedField>(key: K, value: ProductFields[K] | undefined): void => {
    if (value === undefined) return;
    f[key] = value === null && inherit ? inherit[key] : value;
  };
  if (record.status !== undefined) f.status = record.status;
  else if (!existing && inherit) f.status = inherit.status;
  for (const [language, text] of Object.entries(record.texts)) {
    const current = f.texts[language];
    const title = text.title ?? current?.title ?? '';
    const description = text.description !== undefined ? text.description : (current?.description ?? '');
    if (title === '' && description === '') delete f.texts[language];
    else if (title === '') {
      item.issues.push(rowIssue(record, `title_${language}`, '', 'catalog.text.titleRequired', `Give a title in ${language} for the description written in ${language}.`, { language }));
    } else f.texts[language] = { title, description: description === '' ? null : description };
  }
  if (record.category !== undefined) {
    if (record.category === null) take('categoryId', null);
    else {
      const resolved = categories.resolve(record.category);
      if (resolved.id !== null) f.categoryId = resolved.id;
      else {
        f.categoryId = null;
        item.newCategory = resolved.newKey;
      }
    }
  }
  take('brand', record.brand);
  if (record.tags !== undefined) f.tags = record.tags;
  take('unit', record.unit);
  if (record.gtin !== undefined) f.gtin = record.gtin;
  take('hsCode', record.hsCode);
  take('originCountry', record.originCountry);
  take('netWeightG', record.netWeightG);
  take('grossWeightG', record.grossWeightG);
  take('lengthMm', record.lengthMm);
  take('widthMm', record.widthMm);
  take('heightMm', record.heightMm);
  take('costPrice', record.costPrice);
  for (const [key, price] of record.prices) {
    const [priceList = '', currency = ''] = key.split('/');
    f.prices = f.prices.filter((p) => !(p.priceList === priceList && p.currency === currency));
    if (price) f.prices.push({ priceList, currency, tiers: price.tiers });
    if (!context.priceLists.has(priceList)) {
      item.issues.push(rowIssue(record, `price_${priceList}_${currency}`, '', 'catalog.priceList.unknown', `There is no price list ${priceList}; the price lists are ${[...context.priceLists.keys()].join(', ')}.`, { priceList }));
    }
  }
  f.prices.sort((a, b) => (context.priceLists.get(a.priceList) ?? 0) - (context.priceLists.get(b.priceList) ?? 0) || a.currency.localeCompare(b.currency));
  for (const [priceList, quantity] of record.minimumOrders) {
    f.minimumOrders = f.minimumOrders.filter((m) => m.priceList !== priceList);
    if (quantity !== null) f.minimumOrders.push({ priceList, quantityMilli: quantity });
    if (!context.priceLists.has(priceList)) {
      item.issues.push(rowIssue(record, `moq_${priceList}`, '', 'catalog.priceList.unknown', `There is no price list ${priceList}; the price lists are ${[...context.priceLists.keys()].join(', ')}.`, { priceList }));
    }
  }
  f.minimumOrders.sort((a, b) => (context.priceLists.get(a.priceList) ?? 0) - (context.priceLists.get(b.priceList) ?? 0));
  const categoryAttributes = f.categoryId === null ? [] : categories.attributesOf(f.categoryId);
  for (const [code, text] of Object.entries(record.attributes)) {
    if (text === null) {
      delete f.attributes[code];
      continue;
    }
    const attribute = categoryAttributes.find((a) => a.code === code);
    f.attributes[code] = attribute ? attributeValue(attribute.type, text) : text;
  }
  for (const problem of attributeIssues(categoryAttributes, f.attributes)) item.issues.push(fromFieldIssue(record, problem, `attr_${problem.path.split('.')[1] ?? ''}`));
  for (const language of Object.keys(f.texts)) {
    if (!context.languages.includes(language)) {
      item.issues.push(rowIssue(record, `title_${language}`, language, 'catalog.text.language', `${language} is not a catalog language (${context.languages.join(', ')}); add it in the catalog settings first.`, { language }));
    }
  }
  for (const problem of productRuleIssues(f)) {
    if (item.kind === 'variant' && problem.key === 'catalog.text.required') continue;
    item.issues.push(fromFieldIssue(record, problem, problem.key === 'catalog.text.required' ? 'Title' : problem.path));
  }
  if (item.kind === 'parent') item.options = existing ? existing.options.map((o) => ({ name: o.name, values: [...o.values] })) : record.options.map((o) => ({ name: o.name, values: [] }));
  if (item.kind === 'variant') {
    const unnamed = record.options.find((o) => o.name === '');
    if (unnamed) item.issues.push(rowIssue(record, 'Option1 name', unnamed.value, 'imports.row.optionName', `The option value "${unnamed.value}" has no option name (e.g. Size).`, { option: unnamed.value }));
    item.optionValues = Object.fromEntries(record.options.filter((o) => o.name !== '' && o.value !== '').map((o) => [o.name, o.value]));
  }
  if (item.kind === 'simple' && record.options.some((o) => o.value !== '')) {
    item.issues.push(
      rowIssue(record, 'Option1 value', record.options.map((o) => o.value).join(' / '), 'imports.row.optionsWithoutParent', `${item.sku} has option values but no parent SKU; a variant names the SKU of its parent product.`, { sku: item.sku }),
    );
  }
  item.fields = f;
}

function attributeValue(type: string, text: string): AttributeValue {
  if (type === 'number') {
    const n = Number(text.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : text;
  }
  if (type === 'boolean') {
    const lower = text.toLowerCase();
    if (['yes', 'true', '1', 'oui', 'ja', 'vrai', 'نعم'].includes(lower)) return true;
    if (['no', 'false', '0', 'non', 'nein', 'faux', 'لا'].includes(lower)) return false;
  }
  return text;
}

/** Parents get the option values their variants use, in order of first use; variants must name them all. */
function finishOptions(planned: PlannedProduct[]): void {
  const parents = new Map(planned.filter((p) => p.kind === 'parent').map((p) => [p.sku.toUpperCase(), p]));
  const combos = new Map<string, Map<string, number>>();
  for (const v of planned) {
    if (v.kind !== 'variant' || v.parentSku === null) continue;
    const parent = parents.get(v.parentSku.toUpperCase());
    if (!parent) continue;
    const values = v.optionValues ?? {};
    if (parent.options.length === 0) parent.options = Object.keys(values).map((name) => ({ name, values: [] }));
    const names = parent.options.map((o) => o.name);
    const given = Object.keys(values);
    const sameNames = given.length === names.length && names.every((n) => given.some((g) => g.toLowerCase() === n.toLowerCase()));
    if (!sameNames) {
      v.issues.push(
        rowIssue(v.record, 'Option1 name', given.join(', '), 'imports.row.optionNames', `The variant ${v.sku} has the options ${given.join(', ') || '(none)'}; its parent ${parent.sku} has ${names.join(', ') || '(none)'}.`, {
          options: given.join(', '),
          expected: names.join(', '),
        }),
      );
      continue;
    }
    const normalized: Record<string, string> = {};
    for (const option of parent.options) {
      const value = Object.entries(values).find(([n]) => n.toLowerCase() === option.name.toLowerCase())?.[1] ?? '';
      normalized[option.name] = value;
      if (!option.values.some((x) => x.toLowerCase() === value.toLowerCase())) option.values.push(value);
    }
    v.optionValues = normalized;
    const key = JSON.stringify(parent.options.map((o) => (normalized[o.name] ?? '').toLowerCase()));
    const seen = combos.get(parent.sku) ?? new Map<string, number>();
    combos.set(parent.sku, seen);
    const firstRow = seen.get(key);
    if (firstRow !== undefined && v.stored?.id !== firstRow) {
      v.issues.push(rowIssue(v.record, 'Option1 value', Object.values(normalized).join(' / '), 'imports.row.optionDuplicate', `${parent.sku} already has a variant ${Object.values(normalized).join(' / ')}.`, { values: Object.values(normalized).join(' / ') }));
    } else seen.set(key, v.stored?.id ?? -v.row);
  }
  // Variants of stored parents that the file does not mention keep their combinations.
  for (const parent of parents.values()) {
    if (parent.options.length > 3) {
      parent.issues.push(rowIssue(parent.record, 'Option1 name', parent.options.map((o) => o.name).join(', '), 'imports.row.optionsTooMany', `A product has at most 3 options.`));
    }
  }
}

function checkGtins(planned: PlannedProduct[], sqlite: Database): void {
  const inFile = new Map<string, PlannedProduct>();
  const wanted: string[] = [];
  for (const item of planned) {
    const gtin = item.fields.gtin;
    if (gtin === null || item.record === null || item.record.gtin === undefined) continue;
    for (const spelling of gtinSpellings(gtin)) {
      const other = inFile.get(spelling);
      if (other && other !== item) {
        item.issues.push(rowIssue(item.record, 'GTIN', gtin, 'imports.row.gtinDuplicate', `The GTIN ${gtin} is also in row ${other.row} (${other.sku}); a GTIN belongs to one product.`, { gtin, firstRow: other.row }));
        break;
      }
      inFile.set(spelling, item);
      wanted.push(spelling);
    }
  }
  if (wanted.length === 0) return;
  const taken = sqlite.prepare('SELECT id, sku, gtin FROM product WHERE gtin IN (SELECT value FROM json_each(?))').all(JSON.stringify(wanted)) as { id: number; sku: string; gtin: string }[];
  const movedAway = new Set(planned.filter((p) => p.stored && p.record?.gtin !== undefined && p.fields.gtin !== p.stored.fields.gtin).map((p) => p.stored?.id));
  for (const row of taken) {
    const item = inFile.get(row.gtin);
    if (!item || item.stored?.id === row.id || movedAway.has(row.id)) continue;
    item.issues.push(rowIssue(item.record, 'GTIN', item.fields.gtin ?? '', 'catalog.gtin.taken', `The GTIN ${item.fields.gtin ?? ''} already belongs to ${row.sku}.`, { gtin: item.fields.gtin ?? '', sku: row.sku }));
  }
}

function decide(item: PlannedProduct): void {
  if (item.issues.length > 0) {
    item.action = 'error';
    return;
  }
  if (!item.stored) {
    item.action = 'create';
    return;
  }
  const same =
    item.newCategory === null &&
    canonical(item.fields) === canonical(item.stored.fields) &&
    JSON.stringify(item.options) === JSON.stringify(item.stored.options) &&
    (item.kind !== 'variant' || JSON.stringify(item.optionValues) === JSON.stringify(item.stored.optionValues)) &&
    (item.images === undefined || item.images.length === 0);
  item.action = same ? 'unchanged' : 'update';
}

/** Fields with sorted keys and collections, so equal products compare equal as text. */
export function canonical(f: ProductFields): string {
  return stableJson({
    ...f,
    sku: f.sku.toUpperCase(),
    tags: [...f.tags].map((t) => t.toLowerCase()).sort(),
    prices: [...f.prices].sort((a, b) => `${a.priceList}/${a.currency}`.localeCompare(`${b.priceList}/${b.currency}`)),
    minimumOrders: [...f.minimumOrders].sort((a, b) => a.priceList.localeCompare(b.priceList)),
  });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function rowIssue(record: RowRecord | null, column: string, value: string, key: string, message: string, params: Record<string, string | number> = {}): ImportIssue {
  return { row: record?.row ?? 0, column, value, key, message, params: { ...params, value } };
}

function fromFieldIssue(record: RowRecord | null, issue: FieldIssue, column: string): ImportIssue {
  return rowIssue(record, column, '', issue.key, issue.message, issue.params ?? {});
}

// ---- Reading what is stored ---------------------------------------------------------------------

type ProductRow = {
  id: number; sku: string; kind: string; parent_id: number | null; status: string; category_id: number | null; brand: string | null; unit: string;
  gtin: string | null; hs_code: string | null; origin_country: string | null; net_weight_g: number | null; gross_weight_g: number | null;
  length_mm: number | null; width_mm: number | null; height_mm: number | null; cost_price_minor: number | null; cost_currency: string | null;
  attributes: string; option_values: string | null; revision: number;
};

/** Products by SKU (any case), with everything an import compares, in a handful of queries. */
export function readStored(sqlite: Database, skus: readonly string[]): Map<number, StoredProduct> {
  if (skus.length === 0) return new Map();
  const rows = sqlite.prepare('SELECT * FROM product WHERE sku IN (SELECT value FROM json_each(?))').all(JSON.stringify(skus)) as ProductRow[];
  return readStoredRows(sqlite, rows);
}

export function readStoredByIds(sqlite: Database, ids: readonly number[]): Map<number, StoredProduct> {
  if (ids.length === 0) return new Map();
  const rows = sqlite.prepare('SELECT * FROM product WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as ProductRow[];
  return readStoredRows(sqlite, rows);
}

function readStoredRows(sqlite: Database, rows: ProductRow[]): Map<number, StoredProduct> {
  const out = new Map<number, StoredProduct>();
  if (rows.length === 0) return out;
  const ids = JSON.stringify(rows.map((r) => r.id));
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      sku: r.sku,
      kind: r.kind as ProductKind,
      parentId: r.parent_id,
      revision: r.revision,
      options: [],
      optionValues: r.option_values === null ? null : (JSON.parse(r.option_values) as Record<string, string>),
      fields: {
        sku: r.sku,
        status: r.status as ProductStatus,
        texts: {},
        categoryId: r.category_id,
        brand: r.brand,
        tags: [],
        unit: r.unit as Unit,
        gtin: r.gtin,
        hsCode: r.hs_code,
        originCountry: r.origin_country,
        netWeightG: r.net_weight_g,
        grossWeightG: r.gross_weight_g,
        lengthMm: r.length_mm,
        widthMm: r.width_mm,
        heightMm: r.height_mm,
        costPrice: r.cost_price_minor === null || r.cost_currency === null ? null : { amountMinor: r.cost_price_minor, currency: r.cost_currency },
        prices: [],
        minimumOrders: [],
        attributes: JSON.parse(r.attributes) as Record<string, AttributeValue>,
      },
    });
  }
  const inIds = 'IN (SELECT value FROM json_each(?))';
  for (const t of sqlite.prepare(`SELECT product_id, language, title, description FROM product_text WHERE product_id ${inIds}`).all(ids) as { product_id: number; language: string; title: string; description: string | null }[]) {
    const p = out.get(t.product_id);
    if (p) p.fields.texts[t.language] = { title: t.title, description: t.description };
  }
  for (const t of sqlite.prepare(`SELECT product_id, tag FROM product_tag WHERE product_id ${inIds} ORDER BY tag`).all(ids) as { product_id: number; tag: string }[]) {
    out.get(t.product_id)?.fields.tags.push(t.tag);
  }
  const prices = sqlite
    .prepare(`SELECT pp.product_id, pl.code, pp.currency, pp.min_quantity_milli, pp.amount_minor FROM product_price pp JOIN price_list pl ON pl.id = pp.price_list_id
      WHERE pp.product_id ${inIds} ORDER BY pp.product_id, pl.id, pp.currency, pp.min_quantity_milli`)
    .all(ids) as { product_id: number; code: string; currency: string; min_quantity_milli: number; amount_minor: number }[];
  for (const row of prices) {
    const p = out.get(row.product_id);
    if (!p) continue;
    const last = p.fields.prices.at(-1);
    const tier = { minQuantityMilli: row.min_quantity_milli, amountMinor: row.amount_minor };
    if (last && last.priceList === row.code && last.currency === row.currency) last.tiers.push(tier);
    else p.fields.prices.push({ priceList: row.code, currency: row.currency, tiers: [tier] });
  }
  for (const row of sqlite
    .prepare(`SELECT r.product_id, pl.code, r.min_order_quantity_milli FROM product_order_rule r JOIN price_list pl ON pl.id = r.price_list_id WHERE r.product_id ${inIds} ORDER BY pl.id`)
    .all(ids) as { product_id: number; code: string; min_order_quantity_milli: number }[]) {
    out.get(row.product_id)?.fields.minimumOrders.push({ priceList: row.code, quantityMilli: row.min_order_quantity_milli });
  }
  for (const row of sqlite.prepare(`SELECT product_id, name, "values" FROM product_option WHERE product_id ${inIds} ORDER BY product_id, position`).all(ids) as {
    product_id: number;
    name: string;
    values: string;
  }[]) {
    out.get(row.product_id)?.options.push({ name: row.name, values: JSON.parse(row.values) as string[] });
  }
  return out;
}

// ---- Categories ------------------------------------------------------------------------------------

interface CategoryResolver {
  resolve(ref: string): { id: number | null; newKey: string | null };
  attributesOf(id: number): Category['attributes'];
  created(): NewCategory[];
}

/**
 * A category cell names a category by its code, by its name in any language, or by a path of
 * names ("Home > Rugs", as Shopify and WooCommerce write them). What is not found is created,
 * under the deepest part of the path that exists, with a code made from its name.
 */
function categoryResolver(categories: readonly Category[]): CategoryResolver {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const codes = new Set(categories.map((c) => c.code.toUpperCase()));
  const created = new Map<string, NewCategory>();
  const matches = (c: Category, part: string): boolean => {
    const f = foldHeader(part);
    return c.code.toUpperCase() === part.toUpperCase() || Object.values(c.names).some((n) => foldHeader(n) === f);
  };
  const resolve = (ref: string): { id: number | null; newKey: string | null } => {
    const whole = ref.trim();
    const direct = categories.find((c) => matches(c, whole));
    if (direct) return { id: direct.id, newKey: null };
    // WooCommerce lists several categories separated by commas: the first one is taken.
    const first = whole.includes(',') && !whole.includes('>') ? (whole.split(',')[0] ?? whole).trim() : whole.split(/,(?![^>]*$)/)[0]?.trim() ?? whole;
    const parts = first.split(/\s*>\s*/).filter((p) => p !== '');
    let parentId: number | null = null;
    let parentKey: string | null = null;
    for (const part of parts) {
      if (parentKey === null) {
        const found: Category | undefined = categories.find((c) => c.parentId === parentId && matches(c, part)) ?? (parentId === null && parts.length === 1 ? categories.find((c) => matches(c, part)) : undefined);
        if (found) {
          parentId = found.id;
          continue;
        }
      }
      const key: string = `${parentKey ?? String(parentId ?? '')}>${foldHeader(part)}`;
      if (!created.has(key)) {
        let code = part.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 36) || 'CAT';
        if (!/^[A-Z0-9]/.test(code)) code = `C${code}`;
        let unique = code;
        for (let n = 2; codes.has(unique); n++) unique = `${code}-${n}`;
        codes.add(unique);
        created.set(key, { key, parentKey, parentId: parentKey === null ? parentId : null, code: unique, name: part.slice(0, 200) });
      }
      parentKey = key;
    }
    return parentKey === null ? { id: parentId, newKey: null } : { id: null, newKey: parentKey };
  };
  // Thousands of rows name the same few categories.
  const memo = new Map<string, { id: number | null; newKey: string | null }>();
  return {
    resolve: (ref) => {
      let hit = memo.get(ref);
      if (!hit) memo.set(ref, (hit = resolve(ref)));
      return hit;
    },
    attributesOf: (id) => {
      const c = byId.get(id);
      return c ? [...c.inheritedAttributes, ...c.attributes] : [];
    },
    created: () => [...created.values()],
  };
}
