import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { ProductList, ProductListQuery, ProductSearchHit } from '../../shared/catalog/list.ts';
import { openKontor, type Kontor } from '../../electron/core/kontor.ts';
import { createRng } from '../../electron/core/demo/random.ts';
import { cachedCatalogDataset, copyDataset, DATASET } from './catalogDatasetCache.ts';
import { percentile, time, timeAlternating, type Benchmark, type Figure, bareWriter } from './harness.ts';

/*
 * The product grid, the quick search and a bulk price change on 100,000 products, each through the
 * core call (dispatcher: input schema, service, output schema) against the same answer from
 * hand-written SQL on a bare better-sqlite3 connection to the same file (same indexes and sort-key
 * tables). Every query's answer is compared between both sides once before timing, so the baseline
 * measures the same work.
 *
 * For experiments: BENCH_PRAGMA="mmap_size=268435456;cache_size=-65536" sets pragmas on both
 * connections; BENCH_LIST_ONLY=1 measures the list pages alone.
 */

const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };
const LIMIT = 100;

interface ListCase {
  label: string;
  sort: 'sku' | 'title' | 'price' | 'updated' | 'relevance';
  query: ProductListQuery;
}

/** Search words as people type them, with the MATCH a developer would write for each (folded, prefix). */
const SEARCH_WORDS: readonly { text: string; match: string }[] = [
  { text: 'tagine', match: '"tagine"*' },
  { text: 'kilim', match: '"kilim"*' },
  { text: 'Teppich', match: '"teppich"*' },
  { text: 'laine', match: '"laine"*' },
  { text: 'زربية', match: '"زربيه"*' },
  { text: 'indigo', match: '"indigo"*' },
  { text: 'argan', match: '"argan"*' },
  { text: 'lanterne', match: '"lanterne"*' },
];
const MATCH_OF = new Map(SEARCH_WORDS.map((w) => [w.text, w.match]));

const catalog: Benchmark = {
  title: 'Catalog on 100,000 products (products.list, products.search, products.bulkUpdate)',
  async run(context) {
    const { cacheDir, log } = context;
    const dataDir = await cachedCatalogDataset(context);
    const kontor = await openKontor({ dataDir, appVersion: 'bench', mode: 'cli', log: quiet });
    const bare = bareWriter(join(dataDir, 'kontor.sqlite'));
    for (const pragma of (process.env.BENCH_PRAGMA ?? '').split(';').filter(Boolean)) {
      kontor.database.sqlite.pragma(pragma);
      bare.pragma(pragma);
    }
    const figures: Figure[] = [];
    try {
      figures.push(...(await listFigures(kontor, bare, log)));
      if (!process.env.BENCH_LIST_ONLY) figures.push(...(await searchFigures(kontor, bare, log)));
    } finally {
      bare.close();
      await kontor.close();
    }
    if (!process.env.BENCH_LIST_ONLY) figures.push(...(await bulkPriceFigures(dataDir, cacheDir, log)));
    return figures;
  },
};

export default catalog;

// ---- products.list -------------------------------------------------------------------------------

async function call<T>(kontor: Kontor, name: string, input: unknown): Promise<T> {
  const result = await kontor.dispatcher.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
  return result.value as T;
}

function listCases(bare: Database): (Omit<ListCase, 'query'> & { base: ProductListQuery })[] {
  const category = (code: string) => (bare.prepare('SELECT id FROM category WHERE code = ?').pluck().get(code) as number | undefined) ?? 0;
  const sorts: { sort: ListCase['sort']; direction: 'asc' | 'desc' }[] = [
    { sort: 'sku', direction: 'asc' },
    { sort: 'title', direction: 'asc' },
    { sort: 'title', direction: 'desc' },
    { sort: 'price', direction: 'asc' },
    { sort: 'price', direction: 'desc' },
    { sort: 'updated', direction: 'desc' },
  ];
  const rng = createRng(7).fork('list');
  const filters: { label: string; filter: Partial<ProductListQuery> }[] = [
    { label: 'no filter', filter: {} },
    { label: 'active', filter: { status: ['active'] } },
    { label: 'category RUGS (+5 subcategories)', filter: { categoryId: category('RUGS') } },
    { label: 'category CER-TAGINES', filter: { categoryId: category('CER-TAGINES'), status: ['active'] } },
    { label: 'search', filter: {} },
  ];
  const cases: (Omit<ListCase, 'query'> & { base: ProductListQuery })[] = [];
  for (const { sort, direction } of sorts) {
    for (const { label, filter } of filters) {
      const search = label === 'search' ? rng.pick(SEARCH_WORDS).text : undefined;
      cases.push({
        label: `${sort} ${direction}, ${label}${search ? ` "${search}"` : ''}`,
        sort,
        base: {
          sort: { field: sort, direction },
          visibility: 'top',
          language: 'en',
          priceList: 'RETAIL',
          currency: 'EUR',
          limit: LIMIT,
          ...filter,
          ...(search ? { search } : {}),
        },
      });
    }
  }
  // Searching, the grid sorts by relevance unless a column is chosen.
  for (const word of SEARCH_WORDS.slice(0, 4)) {
    cases.push({
      label: `relevance, search "${word.text}"`,
      sort: 'relevance',
      base: { sort: { field: 'relevance', direction: 'asc' }, visibility: 'top', language: 'en', priceList: 'RETAIL', currency: 'EUR', limit: LIMIT, search: word.text },
    });
  }
  return cases;
}

/**
 * The same page in hand-written SQL: one statement for the ids of the page (walking the same index),
 * one for their columns, one count. Answers the rows as [id, title, price] and the total.
 */
function barePage(bare: Database, q: ProductListQuery): { ids: number[]; titles: (string | null)[]; prices: (number | null)[]; total: number } {
  const params: unknown[] = [];
  const filters = (a: string, counting = false): string[] => {
    const where: string[] = [];
    if (q.status) where.push(`${a}.status IN (${q.status.map(() => '?').join(', ')})`);
    if (q.categoryId !== undefined) {
      where.push(`${a}.category_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)`);
    }
    if (q.visibility === 'top') where.push(counting ? `${a}.kind IN ('simple', 'parent')` : `${a}.kind <> 'variant'`);
    return where;
  };
  if (q.status) params.push(...q.status);
  if (q.categoryId !== undefined) params.push(q.categoryId);
  const desc = q.sort?.direction === 'desc';
  const dir = desc ? 'DESC' : 'ASC';
  const search = q.search === undefined ? undefined : MATCH_OF.get(q.search);
  const ranked =
    search === undefined
      ? ''
      : `WITH hits AS MATERIALIZED (SELECT rowid AS id, ${q.sort?.field === 'relevance' ? 'bm25(product_search, 10.0, 10.0, 1.0, 4.0)' : '0'} AS rank
           FROM product_search WHERE product_search MATCH '${search}'),
         ranked AS MATERIALIZED (SELECT coalesce(v.parent_id, h.id) AS id, min(h.rank) AS rank FROM hits h JOIN product v ON v.id = h.id GROUP BY 1) `;
  let from: string;
  let where: string[];
  let order: string;
  let id = 'p.id';
  let flag = '';
  let value = '';
  switch (q.sort?.field) {
    case 'title':
      // Searching, the matches are top-level already: the key's product index alone answers.
      from = ranked ? "ranked r CROSS JOIN product_title_key k ON k.product_id = r.id AND k.language = 'en'" : 'product_title_key k';
      where = ranked ? filters('k').filter((f) => !f.includes('kind')) : ["k.language = 'en'", ...filters('k')];
      order = `k.untitled, k.title ${dir}, k.sku ${dir}`;
      flag = 'k.untitled';
      value = 'k.title';
      id = 'k.product_id';
      break;
    case 'price':
      from = ranked ? "ranked r CROSS JOIN product_price_key k ON k.product_id = r.id AND k.price_list_id = 1 AND k.currency = 'EUR'" : 'product_price_key k';
      where = ranked ? filters('k').filter((f) => !f.includes('kind')) : ["k.price_list_id = 1 AND k.currency = 'EUR'", ...filters('k')];
      order = `k.unpriced, k.amount_minor ${dir}, k.sku ${dir}`;
      flag = 'k.unpriced';
      value = 'k.amount_minor';
      id = 'k.product_id';
      break;
    case 'updated':
      from = ranked ? 'ranked r CROSS JOIN product p ON p.id = r.id' : 'product p INDEXED BY product_list_updated';
      where = filters('p');
      order = `p.updated_at ${dir}, p.id ${dir}`;
      break;
    case 'relevance':
      from = 'ranked r CROSS JOIN product p ON p.id = r.id';
      where = filters('p');
      order = `r.rank ${dir}, p.sku ${dir}`;
      break;
    default:
      from = ranked ? 'ranked r CROSS JOIN product p ON p.id = r.id' : 'product p INDEXED BY product_list_sku';
      where = filters('p');
      order = `p.sku ${dir}`;
  }
  const whereSql = (parts: string[]) => (parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`);
  const total = bare
    .prepare(`${ranked} SELECT count(*) FROM ${ranked ? 'ranked r CROSS JOIN product p ON p.id = r.id' : 'product p'} ${whereSql(filters('p', true))}`)
    .pluck()
    .get(...params) as number;
  const limit = q.limit ?? LIMIT;
  const offset = q.offset ?? 0;
  const select = (parts: string[], orderBy: string, l: number, o: number): number[] =>
    bare.prepare(`${ranked} SELECT ${id} FROM ${from} ${whereSql(parts)} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).pluck().all(...params, l, o) as number[];
  let ids: number[];
  if (flag !== '' && desc && !ranked) {
    // Blanks last when descending too: the keyed rows backwards, then the blank ones.
    ids = select([...where, `${flag} = 0`], `${value} DESC, k.sku DESC`, limit, offset);
    if (ids.length < limit) {
      const blank = bare.prepare(`SELECT count(*) FROM ${from} ${whereSql([...where, `${flag} = 1`])}`).pluck().get(...params) as number;
      ids.push(...select([...where, `${flag} = 1`], 'k.sku DESC', limit - ids.length, Math.max(0, offset - (total - blank))));
    }
  } else {
    ids = select(where, order, limit, offset);
  }
  const rows = bare
    .prepare(
      `SELECT p.id, p.sku, p.kind, p.parent_id, p.status, iif(t.untitled, NULL, t.title) AS title, p.option_values, p.category_id, p.gtin, p.unit,
         iif(pk.unpriced, NULL, pk.amount_minor) AS price,
         CASE WHEN p.kind = 'parent'
           THEN (SELECT coalesce(sum(s.on_hand_milli), 0) FROM product v JOIN stock_level s ON s.product_id = v.id WHERE v.parent_id = p.id)
           ELSE (SELECT coalesce(sum(s.on_hand_milli), 0) FROM stock_level s WHERE s.product_id = p.id) END AS on_hand,
         CASE WHEN p.kind = 'parent' THEN (SELECT count(*) FROM product v WHERE v.parent_id = p.id) ELSE 0 END AS variant_count,
         (SELECT i.id FROM product_image i WHERE i.product_id IN (p.id, p.parent_id) ORDER BY i.product_id <> p.id, i.position LIMIT 1) AS main_image_id,
         p.updated_at, p.revision
       FROM json_each(?) j JOIN product p ON p.id = j.value
       LEFT JOIN product_title_key t ON t.product_id = p.id AND t.language = 'en'
       LEFT JOIN product_price_key pk ON pk.product_id = p.id AND pk.price_list_id = 1 AND pk.currency = 'EUR'
       ORDER BY j.key`,
    )
    .all(JSON.stringify(ids)) as { id: number; title: string | null; price: number | null }[];
  return { ids, titles: rows.map((r) => r.title), prices: rows.map((r) => r.price), total };
}

async function listFigures(kontor: Kontor, bare: Database, log: (m: string) => void): Promise<Figure[]> {
  const cases: ListCase[] = [];
  for (const c of listCases(bare)) {
    const first = await call<ProductList>(kontor, 'products.list', { ...c.base, offset: 0 });
    // Offsets spread over the whole result: first page, quarter, middle, three quarters, last page.
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
      const offset = Math.floor((f * Math.max(0, first.total - LIMIT)) / LIMIT) * LIMIT;
      cases.push({ label: `${c.label} @${offset}`, sort: c.sort, query: { ...c.base, offset } });
    }
  }
  // The same answer from both sides, or the baseline measures something else.
  for (const c of cases) {
    const core = await call<ProductList>(kontor, 'products.list', c.query);
    const b = barePage(bare, c.query);
    const same =
      core.total === b.total &&
      JSON.stringify(core.rows.map((r) => r.id)) === JSON.stringify(b.ids) &&
      JSON.stringify(core.rows.map((r) => r.title)) === JSON.stringify(b.titles) &&
      JSON.stringify(core.rows.map((r) => r.price?.amountMinor ?? null)) === JSON.stringify(b.prices);
    if (!same) throw new Error(`products.list and the hand-written SQL disagree on ${c.label} (totals ${core.total} / ${b.total})`);
  }
  log(`${cases.length} list queries (sorts × filters × offsets over each result), limit ${LIMIT}, answers checked equal; 3 runs each, alternating`);
  const samples = new Map<string, { core: number[]; bare: number[] }>();
  const slowest: { label: string; ms: number }[] = [];
  for (const c of cases) {
    const [core, b] = await timeAlternating(
      () => call(kontor, 'products.list', c.query),
      () => barePage(bare, c.query),
      3,
    );
    for (const key of ['all', c.query.search === undefined ? 'no search' : 'search']) {
      const entry = samples.get(key) ?? { core: [], bare: [] };
      entry.core.push(...core);
      entry.bare.push(...b);
      samples.set(key, entry);
    }
    slowest.push({ label: c.label, ms: Math.max(...core) });
  }
  slowest.sort((a, b) => b.ms - a.ms);
  log(`slowest products.list queries: ${slowest.slice(0, 6).map((s) => `${s.label} ${s.ms.toFixed(1)} ms`).join('; ')}`);
  const bySort = new Map<string, number[]>();
  for (const [label, sort] of cases.map((c) => [c.label, c.sort] as const)) bySort.set(sort, [...(bySort.get(sort) ?? []), slowest.find((s) => s.label === label)?.ms ?? 0]);
  log(`worst run per query, p95 by sort: ${[...bySort].map(([sort, ms]) => `${sort} ${percentile(ms, 95).toFixed(1)} ms`).join(', ')}`);
  const figures: Figure[] = [];
  for (const [key, { core, bare: b }] of samples) {
    const n = core.length / 3;
    const what =
      key === 'all' ? `list page, all ${n} queries` : key === 'search' ? `list page with a search word (${n} queries)` : `list page without search (${n} queries)`;
    const baseline = `bare SQL: ${what}`;
    figures.push({ name: baseline, samples: b });
    figures.push({ name: `products.list: ${what}`, samples: core, baseline, target: { percentile: 95, ms: 15 } });
  }
  return figures;
}

// ---- products.search -----------------------------------------------------------------------------

const QUICK_SEARCHES: readonly { text: string; match: string }[] = [
  ...SEARCH_WORDS,
  { text: 'tag', match: '"tag"*' },
  { text: 'beni ourain', match: '"beni"* AND "ourain"*' },
  { text: 'Teppich Fès', match: '"teppich"* AND "fes"*' },
  { text: 'huile argan bio', match: '"huile"* AND "argan"* AND "bio"*' },
  { text: 'شاي', match: '"شاي"*' },
  { text: 'babouche 42', match: '"babouche"* AND "42"*' },
  { text: 'handmade', match: '"handmade"*' },
  { text: 'RUG-BO', match: '"rug bo"*' },
];

async function searchFigures(kontor: Kontor, bare: Database, log: (m: string) => void): Promise<Figure[]> {
  // A real SKU and a real GTIN as well: scanners and people paste those.
  const sample = bare.prepare("SELECT sku, gtin FROM product WHERE gtin IS NOT NULL AND kind = 'variant' ORDER BY id LIMIT 1 OFFSET 500").get() as { sku: string; gtin: string };
  const searches = [
    ...QUICK_SEARCHES,
    { text: sample.sku, match: `"${sample.sku.toLowerCase().replace(/[^a-z0-9]+/g, ' ')}"*`, exact: sample.sku },
    { text: sample.gtin, match: `"${sample.gtin}"*` },
  ];
  // The same answer by hand: bm25 over the newest 2,000 matches (QUICK_SEARCH_CANDIDATES), exact SKU first.
  const bareSearch = bare.prepare(`
    WITH candidates AS (SELECT rowid AS id, bm25(product_search, 10.0, 10.0, 1.0, 4.0) AS rank FROM product_search WHERE product_search MATCH ? ORDER BY rowid DESC LIMIT 2000),
    hits AS (SELECT id, rank FROM candidates ORDER BY rank, id LIMIT 20),
    ranked AS (SELECT id, min(rank) AS rank FROM (SELECT id, rank FROM hits UNION ALL SELECT id, -1e300 FROM product WHERE sku = ?) GROUP BY id)
    SELECT p.id, p.sku, p.status, iif(t.untitled, NULL, t.title) AS title
    FROM ranked h JOIN product p ON p.id = h.id LEFT JOIN product_title_key t ON t.product_id = p.id AND t.language = 'en'
    ORDER BY h.rank, p.sku LIMIT 20`);
  // What one writes first, and what the quick search answered before: bm25 over every match.
  const naiveSearch = bare.prepare(`
    WITH hits AS (SELECT rowid AS id, bm25(product_search, 10.0, 10.0, 1.0, 4.0) AS rank FROM product_search WHERE product_search MATCH ? ORDER BY rank LIMIT 20),
    ranked AS (SELECT id, min(rank) AS rank FROM (SELECT id, rank FROM hits UNION ALL SELECT id, -1e300 FROM product WHERE sku = ?) GROUP BY id)
    SELECT p.id, p.sku, p.status, iif(t.untitled, NULL, t.title) AS title
    FROM ranked h JOIN product p ON p.id = h.id LEFT JOIN product_title_key t ON t.product_id = p.id AND t.language = 'en'
    ORDER BY h.rank, p.sku LIMIT 20`);
  const matches = bare.prepare('SELECT count(*) FROM product_search WHERE product_search MATCH ?').pluck();
  let bounded = 0;
  for (const s of searches) {
    const core = await call<ProductSearchHit[]>(kontor, 'products.search', { text: s.text, limit: 20, language: 'en' });
    const same = (hits: ProductSearchHit[]) => JSON.stringify(core.map((h) => [h.id, h.title])) === JSON.stringify(hits.map((h) => [h.id, h.title]));
    if (!same(bareSearch.all(s.match, s.text) as ProductSearchHit[])) throw new Error(`products.search and the bare FTS5 query disagree on "${s.text}"`);
    // Up to 2,000 matches, the bound changes nothing.
    if ((matches.get(s.match) as number) <= 2000 && !same(naiveSearch.all(s.match, s.text) as ProductSearchHit[])) {
      throw new Error(`products.search and bm25 over every match disagree on "${s.text}"`);
    }
    if ((matches.get(s.match) as number) > 2000) bounded++;
  }
  log(`${searches.length} quick searches (words in four languages, prefixes, several words, a SKU, a GTIN), 20 hits each, answers checked equal (and equal to bm25 over every match where ≤ 2,000 match; ${bounded} match more); 9 runs each`);
  const core: number[] = [];
  const b: number[] = [];
  const naive: number[] = [];
  for (const s of searches) {
    const [c, x] = await timeAlternating(
      () => call(kontor, 'products.search', { text: s.text, limit: 20, language: 'en' }),
      () => bareSearch.all(s.match, s.text),
      9,
    );
    core.push(...c);
    b.push(...x);
    naive.push(...(await time(() => naiveSearch.all(s.match, s.text), 9)));
  }
  const baseline = 'bare FTS5 MATCH + bm25 over the newest 2,000 matches, top 20 with titles';
  return [
    { name: 'bare FTS5 MATCH + bm25 over every match, top 20 (the unbounded query, for reference)', samples: naive },
    { name: baseline, samples: b },
    { name: 'products.search: quick search, top 20', samples: core, baseline, target: { percentile: 95, ms: 15 } },
  ];
}

// ---- products.bulkUpdate -------------------------------------------------------------------------

const BULK_RUNS = 3;

/** +10 %, then to the nearest .99 (EUR has two decimals), as shared/catalog/pricing.ts computes it. */
const BARE_PRICE_UPDATE = `
  UPDATE product_price SET amount_minor = max(1, ((amount_minor * 11000 * 2 + 10000) / 20000 + 1 + 50) / 100) * 100 - 1
  WHERE price_list_id = (SELECT id FROM price_list WHERE code = 'RETAIL') AND currency = 'EUR'`;

/**
 * The same work by hand: the prices changed with the per-row sort-key trigger suspended, the
 * products whose price changed get a new revision and update time (as every edit does, so a stale
 * copy is refused), then the RETAIL EUR keys recomputed in one statement (lowest tier; a parent
 * without its own, its cheapest variant's), writing only those that changed.
 */
const BARE_PRICE_UPDATE_AND_KEYS = `
  BEGIN IMMEDIATE;
  INSERT INTO sort_key_suspension (id) VALUES (1);
  CREATE TEMP TABLE before AS SELECT product_id, min_quantity_milli, amount_minor FROM product_price
    WHERE price_list_id = 1 AND currency = 'EUR';
  ${BARE_PRICE_UPDATE};
  UPDATE product SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), revision = revision + 1
    WHERE id IN (SELECT b.product_id FROM temp.before b JOIN product_price pp ON pp.product_id = b.product_id
      AND pp.price_list_id = 1 AND pp.currency = 'EUR' AND pp.min_quantity_milli = b.min_quantity_milli WHERE pp.amount_minor <> b.amount_minor);
  DELETE FROM sort_key_suspension;
  UPDATE product_price_key SET unpriced = x.a IS NULL, amount_minor = coalesce(x.a, 0)
  FROM (SELECT p.id, coalesce(
          (SELECT pp.amount_minor FROM product_price pp WHERE pp.product_id = p.id AND pp.price_list_id = 1 AND pp.currency = 'EUR' ORDER BY pp.min_quantity_milli LIMIT 1),
          CASE WHEN p.kind = 'parent' THEN (SELECT min((SELECT pp.amount_minor FROM product_price pp WHERE pp.product_id = v.id AND pp.price_list_id = 1 AND pp.currency = 'EUR'
            ORDER BY pp.min_quantity_milli LIMIT 1)) FROM product v WHERE v.parent_id = p.id) END) AS a
        FROM product p) x
  WHERE product_price_key.product_id = x.id AND +product_price_key.price_list_id = 1 AND +product_price_key.currency = 'EUR'
    AND (product_price_key.unpriced <> (x.a IS NULL) OR product_price_key.amount_minor <> coalesce(x.a, 0));
  COMMIT;`;

async function bulkPriceFigures(dataDir: string, cacheDir: string, log: (m: string) => void): Promise<Figure[]> {
  const work = join(cacheDir, 'bulk-price-work');
  const core: number[] = [];
  const b: number[] = [];
  const naive: number[] = [];
  let rows = 0;
  let changed = 0;
  const keysOf = (sqlite: Database) => sqlite.prepare("SELECT product_id, unpriced, amount_minor FROM product_price_key WHERE price_list_id = 1 AND currency = 'EUR' ORDER BY product_id").raw().all();
  const revisionsOf = (sqlite: Database) => sqlite.prepare('SELECT count(*) FROM product WHERE revision > 1').pluck().get();
  let keys: { core?: string; bare?: string; naive?: string } = {};
  for (let i = 0; i < BULK_RUNS; i++) {
    const sides = ['core', 'bare', 'naive'] as const;
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      copyDataset(dataDir, work);
      if (side === 'core') {
        const kontor = await openKontor({ dataDir: work, appVersion: 'bench', mode: 'cli', log: quiet });
        const ids = kontor.database.sqlite.prepare('SELECT id FROM product ORDER BY id').pluck().all() as number[];
        const input = { ids, set: { priceChange: { percent: 10, rounding: '.99', priceList: 'RETAIL', currency: 'EUR' } } };
        const [ms] = await time(async () => {
          const result = await call<{ updated: number; pricesChanged: number }>(kontor, 'products.bulkUpdate', input);
          changed = result.pricesChanged;
        }, 1);
        core.push(ms ?? Number.NaN);
        if (i === 0) keys.core = JSON.stringify([keysOf(kontor.database.sqlite), revisionsOf(kontor.database.sqlite)]);
        await kontor.close();
      } else {
        const sqlite = bareWriter(join(work, 'kontor.sqlite'));
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('synchronous = NORMAL');
        const [ms] = await time(() => {
          if (side === 'bare') sqlite.exec(BARE_PRICE_UPDATE_AND_KEYS);
          else rows = sqlite.prepare(BARE_PRICE_UPDATE).run().changes;
        }, 1);
        (side === 'bare' ? b : naive).push(ms ?? Number.NaN);
        if (i === 0 && side === 'bare') keys = { ...keys, bare: JSON.stringify([keysOf(sqlite), revisionsOf(sqlite)]) };
        if (i === 0 && side === 'naive') keys = { ...keys, naive: JSON.stringify(keysOf(sqlite)) };
        sqlite.close();
      }
    }
    if (i === 0 && !(keys.core === keys.bare && JSON.stringify((JSON.parse(keys.bare ?? '[]') as unknown[])[0]) === keys.naive)) {
      throw new Error('the bulk price change left different sort keys or revisions in the core and the bare runs');
    }
  }
  rmSync(work, { recursive: true, force: true });
  log(`bulk price change: ${DATASET.products.toLocaleString('en')} products selected, ${changed.toLocaleString('en')} RETAIL EUR prices changed by the core, ${rows.toLocaleString('en')} rows by the bare UPDATE, sort keys checked equal; ${BULK_RUNS} runs each on a fresh copy`);
  const baseline = 'bare UPDATE (key trigger suspended) + product revisions + one set-based key refresh';
  return [
    { name: 'bare UPDATE of the prices alone, per-row sort-key trigger (for reference)', samples: naive },
    { name: baseline, samples: b },
    { name: 'products.bulkUpdate: 100,000 products, RETAIL EUR +10 %, .99', samples: core, baseline },
  ];
}
