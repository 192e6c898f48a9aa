import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { KontorError, ValidationError } from '../../../../shared/errors.ts';
import type { ExportRequest } from '../../../../shared/ledger/schemas.ts';
import { baseCurrencyOf, checkPeriod, companyName, countJournalLines } from '../queries.ts';
import { REPORTS } from '../reports/index.ts';
import type { InvoiceSource } from '../reports/invoiceSource.ts';
import { invoiceSourceFor } from '../reports/invoiceSourceFor.ts';
import { openCsvOutput } from '../reports/csvOutput.ts';
import { openXlsxOutput } from '../reports/xlsxOutput.ts';
import { readLedgerSettings } from '../settings.ts';
import { writeDatev } from './datev.ts';
import { fecFileName, writeFec, checkFecSettings } from './fec.ts';
import { exportsDirIn } from './paths.ts';

export { exportsDirIn };

export interface ExportOptions {
  /** Where files go when the request names no path. */
  dataDir: string;
  invoices?: InvoiceSource;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, message?: string) => void;
  /** Told the temporary file before anything is written (the job runner deletes it if the process dies). */
  onTempFile?: (path: string) => void;
  now?: Date;
  overwrite?: boolean;
}

export interface ExportResult {
  path: string;
  rows: number;
  /** What the user should know: characters transliterated for DATEV or FEC. */
  warning: string | null;
}

/** The first day of the fiscal year that holds `day`. */
export function fiscalYearStartOf(sqlite: Database, day: string): string {
  const c = sqlite.prepare('SELECT fiscal_year_start_month AS m, fiscal_year_start_day AS d FROM company WHERE id = 1').get() as { m: number; d: number } | undefined;
  const m = String(c?.m ?? 1).padStart(2, '0');
  const d = String(c?.d ?? 1).padStart(2, '0');
  const year = Number(day.slice(0, 4));
  const thisYear = `${year}-${m}-${d}`;
  return day >= thisYear ? thisYear : `${year - 1}-${m}-${d}`;
}

function defaultName(sqlite: Database, r: ExportRequest): string {
  if (r.format === 'datev') return `EXTF_Buchungsstapel_${r.from}_${r.to}.csv`;
  if (r.format === 'fec') {
    const settings = readLedgerSettings(sqlite);
    const start = fiscalYearStartOf(sqlite, r.from);
    const end = new Date(Date.UTC(Number(start.slice(0, 4)) + 1, Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10)) - 1)).toISOString().slice(0, 10);
    return fecFileName(checkFecSettings(settings), end);
  }
  return `${r.report}_${r.from}_${r.to}.${r.format}`;
}

/**
 * One export, all or nothing: written to `<path>.partial` and renamed when complete, so a failed or
 * cancelled export leaves no file that looks finished.
 */
export async function runExport(sqlite: Database, request: ExportRequest, options: ExportOptions): Promise<ExportResult> {
  checkPeriod(request.from, request.to);
  const report = REPORTS[request.report];
  const invoices = options.invoices ?? invoiceSourceFor(sqlite);
  if ((request.format === 'datev' || request.format === 'fec') && request.report !== 'journal') {
    throw new ValidationError([
      { path: 'report', key: 'ledger.export.journalOnly', message: `A ${request.format.toUpperCase()} file holds the journal; choose the journal report for it.`, params: { format: request.format } },
    ]);
  }
  const path = request.outPath ?? join(exportsDirIn(options.dataDir), defaultName(sqlite, request));
  if (!options.overwrite && existsSync(path)) {
    throw new KontorError('CONFLICT', `${path} exists already; choose another file name.`, { path });
  }
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  options.onTempFile?.(partial);
  const now = options.now ?? new Date();
  const settings = readLedgerSettings(sqlite);
  const progress = (done: number, total: number): void => options.onProgress?.(done, total, report.title);
  const signalOption = options.signal ? { signal: options.signal } : {};
  try {
    let result: ExportResult;
    if (request.format === 'datev') {
      const total = countJournalLines(sqlite, request.from, request.to);
      const r = await writeDatev(sqlite, partial, {
        from: request.from,
        to: request.to,
        currency: baseCurrencyOf(sqlite),
        settings,
        fiscalYearStart: fiscalYearStartOf(sqlite, request.from),
        createdAt: now,
        onProgress: progress,
        total,
        ...signalOption,
      });
      result = { path, rows: r.bookings, warning: r.replacements.describe('windows-1252') };
    } else if (request.format === 'fec') {
      const total = countJournalLines(sqlite, request.from, request.to);
      const r = await writeFec(sqlite, partial, { from: request.from, to: request.to, settings, onProgress: progress, total, ...signalOption });
      result = { path, rows: r.lines, warning: r.replacements.describe('iso-8859-15') };
    } else {
      const open = request.format === 'xlsx' ? openXlsxOutput : openCsvOutput;
      const out = await open(partial, { onProgress: progress, ...signalOption });
      const ctx = { sqlite, from: request.from, to: request.to, generatedAt: now, company: companyName(sqlite), currency: baseCurrencyOf(sqlite), invoices };
      const { rows } = await report.write(ctx, out);
      await out.finish();
      result = { path, rows, warning: null };
    }
    options.signal?.throwIfAborted();
    renameSync(partial, path);
    return result;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
