import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors.ts';
import { accountRules } from './accounts.ts';
import { createUpload } from './engine/uploadStore.ts';
import { loadListingSources } from './listingSource.ts';
import { connectorFor } from './registry.ts';

/** Products listed on the account (remote ids known), optionally only those named. */
function listedProducts(sqlite: Database, accountId: number, only: readonly number[] | null): { productId: number; sku: string; prices: Record<string, number> }[] {
  const rows = sqlite
    .prepare(
      `SELECT l.product_id AS productId, p.sku, l.prices FROM listing l JOIN product p ON p.id = l.product_id
       WHERE l.account_id = ? AND l.status = 'listed' AND l.remote_refs IS NOT NULL ORDER BY l.product_id`,
    )
    .all(accountId) as { productId: number; sku: string; prices: string }[];
  const wanted = only === null ? null : new Set(only);
  return rows.filter((r) => wanted === null || wanted.has(r.productId)).map((r) => ({ productId: r.productId, sku: r.sku, prices: JSON.parse(r.prices) as Record<string, number> }));
}

function requireCapability(sqlite: Database, accountId: number, capability: 'priceSync' | 'delete'): void {
  const { platform, name } = accountRules(sqlite, accountId);
  const connector = connectorFor(platform);
  if (!connector.capabilities[capability]) {
    throw new KontorError('CONFLICT', `${connector.label} (${name}) cannot ${capability === 'delete' ? 'remove listings' : 'sync prices alone'} through Kontor.`, { account: name });
  }
}

/**
 * A price-only sync: the listed products whose price for the account (list price, conversion,
 * markup, rounding) differs from what was last sent, one `price` item each with the variants'
 * new prices. Nothing else of the product is read or sent. Answers the upload, or null when every
 * price is as sent.
 */
export function planPriceSync(sqlite: Database, accountId: number, productIds: readonly number[] | null = null): number | null {
  return sqlite.transaction(() => {
    requireCapability(sqlite, accountId, 'priceSync');
    const { rules } = accountRules(sqlite, accountId);
    const listed = listedProducts(sqlite, accountId, productIds);
    const sources = loadListingSources(sqlite, accountId, rules, listed.map((l) => l.productId));
    const items: { productId: number; sku: string; payload: { currency: string; prices: Record<string, number> } }[] = [];
    for (const entry of listed) {
      const source = sources.get(entry.productId);
      if (!source) continue;
      const changed: Record<string, number> = {};
      for (const v of source.variants) if (v.priceMinor !== null && entry.prices[v.sku] !== v.priceMinor) changed[v.sku] = v.priceMinor;
      if (Object.keys(changed).length > 0) items.push({ productId: entry.productId, sku: entry.sku, payload: { currency: rules.currency, prices: changed } });
    }
    return items.length === 0 ? null : createUpload(sqlite, accountId, 'price', items);
  }).immediate();
}

/**
 * Takes listings off the platform: the products named, or every listed product archived in
 * Kontor. Answers the `delete` upload, or null when none of them is listed on the account.
 */
export function planRemoval(sqlite: Database, accountId: number, selection: { productIds: number[] } | { archived: true }): number | null {
  return sqlite.transaction(() => {
    requireCapability(sqlite, accountId, 'delete');
    let listed = listedProducts(sqlite, accountId, 'productIds' in selection ? selection.productIds : null);
    if ('archived' in selection) {
      const archived = new Set(sqlite.prepare("SELECT id FROM product WHERE status = 'archived' AND kind != 'variant'").pluck().all() as number[]);
      listed = listed.filter((l) => archived.has(l.productId));
    }
    return listed.length === 0 ? null : createUpload(sqlite, accountId, 'delete', listed.map((l) => ({ productId: l.productId, sku: l.sku })));
  }).immediate();
}
