import { z } from 'zod';
import { CHART_IDS } from '../ledger/charts.ts';
import { DashboardInputSchema, DashboardSchema } from '../ledger/dashboard.ts';
import {
  DateText,
  JournalLineViewSchema,
  JournalQuerySchema,
  LedgerSettingsChangeSchema,
  LedgerSettingsSchema,
  REPORT_IDS,
  TrialBalanceRowSchema,
} from '../ledger/schemas.ts';
import { defineCall } from './define.ts';

const NoInput = z.object({}).strict();

const AccountSchema = z.object({
  code: z.string().trim().regex(/^[0-9A-Za-z]{1,20}$/, 'letters and digits, at most 20'),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['asset', 'liability', 'equity', 'revenue', 'expense']),
});

const ChartViewSchema = z.object({
  chart: z.enum(CHART_IDS),
  accounts: z.array(AccountSchema),
  /** Every posting key Kontor uses with this chart, and the account it goes to (null: not set). */
  mapping: z.array(z.object({ postingKey: z.string(), account: z.string().nullable() })),
});

/** Amounts typed by a person, in the base currency: "1234.56" or "1.234,56". */
const ManualLineSchema = z
  .object({
    account: z.string().trim().min(1).max(20),
    debit: z.string().trim().max(30).default(''),
    credit: z.string().trim().max(30).default(''),
    description: z.string().trim().max(200).optional(),
  })
  .strict();

export const ledgerCalls = {
  'ledger.settings.get': defineCall({ input: NoInput, output: LedgerSettingsSchema, summary: 'Chart of accounts in use, DATEV and FEC details.' }),
  'ledger.settings.set': defineCall({ input: LedgerSettingsChangeSchema, output: LedgerSettingsSchema, summary: 'Change DATEV and FEC details (the chart changes through ledger.chart.install).' }),
  'ledger.chart.get': defineCall({ input: NoInput, output: ChartViewSchema, summary: 'Accounts and the account each kind of posting goes to.' }),
  'ledger.chart.install': defineCall({
    input: z.object({ chart: z.enum(CHART_IDS) }).strict(),
    output: ChartViewSchema,
    summary: 'Install a chart preset (SKR03, SKR04, PCG, CGNC); refused once the journal has entries on another chart.',
  }),
  'ledger.accounts.create': defineCall({ input: AccountSchema.strict(), output: AccountSchema, summary: 'Add an account to the chart.' }),
  'ledger.mapping.set': defineCall({
    input: z.object({ postingKey: z.string().max(40), account: z.string().trim().max(20) }).strict(),
    output: ChartViewSchema,
    summary: 'Point one kind of posting at another account; entries already posted keep theirs.',
  }),
  'ledger.journal': defineCall({
    input: JournalQuerySchema,
    output: z.object({ currency: z.string(), total: z.number().int(), rows: z.array(JournalLineViewSchema) }),
    summary: 'Posted journal lines, oldest first, filtered by period, journal, account and text.',
  }),
  'ledger.trialBalance': defineCall({
    input: z.object({ from: DateText, to: DateText }).strict(),
    output: z.object({ currency: z.string(), rows: z.array(TrialBalanceRowSchema) }),
    summary: 'Opening balance, debits, credits and closing balance per account for a period.',
  }),
  'ledger.entries.postManual': defineCall({
    input: z
      .object({ date: DateText, description: z.string().trim().min(1).max(500), reference: z.string().trim().max(60).optional(), lines: z.array(ManualLineSchema).min(2).max(200) })
      .strict(),
    output: z.object({ entryId: z.number().int() }),
    summary: 'Post a balanced manual entry in the MISC journal.',
  }),
  'ledger.entries.reverse': defineCall({
    input: z.object({ entryId: z.number().int().positive(), date: DateText, reason: z.string().trim().max(200).optional() }).strict(),
    output: z.object({ entryId: z.number().int() }),
    summary: 'Post the reversal of an entry: the only way to correct the append-only journal.',
  }),
  'ledger.lock.get': defineCall({ input: NoInput, output: z.object({ lockedThrough: DateText.nullable() }), summary: 'The last day of the closed period.' }),
  'ledger.lock.set': defineCall({
    input: z.object({ through: DateText }).strict(),
    output: z.object({ lockedThrough: DateText.nullable() }),
    summary: 'Close the books up to a day; it cannot be moved back.',
  }),
  'ledger.reports.list': defineCall({
    input: NoInput,
    output: z.array(z.object({ id: z.enum(REPORT_IDS), title: z.string(), needsInvoices: z.boolean() })),
    summary: 'The reports and whether each can run yet.',
  }),
  'ledger.exports.reveal': defineCall({
    input: z.object({ jobId: z.number().int().positive() }).strict(),
    output: z.object({ shown: z.boolean(), path: z.string() }),
    summary: "Show a finished export's file in the system file manager (desktop only; the path otherwise).",
  }),
  'dashboard.summary': defineCall({ input: DashboardInputSchema, output: DashboardSchema, summary: 'Figures and charts for the dashboard, in the base currency.' }),
};
