import { metaOf, type ReportModule } from './context.ts';
import { subtotal, type ColumnSpec } from './table.ts';

export const STOCK_VALUATION_COLUMNS: readonly ColumnSpec[] = [
  { key: 'sku', header: 'SKU', kind: 'text', width: 22 },
  { key: 'title', header: 'Product', kind: 'text', width: 44 },
  { key: 'unit', header: 'Unit', kind: 'text', width: 7 },
  { key: 'quantity', header: 'Quantity', kind: 'quantity', width: 13 },
  { key: 'value', header: 'Value', kind: 'money', width: 17 },
  { key: 'unitCost', header: 'Unit cost', kind: 'money', width: 14 },
];

interface Row {
  sku: string;
  title: string | null;
  unit: string;
  q: number;
  v: number;
}

/**
 * Stock on hand and its value at the end of the period's last day, summed from the movement
 * ledger (the truth: every movement carries its signed change of value), so it agrees with the
 * inventory account of the journal.
 */
export const stockValuationReport: ReportModule = {
  id: 'stock-valuation',
  title: 'Stock valuation',
  needsInvoices: false,
  count: () => 1,
  async write(ctx, out) {
    const at = `${ctx.to}T23:59:59.999Z`;
    const rows = ctx.sqlite
      .prepare(
        `SELECT p.sku, (SELECT title FROM product_text t WHERE t.product_id = p.id ORDER BY t.language = (SELECT default_language FROM company WHERE id = 1) DESC, t.language LIMIT 1) AS title,
                p.unit, m.q, m.v
         FROM (SELECT product_id, sum(quantity_milli) AS q, sum(value_minor) AS v FROM stock_movement WHERE occurred_at <= ? GROUP BY product_id) m
         JOIN product p ON p.id = m.product_id
         WHERE m.q <> 0 OR m.v <> 0 ORDER BY p.sku`,
      )
      .all(at) as Row[];
    const t = out.table('Stock valuation', STOCK_VALUATION_COLUMNS, metaOf(ctx, `Stock valuation at ${ctx.to}`));
    const Q = t.col('quantity');
    const V = t.col('value');
    let value = 0;
    for (const r of rows) {
      const row = t.nextRow;
      t.addRow({
        sku: r.sku,
        title: r.title,
        unit: r.unit,
        quantity: r.q,
        value: r.v,
        // Value per unit in minor units: quantities are stored in thousandths of the unit.
        unitCost: r.q === 0 ? null : { formula: `IF(${Q}${row}=0,0,${V}${row}/${Q}${row})`, result: (r.v * 1000) / r.q },
      });
      value += r.v;
    }
    t.addRow({ title: 'Total', value: subtotal(V, t.firstDataRow, t.nextRow - 1, value) }, 'total');
    await out.tick(rows.length, rows.length);
    out.notes({
      entries: [
        ['Quantity', `On hand in all warehouses at the end of ${ctx.to} (UTC), in the product's unit.`],
        ['Value', `Stock value at cost in ${ctx.currency} by the valuation method in the stock settings; equals the inventory account of the journal.`],
        ['Unit cost', 'Value ÷ quantity, as a formula.'],
        ['Total', 'SUBTOTAL(9, …) of the values.'],
      ],
    });
    return { rows: rows.length };
  },
};
