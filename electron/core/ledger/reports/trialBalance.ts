import { trialBalance } from '../queries.ts';
import { metaOf, type ReportModule } from './context.ts';
import { subtotal, type ColumnSpec } from './table.ts';

export const TRIAL_BALANCE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'account', header: 'Account', kind: 'text', width: 10 },
  { key: 'name', header: 'Account name', kind: 'text', width: 44 },
  { key: 'kind', header: 'Kind', kind: 'text', width: 11 },
  { key: 'opening', header: 'Opening balance', kind: 'money', width: 17 },
  { key: 'debit', header: 'Debit', kind: 'money', width: 17 },
  { key: 'credit', header: 'Credit', kind: 'money', width: 17 },
  { key: 'closing', header: 'Closing balance', kind: 'money', width: 17 },
];

export const trialBalanceReport: ReportModule = {
  id: 'trial-balance',
  title: 'Trial balance',
  needsInvoices: false,
  count: () => 1,
  async write(ctx, out) {
    const rows = trialBalance(ctx.sqlite, ctx.from, ctx.to);
    const t = out.table('Trial balance', TRIAL_BALANCE_COLUMNS, metaOf(ctx, 'Trial balance'));
    const o = t.col('opening');
    const d = t.col('debit');
    const c = t.col('credit');
    const sums = { opening: 0, debit: 0, credit: 0, closing: 0 };
    for (const r of rows) {
      const row = t.nextRow;
      t.addRow({
        account: r.account,
        name: r.name,
        kind: r.kind,
        opening: r.openingMinor,
        debit: r.debitMinor,
        credit: r.creditMinor,
        closing: { formula: `${o}${row}+${d}${row}-${c}${row}`, result: r.closingMinor },
      });
      sums.opening += r.openingMinor;
      sums.debit += r.debitMinor;
      sums.credit += r.creditMinor;
      sums.closing += r.closingMinor;
    }
    const last = t.nextRow - 1;
    t.addRow(
      {
        name: 'Total',
        opening: subtotal(o, t.firstDataRow, last, sums.opening),
        debit: subtotal(d, t.firstDataRow, last, sums.debit),
        credit: subtotal(c, t.firstDataRow, last, sums.credit),
        closing: subtotal(t.col('closing'), t.firstDataRow, last, sums.closing),
      },
      'total',
    );
    await out.tick(rows.length, rows.length);
    out.notes({
      entries: [
        ['Opening balance', `Every posting dated before ${ctx.from}: debit minus credit (a credit balance is negative).`],
        ['Debit / Credit', `Postings from ${ctx.from} to ${ctx.to}.`],
        ['Closing balance', 'Opening balance + debit − credit, as a formula on each row.'],
        ['Total', 'The opening and closing totals are zero and debit equals credit: every entry balances.'],
      ],
    });
    return { rows: rows.length };
  },
};
