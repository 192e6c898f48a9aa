import { sql, type RawBuilder } from 'kysely';
import type { ProductListQueryData } from '../../../shared/catalog/list.ts';
import { parseIntegers } from '../db/integerText.ts';
import type { Db } from './db.ts';
import { RANK_SQL } from './search.ts';

/*
 * A page of the product grid with a search word, without a lookup per match.
 *
 * A search word can match 10,000 of 100,000 products ("indigo", "laine"). Sorting the matches in
 * SQL costs a join per match into a sort-key index (0.3-1.5 µs each: a B-tree descent in a
 * 400,000-row index) and a sort of the whole set for any page past the first, plus, in the `top`
 * view, a product lookup per match to find a variant's parent: 25-60 ms a page. Here each sort
 * order is read once as the list of product ids in that order (one walk along the index the
 * unsearched grid pages through, 10-15 ms) and kept, with the variant → parent map, until anything
 * is committed. A searched page is then the full-text query's rowids, mapped and filtered through
 * typed arrays and sorted by their position in the order: a few milliseconds whatever the offset.
 *
 * The orders are exactly those of the SQL path in list.ts (which stays for the sorts computed per
 * row: status, stock, a title language outside the catalog's): ties by SKU in the same direction,
 * blank titles and prices last in both directions.
 */

/** Above this product id, typed arrays indexed by id would be wasteful: the SQL path answers. */
const MAX_INDEXED_ID = 20_000_000;

/** As columnsOf codes them. */
const STATUS_CODES: Record<string, number> = { draft: 1, active: 2, archived: 3 };

/** Product ids in one sort order (ascending direction), and each id's place in it. */
interface Order {
  ids: Float64Array;
  /** pos[id] = index in `ids`, -1 for an id that is not in the order. */
  pos: Int32Array;
  /** Rows from here on have no key (no title, no price): last in both directions. */
  blankFrom: number;
}

interface Snapshot {
  version: string;
  size: number;
  /** parentOf[id] = the parent's id for a variant, else 0. */
  parentOf: Int32Array;
  /** 1 for a parent product. */
  isParent: Uint8Array;
  orders: Map<string, Order>;
  /** Scratch for one query: seen[id] = the query that last met product id, best[id] = its best rank in it. */
  seen: Int32Array;
  best: Float64Array;
  queries: number;
  columns?: { status: Uint8Array; category: Int32Array };
}

const snapshots = new WeakMap<Db, Snapshot>();

/** Which order a searched page is sorted by, as list.ts decides it. */
export type SearchedSort =
  | { kind: 'sku' }
  | { kind: 'updated' }
  | { kind: 'relevance' }
  | { kind: 'title'; language: string }
  | { kind: 'price'; priceListId: number; currency: string };

/**
 * The ids of one page of a searched list and the number of matches after the filters, or null when
 * the catalogue's ids are too large for the typed arrays (then the SQL path answers).
 */
export async function searchedPage(
  db: Db,
  query: ProductListQueryData,
  fts: string,
  sort: SearchedSort,
  categoryIds: readonly number[] | null,
): Promise<{ ids: number[]; total: number } | null> {
  const snapshot = await currentSnapshot(db);
  if (snapshot === null) return null;
  const desc = query.sort.direction === 'desc';
  const relevance = sort.kind === 'relevance';
  // Relevance breaks ties by SKU.
  const order = await orderOf(db, snapshot, relevance ? { kind: 'sku' } : sort);

  // Ranked, the rows (bm25 values compared exactly as SQL compares them); unranked, the rowids as one
  // text: 10,000 matches arrive in a millisecond instead of three.
  let ids: Float64Array;
  let ranks: Float64Array | null = null;
  if (relevance) {
    // Best first, so a product's first row is its best match, and sorting is left to ties.
    const rows = (
      await sql<{ id: number; rank: number }>`SELECT rowid AS id, ${RANK_SQL} AS rank FROM product_search WHERE product_search MATCH ${fts} ORDER BY rank`.execute(db)
    ).rows;
    ids = Float64Array.from(rows, (r) => r.id);
    ranks = Float64Array.from(rows, (r) => r.rank);
  } else {
    ids = (await idLists(db, sql`SELECT group_concat(rowid) AS a FROM product_search WHERE product_search MATCH ${fts}`)).a;
  }

  const keep = await filterOf(db, snapshot, query, categoryIds);
  const { parentOf, isParent, size, seen, best } = snapshot;
  // Each product once: `seen` holds the number of the query that last met it (no clearing needed).
  const stamp = ++snapshot.queries;
  const kept = new Int32Array(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const matched = ids[i] ?? 0;
    if (matched <= 0 || matched >= size || order.pos[matched] === -1) continue;
    // In the `top` view a variant's match stands for its parent, ranked by its best match.
    let id = matched;
    if (query.visibility === 'top') id = parentOf[matched] || matched;
    else if (query.visibility === 'sellable' && isParent[matched] === 1) continue;
    const rank = ranks === null ? 0 : (ranks[i] ?? 0);
    if (seen[id] !== stamp) {
      seen[id] = stamp;
      if (keep !== null && !keep(id)) continue;
      best[id] = rank;
      kept[n++] = id;
    }
    // Met again: a later row of the same product, never a better rank (rows come best first).
  }
  const matchedIds = kept.subarray(0, n);

  let sorted: Int32Array;
  if (relevance) {
    // Already by rank: equal ranks by SKU, then the whole list backwards for descending.
    const skuPos = order.pos;
    for (let start = 0; start < n; ) {
      let end = start + 1;
      while (end < n && best[matchedIds[end] ?? 0] === best[matchedIds[start] ?? 0]) end++;
      if (end - start > 1) matchedIds.subarray(start, end).sort((a, b) => (skuPos[a] ?? 0) - (skuPos[b] ?? 0));
      start = end;
    }
    sorted = desc ? matchedIds.reverse() : matchedIds;
  } else {
    const positions = matchedIds.map((id) => order.pos[id] ?? -1).sort();
    sorted = pageOrder(positions, order, desc).map((p) => order.ids[p] ?? 0);
  }
  return { ids: Array.from(sorted.subarray(query.offset, query.offset + query.limit)), total: sorted.length };
}

/**
 * Positions sorted ascending → the list's order of them: descending walks the keyed positions
 * backwards, then the blank ones backwards (by SKU descending), as list.ts does.
 */
function pageOrder(ascending: Int32Array, order: Order, desc: boolean): Int32Array {
  if (!desc) return ascending;
  let split = ascending.findIndex((p) => p >= order.blankFrom);
  if (split === -1) split = ascending.length;
  // In place: each part reversed where it lies.
  ascending.subarray(0, split).reverse();
  ascending.subarray(split).reverse();
  return ascending;
}

/** The snapshot for the database as it is now: kept until anything is committed. */
async function currentSnapshot(db: Db): Promise<Snapshot | null> {
  const version = await databaseVersion(db);
  const kept = snapshots.get(db);
  if (kept && kept.version === version) return kept;
  const max = (await sql<{ id: number | null }>`SELECT max(id) AS id FROM product`.execute(db)).rows[0]?.id ?? 0;
  if (max > MAX_INDEXED_ID) return null;
  const size = max + 1;
  const parentOf = new Int32Array(size);
  const variants = await idLists(db, sql`SELECT group_concat(id) AS a, group_concat(parent_id) AS b FROM product WHERE parent_id IS NOT NULL`);
  variants.a.forEach((id, i) => {
    parentOf[id] = variants.b[i] ?? 0;
  });
  const isParent = new Uint8Array(size);
  for (const id of (await idLists(db, sql`SELECT group_concat(id) AS a FROM product WHERE kind = 'parent'`)).a) isParent[id] = 1;
  const snapshot: Snapshot = { version, size, parentOf, isParent, orders: new Map(), seen: new Int32Array(size), best: new Float64Array(size), queries: 0 };
  // Inside a transaction the snapshot may hold what a rollback takes back: used, not kept.
  if (!db.isTransaction) snapshots.set(db, snapshot);
  return snapshot;
}

/**
 * Changes when anything is committed: by another connection (data_version) or by this one
 * (total_changes, which also moves inside an open transaction of this connection).
 */
async function databaseVersion(db: Db): Promise<string> {
  const changes = await sql<{ changes: number }>`SELECT total_changes() AS changes`.execute(db);
  const data = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  return `${data.rows[0]?.data_version ?? 0}:${changes.rows[0]?.changes ?? 0}`;
}

function orderKey(sort: SearchedSort): string {
  switch (sort.kind) {
    case 'title':
      return `title:${sort.language}`;
    case 'price':
      return `price:${sort.priceListId}:${sort.currency}`;
    default:
      return sort.kind;
  }
}

/** One walk along the index the unsearched grid pages through, ascending. */
async function orderOf(db: Db, snapshot: Snapshot, sort: SearchedSort): Promise<Order> {
  const key = orderKey(sort);
  const kept = snapshot.orders.get(key);
  if (kept) return kept;
  let ids: Float64Array;
  let blank = 0;
  switch (sort.kind) {
    case 'title':
      ids = (
        await idLists(db, sql`SELECT group_concat(product_id) AS a FROM (SELECT product_id FROM product_title_key WHERE language = ${sort.language}
          ORDER BY untitled, title, sku, product_id)`)
      ).a;
      // The untitled are few: counting them is a short range of the primary key.
      blank = (await sql<{ n: number }>`SELECT count(*) AS n FROM product_title_key WHERE language = ${sort.language} AND untitled = 1`.execute(db)).rows[0]?.n ?? 0;
      break;
    case 'price':
      ids = (
        await idLists(db, sql`SELECT group_concat(product_id) AS a FROM (SELECT product_id FROM product_price_key
          WHERE price_list_id = ${sort.priceListId} AND currency = ${sort.currency} ORDER BY unpriced, amount_minor, sku, product_id)`)
      ).a;
      blank = (
        await sql<{ n: number }>`SELECT count(*) AS n FROM product_price_key
          WHERE price_list_id = ${sort.priceListId} AND currency = ${sort.currency} AND unpriced = 1`.execute(db)
      ).rows[0]?.n ?? 0;
      break;
    case 'updated':
      ids = (await idLists(db, sql`SELECT group_concat(id) AS a FROM (SELECT id FROM product INDEXED BY product_list_updated ORDER BY updated_at, id)`)).a;
      break;
    default:
      ids = (await idLists(db, sql`SELECT group_concat(id) AS a FROM (SELECT id FROM product ORDER BY sku)`)).a;
  }
  const order: Order = { ids, pos: new Int32Array(snapshot.size).fill(-1), blankFrom: ids.length - blank };
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    if (id > 0 && id < snapshot.size) order.pos[id] = i;
  }
  snapshot.orders.set(key, order);
  return order;
}

/** The grid's filters (other than the view) as a test on a product id, as list.ts's `filters`; null for none. */
async function filterOf(db: Db, snapshot: Snapshot, query: ProductListQueryData, categoryIds: readonly number[] | null): Promise<((id: number) => boolean) | null> {
  const tests: ((id: number) => boolean)[] = [];
  const statuses = query.status && query.status.length > 0 ? new Set(query.status.map((s) => STATUS_CODES[s])) : null;
  if (statuses !== null || categoryIds !== null || query.uncategorised) {
    const columns = await columnsOf(db, snapshot);
    if (statuses !== null) tests.push((id) => statuses.has(columns.status[id]));
    if (categoryIds !== null) {
      const wanted = new Set(categoryIds);
      tests.push((id) => wanted.has(columns.category[id] ?? 0));
    }
    if (query.uncategorised) tests.push((id) => columns.category[id] === 0);
  }
  if (query.tag !== undefined) {
    // A variant carries its parent's tags.
    const tagged = new Set((await sql<{ id: number }>`SELECT product_id AS id FROM product_tag WHERE tag = ${query.tag}`.execute(db)).rows.map((r) => r.id));
    tests.push((id) => tagged.has(id) || tagged.has(snapshot.parentOf[id] ?? 0));
  }
  if (query.parentId !== undefined) {
    const parentId = query.parentId;
    tests.push((id) => snapshot.parentOf[id] === parentId);
  }
  if (tests.length === 0) return null;
  return (id) => tests.every((test) => test(id));
}

/** Status and category of every product, read once per snapshot, when a searched page filters on them. */
async function columnsOf(db: Db, snapshot: Snapshot): Promise<{ status: Uint8Array; category: Int32Array }> {
  if (snapshot.columns) return snapshot.columns;
  const status = new Uint8Array(snapshot.size);
  // Category ids are positive; 0 is "none".
  const category = new Int32Array(snapshot.size);
  const rows = await idLists(
    db,
    sql`SELECT group_concat(id) AS a, group_concat(CASE status WHEN 'draft' THEN 1 WHEN 'active' THEN 2 ELSE 3 END) AS b,
          group_concat(coalesce(category_id, 0)) AS c FROM product`,
  );
  rows.a.forEach((id, i) => {
    if (id <= 0 || id >= snapshot.size) return;
    status[id] = rows.b[i] ?? 0;
    category[id] = rows.c[i] ?? 0;
  });
  snapshot.columns = { status, category };
  return snapshot.columns;
}

/**
 * Integer columns of many rows as typed arrays, each read as one group_concat text: 100,000 ids
 * cross from SQLite in one string and parse in a few milliseconds, where one object per row costs
 * several times that. `query` answers one row with columns a (and b, c when asked).
 */
async function idLists(db: Db, query: RawBuilder<unknown>): Promise<{ a: Float64Array; b: Float64Array; c: Float64Array }> {
  const row = (await sql<{ a: string | null; b?: string | null; c?: string | null }>`${query}`.execute(db)).rows[0];
  return { a: parseIntegers(row?.a), b: parseIntegers(row?.b), c: parseIntegers(row?.c) };
}
