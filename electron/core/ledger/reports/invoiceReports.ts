import { formatRateBp, taxCodeOf } from '../../../../shared/ledger/postingKeys.ts';
import { formatAmount } from '../../../../shared/money.ts';
import { metaOf, type ReportContext, type ReportModule } from './context.ts';
import type { SalesDocument } from './invoiceSource.ts';
import { subtotal, type CellValue, type ColumnSpec } from './table.ts';

const sign = (d: SalesDocument): 1 | -1 => (d.kind === 'creditNote' ? -1 : 1);

function taxLabel(code: string): string {
  if (code === 'intraEu') return 'intra-EU';
  if (code === 'export') return 'export';
  return `${formatRateBp(Number(code.split(':')[1]))} %`;
}

function docs(ctx: ReportContext): Iterable<SalesDocument> {
  return ctx.invoices.salesDocuments(ctx.from, ctx.to);
}

/** VAT summary: net and VAT per tax case, rate and customer country; credit notes reduce them. */
export const vatSummaryReport: ReportModule = {
  id: 'vat-summary',
  title: 'VAT summary',
  needsInvoices: true,
  count: () => 1,
  async write(ctx, out) {
    const groups = new Map<string, { taxCase: string; rateBp: number; country: string; net: number; vat: number; documents: number }>();
    for (const d of docs(ctx)) {
      for (const g of d.taxes) {
        const country = d.customerCountry ?? '';
        const key = `${g.taxCase}|${g.rateBp}|${country}`;
        const row = groups.get(key) ?? { taxCase: g.taxCase, rateBp: g.rateBp, country, net: 0, vat: 0, documents: 0 };
        row.net += sign(d) * g.netBaseMinor;
        row.vat += sign(d) * g.vatBaseMinor;
        row.documents += 1;
        groups.set(key, row);
      }
    }
    const columns: ColumnSpec[] = [
      { key: 'taxCase', header: 'Tax case', kind: 'text', width: 12 },
      { key: 'rate', header: 'Rate', kind: 'percent', width: 8 },
      { key: 'country', header: 'Customer country', kind: 'text', width: 10 },
      { key: 'documents', header: 'Documents', kind: 'integer', width: 11 },
      { key: 'net', header: 'Net', kind: 'money', width: 17 },
      { key: 'vat', header: 'VAT', kind: 'money', width: 17 },
      { key: 'gross', header: 'Gross', kind: 'money', width: 17 },
    ];
    const t = out.table('VAT summary', columns, metaOf(ctx, 'VAT summary'));
    const N = t.col('net');
    const V = t.col('vat');
    const G = t.col('gross');
    const sorted = [...groups.values()].sort((a, b) => a.taxCase.localeCompare(b.taxCase) || b.rateBp - a.rateBp || a.country.localeCompare(b.country));
    const sums = { net: 0, vat: 0 };
    for (const g of sorted) {
      const r = t.nextRow;
      t.addRow({ taxCase: g.taxCase, rate: g.rateBp, country: g.country || null, documents: g.documents, net: g.net, vat: g.vat, gross: { formula: `${N}${r}+${V}${r}`, result: g.net + g.vat } });
      sums.net += g.net;
      sums.vat += g.vat;
    }
    const last = t.nextRow - 1;
    t.addRow({ taxCase: 'Total', net: subtotal(N, t.firstDataRow, last, sums.net), vat: subtotal(V, t.firstDataRow, last, sums.vat), gross: subtotal(G, t.firstDataRow, last, sums.net + sums.vat) }, 'total');
    await out.tick(1, 1);
    out.notes({
      entries: [
        [
          'Tax case',
          'domestic: taxed at the company country’s rate (distance sales to consumers below the OSS threshold included; 0 % for lines set as exempt or zero-rated by hand); intraEu: tax-free intra-EU supply of goods or reverse-charged service (the buyer accounts for VAT); export: tax-free export outside the EU (the Moroccan export exemption and services supplied abroad included).',
        ],
        ['Net / VAT', `In ${ctx.currency} as booked (foreign currencies at the document date's rate); credit notes are subtracted.`],
        ['Gross', 'Net + VAT, as a formula.'],
      ],
    });
    return { rows: sorted.length };
  },
};

/** Sales journal: one row per document, with net per tax code and VAT per rate as columns. */
export const salesJournalReport: ReportModule = {
  id: 'sales-journal',
  title: 'Sales journal',
  needsInvoices: true,
  count: () => 1,
  async write(ctx, out) {
    const codes = new Set<string>();
    const vatRates = new Set<number>();
    for (const d of docs(ctx)) {
      for (const g of d.taxes) {
        codes.add(taxCodeOf(g.taxCase, g.rateBp));
        if (g.taxCase === 'domestic') vatRates.add(g.rateBp);
      }
    }
    // Domestic rates highest first, then the tax-free cases.
    const order = (code: string): number => (code.startsWith('domestic:') ? -Number(code.slice(9)) : code === 'export' ? 1 : 2);
    const netCols = [...codes].sort((a, b) => order(a) - order(b));
    const vatCols = [...vatRates].sort((a, b) => b - a);
    const columns: ColumnSpec[] = [
      { key: 'date', header: 'Date', kind: 'date', width: 12 },
      { key: 'number', header: 'Number', kind: 'text', width: 16 },
      { key: 'kind', header: 'Kind', kind: 'text', width: 12 },
      { key: 'customer', header: 'Customer', kind: 'text', width: 30 },
      { key: 'country', header: 'Country', kind: 'text', width: 8 },
      { key: 'vatId', header: 'VAT id', kind: 'text', width: 16 },
      ...netCols.map((c): ColumnSpec => ({ key: `net:${c}`, header: `Net ${taxLabel(c)}`, kind: 'money', width: 15 })),
      ...vatCols.map((r): ColumnSpec => ({ key: `vat:${r}`, header: `VAT ${formatRateBp(r)} %`, kind: 'money', width: 14 })),
      { key: 'gross', header: 'Gross', kind: 'money', width: 16 },
    ];
    const t = out.table('Sales journal', columns, metaOf(ctx, 'Sales journal'));
    const moneyKeys = columns.filter((c) => c.kind === 'money' && c.key !== 'gross').map((c) => c.key);
    const sums = new Map<string, number>(columns.filter((c) => c.kind === 'money').map((c) => [c.key, 0]));
    let rows = 0;
    for (const d of docs(ctx)) {
      const cells: Record<string, CellValue> = {
        date: d.date,
        number: d.number,
        kind: d.kind === 'creditNote' ? 'credit note' : 'invoice',
        customer: d.customerName,
        country: d.customerCountry,
        vatId: d.customerVatId,
      };
      let gross = 0;
      const amounts = new Map<string, number>();
      for (const g of d.taxes) {
        const netKey = `net:${taxCodeOf(g.taxCase, g.rateBp)}`;
        amounts.set(netKey, (amounts.get(netKey) ?? 0) + sign(d) * g.netBaseMinor);
        if (g.taxCase === 'domestic') amounts.set(`vat:${g.rateBp}`, (amounts.get(`vat:${g.rateBp}`) ?? 0) + sign(d) * g.vatBaseMinor);
        gross += sign(d) * (g.netBaseMinor + g.vatBaseMinor);
      }
      for (const [k, v] of amounts) {
        cells[k] = v;
        sums.set(k, (sums.get(k) ?? 0) + v);
      }
      const r = t.nextRow;
      cells.gross = { formula: moneyKeys.length ? `SUM(${t.col(moneyKeys[0]!)}${r}:${t.col(moneyKeys[moneyKeys.length - 1]!)}${r})` : '0', result: gross };
      sums.set('gross', (sums.get('gross') ?? 0) + gross);
      t.addRow(cells);
      rows++;
    }
    const last = t.nextRow - 1;
    const totals: Record<string, CellValue> = { customer: 'Total' };
    for (const [k, v] of sums) totals[k] = subtotal(t.col(k), t.firstDataRow, last, v);
    t.addRow(totals, 'total');
    await out.tick(rows, rows);
    out.notes({
      entries: [
        ['Net <rate or case>', `Net amounts in ${ctx.currency} per tax code; credit notes are negative.`],
        ['VAT <rate>', 'Output VAT per rate.'],
        ['Gross', 'The sum of the net and VAT columns of the row, as a formula.'],
      ],
    });
    return { rows };
  },
};

const BUCKETS = [
  { key: 'current', header: 'Current', min: -Infinity, max: 0 },
  { key: 'd30', header: '1–30', min: 1, max: 30 },
  { key: 'd60', header: '31–60', min: 31, max: 60 },
  { key: 'd90', header: '61–90', min: 61, max: 90 },
  { key: 'd120', header: '91–120', min: 91, max: 120 },
  { key: 'older', header: '120+', min: 121, max: Infinity },
] as const;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** AR aging at the end of the period: each open invoice in the bucket of its days past due. */
export const arAgingReport: ReportModule = {
  id: 'ar-aging',
  title: 'Receivables aging',
  needsInvoices: true,
  count: () => 1,
  async write(ctx, out) {
    const columns: ColumnSpec[] = [
      { key: 'customer', header: 'Customer', kind: 'text', width: 30 },
      { key: 'number', header: 'Invoice', kind: 'text', width: 16 },
      { key: 'date', header: 'Date', kind: 'date', width: 12 },
      { key: 'due', header: 'Due', kind: 'date', width: 12 },
      { key: 'days', header: 'Days past due', kind: 'integer', width: 13 },
      { key: 'openForeign', header: 'Open (document currency)', kind: 'text', width: 22 },
      { key: 'open', header: 'Open', kind: 'money', width: 16 },
      ...BUCKETS.map((b): ColumnSpec => ({ key: b.key, header: b.header, kind: 'money', width: 14 })),
    ];
    const t = out.table('AR aging', columns, metaOf(ctx, `Receivables aging at ${ctx.to}`));
    const sums = new Map<string, number>([['open', 0], ...BUCKETS.map((b) => [b.key, 0] as [string, number])]);
    let rows = 0;
    for (const item of ctx.invoices.openItems(ctx.to)) {
      const days = daysBetween(item.dueDate, ctx.to);
      const bucket = BUCKETS.find((b) => days >= b.min && days <= b.max)!;
      t.addRow({
        customer: item.customerName,
        number: item.number,
        date: item.date,
        due: item.dueDate,
        days: Math.max(days, 0),
        openForeign: `${item.currency} ${formatAmount(item.openMinor, item.currency)}`,
        open: item.openBaseMinor,
        [bucket.key]: item.openBaseMinor,
      });
      sums.set('open', sums.get('open')! + item.openBaseMinor);
      sums.set(bucket.key, sums.get(bucket.key)! + item.openBaseMinor);
      rows++;
    }
    const last = t.nextRow - 1;
    const totals: Record<string, CellValue> = { customer: 'Total' };
    for (const [k, v] of sums) totals[k] = subtotal(t.col(k), t.firstDataRow, last, v);
    t.addRow(totals, 'total');
    await out.tick(rows, rows);
    out.notes({
      entries: [
        ['Days past due', `Days from the due date to ${ctx.to}; 0 when not yet due.`],
        ['Open', `What is still to be paid, in ${ctx.currency} at the rate the invoice was booked at.`],
        ['Current … 120+', 'The open amount again, in the column of its age: not yet due, then 1–30, 31–60, 61–90, 91–120 and more than 120 days past due.'],
      ],
    });
    return { rows };
  },
};

/** Invoice register: every document with its amounts in its own currency and in the base currency. */
export const invoiceRegisterReport: ReportModule = {
  id: 'invoice-register',
  title: 'Invoice register',
  needsInvoices: true,
  count: () => 1,
  async write(ctx, out) {
    const columns: ColumnSpec[] = [
      { key: 'number', header: 'Number', kind: 'text', width: 16 },
      { key: 'kind', header: 'Kind', kind: 'text', width: 12 },
      { key: 'date', header: 'Date', kind: 'date', width: 12 },
      { key: 'due', header: 'Due', kind: 'date', width: 12 },
      { key: 'customer', header: 'Customer', kind: 'text', width: 30 },
      { key: 'country', header: 'Country', kind: 'text', width: 8 },
      { key: 'marketplace', header: 'Marketplace', kind: 'text', width: 14 },
      { key: 'currency', header: 'Currency', kind: 'text', width: 9 },
      { key: 'rate', header: 'Rate', kind: 'text', width: 10 },
      { key: 'grossForeign', header: 'Gross (document currency)', kind: 'text', width: 20 },
      { key: 'net', header: 'Net', kind: 'money', width: 16 },
      { key: 'vat', header: 'VAT', kind: 'money', width: 14 },
      { key: 'gross', header: 'Gross', kind: 'money', width: 16 },
      { key: 'status', header: 'Status', kind: 'text', width: 12 },
    ];
    const t = out.table('Invoice register', columns, metaOf(ctx, 'Invoice register'));
    const N = t.col('net');
    const V = t.col('vat');
    const sums = { net: 0, vat: 0 };
    let rows = 0;
    for (const d of docs(ctx)) {
      const s = sign(d);
      const net = s * d.taxes.reduce((a, g) => a + g.netBaseMinor, 0);
      const vat = s * d.taxes.reduce((a, g) => a + g.vatBaseMinor, 0);
      const grossForeign = s * d.taxes.reduce((a, g) => a + g.netMinor + g.vatMinor, 0);
      const r = t.nextRow;
      t.addRow({
        number: d.number,
        kind: d.kind === 'creditNote' ? 'credit note' : 'invoice',
        date: d.date,
        due: d.dueDate,
        customer: d.customerName,
        country: d.customerCountry,
        marketplace: d.marketplace,
        currency: d.currency,
        rate: d.rate,
        grossForeign: `${d.currency} ${formatAmount(grossForeign, d.currency)}`,
        net,
        vat,
        gross: { formula: `${N}${r}+${V}${r}`, result: net + vat },
        status: d.status,
      });
      sums.net += net;
      sums.vat += vat;
      rows++;
    }
    const last = t.nextRow - 1;
    t.addRow({ customer: 'Total', net: subtotal(N, t.firstDataRow, last, sums.net), vat: subtotal(V, t.firstDataRow, last, sums.vat), gross: subtotal(t.col('gross'), t.firstDataRow, last, sums.net + sums.vat) }, 'total');
    await out.tick(rows, rows);
    out.notes({
      entries: [
        ['Rate', 'Units of the document currency for one unit of the base currency on the document date.'],
        ['Net / VAT / Gross', `In ${ctx.currency} as booked; credit notes negative. Gross = Net + VAT as a formula.`],
        ['Status', 'open, partlyPaid, paid or credited at the time of the export.'],
      ],
    });
    return { rows };
  },
};
