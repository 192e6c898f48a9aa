import { z } from 'zod';
import { CHART_IDS } from './charts.ts';

export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** DATEV and FEC details the exports need; the rest of the ledger settings. */
export const LedgerSettingsSchema = z.object({
  chart: z.enum(CHART_IDS),
  datev: z.object({
    /** Beraternummer: 1001–9999999. */
    consultantNumber: z.number().int().min(1001).max(9999999).nullable(),
    /** Mandantennummer: 1–99999. */
    clientNumber: z.number().int().min(1).max(99999).nullable(),
    /** Sachkontenlänge: 4 to 8 digits. */
    accountLength: z.number().int().min(4).max(8),
    /**
     * BU-Schlüssel per tax code ('domestic:1900' → '3'). Empty by default: the SKR automatic
     * revenue accounts (8400/8300, 4400/4300) derive the VAT themselves and need no key.
     */
    taxKeys: z.record(z.string(), z.string().regex(/^\d{0,4}$/)),
  }),
  fec: z.object({
    /** The company's SIREN (9 digits), for the FEC file name. */
    siren: z.string().regex(/^\d{9}$/).nullable(),
  }),
});
export type LedgerSettings = z.infer<typeof LedgerSettingsSchema>;

export const LedgerSettingsChangeSchema = z
  .object({
    chart: z.enum(CHART_IDS).optional(),
    datev: LedgerSettingsSchema.shape.datev.partial().optional(),
    fec: LedgerSettingsSchema.shape.fec.partial().optional(),
  })
  .strict();
export type LedgerSettingsChange = z.infer<typeof LedgerSettingsChangeSchema>;

export const REPORT_IDS = [
  'journal',
  'general-ledger',
  'trial-balance',
  'stock-valuation',
  'vat-summary',
  'sales-journal',
  'ar-aging',
  'invoice-register',
] as const;
export type ReportId = (typeof REPORT_IDS)[number];

/** Reports built on invoices: they run only once an invoice source exists. */
export const INVOICE_REPORTS: readonly ReportId[] = ['vat-summary', 'sales-journal', 'ar-aging', 'invoice-register'];

export const EXPORT_FORMATS = ['xlsx', 'csv', 'datev', 'fec'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportRequestSchema = z
  .object({
    report: z.enum(REPORT_IDS),
    format: z.enum(EXPORT_FORMATS),
    from: DateText,
    to: DateText,
    /** Where the file goes; the exports folder of the data directory when left out. */
    outPath: z.string().min(1).optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

export const JournalLineViewSchema = z.object({
  lineId: z.number().int(),
  entryId: z.number().int(),
  journal: z.string(),
  number: z.number().int(),
  date: z.string(),
  reference: z.string().nullable(),
  description: z.string(),
  sourceKind: z.string(),
  reversesId: z.number().int().nullable(),
  account: z.string(),
  accountName: z.string(),
  debitMinor: z.number().int(),
  creditMinor: z.number().int(),
  lineDescription: z.string().nullable(),
  partyName: z.string().nullable(),
  taxCode: z.string().nullable(),
  foreignMinor: z.number().int().nullable(),
  foreignCurrency: z.string().nullable(),
});
export type JournalLineView = z.infer<typeof JournalLineViewSchema>;

export const JournalQuerySchema = z
  .object({
    from: DateText.optional(),
    to: DateText.optional(),
    journal: z.enum(['SALES', 'BANK', 'STOCK', 'MISC']).optional(),
    account: z.string().max(20).optional(),
    text: z.string().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const TrialBalanceRowSchema = z.object({
  account: z.string(),
  name: z.string(),
  kind: z.string(),
  openingMinor: z.number().int(),
  debitMinor: z.number().int(),
  creditMinor: z.number().int(),
  closingMinor: z.number().int(),
});
export type TrialBalanceRow = z.infer<typeof TrialBalanceRowSchema>;
