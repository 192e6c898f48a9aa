import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/index.ts';
import type { ledgerCalls } from '../../../shared/contract/ledger.ts';
import { KontorError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { CHART_PRESETS } from '../../../shared/ledger/charts.ts';
import { FIXED_POSTING_KEYS } from '../../../shared/ledger/postingKeys.ts';
import { REPORT_IDS } from '../../../shared/ledger/schemas.ts';
import { parseAmount } from '../../../shared/money.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { Handlers } from '../dispatcher.ts';
import type { JobRunner } from '../jobs/jobRunner.ts';
import { exclusive } from '../stock/resolve.ts';
import { accountMap, createAccount, ensureChart, installChart, listAccounts, setMapping } from './accounts.ts';
import { dashboardSummary } from './dashboard.ts';
import { lockPeriod, postManualEntry, reverseEntry } from './entries.ts';
import { exportsDirIn } from './exports/paths.ts';
import { baseCurrencyOf, journalPage, trialBalance } from './queries.ts';
import { REPORTS } from './reports/index.ts';
import { readLedgerSettings, writeLedgerSettings } from './settings.ts';
import { lockedThrough } from './writeEntry.ts';
import { resolve, sep } from 'node:path';

type LedgerCall = keyof typeof ledgerCalls;

export interface LedgerServices {
  db: Kysely<KontorSchema>;
  sqlite: Database;
  jobs: JobRunner;
  dataDir: string;
  /** Shows a file in the system file manager; the desktop shell passes one, other shells none. */
  revealFile?: ((path: string) => Promise<boolean>) | undefined;
}

function chartView(sqlite: Database) {
  ensureChart(sqlite);
  const settings = readLedgerSettings(sqlite);
  const map = accountMap(sqlite);
  // revenue.domestic.0: lines overridden as exempt (E) or zero-rated (Z); no preset maps it, the user chooses.
  const rateKeys = [...CHART_PRESETS[settings.chart].vatRatesBp.flatMap((r) => [`revenue.domestic.${r}`, `vat.output.${r}`]), 'revenue.domestic.0'];
  const keys = [...new Set([...FIXED_POSTING_KEYS, ...rateKeys, ...Object.keys(map)])].sort();
  return { chart: settings.chart, accounts: listAccounts(sqlite), mapping: keys.map((postingKey) => ({ postingKey, account: map[postingKey] ?? null })) };
}

/** Amounts typed in the base currency → minor units, each problem named by line. */
function manualLines(sqlite: Database, lines: ParsedInput<'ledger.entries.postManual'>['lines']) {
  const currency = baseCurrencyOf(sqlite);
  const issues: FieldIssue[] = [];
  const parsed = lines.map((l, i) => {
    const side = (text: string, field: 'debit' | 'credit'): number => {
      if (text === '') return 0;
      const r = parseAmount(text, currency);
      if (!r.ok || r.amountMinor < 0) {
        issues.push({ path: `lines.${i}.${field}`, key: 'ledger.manual.amount', message: `"${text}" on line ${i + 1} is not an amount in ${currency}.`, params: { line: i + 1, value: text, currency } });
        return 0;
      }
      return r.amountMinor;
    };
    return { account: l.account, debitMinor: side(l.debit, 'debit'), creditMinor: side(l.credit, 'credit'), description: l.description ?? null };
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return parsed;
}

/** The ledger's calls; every one runs synchronously on the raw connection, like stock's. */
export function ledgerHandlers({ db, sqlite, jobs, dataDir, revealFile }: LedgerServices): Pick<Handlers, LedgerCall> {
  const run = <T>(fn: () => T): Promise<T> => exclusive(db, fn);
  return {
    'ledger.settings.get': () => run(() => readLedgerSettings(sqlite)),
    'ledger.settings.set': (change) => run(() => sqlite.transaction(() => writeLedgerSettings(sqlite, { ...change, chart: undefined })).immediate()),
    'ledger.chart.get': () => run(() => sqlite.transaction(() => chartView(sqlite)).immediate()),
    'ledger.chart.install': ({ chart }) =>
      run(() =>
        sqlite
          .transaction(() => {
            installChart(sqlite, chart);
            return chartView(sqlite);
          })
          .immediate(),
      ),
    'ledger.accounts.create': (account) => run(() => createAccount(sqlite, account)),
    'ledger.mapping.set': ({ postingKey, account }) =>
      run(() =>
        sqlite
          .transaction(() => {
            ensureChart(sqlite);
            setMapping(sqlite, postingKey, account);
            return chartView(sqlite);
          })
          .immediate(),
      ),
    'ledger.journal': (query) => run(() => ({ currency: baseCurrencyOf(sqlite), ...journalPage(sqlite, query) })),
    'ledger.trialBalance': ({ from, to }) => run(() => ({ currency: baseCurrencyOf(sqlite), rows: trialBalance(sqlite, from, to) })),
    'ledger.entries.postManual': (input) =>
      run(() => ({
        entryId: postManualEntry(sqlite, { date: input.date, description: input.description, reference: input.reference ?? null, lines: manualLines(sqlite, input.lines) }),
      })),
    'ledger.entries.reverse': ({ entryId, date, reason }) => run(() => ({ entryId: reverseEntry(sqlite, entryId, date, reason ?? null) })),
    'ledger.lock.get': () => run(() => ({ lockedThrough: lockedThrough(sqlite) })),
    'ledger.lock.set': ({ through }) => run(() => ({ lockedThrough: lockPeriod(sqlite, through) })),
    'ledger.reports.list': () =>
      run(() => REPORT_IDS.map((id) => ({ id, title: REPORTS[id].title, needsInvoices: REPORTS[id].needsInvoices }))),
    'ledger.exports.reveal': async ({ jobId }) => {
      const job = await jobs.get(jobId);
      const path = job.kind === 'ledger.export' && job.status === 'succeeded' ? (job.result as { path?: unknown } | null)?.path : undefined;
      // Only files an export job wrote into the exports folder: the renderer never names a path.
      if (typeof path !== 'string' || !resolve(path).startsWith(resolve(exportsDirIn(dataDir)) + sep)) {
        throw new KontorError('NOT_FOUND', `Job #${jobId} did not finish an export.`);
      }
      return { shown: revealFile ? await revealFile(path) : false, path };
    },
    'dashboard.summary': ({ from, to }) => run(() => dashboardSummary(sqlite, from, to)),
  };
}
