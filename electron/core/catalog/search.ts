import { sql } from 'kysely';
import type { ProductSearchHit } from '../../../shared/catalog/list.ts';
import type { ProductStatus } from '../../../shared/catalog/product.ts';
import { buildFtsQuery, foldText } from '../../../shared/text/fold.ts';
import { gtinSpellings } from '../../../shared/validation/gtin.ts';
import { jsonIds, type Db } from './db.ts';
import { getCatalogLanguages } from './languages.ts';
import { titleSql } from './texts.ts';

// Folding moved to shared/text/fold.ts (contacts use it too); re-exported for existing importers.
export { buildFtsQuery, foldText };

/** bm25 weights per column (sku, gtin, text, tags): a code match beats a word in a description. */
export const RANK_SQL = sql<number>`bm25(product_search, 10.0, 10.0, 1.0, 4.0)`;

interface SearchDoc {
  id: number;
  sku: string;
  gtin: string;
  text: string;
  tags: string;
}

/**
 * Rebuilds the search rows of these products (and of the variants of any parent among them, whose
 * rows hold their parent's texts and tags). Runs inside the caller's transaction, so the index
 * never disagrees with the products. Products that no longer exist lose their row.
 */
export async function reindexProducts(db: Db, productIds: readonly number[]): Promise<void> {
  if (productIds.length === 0) return;
  const withVariants = await sql<{ id: number }>`
    SELECT value AS id FROM json_each(${jsonIds(productIds)})
    UNION
    SELECT id FROM product WHERE parent_id IN (SELECT value FROM json_each(${jsonIds(productIds)}))`.execute(db);
  const ids = withVariants.rows.map((r) => r.id);
  await sql`DELETE FROM product_search WHERE rowid IN (SELECT value FROM json_each(${jsonIds(ids)}))`.execute(db);

  const products = await db
    .selectFrom('product')
    .select(['id', 'sku', 'gtin', 'parent_id', 'option_values'])
    .where(sql<boolean>`id IN (SELECT value FROM json_each(${jsonIds(ids)}))`)
    .execute();
  if (products.length === 0) return;
  // A variant's row carries its parent's texts and tags: "argan" finds every bottle size.
  const owners = [...new Set(products.flatMap((p) => (p.parent_id === null ? [p.id] : [p.id, p.parent_id])))];
  const ownerJson = jsonIds(owners);
  const [texts, tags] = await Promise.all([
    db
      .selectFrom('product_text')
      .select(['product_id', 'title', 'description'])
      .where(sql<boolean>`product_id IN (SELECT value FROM json_each(${ownerJson}))`)
      .execute(),
    db
      .selectFrom('product_tag')
      .select(['product_id', 'tag'])
      .where(sql<boolean>`product_id IN (SELECT value FROM json_each(${ownerJson}))`)
      .execute(),
  ]);
  const textsOf = groupBy(texts, (t) => t.product_id, (t) => [t.title, t.description ?? ''].join('\n'));
  const tagsOf = groupBy(tags, (t) => t.product_id, (t) => t.tag);

  const docs: SearchDoc[] = products.map((p) => {
    const own = [p.id, ...(p.parent_id === null ? [] : [p.parent_id])];
    const optionValues = p.option_values === null ? [] : Object.values(JSON.parse(p.option_values) as Record<string, string>);
    return {
      id: p.id,
      // "RUG-BO-001" is found as "rug bo 0" and as "rugbo0".
      sku: foldText(`${p.sku} ${p.sku.replace(/[^\p{L}\p{N}]+/gu, '')}`),
      gtin: p.gtin === null ? '' : gtinSpellings(p.gtin).join(' '),
      text: foldText([...own.flatMap((id) => textsOf.get(id) ?? []), ...optionValues].join('\n')),
      tags: foldText(own.flatMap((id) => tagsOf.get(id) ?? []).join('\n')),
    };
  });
  // One statement per 200 rows: SQLite allows 32766 parameters, five per row.
  for (let i = 0; i < docs.length; i += 200) {
    const chunk = docs.slice(i, i + 200);
    await sql`INSERT INTO product_search (rowid, sku, gtin, text, tags) VALUES ${sql.join(
      chunk.map((d) => sql`(${d.id}, ${d.sku}, ${d.gtin}, ${d.text}, ${d.tags})`),
    )}`.execute(db);
  }
}

/** Drops the search rows of deleted products (the caller deletes the products). */
export async function unindexProducts(db: Db, productIds: readonly number[]): Promise<void> {
  if (productIds.length === 0) return;
  await sql`DELETE FROM product_search WHERE rowid IN (SELECT value FROM json_each(${jsonIds(productIds)}))`.execute(db);
}

/**
 * The quick search ranks at most this many matches: the most recently created ones. bm25 costs
 * about a microsecond per match, and a prefix of one or two letters ("t", "in") matches most of a
 * 100,000-product catalogue (50 ms and more for 20 hits); a search with fewer matches than this is
 * ranked in full, exactly as before. See tests/bench/catalog.bench.ts.
 */
export const QUICK_SEARCH_CANDIDATES = 2000;

/**
 * Ranked search for the quick-search box: an exact SKU (whatever the case) first, then by bm25
 * among the matches (the newest QUICK_SEARCH_CANDIDATES of them when there are more). FTS5 hands
 * out matches in rowid order, so "newest first, at most N" stops reading the index after N rows,
 * and bm25 is only computed for those. Answers nothing for input that holds no letter or digit.
 */
export async function searchProducts(
  db: Db,
  query: { text: string; limit: number; language: string; languageOrder: readonly string[]; candidates?: number },
): Promise<ProductSearchHit[]> {
  const fts = buildFtsQuery(query.text);
  if (fts === null) return [];
  const candidates = query.candidates ?? QUICK_SEARCH_CANDIDATES;
  const result = await sql<{ id: number; sku: string; status: string; title: string | null }>`
    WITH candidates AS (
      SELECT rowid AS id, ${RANK_SQL} AS rank FROM product_search
      WHERE product_search MATCH ${fts} ORDER BY rowid DESC LIMIT ${candidates}
    ),
    -- Ties by id, as bm25 over every match in rowid order kept them: the same 20 as before.
    hits AS (SELECT id, rank FROM candidates ORDER BY rank, id LIMIT ${query.limit}),
    exact AS (SELECT id, -1e300 AS rank FROM product WHERE sku = ${query.text.trim()}),
    ranked AS (SELECT id, min(rank) AS rank FROM (SELECT id, rank FROM hits UNION ALL SELECT id, rank FROM exact) GROUP BY id)
    SELECT p.id, p.sku, p.status, ${titleSql(query.language, query.languageOrder)} AS title
    FROM ranked h JOIN product p ON p.id = h.id
    ORDER BY h.rank, p.sku
    LIMIT ${query.limit}`.execute(db);
  return result.rows.map((r) => ({ id: r.id, sku: r.sku, title: r.title, status: r.status as ProductStatus }));
}

/** `products.search`: the title in the asked language, else the catalog's first language that has one. */
export async function searchCatalog(db: Db, query: { text: string; limit: number; language?: string | undefined }): Promise<ProductSearchHit[]> {
  const { languages } = await getCatalogLanguages(db);
  return searchProducts(db, { text: query.text, limit: query.limit, language: query.language ?? languages[0] ?? 'en', languageOrder: languages });
}

function groupBy<T, V>(items: readonly T[], key: (item: T) => number, value: (item: T) => V): Map<number, V[]> {
  const map = new Map<number, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(value(item));
    else map.set(k, [value(item)]);
  }
  return map;
}
