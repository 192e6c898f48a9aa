import { countJournalLines, iterateAccountLines, trialBalance } from '../queries.ts';
import { metaOf, TICK_ROWS, type ReportModule } from './context.ts';
import { subtotal, type ColumnSpec } from './table.ts';

export const GENERAL_LEDGER_COLUMNS: readonly ColumnSpec[] = [
  { key: 'account', header: 'Account', kind: 'text', width: 10 },
  { key: 'accountName', header: 'Account name', kind: 'text', width: 30 },
  { key: 'date', header: 'Date', kind: 'date', width: 12 },
  { key: 'journal', header: 'Journal', kind: 'text', width: 9 },
  { key: 'number', header: 'Entry no.', kind: 'integer', width: 10 },
  { key: 'reference', header: 'Document', kind: 'text', width: 16 },
  { key: 'description', header: 'Description', kind: 'text', width: 44 },
  { key: 'party', header: 'Customer / supplier', kind: 'text', width: 24 },
  { key: 'debit', header: 'Debit', kind: 'money', width: 15 },
  { key: 'credit', header: 'Credit', kind: 'money', width: 15 },
  { key: 'balance', header: 'Balance', kind: 'money', width: 16 },
];

/**
 * Account by account: the opening balance, every line of the period with the running balance,
 * and a total row whose debit and credit are SUBTOTALs and whose closing balance is a formula.
 */
export const generalLedgerReport: ReportModule = {
  id: 'general-ledger',
  title: 'General ledger',
  needsInvoices: false,
  count: (ctx) => countJournalLines(ctx.sqlite, ctx.from, ctx.to),
  async write(ctx, out) {
    const total = this.count(ctx);
    const t = out.table('General ledger', GENERAL_LEDGER_COLUMNS, metaOf(ctx, 'General ledger'));
    const D = t.col('debit');
    const C = t.col('credit');
    const B = t.col('balance');
    let n = 0;
    let allDebit = 0;
    let allCredit = 0;
    for (const account of trialBalance(ctx.sqlite, ctx.from, ctx.to)) {
      const openingRow = t.addRow(
        { account: account.account, accountName: account.name, date: ctx.from, description: 'Opening balance', balance: account.openingMinor },
        'opening',
      );
      let balance = account.openingMinor;
      let debit = 0;
      let credit = 0;
      for (const l of iterateAccountLines(ctx.sqlite, account.account, ctx.from, ctx.to)) {
        balance += l.debitMinor - l.creditMinor;
        debit += l.debitMinor;
        credit += l.creditMinor;
        t.addRow({
          account: l.account,
          accountName: l.accountName,
          date: l.date,
          journal: l.journal,
          number: l.number,
          reference: l.reference,
          description: l.lineDescription ?? l.description,
          party: l.partyName,
          debit: l.debitMinor || null,
          credit: l.creditMinor || null,
          balance,
        });
        if (++n % TICK_ROWS === 0) await out.tick(n, total);
      }
      const last = t.nextRow - 1;
      const totalRow = t.nextRow;
      t.addRow(
        {
          account: account.account,
          accountName: account.name,
          date: ctx.to,
          description: `Total ${account.account}`,
          debit: subtotal(D, openingRow, last, debit),
          credit: subtotal(C, openingRow, last, credit),
          balance: { formula: `${B}${openingRow}+${D}${totalRow}-${C}${totalRow}`, result: account.closingMinor },
        },
        'subtotal',
      );
      if (balance !== account.closingMinor) throw new Error(`general ledger: account ${account.account} runs to ${balance}, the trial balance says ${account.closingMinor}`);
      allDebit += debit;
      allCredit += credit;
    }
    const last = t.nextRow - 1;
    t.addRow(
      { description: 'Total of all accounts', debit: subtotal(D, t.firstDataRow, last, allDebit), credit: subtotal(C, t.firstDataRow, last, allCredit) },
      'total',
    );
    out.notes({
      entries: [
        ['Opening balance', `Per account, every posting dated before ${ctx.from} (debit positive, credit negative).`],
        ['Balance', 'The running balance after each line: opening balance plus debits minus credits so far.'],
        ['Total <account>', "SUBTOTAL(9, …) of the account's debits and credits; its balance is a formula: opening + debit − credit."],
        ['Total of all accounts', 'SUBTOTAL(9, …) over every line; SUBTOTAL skips the per-account totals, so nothing is counted twice. Debits equal credits.'],
        ['Journal / Entry no.', 'SALES, BANK, STOCK, MISC; numbered continuously per journal.'],
      ],
    });
    return { rows: n };
  },
};
