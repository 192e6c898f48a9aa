import { sql, type RawBuilder } from 'kysely';
import type { ProductList, ProductListQueryData, ProductListRow } from '../../../shared/catalog/list.ts';
import type { ProductKind, ProductStatus } from '../../../shared/catalog/product.ts';
import { jsonIds, type Db } from './db.ts';
import { categoryWithDescendants } from './categories.ts';
import { getCatalogLanguages } from './languages.ts';
import { priceListsByCode } from './prices.ts';
import { buildFtsQuery, RANK_SQL } from './search.ts';
import { searchedPage, type SearchedSort } from './searchedPage.ts';
import { titleSql } from './texts.ts';

/**
 * One page of the product grid. Two steps: the ids of the page, then the columns of those ids
 * alone. Sorting by SKU or update time walks the product indexes; by title or price it walks the
 * sort-key tables of migration 005 (kept by triggers), which also hold the columns filtered on, so
 * a page at offset 90,000 costs a walk along one index, never a lookup per skipped row. Sorting by
 * status or stock, or by the title in a language outside the catalog's, still sorts the filtered
 * rows on computed values. With a search word, the index-walked sorts and relevance come from the
 * orders searchedPage.ts keeps (no lookup per match); the others sort the matches in SQL.
 */
export async function listProducts(db: Db, query: ProductListQueryData, options: { keptOrders?: boolean } = {}): Promise<ProductList> {
  const { languages } = await getCatalogLanguages(db);
  const language = query.language ?? languages[0] ?? 'en';
  const priceListCode = query.priceList ?? 'RETAIL';
  const priceList = (await priceListsByCode(db)).get(priceListCode);
  // An unknown price list shows no prices rather than failing the whole grid.
  const priceListId = priceList?.id ?? -1;
  const currency = query.currency ?? (await defaultCurrency(db, priceListId));

  const fts = query.search === undefined ? null : buildFtsQuery(query.search);
  // The category with all its subcategories, looked up once instead of per row.
  const categoryIds = query.categoryId === undefined ? null : await categoryWithDescendants(db, query.categoryId);

  // With a search, only matches count; in the `top` view a variant's match stands for its parent.
  // Ranking costs a bm25 per match, so it is only computed when the grid sorts by relevance.
  const hitsCte =
    fts === null
      ? sql``
      : query.visibility === 'top'
        ? sql`WITH hits AS MATERIALIZED (
                 SELECT rowid AS id, ${query.sort.field === 'relevance' ? RANK_SQL : sql`0`} AS rank
                 FROM product_search WHERE product_search MATCH ${fts}),
               ranked AS MATERIALIZED (
                 SELECT coalesce(v.parent_id, h.id) AS id, min(h.rank) AS rank
                 FROM hits h JOIN product v ON v.id = h.id GROUP BY 1)`
        : // Each match is one product already: no join, no grouping.
          sql`WITH ranked AS MATERIALIZED (
                 SELECT rowid AS id, ${query.sort.field === 'relevance' ? RANK_SQL : sql`0`} AS rank
                 FROM product_search WHERE product_search MATCH ${fts})`;

  const titleExpr = titleSql(language, languages);
  const priceExpr = priceSql(priceListId, currency);
  const onHandExpr = onHandSql();
  const desc = query.sort.direction === 'desc';
  const dir = desc ? sql`DESC` : sql`ASC`;

  // Title and price pages come from the sort-key tables of migration 005 (a walk along their primary
  // key, filters read from the same rows); everything else from the product table and its indexes.
  let source: { from: RawBuilder<unknown>; where: RawBuilder<unknown>[]; orderBy: RawBuilder<unknown> };
  const wanted = keyedSort(query, language, languages, priceListId, currency);
  // Keys exist for the catalog languages and the price pairs in use; otherwise the computed order.
  const keyed = wanted === 'title' && !(await hasTitleKeys(db, language)) ? null : wanted;
  const pricePair = keyed === 'price' ? await hasPricePair(db, priceListId, currency) : false;
  let key: { from: RawBuilder<unknown>; where: RawBuilder<unknown>[]; flag: RawBuilder<unknown>; value: RawBuilder<unknown> } | null = null;
  // With a search, the matches drive the join (CROSS JOIN keeps that order) into the key table's
  // product index, which holds the sort key (covering); the filters come from the key row, which
  // carries them, so the wide product row is never read. In the `top` view the matches are already
  // top-level (a variant's match became its parent), so without other filters the key's index alone
  // answers: one lookup per match.
  if (keyed === 'title') {
    key =
      fts === null
        ? { from: sql`FROM product_title_key k`, where: [sql`k.language = ${language}`, ...filters(query, categoryIds, KEY_COLUMNS)], flag: sql`k.untitled`, value: sql`k.title` }
        : {
            from: sql`FROM ranked r CROSS JOIN product_title_key k ON k.product_id = r.id AND k.language = ${language}`,
            where: filters(query, categoryIds, KEY_COLUMNS, true),
            flag: sql`k.untitled`,
            value: sql`k.title`,
          };
  } else if (keyed === 'price' && pricePair) {
    const pair = sql`k.price_list_id = ${priceListId} AND k.currency = ${currency}`;
    key =
      fts === null
        ? { from: sql`FROM product_price_key k`, where: [pair, ...filters(query, categoryIds, KEY_COLUMNS)], flag: sql`k.unpriced`, value: sql`k.amount_minor` }
        : {
            from: sql`FROM ranked r CROSS JOIN product_price_key k ON k.product_id = r.id AND ${pair}`,
            where: filters(query, categoryIds, KEY_COLUMNS, true),
            flag: sql`k.unpriced`,
            value: sql`k.amount_minor`,
          };
  }
  if (key !== null) {
    source = { from: key.from, where: key.where, orderBy: sql`${key.flag}, ${key.value} ${dir}, k.sku ${dir}` };
  } else {
    const bySku = sql`p.sku ${dir}`;
    let orderBy: RawBuilder<unknown>;
    switch (query.sort.field) {
      case 'sku':
        orderBy = bySku;
        break;
      case 'title':
        orderBy = sql`${titleExpr} COLLATE NOCASE ${dir} NULLS LAST, ${bySku}`;
        break;
      case 'status':
        orderBy = sql`CASE p.status WHEN 'draft' THEN 0 WHEN 'active' THEN 1 ELSE 2 END ${dir}, ${bySku}`;
        break;
      case 'updated':
        orderBy = sql`p.updated_at ${dir}, p.id ${dir}`;
        break;
      case 'price':
        // No product has a price in this list and currency: all are blank, so SKU order.
        orderBy = keyed === 'price' ? bySku : sql`${priceExpr} ${dir} NULLS LAST, ${bySku}`;
        break;
      case 'onHand':
        orderBy = sql`${onHandExpr} ${dir}, ${bySku}`;
        break;
      case 'relevance':
        orderBy = fts === null ? bySku : sql`r.rank ${dir}, ${bySku}`;
        break;
    }
    // SKU and update-time pages walk an index that also holds the filtered columns.
    const index = query.sort.field === 'sku' ? sql` INDEXED BY product_list_sku` : query.sort.field === 'updated' ? sql` INDEXED BY product_list_updated` : sql``;
    source = {
      // The matches drive the join (CROSS JOIN keeps that order): one lookup per match.
      from: fts === null ? sql`FROM product p${index}` : sql`FROM ranked r CROSS JOIN product p ON p.id = r.id`,
      where: filters(query, categoryIds, PRODUCT_COLUMNS),
      orderBy,
    };
  }
  const where = (parts: RawBuilder<unknown>[]) => (parts.length === 0 ? sql`` : sql`WHERE ${sql.join(parts, sql` AND `)}`);
  const idColumn = key !== null ? sql`k.product_id` : sql`p.id`;
  const pageIds = async (parts: RawBuilder<unknown>[], orderBy: RawBuilder<unknown>, limit: number, offset: number): Promise<number[]> =>
    (
      await sql<{ id: number }>`SELECT ${idColumn} AS id ${source.from} ${where(parts)} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`.execute(db)
    ).rows.map((r) => r.id);

  let ids: number[];
  let total: number;
  // keptOrders: false answers from SQL alone (tests compare both ways).
  const searchedSort = fts === null || options.keptOrders === false ? null : searchedSortOf(query, keyed, pricePair, language, priceListId, currency);
  const searched = fts === null || searchedSort === null ? null : await searchedPage(db, query, fts, searchedSort, categoryIds);
  if (searched !== null) {
    ({ ids, total } = searched);
  } else if (fts !== null) {
    // The matches are few enough to count while sorting them: one full-text query, not two.
    const page = await sql<{ id: number; total: number }>`${hitsCte} SELECT ${idColumn} AS id, count(*) OVER () AS total
      ${source.from} ${where(source.where)} ORDER BY ${source.orderBy} LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db);
    ids = page.rows.map((r) => r.id);
    total =
      page.rows[0]?.total ??
      (query.offset === 0
        ? 0
        : ((await sql<{ total: number }>`${hitsCte} SELECT count(*) AS total ${source.from} ${where(source.where)}`.execute(db)).rows[0]?.total ?? 0));
  } else {
    const count = sql<{ total: number }>`SELECT count(*) AS total FROM product p ${where(filters(query, categoryIds, COUNT_COLUMNS))}`.execute(db);
    if (key !== null && desc) {
      // Blank last in both directions: the keyed rows walked backwards, then the blank ones by SKU.
      const [main, counted] = await Promise.all([pageIds([...key.where, sql`${key.flag} = 0`], sql`${key.value} DESC, k.sku DESC`, query.limit, query.offset), count]);
      ids = main;
      total = counted.rows[0]?.total ?? 0;
      if (ids.length < query.limit) {
        const blank = await sql<{ n: number }>`SELECT count(*) AS n ${source.from} ${where([...key.where, sql`${key.flag} = 1`])}`.execute(db);
        const keyedCount = total - (blank.rows[0]?.n ?? 0);
        ids.push(...(await pageIds([...key.where, sql`${key.flag} = 1`], sql`k.sku DESC`, query.limit - ids.length, Math.max(0, query.offset - keyedCount))));
      }
    } else {
      const [page, counted] = await Promise.all([pageIds(source.where, source.orderBy, query.limit, query.offset), count]);
      ids = page;
      total = counted.rows[0]?.total ?? 0;
    }
  }
  const rows = ids.length === 0 ? [] : await listRows(db, ids, titleExpr, priceExpr, onHandExpr, currency);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    rows: ids.map((id) => byId.get(id)).filter((r): r is ProductListRow => r !== undefined),
    total,
  };
}

/**
 * The order of a searched page when searchedPage.ts can answer it from kept orders: the index-walked
 * sorts (SKU, update time, the sort-key tables' titles and prices) and relevance. Null: the SQL path.
 */
function searchedSortOf(
  query: ProductListQueryData,
  keyed: 'title' | 'price' | null,
  pricePair: boolean,
  language: string,
  priceListId: number,
  currency: string,
): SearchedSort | null {
  switch (query.sort.field) {
    case 'sku':
    case 'updated':
    case 'relevance':
      return { kind: query.sort.field };
    case 'title':
      return keyed === 'title' ? { kind: 'title', language } : null;
    case 'price':
      // A list and currency no price uses: every price blank, so SKU order (as the SQL path sorts it).
      if (keyed !== 'price') return null;
      return pricePair ? { kind: 'price', priceListId, currency } : { kind: 'sku' };
    default:
      return null;
  }
}

interface FilterColumns {
  id: RawBuilder<unknown>;
  parentId: RawBuilder<unknown>;
  status: RawBuilder<unknown>;
  categoryId: RawBuilder<unknown>;
  kind: RawBuilder<unknown>;
  counting?: boolean;
}
const PRODUCT_COLUMNS: FilterColumns = { id: sql`p.id`, parentId: sql`p.parent_id`, status: sql`p.status`, categoryId: sql`p.category_id`, kind: sql`p.kind` };
const COUNT_COLUMNS: FilterColumns = { ...PRODUCT_COLUMNS, counting: true };
const KEY_COLUMNS: FilterColumns = { id: sql`k.product_id`, parentId: sql`k.parent_id`, status: sql`k.status`, categoryId: sql`k.category_id`, kind: sql`k.kind` };

/**
 * The grid's filters on the product table or on a sort-key table, which carries the same columns.
 * `matchesAreTop`: the rows are search matches already mapped to top-level products (the `top`
 * view's `ranked`), so the view's own condition holds without reading the kind.
 */
function filters(query: ProductListQueryData, categoryIds: number[] | null, c: FilterColumns, matchesAreTop = false): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (query.status && query.status.length > 0) where.push(sql`${c.status} IN (${sql.join(query.status)})`);
  if (categoryIds !== null) where.push(sql`${c.categoryId} IN (${sql.join(categoryIds)})`);
  if (query.uncategorised) where.push(sql`${c.categoryId} IS NULL`);
  if (query.tag !== undefined) {
    // A variant carries its parent's tags.
    where.push(sql`EXISTS (SELECT 1 FROM product_tag g WHERE g.tag = ${query.tag} AND (g.product_id = ${c.id} OR g.product_id = ${c.parentId}))`);
  }
  // Counting, as IN lists, which the (kind, status, category) indexes answer by ranges; walking a
  // page, as <>, one comparison per row passed.
  if (query.visibility === 'top' && !matchesAreTop) where.push(c.counting ? sql`${c.kind} IN ('simple', 'parent')` : sql`${c.kind} <> 'variant'`);
  if (query.visibility === 'sellable') where.push(c.counting ? sql`${c.kind} IN ('simple', 'variant')` : sql`${c.kind} <> 'parent'`);
  if (query.parentId !== undefined) where.push(sql`${c.parentId} = ${query.parentId}`);
  return where;
}

/**
 * Which sort-key table answers the page: titles exist for the catalog languages (another asked
 * language sorts on the computed title), prices for every list and currency in use.
 */
function keyedSort(
  query: ProductListQueryData,
  language: string,
  languages: readonly string[],
  priceListId: number,
  currency: string,
): 'title' | 'price' | null {
  if (query.sort.field === 'title' && languages.includes(language)) return 'title';
  if (query.sort.field === 'price' && priceListId > 0 && currency !== '') return 'price';
  return null;
}

/** Whether the title keys hold `language` (an empty catalogue has none, and needs none). */
async function hasTitleKeys(db: Db, language: string): Promise<boolean> {
  const row = await sql<{ n: number }>`SELECT EXISTS (SELECT 1 FROM product_title_key WHERE language = ${language}) AS n`.execute(db);
  return row.rows[0]?.n === 1;
}

async function hasPricePair(db: Db, priceListId: number, currency: string): Promise<boolean> {
  const row = await sql<{ n: number }>`
    SELECT EXISTS (SELECT 1 FROM product_price_key_pair WHERE price_list_id = ${priceListId} AND currency = ${currency}) AS n`.execute(db);
  return row.rows[0]?.n === 1;
}

/**
 * The currency of the price column when the caller names none: the one most prices of the list
 * are in, else the company's. A Moroccan exporter keeps its books in MAD but prices in EUR, and a
 * column of blanks in MAD would help nobody. (The grid names its currency; this serves the CLI.)
 */
async function defaultCurrency(db: Db, priceListId: number): Promise<string> {
  const used = await sql<{ currency: string }>`
    SELECT currency FROM product_price WHERE price_list_id = ${priceListId}
    GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1`.execute(db);
  const company = await db.selectFrom('company').select('base_currency').executeTakeFirst();
  return used.rows[0]?.currency ?? company?.base_currency ?? 'EUR';
}

/** The list's price: the lowest-quantity tier; for a parent without its own, its cheapest variant's. */
function priceSql(priceListId: number, currency: string): RawBuilder<number | null> {
  const base = (owner: RawBuilder<unknown>) => sql`(SELECT pp.amount_minor FROM product_price pp
    WHERE pp.product_id = ${owner} AND pp.price_list_id = ${priceListId} AND pp.currency = ${currency}
    ORDER BY pp.min_quantity_milli LIMIT 1)`;
  return sql<number | null>`coalesce(${base(sql`p.id`)}, CASE WHEN p.kind = 'parent' THEN
    (SELECT min(${base(sql`v.id`)}) FROM product v WHERE v.parent_id = p.id) END)`;
}

/** On hand over all warehouses; a parent holds the sum of its variants. */
function onHandSql(): RawBuilder<number> {
  return sql<number>`CASE WHEN p.kind = 'parent'
    THEN (SELECT coalesce(sum(s.on_hand_milli), 0) FROM product v JOIN stock_level s ON s.product_id = v.id WHERE v.parent_id = p.id)
    ELSE (SELECT coalesce(sum(s.on_hand_milli), 0) FROM stock_level s WHERE s.product_id = p.id) END`;
}

async function listRows(
  db: Db,
  ids: readonly number[],
  titleExpr: RawBuilder<string | null>,
  priceExpr: RawBuilder<number | null>,
  onHandExpr: RawBuilder<number>,
  currency: string,
): Promise<ProductListRow[]> {
  const result = await sql<{
    id: number;
    sku: string;
    kind: string;
    parent_id: number | null;
    status: string;
    title: string | null;
    option_values: string | null;
    category_id: number | null;
    gtin: string | null;
    unit: string;
    price: number | null;
    on_hand: number;
    variant_count: number;
    main_image_id: number | null;
    updated_at: string;
    revision: number;
  }>`
    SELECT p.id, p.sku, p.kind, p.parent_id, p.status, ${titleExpr} AS title, p.option_values, p.category_id, p.gtin, p.unit,
           ${priceExpr} AS price, ${onHandExpr} AS on_hand,
           CASE WHEN p.kind = 'parent' THEN (SELECT count(*) FROM product v WHERE v.parent_id = p.id) ELSE 0 END AS variant_count,
           coalesce(
             (SELECT i.id FROM product_image i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1),
             (SELECT i.id FROM product_image i WHERE i.product_id = p.parent_id ORDER BY i.position LIMIT 1)) AS main_image_id,
           p.updated_at, p.revision
    FROM product p WHERE p.id IN (SELECT value FROM json_each(${jsonIds(ids)}))`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    kind: r.kind as ProductKind,
    parentId: r.parent_id,
    status: r.status as ProductStatus,
    title: r.title,
    optionLabel: r.option_values === null ? null : Object.values(JSON.parse(r.option_values) as Record<string, string>).join(' / '),
    categoryId: r.category_id,
    gtin: r.gtin,
    unit: r.unit,
    price: r.price === null ? null : { amountMinor: r.price, currency },
    onHandMilli: r.on_hand,
    variantCount: r.variant_count,
    mainImageId: r.main_image_id,
    updatedAt: r.updated_at,
    revision: r.revision,
  }));
}
