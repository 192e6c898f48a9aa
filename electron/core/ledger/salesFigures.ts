import type { Database } from 'better-sqlite3';
import { convert } from '../../../shared/invoicing/fx.ts';
import { OVERDUE_BUCKETS, type Dashboard } from '../../../shared/ledger/dashboard.ts';
import { invoiceSourceFor } from './reports/invoiceSourceFor.ts';

/**
 * The dashboard's sales and receivables, from issued invoices and credit notes (quotes and
 * proformas are offers, not sales). Net of VAT, in the base currency as booked: a document's
 * stored base amounts, which are what the revenue accounts hold, so the charts agree with the
 * journal. Credit notes count negative in the month of their own date.
 */

type SalesFigures = Pick<Dashboard, 'salesByMonth' | 'salesByMarketplace' | 'salesByCountry' | 'topProductsBySales' | 'overdueReceivables'>;

const SIGNED_NET = "CASE d.kind WHEN 'credit_note' THEN -d.net_base_minor ELSE d.net_base_minor END";
const ISSUED_IN_PERIOD = "d.kind IN ('invoice', 'credit_note') AND d.status = 'issued' AND d.issue_date BETWEEN @from AND @to";

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function bucketOf(daysLate: number): (typeof OVERDUE_BUCKETS)[number] {
  if (daysLate <= 30) return '1-30';
  if (daysLate <= 60) return '31-60';
  if (daysLate <= 90) return '61-90';
  if (daysLate <= 120) return '91-120';
  return '120+';
}

interface ProductGroup {
  product: string;
  sku: string | null;
  name: string;
  unit: string;
  currency: string;
  base_currency: string;
  fx_unit: string | null;
  fx_quote: string | null;
  fx_rate_scaled: number | null;
  net: number;
  quantity: number;
}

/** Lines summed per product and rate, converted once per sum: a chart figure, not a booking. */
function topProducts(sqlite: Database, period: { from: string; to: string }): SalesFigures['topProductsBySales'] {
  const groups = sqlite
    .prepare(
      `SELECT coalesce('p' || l.product_id, 'n' || l.name) AS product, max(l.sku) AS sku, max(l.name) AS name, max(l.unit) AS unit,
              d.currency, d.base_currency, d.fx_unit, d.fx_quote, d.fx_rate_scaled,
              sum(CASE d.kind WHEN 'credit_note' THEN -l.net_minor ELSE l.net_minor END) AS net,
              sum(CASE d.kind WHEN 'credit_note' THEN -l.quantity_milli ELSE l.quantity_milli END) AS quantity
       FROM document d JOIN document_line l ON l.document_id = d.id
       WHERE ${ISSUED_IN_PERIOD}
       GROUP BY product, d.currency, d.fx_unit, d.fx_quote, d.fx_rate_scaled`,
    )
    .all(period) as ProductGroup[];
  const byProduct = new Map<string, SalesFigures['topProductsBySales'][number]>();
  for (const g of groups) {
    const rate = g.fx_rate_scaled === null || g.fx_unit === null || g.fx_quote === null ? null : { unit: g.fx_unit, quote: g.fx_quote, scaled: g.fx_rate_scaled };
    const netMinor = rate === null ? g.net : convert(g.net, g.currency, g.base_currency, rate);
    const p = byProduct.get(g.product) ?? { sku: g.sku, name: g.name, netMinor: 0, quantityMilli: 0, unit: g.unit };
    p.netMinor += netMinor;
    p.quantityMilli += g.quantity;
    byProduct.set(g.product, p);
  }
  return [...byProduct.values()]
    .filter((p) => p.netMinor > 0)
    .sort((a, b) => b.netMinor - a.netMinor || a.name.localeCompare(b.name))
    .slice(0, 10);
}

function overdue(sqlite: Database, at: string): SalesFigures['overdueReceivables'] {
  const buckets = OVERDUE_BUCKETS.map((bucket) => ({ bucket, minor: 0, count: 0 }));
  const late: SalesFigures['overdueReceivables']['oldest'] = [];
  for (const item of invoiceSourceFor(sqlite).openItems(at)) {
    if (item.dueDate >= at) continue;
    const daysLate = daysBetween(item.dueDate, at);
    const b = buckets.find((x) => x.bucket === bucketOf(daysLate))!;
    b.minor += item.openBaseMinor;
    b.count += 1;
    late.push({ customer: item.customerName, number: item.number, dueDate: item.dueDate, daysLate, openMinor: item.openBaseMinor });
  }
  late.sort((a, b) => b.daysLate - a.daysLate || b.openMinor - a.openMinor);
  return {
    at,
    totalMinor: buckets.reduce((s, b) => s + b.minor, 0),
    count: late.length,
    buckets,
    oldest: late.slice(0, 10),
  };
}

/** `months`: every month of the period (YYYY-MM), so a month without sales shows as zero. */
export function salesFigures(sqlite: Database, period: { from: string; to: string }, months: readonly string[], today: string): SalesFigures {
  const perMonth = sqlite
    .prepare(`SELECT substr(d.issue_date, 1, 7) AS month, sum(${SIGNED_NET}) AS net, count(*) AS n FROM document d WHERE ${ISSUED_IN_PERIOD} GROUP BY month`)
    .all(period) as { month: string; net: number; n: number }[];
  const byMonth = new Map(perMonth.map((r) => [r.month, r]));
  const byCountry = sqlite
    .prepare(
      `SELECT json_extract(d.buyer, '$.country') AS country, sum(${SIGNED_NET}) AS netMinor FROM document d WHERE ${ISSUED_IN_PERIOD}
       GROUP BY country ORDER BY netMinor DESC, country`,
    )
    .all(period) as { country: string | null; netMinor: number }[];
  const total = perMonth.reduce((s, r) => s + r.net, 0);
  return {
    salesByMonth: months.map((month) => ({ month, netMinor: byMonth.get(month)?.net ?? 0, documents: byMonth.get(month)?.n ?? 0 })),
    // Documents carry no marketplace: every sale is invoiced in Kontor directly.
    salesByMarketplace: perMonth.length === 0 ? [] : [{ marketplace: null, netMinor: total }],
    salesByCountry: byCountry,
    topProductsBySales: topProducts(sqlite, period),
    overdueReceivables: overdue(sqlite, period.to < today ? period.to : today),
  };
}
