import type { Database } from 'better-sqlite3';
import type { Dashboard } from '../../../shared/ledger/dashboard.ts';
import { baseCurrencyOf, checkPeriod } from './queries.ts';
import { salesFigures } from './salesFigures.ts';

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Month ends (YYYY-MM) from `from` to `to`, the last month cut at `to`. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while ((y < endY || (y === endY && m <= endM)) && out.length < 240) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The dashboard's figures for a period, in the base currency: stock (value now and at each month
 * end, cost of goods shipped per month, top products by stock value, low stock) from the stock
 * ledger; sales by month, marketplace and country, top products by sales and overdue receivables
 * from issued invoices and credit notes (salesFigures.ts). `today`: the local date, for what is
 * overdue when the period runs into the future.
 */
export function dashboardSummary(sqlite: Database, from: string, to: string, today: string = localToday()): Dashboard {
  checkPeriod(from, to);
  const currency = baseCurrencyOf(sqlite);
  const months = monthsOf(from, to);
  // One pass over the covering time index: the value change per month, then running sums.
  const perMonth = sqlite
    .prepare(
      `SELECT substr(occurred_at, 1, 7) AS month, sum(value_minor) AS v,
              -sum(CASE WHEN kind IN ('shipment', 'return') THEN value_minor ELSE 0 END) AS shipped
       FROM stock_movement WHERE occurred_at <= ? GROUP BY month ORDER BY month`,
    )
    .all(`${to}T23:59:59.999Z`) as { month: string; v: number; shipped: number }[];
  const byMonth = new Map(perMonth.map((r) => [r.month, r]));
  let running = perMonth.filter((r) => r.month < (months[0] ?? '')).reduce((a, r) => a + r.v, 0);
  const valueByMonth = months.map((month) => {
    running += byMonth.get(month)?.v ?? 0;
    return { month, valueMinor: running };
  });
  const shippedAtCostByMonth = months.map((month) => ({ month, valueMinor: byMonth.get(month)?.shipped ?? 0 }));
  const valueMinor = (sqlite.prepare('SELECT coalesce(sum(value_minor), 0) FROM stock_valuation').pluck().get() as number) ?? 0;
  const topByValue = sqlite
    .prepare(
      `SELECT p.sku, (SELECT title FROM product_text t WHERE t.product_id = p.id ORDER BY t.language = (SELECT default_language FROM company WHERE id = 1) DESC, t.language LIMIT 1) AS title,
              v.value_minor AS valueMinor, v.quantity_milli AS quantityMilli, p.unit
       FROM stock_valuation v JOIN product p ON p.id = v.product_id WHERE v.value_minor > 0 ORDER BY v.value_minor DESC LIMIT 10`,
    )
    .all() as Dashboard['stock']['topByValue'];
  const lowSql = `FROM stock_level l JOIN reorder_rule r ON r.product_id = l.product_id AND r.warehouse_id = l.warehouse_id
       JOIN product p ON p.id = l.product_id JOIN warehouse w ON w.id = l.warehouse_id
       WHERE l.on_hand_milli - l.reserved_milli <= r.reorder_point_milli`;
  const lowStock = sqlite
    .prepare(
      `SELECT p.sku, w.code AS warehouseCode, l.on_hand_milli - l.reserved_milli AS availableMilli, r.reorder_point_milli AS reorderPointMilli, p.unit
       ${lowSql} ORDER BY (l.on_hand_milli - l.reserved_milli) - r.reorder_point_milli, p.sku LIMIT 10`,
    )
    .all() as Dashboard['stock']['lowStock'];
  const lowStockCount = sqlite.prepare(`SELECT count(*) ${lowSql}`).pluck().get() as number;
  return {
    currency,
    from,
    to,
    stock: { valueMinor, valueByMonth, shippedAtCostByMonth, topByValue, lowStock, lowStockCount },
    ...salesFigures(sqlite, { from, to }, months, today),
  };
}
