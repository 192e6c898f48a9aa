import { countJournalLines, iterateJournal } from '../queries.ts';
import { metaOf, TICK_ROWS, type ReportModule } from './context.ts';
import { subtotal, type ColumnSpec } from './table.ts';

export const JOURNAL_COLUMNS: readonly ColumnSpec[] = [
  { key: 'date', header: 'Date', kind: 'date', width: 12 },
  { key: 'journal', header: 'Journal', kind: 'text', width: 9 },
  { key: 'number', header: 'Entry no.', kind: 'integer', width: 10 },
  { key: 'reference', header: 'Document', kind: 'text', width: 16 },
  { key: 'description', header: 'Description', kind: 'text', width: 44 },
  { key: 'account', header: 'Account', kind: 'text', width: 10 },
  { key: 'accountName', header: 'Account name', kind: 'text', width: 32 },
  { key: 'party', header: 'Customer / supplier', kind: 'text', width: 24 },
  { key: 'debit', header: 'Debit', kind: 'money', width: 15 },
  { key: 'credit', header: 'Credit', kind: 'money', width: 15 },
  { key: 'taxCode', header: 'Tax code', kind: 'text', width: 13 },
  { key: 'foreign', header: 'Foreign amount', kind: 'text', width: 18 },
];

export const journalReport: ReportModule = {
  id: 'journal',
  title: 'Journal',
  needsInvoices: false,
  count: (ctx) => countJournalLines(ctx.sqlite, ctx.from, ctx.to),
  async write(ctx, out) {
    const total = this.count(ctx);
    const t = out.table('Journal', JOURNAL_COLUMNS, metaOf(ctx, 'Journal'));
    let debit = 0;
    let credit = 0;
    let n = 0;
    for (const l of iterateJournal(ctx.sqlite, ctx.from, ctx.to)) {
      t.addRow({
        date: l.date,
        journal: l.journal,
        number: l.number,
        reference: l.reference,
        description: l.lineDescription ?? l.description,
        account: l.account,
        accountName: l.accountName,
        party: l.partyName,
        debit: l.debitMinor || null,
        credit: l.creditMinor || null,
        taxCode: l.taxCode,
        foreign: l.foreignCurrency ? `${l.foreignCurrency} ${(l.foreignMinor ?? 0) / 100}` : null,
      });
      debit += l.debitMinor;
      credit += l.creditMinor;
      if (++n % TICK_ROWS === 0) await out.tick(n, total);
    }
    const last = t.nextRow - 1;
    t.addRow({ description: 'Total', debit: subtotal(t.col('debit'), t.firstDataRow, last, debit), credit: subtotal(t.col('credit'), t.firstDataRow, last, credit) }, 'total');
    out.notes({
      entries: [
        ['Date', 'The day of the entry (the document date; for stock, the UTC day of the movement).'],
        ['Journal', 'SALES: invoices and credit notes; BANK: payments; STOCK: stock movements; MISC: manual entries and their reversals.'],
        ['Entry no.', 'Numbered continuously per journal, in posting order; a posted entry is never changed or deleted, a correction is a reversing entry.'],
        ['Document', 'Invoice or credit note number, payment reference, or SM-<id> for a stock movement.'],
        ['Debit / Credit', `Amounts in ${ctx.currency}; each line has one side. Debits equal credits for every entry (the database refuses anything else).`],
        ['Tax code', "domestic:1900 = domestic sale at 19 % (rates in hundredths of a percent); intraEu = tax-free intra-EU supply (the buyer accounts for VAT); export = tax-free export."],
        ['Foreign amount', 'The amount in the document currency, for lines of foreign-currency invoices and payments; converted at the rate of the document date.'],
        ['Total', 'SUBTOTAL(9, …) over the lines: it follows the filter, and debits equal credits when no filter is set.'],
      ],
    });
    return { rows: n };
  },
};
