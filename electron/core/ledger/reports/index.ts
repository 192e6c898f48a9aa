import type { ReportId } from '../../../../shared/ledger/schemas.ts';
import type { ReportModule } from './context.ts';
import { generalLedgerReport } from './generalLedger.ts';
import { arAgingReport, invoiceRegisterReport, salesJournalReport, vatSummaryReport } from './invoiceReports.ts';
import { journalReport } from './journal.ts';
import { stockValuationReport } from './stockValuation.ts';
import { trialBalanceReport } from './trialBalance.ts';

export const REPORTS: Readonly<Record<ReportId, ReportModule>> = {
  journal: journalReport,
  'general-ledger': generalLedgerReport,
  'trial-balance': trialBalanceReport,
  'stock-valuation': stockValuationReport,
  'vat-summary': vatSummaryReport,
  'sales-journal': salesJournalReport,
  'ar-aging': arAgingReport,
  'invoice-register': invoiceRegisterReport,
};
