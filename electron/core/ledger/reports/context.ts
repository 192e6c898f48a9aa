import type { Database } from 'better-sqlite3';
import type { ReportId } from '../../../../shared/ledger/schemas.ts';
import type { InvoiceSource } from './invoiceSource.ts';
import type { ReportOutput, TableMeta } from './table.ts';

export interface ReportContext {
  sqlite: Database;
  from: string;
  to: string;
  generatedAt: Date;
  company: string;
  currency: string;
  invoices: InvoiceSource;
}

export interface ReportModule {
  id: ReportId;
  title: string;
  /** Built on invoices (read through `invoices`) rather than on the journal. */
  needsInvoices: boolean;
  /** Rows expected, for the progress bar (an estimate is fine). */
  count(ctx: ReportContext): number;
  write(ctx: ReportContext, out: ReportOutput): Promise<{ rows: number }>;
}

export function metaOf(ctx: ReportContext, title: string, remarks?: readonly string[]): TableMeta {
  return { title, company: ctx.company, from: ctx.from, to: ctx.to, generatedAt: ctx.generatedAt, currency: ctx.currency, ...(remarks ? { remarks } : {}) };
}

/** Rows between two ticks of progress, cancel and drain. */
export const TICK_ROWS = 2_000;
