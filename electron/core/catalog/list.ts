import { sql, type RawBuilder } from 'kysely';
import type { ProductList, ProductListQueryData, ProductListRow } from '../../../shared/catalog/list.ts';
import type { ProductKind, ProductStatus } from '../../../shared/catalog/product.ts';
import { jsonIds, type Db } from './db.ts';
import { getCatalogLanguages } from './languages.ts';
import { priceListsByCode } from './prices.ts';
import { buildFtsQuery, RANK_SQL } from './search.ts';
import { titleSql } from './texts.ts';

/**
 * One page of the product grid. Two steps: the ids of the page (only the sort key is computed for
 * every matching row), then the columns of those ids alone. Sorting by SKU walks the SKU index;
 * by title, price or stock it sorts the filtered rows, as no index holds those values.
 */
export async function listProducts(db: Db, query: ProductListQueryData): Promise<ProductList> {
  const { languages } = await getCatalogLanguages(db);
  const language = query.language ?? languages[0] ?? 'en';
  const priceListCode = query.priceList ?? 'RETAIL';
  const priceList = (await priceListsByCode(db)).get(priceListCode);
  // An unknown price list shows no prices rather than failing the whole grid.
  const priceListId = priceList?.id ?? -1;
  const currency = query.currency ?? (await defaultCurrency(db, priceListId));

  const fts = query.search === undefined ? null : buildFtsQuery(query.search);
  const where: RawBuilder<unknown>[] = [];
  if (query.status && query.status.length > 0) where.push(sql`p.status IN (${sql.join(query.status)})`);
  if (query.categoryId !== undefined) {
    where.push(sql`p.category_id IN (WITH RECURSIVE sub(id) AS (
      SELECT ${query.categoryId} UNION ALL SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)`);
  }
  if (query.uncategorised) where.push(sql`p.category_id IS NULL`);
  if (query.tag !== undefined) {
    // A variant carries its parent's tags.
    where.push(sql`EXISTS (SELECT 1 FROM product_tag g WHERE g.tag = ${query.tag} AND (g.product_id = p.id OR g.product_id = p.parent_id))`);
  }
  if (query.visibility === 'top') where.push(sql`p.kind <> 'variant'`);
  if (query.visibility === 'sellable') where.push(sql`p.kind <> 'parent'`);
  if (query.parentId !== undefined) where.push(sql`p.parent_id = ${query.parentId}`);
  const whereSql = where.length === 0 ? sql`` : sql`WHERE ${sql.join(where, sql` AND `)}`;

  // With a search, only matches count; in the `top` view a variant's match stands for its parent.
  // Ranking costs a bm25 per match, so it is only computed when the grid sorts by relevance.
  const hitsCte =
    fts === null
      ? sql``
      : sql`WITH hits AS MATERIALIZED (
               SELECT rowid AS id, ${query.sort.field === 'relevance' ? RANK_SQL : sql`0`} AS rank
               FROM product_search WHERE product_search MATCH ${fts}),
             ranked AS (
               SELECT ${query.visibility === 'top' ? sql`coalesce(v.parent_id, h.id)` : sql`h.id`} AS id, min(h.rank) AS rank
               FROM hits h JOIN product v ON v.id = h.id GROUP BY 1)`;
  const fromSql = fts === null ? sql`FROM product p` : sql`FROM ranked r JOIN product p ON p.id = r.id`;

  const titleExpr = titleSql(language, languages);
  const priceExpr = priceSql(priceListId, currency);
  const onHandExpr = onHandSql();
  const dir = query.sort.direction === 'desc' ? sql`DESC` : sql`ASC`;
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
      orderBy = sql`${priceExpr} ${dir} NULLS LAST, ${bySku}`;
      break;
    case 'onHand':
      orderBy = sql`${onHandExpr} ${dir}, ${bySku}`;
      break;
    case 'relevance':
      orderBy = fts === null ? bySku : sql`r.rank ${dir}, ${bySku}`;
      break;
  }

  const [page, count] = await Promise.all([
    sql<{ id: number }>`${hitsCte} SELECT p.id ${fromSql} ${whereSql} ORDER BY ${orderBy} LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db),
    sql<{ total: number }>`${hitsCte} SELECT count(*) AS total ${fromSql} ${whereSql}`.execute(db),
  ]);
  const ids = page.rows.map((r) => r.id);
  const rows = ids.length === 0 ? [] : await listRows(db, ids, titleExpr, priceExpr, onHandExpr, currency);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    rows: ids.map((id) => byId.get(id)).filter((r): r is ProductListRow => r !== undefined),
    total: count.rows[0]?.total ?? 0,
  };
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
