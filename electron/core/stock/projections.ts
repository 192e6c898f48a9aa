import type { Database } from 'better-sqlite3';
import { readStockSettings } from './settings.ts';

/**
 * The projections (`stock_level`, `stock_valuation`, FIFO layers) against a rebuild from the
 * movement ledger, which is the truth. Answers one line per disagreement; none means they agree.
 * Reserved quantities are not derived from movements and are not compared.
 */
export function checkProjections(sqlite: Database): string[] {
  const problems: string[] = [];
  const levels = sqlite
    .prepare(
      `WITH rebuilt AS (SELECT product_id, warehouse_id, sum(quantity_milli) AS q FROM stock_movement GROUP BY product_id, warehouse_id)
       SELECT coalesce(r.product_id, l.product_id) AS product_id, coalesce(r.warehouse_id, l.warehouse_id) AS warehouse_id,
              coalesce(r.q, 0) AS rebuilt, coalesce(l.on_hand_milli, 0) AS stored
       FROM rebuilt r FULL JOIN stock_level l ON l.product_id = r.product_id AND l.warehouse_id = r.warehouse_id
       WHERE coalesce(r.q, 0) <> coalesce(l.on_hand_milli, 0)`,
    )
    .all() as { product_id: number; warehouse_id: number; rebuilt: number; stored: number }[];
  for (const l of levels) {
    problems.push(`level of product ${l.product_id} in warehouse ${l.warehouse_id}: stored ${l.stored}, movements add up to ${l.rebuilt}`);
  }
  const valuations = sqlite
    .prepare(
      `WITH rebuilt AS (SELECT product_id, sum(quantity_milli) AS q, sum(value_minor) AS v FROM stock_movement GROUP BY product_id)
       SELECT coalesce(r.product_id, s.product_id) AS product_id, coalesce(r.q, 0) AS rq, coalesce(r.v, 0) AS rv,
              coalesce(s.quantity_milli, 0) AS sq, coalesce(s.value_minor, 0) AS sv
       FROM rebuilt r FULL JOIN stock_valuation s ON s.product_id = r.product_id
       WHERE coalesce(r.q, 0) <> coalesce(s.quantity_milli, 0) OR coalesce(r.v, 0) <> coalesce(s.value_minor, 0)`,
    )
    .all() as { product_id: number; rq: number; rv: number; sq: number; sv: number }[];
  for (const v of valuations) {
    problems.push(`valuation of product ${v.product_id}: stored ${v.sq} / ${v.sv}, movements add up to ${v.rq} / ${v.rv}`);
  }
  const zeroWithValue = sqlite.prepare('SELECT product_id, value_minor FROM stock_valuation WHERE quantity_milli = 0 AND value_minor <> 0').all() as {
    product_id: number;
    value_minor: number;
  }[];
  for (const z of zeroWithValue) problems.push(`product ${z.product_id} has no stock but a value of ${z.value_minor}`);
  if (readStockSettings(sqlite).valuationMethod === 'fifo') {
    const layers = sqlite
      .prepare(
        `WITH open AS (SELECT product_id, sum(remaining_quantity_milli) AS q, sum(remaining_value_minor) AS v FROM stock_cost_layer GROUP BY product_id)
         SELECT s.product_id, s.quantity_milli AS sq, s.value_minor AS sv, coalesce(o.q, 0) AS lq, coalesce(o.v, 0) AS lv
         FROM stock_valuation s LEFT JOIN open o ON o.product_id = s.product_id
         WHERE (s.quantity_milli > 0 AND (coalesce(o.q, 0) <> s.quantity_milli OR coalesce(o.v, 0) <> s.value_minor))
            OR (s.quantity_milli <= 0 AND coalesce(o.q, 0) <> 0)`,
      )
      .all() as { product_id: number; sq: number; sv: number; lq: number; lv: number }[];
    for (const l of layers) problems.push(`FIFO layers of product ${l.product_id}: ${l.lq} / ${l.lv}, valuation ${l.sq} / ${l.sv}`);
  }
  return problems;
}
