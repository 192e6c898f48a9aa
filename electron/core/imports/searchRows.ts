import type { Database } from 'better-sqlite3';
import { gtinSpellings } from '../../../shared/validation/gtin.ts';
import { foldText } from '../catalog/search.ts';

/**
 * The search rows of these products, rebuilt synchronously inside the import's transaction: the
 * same documents catalog/search.ts reindexProducts writes (a variant's row carries its parent's
 * texts and tags, and its option values), read in batches of ids instead of one product at a time.
 * tests/core/imports/searchRows.test.ts checks that both give the same matches.
 */
export function reindexSync(sqlite: Database, productIds: Iterable<number>): void {
  const ids = [...new Set(productIds)];
  const del = sqlite.prepare('DELETE FROM product_search WHERE rowid IN (SELECT value FROM json_each(?))');
  const products = sqlite.prepare('SELECT id, sku, gtin, parent_id, option_values FROM product WHERE id IN (SELECT value FROM json_each(?))');
  const texts = sqlite.prepare('SELECT product_id, title, description FROM product_text WHERE product_id IN (SELECT value FROM json_each(?))');
  const tags = sqlite.prepare('SELECT product_id, tag FROM product_tag WHERE product_id IN (SELECT value FROM json_each(?))');
  const insert = sqlite.prepare('INSERT INTO product_search (rowid, sku, gtin, text, tags) VALUES (?, ?, ?, ?, ?)');
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = JSON.stringify(ids.slice(i, i + 2000));
    del.run(chunk);
    const rows = products.all(chunk) as { id: number; sku: string; gtin: string | null; parent_id: number | null; option_values: string | null }[];
    const owners = JSON.stringify([...new Set(rows.flatMap((p) => (p.parent_id === null ? [p.id] : [p.id, p.parent_id])))]);
    const textsOf = group(texts.all(owners) as { product_id: number; title: string; description: string | null }[], (t) => `${t.title}\n${t.description ?? ''}`);
    const tagsOf = group(tags.all(owners) as { product_id: number; tag: string }[], (t) => t.tag);
    for (const p of rows) {
      const own = p.parent_id === null ? [p.id] : [p.id, p.parent_id];
      const optionValues = p.option_values === null ? [] : Object.values(JSON.parse(p.option_values) as Record<string, string>);
      insert.run(
        p.id,
        foldText(`${p.sku} ${p.sku.replace(/[^\p{L}\p{N}]+/gu, '')}`),
        p.gtin === null ? '' : gtinSpellings(p.gtin).join(' '),
        foldText([...own.flatMap((id) => textsOf.get(id) ?? []), ...optionValues].join('\n')),
        foldText(own.flatMap((id) => tagsOf.get(id) ?? []).join('\n')),
      );
    }
  }
}

export function unindexSync(sqlite: Database, productIds: readonly number[]): void {
  if (productIds.length === 0) return;
  sqlite.prepare('DELETE FROM product_search WHERE rowid IN (SELECT value FROM json_each(?))').run(JSON.stringify(productIds));
}

function group<T extends { product_id: number }>(rows: T[], value: (row: T) => string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const row of rows) {
    const list = out.get(row.product_id);
    if (list) list.push(value(row));
    else out.set(row.product_id, [value(row)]);
  }
  return out;
}
