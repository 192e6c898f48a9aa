import { sql } from 'kysely';
import type { PriceList } from '../../../shared/catalog/list.ts';
import { changePrice, percentToBasisPoints, type PriceRounding } from '../../../shared/catalog/pricing.ts';
import { MAX_AMOUNT_MINOR, type ProductFields, type ProductPrice } from '../../../shared/catalog/product.ts';
import { ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { formatAmount } from '../../../shared/money.ts';
import { MILLI } from '../../../shared/quantity.ts';
import { jsonIds, nowIso, notFound, staleRevision, writeTransaction, type Db } from './db.ts';

export async function listPriceLists(db: Db): Promise<PriceList[]> {
  const rows = await db.selectFrom('price_list').select(['id', 'code', 'name', 'kind', 'currency']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind as PriceList['kind'], currency: r.currency }));
}

/** Price lists by upper-case code. */
export async function priceListsByCode(db: Db): Promise<Map<string, PriceList>> {
  return new Map((await listPriceLists(db)).map((l) => [l.code.toUpperCase(), l]));
}

export function priceListIssues(lists: Map<string, PriceList>, fields: Pick<ProductFields, 'prices' | 'minimumOrders'>): FieldIssue[] {
  const known = [...lists.keys()].join(', ');
  const unknown = (path: string, code: string): FieldIssue => ({
    path,
    key: 'catalog.priceList.unknown',
    message: `There is no price list ${code}; the price lists are ${known}.`,
    params: { priceList: code },
  });
  return [
    ...fields.prices.flatMap((p, i) => (lists.has(p.priceList) ? [] : [unknown(`prices.${i}.priceList`, p.priceList)])),
    ...fields.minimumOrders.flatMap((m, i) => (lists.has(m.priceList) ? [] : [unknown(`minimumOrders.${i}.priceList`, m.priceList)])),
  ];
}

/** Replaces a product's prices and minimum order quantities. */
export async function writePrices(
  db: Db,
  productId: number,
  fields: Pick<ProductFields, 'prices' | 'minimumOrders'>,
  lists: Map<string, PriceList>,
): Promise<void> {
  await db.deleteFrom('product_price').where('product_id', '=', productId).execute();
  await db.deleteFrom('product_order_rule').where('product_id', '=', productId).execute();
  const priceRows = fields.prices.flatMap((p) =>
    p.tiers.map((t) => ({
      product_id: productId,
      price_list_id: requireList(lists, p.priceList).id,
      currency: p.currency,
      min_quantity_milli: t.minQuantityMilli,
      amount_minor: t.amountMinor,
    })),
  );
  if (priceRows.length > 0) await db.insertInto('product_price').values(priceRows).execute();
  const ruleRows = fields.minimumOrders.map((m) => ({
    product_id: productId,
    price_list_id: requireList(lists, m.priceList).id,
    min_order_quantity_milli: m.quantityMilli,
  }));
  if (ruleRows.length > 0) await db.insertInto('product_order_rule').values(ruleRows).execute();
}

function requireList(lists: Map<string, PriceList>, code: string): PriceList {
  const list = lists.get(code);
  // priceListIssues runs before every write, so an unknown code here is a bug, not bad input.
  if (!list) throw new Error(`Unknown price list ${code} reached writePrices.`);
  return list;
}

export interface StoredPrices {
  prices: ProductPrice[];
  minimumOrders: { priceList: string; quantityMilli: number }[];
}

/** Prices and minimum orders of many products, grouped per list and currency, tiers ascending. */
export async function readPrices(db: Db, productIds: readonly number[]): Promise<Map<number, StoredPrices>> {
  const out = new Map<number, StoredPrices>(productIds.map((id) => [id, { prices: [], minimumOrders: [] }]));
  if (productIds.length === 0) return out;
  const ids = jsonIds(productIds);
  const [prices, rules] = await Promise.all([
    db
      .selectFrom('product_price as pp')
      .innerJoin('price_list as pl', 'pl.id', 'pp.price_list_id')
      .select(['pp.product_id', 'pl.code', 'pp.currency', 'pp.min_quantity_milli', 'pp.amount_minor'])
      .where(sql<boolean>`pp.product_id IN (SELECT value FROM json_each(${ids}))`)
      .orderBy('pp.product_id')
      .orderBy('pl.id')
      .orderBy('pp.currency')
      .orderBy('pp.min_quantity_milli')
      .execute(),
    db
      .selectFrom('product_order_rule as r')
      .innerJoin('price_list as pl', 'pl.id', 'r.price_list_id')
      .select(['r.product_id', 'pl.code', 'r.min_order_quantity_milli'])
      .where(sql<boolean>`r.product_id IN (SELECT value FROM json_each(${ids}))`)
      .orderBy('pl.id')
      .execute(),
  ]);
  for (const row of prices) {
    const stored = out.get(row.product_id);
    if (!stored) continue;
    const last = stored.prices.at(-1);
    const tier = { minQuantityMilli: row.min_quantity_milli, amountMinor: row.amount_minor };
    if (last && last.priceList === row.code && last.currency === row.currency) last.tiers.push(tier);
    else stored.prices.push({ priceList: row.code, currency: row.currency, tiers: [tier] });
  }
  for (const row of rules) {
    out.get(row.product_id)?.minimumOrders.push({ priceList: row.code, quantityMilli: row.min_order_quantity_milli });
  }
  return out;
}

/**
 * Changes every matching price row of these products by a percentage and rounds it, in the
 * caller's transaction. Answers the number of price rows changed and the products they belong to.
 */
export async function changePricesByPercent(
  db: Db,
  productIds: readonly number[],
  change: { percent: number; rounding: PriceRounding; priceList?: string | undefined; currency?: string | undefined },
): Promise<{ rows: number; productIds: number[] }> {
  let listId: number | undefined;
  if (change.priceList !== undefined) {
    const list = (await priceListsByCode(db)).get(change.priceList);
    if (!list) {
      throw new ValidationError([
        {
          path: 'set.priceChange.priceList',
          key: 'catalog.priceList.unknown',
          message: `There is no price list ${change.priceList}.`,
          params: { priceList: change.priceList },
        },
      ]);
    }
    listId = list.id;
  }
  // The SKU is only read for a refused price, not for each of 100,000 rows.
  const rows = await db
    .selectFrom('product_price as pp')
    .select(['pp.product_id', 'pp.price_list_id', 'pp.currency', 'pp.min_quantity_milli', 'pp.amount_minor'])
    .where(sql<boolean>`pp.product_id IN (SELECT value FROM json_each(${jsonIds(productIds)}))`)
    .$if(listId !== undefined, (qb) => qb.where('pp.price_list_id', '=', listId ?? 0))
    .$if(change.currency !== undefined, (qb) => qb.where('pp.currency', '=', change.currency ?? ''))
    .execute();
  const basisPoints = percentToBasisPoints(change.percent);
  const updates: [number, number, string, number, number][] = [];
  for (const row of rows) {
    const amount = changePrice(row.amount_minor, basisPoints, change.rounding, row.currency);
    if (amount > MAX_AMOUNT_MINOR) {
      const { sku } = await db.selectFrom('product').select('sku').where('id', '=', row.product_id).executeTakeFirstOrThrow();
      throw new ValidationError([
        {
          path: 'set.priceChange.percent',
          key: 'catalog.price.tooLarge',
          message: `The price of ${sku} would become ${formatAmount(amount, row.currency)} ${row.currency}, more than Kontor holds.`,
          params: { sku },
        },
      ]);
    }
    if (amount !== row.amount_minor) updates.push([row.product_id, row.price_list_id, row.currency, row.min_quantity_milli, amount]);
  }
  const changedIds = [...new Set(updates.map((u) => u[0]))];
  if (updates.length > 0) {
    // The per-row sort-key trigger stands aside (migration 006) and the keys are refreshed once,
    // set-based, below: 100,000 prices in about a third of the time.
    await sql`INSERT INTO sort_key_suspension (id) VALUES (1)`.execute(db);
    // One statement for any number of rows: the new amounts travel as one JSON parameter.
    await sql`
      UPDATE product_price SET amount_minor = u.value ->> 4
      FROM json_each(${JSON.stringify(updates)}) AS u
      WHERE product_price.product_id = u.value ->> 0 AND product_price.price_list_id = u.value ->> 1
        AND product_price.currency = u.value ->> 2 AND product_price.min_quantity_milli = u.value ->> 3`.execute(db);
    await sql`DELETE FROM sort_key_suspension`.execute(db);
    const pairs = [...new Set(updates.map((u) => JSON.stringify([u[1], u[2]])))].map((p) => JSON.parse(p) as [number, string]);
    await refreshPriceKeys(db, changedIds, pairs);
  }
  return { rows: updates.length, productIds: changedIds };
}

/**
 * Recomputes the price sort keys (migration 005) of these products and of their parents, in these
 * (price list, currency) pairs, in one statement: what the per-row trigger does, for many rows at
 * once. Only keys whose value changes are written (each write moves the row in its index).
 */
export async function refreshPriceKeys(db: Db, productIds: readonly number[], pairs: readonly [number, string][]): Promise<void> {
  if (productIds.length === 0 || pairs.length === 0) return;
  const lowest = (owner: string) => sql.raw(`(SELECT pp.amount_minor FROM product_price pp
    WHERE pp.product_id = ${owner} AND pp.price_list_id = k.price_list_id AND pp.currency = k.currency
    ORDER BY pp.min_quantity_milli LIMIT 1)`);
  await sql`
    UPDATE product_price_key SET unpriced = x.unpriced, amount_minor = x.amount_minor
    FROM (
      SELECT product_id, price_list_id, currency, a IS NULL AS unpriced, coalesce(a, 0) AS amount_minor FROM (
        SELECT k.product_id, k.price_list_id, k.currency,
          coalesce(${lowest('p.id')}, CASE WHEN p.kind = 'parent' THEN (SELECT min(${lowest('v.id')}) FROM product v WHERE v.parent_id = p.id) END) AS a
        FROM (SELECT value AS id FROM json_each(${jsonIds(productIds)})
              UNION SELECT parent_id FROM product WHERE id IN (SELECT value FROM json_each(${jsonIds(productIds)})) AND parent_id IS NOT NULL) ids
        CROSS JOIN json_each(${JSON.stringify(pairs)}) pair
        CROSS JOIN product_price_key k ON k.product_id = ids.id AND k.price_list_id = pair.value ->> 0 AND k.currency = pair.value ->> 1
        JOIN product p ON p.id = k.product_id)) x
    WHERE product_price_key.product_id = x.product_id AND +product_price_key.price_list_id = x.price_list_id AND +product_price_key.currency = x.currency
      AND (product_price_key.unpriced <> x.unpriced OR product_price_key.amount_minor <> x.amount_minor)`.execute(db);
}

export interface ListPriceInput {
  id: number;
  revision: number;
  price: { priceList: string; currency: string; amountMinor: number | null };
}

/**
 * The grid's inline price edit: sets the lowest-quantity price of one list and currency, keeping
 * the other tiers. A product without that price gets one from a single unit (or from its minimum
 * order, when that is smaller); null removes the list's prices in that currency.
 */
export async function setListPrice(
  db: Db,
  input: ListPriceInput,
): Promise<{ id: number; revision: number; updatedAt: string; price: { amountMinor: number; currency: string } | null }> {
  return writeTransaction(db, async (trx) => {
    const product = await trx.selectFrom('product').select(['id', 'sku', 'revision']).where('id', '=', input.id).executeTakeFirst();
    if (!product) throw notFound('product', input.id);
    if (product.revision !== input.revision) throw staleRevision(product.sku, product.id, product.revision, input.revision);
    const list = (await priceListsByCode(trx)).get(input.price.priceList);
    if (!list) {
      throw new ValidationError([
        {
          path: 'price.priceList',
          key: 'catalog.priceList.unknown',
          message: `There is no price list ${input.price.priceList}.`,
          params: { priceList: input.price.priceList },
        },
      ]);
    }
    const where = { product_id: input.id, price_list_id: list.id, currency: input.price.currency };
    if (input.price.amountMinor === null) {
      await trx
        .deleteFrom('product_price')
        .where('product_id', '=', where.product_id)
        .where('price_list_id', '=', where.price_list_id)
        .where('currency', '=', where.currency)
        .execute();
    } else {
      const lowest = await trx
        .selectFrom('product_price')
        .select('min_quantity_milli')
        .where('product_id', '=', where.product_id)
        .where('price_list_id', '=', where.price_list_id)
        .where('currency', '=', where.currency)
        .orderBy('min_quantity_milli')
        .executeTakeFirst();
      if (lowest) {
        await trx
          .updateTable('product_price')
          .set({ amount_minor: input.price.amountMinor })
          .where('product_id', '=', where.product_id)
          .where('price_list_id', '=', where.price_list_id)
          .where('currency', '=', where.currency)
          .where('min_quantity_milli', '=', lowest.min_quantity_milli)
          .execute();
      } else {
        const rule = await trx
          .selectFrom('product_order_rule')
          .select('min_order_quantity_milli')
          .where('product_id', '=', input.id)
          .where('price_list_id', '=', list.id)
          .executeTakeFirst();
        const from = Math.min(MILLI, rule?.min_order_quantity_milli ?? MILLI);
        await trx.insertInto('product_price').values({ ...where, min_quantity_milli: from, amount_minor: input.price.amountMinor }).execute();
      }
    }
    const updatedAt = nowIso();
    const updated = await trx
      .updateTable('product')
      .set((eb) => ({ updated_at: updatedAt, revision: eb('revision', '+', 1) }))
      .where('id', '=', input.id)
      .returning('revision')
      .executeTakeFirstOrThrow();
    return {
      id: input.id,
      revision: updated.revision,
      updatedAt,
      price: input.price.amountMinor === null ? null : { amountMinor: input.price.amountMinor, currency: input.price.currency },
    };
  });
}
