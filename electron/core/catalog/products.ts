import { sql, type Selectable } from 'kysely';
import type { KontorSchema } from '../db/schema.ts';
import type { CategoryAttribute } from '../../../shared/catalog/category.ts';
import type { LookupResult } from '../../../shared/catalog/list.ts';
import type { PriceRounding } from '../../../shared/catalog/pricing.ts';
import {
  PRODUCT_DEFAULTS,
  productRuleIssues,
  type AttributeValue,
  type ImageMeta,
  type Product,
  type ProductFields,
  type ProductInputData,
  type ProductKind,
  type ProductStatus,
  type ProductUpdateData,
  type VariantSummary,
} from '../../../shared/catalog/product.ts';
import { KontorError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import type { Unit } from '../../../shared/quantity.ts';
import { gtinSpellings } from '../../../shared/validation/gtin.ts';
import { effectiveAttributes } from './categories.ts';
import { jsonIds, nowIso, notFound, staleRevision, writeTransaction, type Db } from './db.ts';
import { getCatalogLanguages } from './languages.ts';
import { changePricesByPercent, priceListIssues, priceListsByCode, readPrices, writePrices } from './prices.ts';
import { reindexProducts, unindexProducts } from './search.ts';

type ProductRow = Awaited<ReturnType<typeof selectProductRow>>;

function selectProductRow(db: Db, id: number) {
  return db.selectFrom('product').selectAll().where('id', '=', id).executeTakeFirst();
}

async function requireProductRow(db: Db, id: number): Promise<NonNullable<ProductRow>> {
  const row = await selectProductRow(db, id);
  if (!row) throw notFound('product', id);
  return row;
}

// ---- Reading -----------------------------------------------------------------------------------

export async function getProduct(db: Db, id: number): Promise<Product> {
  const row = await requireProductRow(db, id);
  const variantRows =
    row.kind === 'parent'
      ? await db
          .selectFrom('product')
          .select(['id', 'sku', 'gtin', 'status', 'option_values', 'revision'])
          .where('parent_id', '=', id)
          .orderBy('id')
          .execute()
      : [];
  const variantIds = variantRows.map((v) => v.id);
  const [texts, tags, prices, options, images, onHand, mainImages, parent, languages] = await Promise.all([
    readTexts(db, [id]),
    db.selectFrom('product_tag').select('tag').where('product_id', '=', id).orderBy('tag').execute(),
    readPrices(db, [id, ...variantIds]),
    db.selectFrom('product_option').selectAll().where('product_id', '=', id).orderBy('position').execute(),
    readImages(db, id),
    onHandOf(db, [id, ...variantIds]),
    mainImageIds(db, variantIds),
    row.parent_id === null ? Promise.resolve(null) : parentSummary(db, row.parent_id),
    getCatalogLanguages(db),
  ]);
  const optionList = options.map((o) => ({ name: o.name, values: JSON.parse(o.values) as string[] }));
  const variants: VariantSummary[] = variantRows.map((v) => ({
    id: v.id,
    sku: v.sku,
    gtin: v.gtin,
    status: v.status as ProductStatus,
    optionValues: v.option_values === null ? {} : (JSON.parse(v.option_values) as Record<string, string>),
    prices: prices.get(v.id)?.prices ?? [],
    onHandMilli: onHand.get(v.id) ?? 0,
    mainImageId: mainImages.get(v.id) ?? null,
    revision: v.revision,
  }));
  // Variants in the order of their option values (S, M, L × Indigo, Saffron), not creation order.
  const rank = (v: VariantSummary): number[] =>
    optionList.map((o) => {
      const value = v.optionValues[o.name];
      const index = value === undefined ? -1 : o.values.indexOf(value);
      return index < 0 ? Number.MAX_SAFE_INTEGER : index;
    });
  variants.sort((a, b) => compareArrays(rank(a), rank(b)) || a.id - b.id);
  const own = prices.get(id) ?? { prices: [], minimumOrders: [] };
  return {
    id: row.id,
    sku: row.sku,
    kind: row.kind as ProductKind,
    parentId: row.parent_id,
    status: row.status as ProductStatus,
    texts: inLanguageOrder(texts.get(id) ?? {}, languages.languages),
    ...storedFields(row, tags),
    prices: own.prices,
    minimumOrders: own.minimumOrders,
    options: optionList,
    optionValues: row.option_values === null ? null : (JSON.parse(row.option_values) as Record<string, string>),
    parent: parent === null ? null : { ...parent, texts: inLanguageOrder(parent.texts, languages.languages) },
    variants,
    images,
    onHandMilli: row.kind === 'parent' ? variants.reduce((sum, v) => sum + v.onHandMilli, 0) : (onHand.get(id) ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  };
}

export async function getProductBySku(db: Db, sku: string): Promise<Product> {
  const row = await db.selectFrom('product').select('id').where('sku', '=', sku).executeTakeFirst();
  if (!row) throw notFound('product with the SKU', sku);
  return getProduct(db, row.id);
}

/** Texts keyed in the order of the catalog languages, so every reader lists them the same way. */
function inLanguageOrder(texts: Texts, languages: readonly string[]): Texts {
  const rank = (language: string): number => (languages.includes(language) ? languages.indexOf(language) : languages.length);
  return Object.fromEntries(Object.entries(texts).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
}

function compareArrays(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

type Texts = ProductFields['texts'];

export async function readTexts(db: Db, productIds: readonly number[]): Promise<Map<number, Texts>> {
  const rows = await db
    .selectFrom('product_text')
    .select(['product_id', 'language', 'title', 'description'])
    .where(sql<boolean>`product_id IN (SELECT value FROM json_each(${jsonIds(productIds)}))`)
    .execute();
  const out = new Map<number, Texts>();
  for (const r of rows) out.set(r.product_id, { ...out.get(r.product_id), [r.language]: { title: r.title, description: r.description } });
  return out;
}

async function parentSummary(db: Db, parentId: number): Promise<Product['parent']> {
  const parent = await db.selectFrom('product').select(['id', 'sku']).where('id', '=', parentId).executeTakeFirst();
  if (!parent) return null;
  return { id: parent.id, sku: parent.sku, texts: (await readTexts(db, [parentId])).get(parentId) ?? {} };
}

export async function readImages(db: Db, productId: number): Promise<ImageMeta[]> {
  const rows = await db.selectFrom('product_image').selectAll().where('product_id', '=', productId).orderBy('position').execute();
  return rows.map((r, index) => ({
    id: r.id,
    productId: r.product_id,
    position: r.position,
    isMain: index === 0,
    sha256: r.sha256,
    mimeType: r.mime_type as ImageMeta['mimeType'],
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    originalName: r.original_name,
    createdAt: r.created_at,
  }));
}

async function mainImageIds(db: Db, productIds: readonly number[]): Promise<Map<number, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await sql<{ product_id: number; id: number }>`
    SELECT i.product_id, i.id FROM product_image i
    WHERE i.product_id IN (SELECT value FROM json_each(${jsonIds(productIds)}))
      AND i.position = (SELECT min(position) FROM product_image j WHERE j.product_id = i.product_id)`.execute(db);
  return new Map(rows.rows.map((r) => [r.product_id, r.id]));
}

/** On-hand quantity per product over all warehouses, read from the stock ledger's levels. */
export async function onHandOf(db: Db, productIds: readonly number[]): Promise<Map<number, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await sql<{ product_id: number; on_hand: number }>`
    SELECT product_id, sum(on_hand_milli) AS on_hand FROM stock_level
    WHERE product_id IN (SELECT value FROM json_each(${jsonIds(productIds)})) GROUP BY product_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.product_id, r.on_hand]));
}

async function hasStockHistory(db: Db, productId: number): Promise<boolean> {
  const row = await sql<{ n: number }>`
    SELECT EXISTS (SELECT 1 FROM stock_movement WHERE product_id = ${productId})
        OR EXISTS (SELECT 1 FROM stock_level WHERE product_id = ${productId}) AS n`.execute(db);
  return (row.rows[0]?.n ?? 0) === 1;
}

/** The stored product as the fields a form edits. */
async function readFields(db: Db, row: NonNullable<ProductRow>): Promise<ProductFields> {
  const [texts, tags, prices] = await Promise.all([
    readTexts(db, [row.id]),
    db.selectFrom('product_tag').select('tag').where('product_id', '=', row.id).orderBy('tag').execute(),
    readPrices(db, [row.id]),
  ]);
  const stored = prices.get(row.id) ?? { prices: [], minimumOrders: [] };
  return {
    sku: row.sku,
    status: row.status as ProductStatus,
    texts: texts.get(row.id) ?? {},
    ...storedFields(row, tags),
    prices: stored.prices,
    minimumOrders: stored.minimumOrders,
  };
}

// ---- Validation against the database -----------------------------------------------------------

interface FieldContext {
  selfId: number | null;
  kind: ProductKind;
}

/** Every rule of a product that needs the database; all problems at once, each naming its field. */
export async function fieldIssues(db: Db, fields: ProductFields, context: FieldContext): Promise<FieldIssue[]> {
  const issues = productRuleIssues(fields).filter((i) => !(context.kind === 'variant' && i.key === 'catalog.text.required'));
  const { languages } = await getCatalogLanguages(db);
  for (const language of Object.keys(fields.texts)) {
    if (languages.includes(language)) continue;
    issues.push({
      path: `texts.${language}`,
      key: 'catalog.text.language',
      message: `${language} is not a catalog language (${languages.join(', ')}); add it in the catalog settings first.`,
      params: { language },
    });
  }
  issues.push(...priceListIssues(await priceListsByCode(db), fields));
  issues.push(...(await skuIssues(db, fields.sku, context.selfId)));
  if (fields.gtin !== null) issues.push(...(await gtinIssues(db, fields.gtin, context.selfId)));
  if (fields.categoryId !== null) {
    const exists = await db.selectFrom('category').select('id').where('id', '=', fields.categoryId).executeTakeFirst();
    if (!exists) {
      issues.push({
        path: 'categoryId',
        key: 'catalog.category.notFound',
        message: `There is no category with id ${fields.categoryId}.`,
        params: { categoryId: fields.categoryId },
      });
    }
  }
  const attributes = fields.categoryId === null ? [] : await effectiveAttributes(db, fields.categoryId);
  issues.push(...attributeIssues(attributes, fields.attributes));
  return issues;
}

export async function skuIssues(db: Db, sku: string, selfId: number | null): Promise<FieldIssue[]> {
  const taken = await db
    .selectFrom('product')
    .select(['id', 'sku'])
    .where('sku', '=', sku) // the column's NOCASE collation makes this case-insensitive
    .$if(selfId !== null, (qb) => qb.where('id', '<>', selfId ?? 0))
    .executeTakeFirst();
  if (!taken) return [];
  return [
    {
      path: 'sku',
      key: 'catalog.sku.taken',
      message:
        taken.sku === sku
          ? `The SKU ${sku} is already used by another product.`
          : `The SKU ${sku} is already used by ${taken.sku}; SKUs are compared without regard to case.`,
      params: { sku, existing: taken.sku, productId: taken.id },
    },
  ];
}

async function gtinIssues(db: Db, gtin: string, selfId: number | null): Promise<FieldIssue[]> {
  const taken = await db
    .selectFrom('product')
    .select(['id', 'sku', 'gtin'])
    .where('gtin', 'in', gtinSpellings(gtin))
    .$if(selfId !== null, (qb) => qb.where('id', '<>', selfId ?? 0))
    .executeTakeFirst();
  if (!taken) return [];
  return [
    {
      path: 'gtin',
      key: 'catalog.gtin.taken',
      message: `The GTIN ${gtin} already belongs to ${taken.sku}${taken.gtin === gtin ? '' : ` (as ${taken.gtin})`}.`,
      params: { gtin, sku: taken.sku, productId: taken.id },
    },
  ];
}

/** Values of the category's custom attributes: known codes, the right type, required ones present. */
export function attributeIssues(attributes: readonly CategoryAttribute[], values: Record<string, AttributeValue>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byCode = new Map(attributes.map((a) => [a.code, a]));
  for (const [code, value] of Object.entries(values)) {
    const attribute = byCode.get(code);
    const path = `attributes.${code}`;
    if (!attribute) {
      issues.push({
        path,
        key: 'catalog.attribute.unknown',
        message: `The product's category has no attribute ${code}${attributes.length > 0 ? `; it has ${attributes.map((a) => a.code).join(', ')}` : ''}.`,
        params: { code },
      });
      continue;
    }
    const expected = attribute.type === 'choice' ? 'string' : attribute.type === 'text' ? 'string' : attribute.type;
    if (typeof value !== expected) {
      issues.push({
        path,
        key: 'catalog.attribute.type',
        message: `The attribute ${code} takes ${attribute.type === 'number' ? 'a number' : attribute.type === 'boolean' ? 'yes or no' : 'text'}, not ${JSON.stringify(value)}.`,
        params: { code, type: attribute.type },
      });
    } else if (attribute.type === 'choice' && !(attribute.choices ?? []).includes(value as string)) {
      issues.push({
        path,
        key: 'catalog.attribute.choice',
        message: `"${String(value)}" is not one of the values of ${code}: ${(attribute.choices ?? []).join(', ')}.`,
        params: { code, value: String(value) },
      });
    }
  }
  for (const attribute of attributes) {
    const value = values[attribute.code];
    if (attribute.required && (value === undefined || value === '')) {
      issues.push({
        path: `attributes.${attribute.code}`,
        key: 'catalog.attribute.required',
        message: `The category asks for ${attribute.labels.en ?? attribute.code}; fill it in.`,
        params: { code: attribute.code },
      });
    }
  }
  return issues;
}

// ---- Writing -----------------------------------------------------------------------------------

function rowValues(f: ProductFields) {
  return {
    sku: f.sku,
    status: f.status,
    category_id: f.categoryId,
    brand: f.brand,
    unit: f.unit,
    gtin: f.gtin,
    hs_code: f.hsCode,
    origin_country: f.originCountry,
    net_weight_g: f.netWeightG,
    gross_weight_g: f.grossWeightG,
    length_mm: f.lengthMm,
    width_mm: f.widthMm,
    height_mm: f.heightMm,
    cost_price_minor: f.costPrice?.amountMinor ?? null,
    cost_currency: f.costPrice?.currency ?? null,
    attributes: JSON.stringify(f.attributes),
  };
}

/** Texts, tags, prices and minimum orders of a product, replaced as a whole. */
async function writeChildren(db: Db, id: number, f: ProductFields): Promise<void> {
  await db.deleteFrom('product_text').where('product_id', '=', id).execute();
  const texts = Object.entries(f.texts).map(([language, t]) => ({ product_id: id, language, title: t.title, description: t.description }));
  if (texts.length > 0) await db.insertInto('product_text').values(texts).execute();
  await db.deleteFrom('product_tag').where('product_id', '=', id).execute();
  if (f.tags.length > 0) await db.insertInto('product_tag').values(f.tags.map((tag) => ({ product_id: id, tag }))).execute();
  await writePrices(db, id, f, await priceListsByCode(db));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function createProduct(db: Db, input: ProductInputData): Promise<Product> {
  const id = await writeTransaction(db, async (trx) => {
    const fields: ProductFields = { ...PRODUCT_DEFAULTS, ...withoutUndefined(input), sku: input.sku, texts: input.texts };
    const issues = await fieldIssues(trx, fields, { selfId: null, kind: 'simple' });
    if (issues.length > 0) throw new ValidationError(issues);
    const now = nowIso();
    const { id } = await trx
      .insertInto('product')
      .values({ ...rowValues(fields), kind: 'simple', parent_id: null, option_values: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeChildren(trx, id, fields);
    await reindexProducts(trx, [id]);
    return id;
  });
  return getProduct(db, id);
}

/** Fields a parent hands down to the variants that still had the parent's old value. */
const INHERITED = [
  ['categoryId', 'category_id'],
  ['brand', 'brand'],
  ['unit', 'unit'],
  ['hsCode', 'hs_code'],
  ['originCountry', 'origin_country'],
] as const;

export async function updateProduct(db: Db, input: ProductUpdateData): Promise<Product> {
  await writeTransaction(db, async (trx) => {
    const row = await requireProductRow(trx, input.id);
    if (row.revision !== input.revision) throw staleRevision(row.sku, row.id, row.revision, input.revision);
    const current = await readFields(trx, row);
    const { id: _id, revision: _revision, ...change } = input;
    const next: ProductFields = { ...current, ...withoutUndefined(change) };
    const kind = row.kind as ProductKind;
    const issues = await fieldIssues(trx, next, { selfId: row.id, kind });
    if (next.unit !== current.unit && (await hasStockHistory(trx, row.id))) {
      issues.push({
        path: 'unit',
        key: 'catalog.unit.hasStock',
        message: `${row.sku} has stock movements in ${current.unit}; changing the unit to ${next.unit} would change what those quantities mean.`,
        params: { from: current.unit, to: next.unit },
      });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    const now = nowIso();
    await trx
      .updateTable('product')
      .set((eb) => ({ ...rowValues(next), updated_at: now, revision: eb('revision', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    await writeChildren(trx, row.id, next);
    if (kind === 'parent') await handDown(trx, row.id, current, next, now);
    await reindexProducts(trx, [row.id]);
  });
  return getProduct(db, input.id);
}

/**
 * A parent's change reaches the variants that had not been given a value of their own: those
 * whose value equalled the parent's old one. Status likewise, except that archiving a parent
 * archives every variant (nothing of an archived article is for sale).
 */
async function handDown(db: Db, parentId: number, before: ProductFields, after: ProductFields, now: string): Promise<void> {
  for (const [field, column] of INHERITED) {
    if (before[field] === after[field]) continue;
    await db
      .updateTable('product')
      .set((eb) => ({ [column]: after[field], updated_at: now, revision: eb('revision', '+', 1) }))
      .where('parent_id', '=', parentId)
      .where(column, 'is', before[field])
      .execute();
  }
  if (before.status !== after.status) {
    await db
      .updateTable('product')
      .set((eb) => ({ status: after.status, updated_at: now, revision: eb('revision', '+', 1) }))
      .where('parent_id', '=', parentId)
      .$if(after.status !== 'archived', (qb) => qb.where('status', '=', before.status))
      .execute();
  }
}

export async function setProductStatus(db: Db, input: { id: number; revision: number; status: ProductStatus }): Promise<Product> {
  return updateProduct(db, { id: input.id, revision: input.revision, status: input.status });
}

/**
 * Deletes a product created by mistake: one without variants and without stock history (anything
 * with a past is archived instead, so documents that name it keep their meaning). Its image files
 * go too unless another product uses the same picture.
 */
export async function deleteProduct(
  db: Db,
  input: { id: number; revision: number },
  removeUnusedMedia: (images: { sha256: string; mimeType: ImageMeta['mimeType'] }[]) => Promise<void>,
): Promise<{ id: number }> {
  const images = await writeTransaction(db, async (trx) => {
    const row = await requireProductRow(trx, input.id);
    if (row.revision !== input.revision) throw staleRevision(row.sku, row.id, row.revision, input.revision);
    const variants = await trx.selectFrom('product').select('id').where('parent_id', '=', row.id).execute();
    if (variants.length > 0) {
      throw new KontorError('CONFLICT', `${row.sku} has ${variants.length} variants; delete or archive them first, or archive ${row.sku}.`, {
        key: 'catalog.product.hasVariants',
        id: row.id,
      });
    }
    if (await hasStockHistory(trx, row.id)) {
      throw new KontorError('CONFLICT', `${row.sku} has stock history, so it cannot be deleted; archive it instead.`, {
        key: 'catalog.product.hasStock',
        id: row.id,
      });
    }
    const files = await trx.selectFrom('product_image').select(['sha256', 'mime_type']).where('product_id', '=', row.id).execute();
    await unindexProducts(trx, [row.id]);
    await trx.deleteFrom('product').where('id', '=', row.id).execute();
    return files.map((i) => ({ sha256: i.sha256, mimeType: i.mime_type as ImageMeta['mimeType'] }));
  });
  await removeUnusedMedia(images);
  return { id: input.id };
}

export type BulkSet =
  | { categoryId: number | null }
  | { status: ProductStatus }
  | { priceChange: { percent: number; rounding: PriceRounding; priceList?: string | undefined; currency?: string | undefined } };

/**
 * One change for many products in one transaction: any failure leaves every product as it was.
 * A selected parent brings its variants along. Custom attributes are not re-checked when the
 * category changes; the product form asks for missing ones at the next save.
 */
export async function bulkUpdateProducts(
  db: Db,
  input: { ids: number[]; set: BulkSet },
): Promise<{ updated: number; pricesChanged: number }> {
  return writeTransaction(db, async (trx) => {
    const ids = [...new Set(input.ids)];
    const found = await sql<{ id: number }>`
      SELECT id FROM product WHERE id IN (SELECT value FROM json_each(${jsonIds(ids)}))
      UNION SELECT id FROM product WHERE parent_id IN (SELECT value FROM json_each(${jsonIds(ids)}))`.execute(trx);
    const all = found.rows.map((r) => r.id);
    const present = new Set(all);
    const missing = ids.filter((id) => !present.has(id));
    if (missing.length > 0) {
      throw new KontorError(
        'NOT_FOUND',
        `${missing.length} of the selected products no longer exist (ids ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); nothing was changed. Reload the list.`,
        { missing: missing.slice(0, 100) },
      );
    }
    const now = nowIso();
    const touch = async (targets: readonly number[], set: Record<string, unknown>): Promise<void> => {
      if (targets.length === 0) return;
      await trx
        .updateTable('product')
        .set((eb) => ({ ...set, updated_at: now, revision: eb('revision', '+', 1) }))
        .where(sql<boolean>`id IN (SELECT value FROM json_each(${jsonIds(targets)}))`)
        .execute();
    };
    const { set } = input;
    if ('categoryId' in set) {
      if (set.categoryId !== null) {
        const category = await trx.selectFrom('category').select('id').where('id', '=', set.categoryId).executeTakeFirst();
        if (!category) {
          throw new ValidationError([
            {
              path: 'set.categoryId',
              key: 'catalog.category.notFound',
              message: `There is no category with id ${set.categoryId}.`,
              params: { categoryId: set.categoryId },
            },
          ]);
        }
      }
      await touch(all, { category_id: set.categoryId });
      return { updated: all.length, pricesChanged: 0 };
    }
    if ('status' in set) {
      await touch(all, { status: set.status });
      return { updated: all.length, pricesChanged: 0 };
    }
    const changed = await changePricesByPercent(trx, all, set.priceChange);
    await touch(changed.productIds, {});
    return { updated: changed.productIds.length, pricesChanged: changed.rows };
  });
}

/**
 * What a barcode scanner typed: an exact SKU (any case) first, then a GTIN in any of its spellings
 * (a scanner may add or drop leading zeros). A GS1-128 or DataMatrix read starting with the
 * application identifier (01) gives its GTIN-14, and a symbology prefix such as "]E0" is dropped.
 */
export async function lookupCode(db: Db, rawCode: string): Promise<LookupResult> {
  const code = rawCode.trim().replace(/^\][A-Za-z][0-9A-Za-z]/, '');
  const select = (matchedBy: 'sku' | 'gtin') => (row: { id: number; sku: string; kind: string; parent_id: number | null; status: string } | undefined) =>
    row
      ? { id: row.id, sku: row.sku, kind: row.kind as ProductKind, parentId: row.parent_id, status: row.status as ProductStatus, matchedBy }
      : null;
  const bySku = await db
    .selectFrom('product')
    .select(['id', 'sku', 'kind', 'parent_id', 'status'])
    .where('sku', '=', code)
    .executeTakeFirst();
  if (bySku) return select('sku')(bySku);
  const compact = code.replace(/[\s-]+/g, '');
  const ai01 = /^\(?01\)?(\d{14})/.exec(compact);
  const digits = /^\d{8,14}$/.test(compact) ? compact : ai01?.[1];
  if (digits === undefined) return null;
  const byGtin = await db
    .selectFrom('product')
    .select(['id', 'sku', 'kind', 'parent_id', 'status'])
    .where('gtin', 'in', gtinSpellings(digits))
    .executeTakeFirst();
  return select('gtin')(byGtin);
}

/** Tags in use, most used first, optionally those starting with `prefix` (any case). */
export async function listTags(db: Db, query: { prefix?: string | undefined; limit: number }): Promise<{ tag: string; count: number }[]> {
  const prefix = query.prefix ?? '';
  const rows = await db
    .selectFrom('product_tag')
    .select(['tag', (eb) => eb.fn.countAll<number>().as('count')])
    .$if(prefix !== '', (qb) => qb.where(sql<boolean>`tag LIKE ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`))
    .groupBy('tag')
    .orderBy('count', 'desc')
    .orderBy('tag')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}

/** The product's own columns as the API shapes them; `get` and the update merge both read them. */
function storedFields(row: Selectable<KontorSchema['product']>, tags: readonly { tag: string }[]) {
  return {
    categoryId: row.category_id,
    brand: row.brand,
    tags: tags.map((t) => t.tag),
    unit: row.unit as Unit,
    gtin: row.gtin,
    hsCode: row.hs_code,
    originCountry: row.origin_country,
    netWeightG: row.net_weight_g,
    grossWeightG: row.gross_weight_g,
    lengthMm: row.length_mm,
    widthMm: row.width_mm,
    heightMm: row.height_mm,
    costPrice: row.cost_price_minor === null || row.cost_currency === null ? null : { amountMinor: row.cost_price_minor, currency: row.cost_currency },
    attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
  };
}
