import { createWriteStream } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { ValidationError, type FieldIssue } from '../../../../shared/errors.ts';
import type { LedgerSettings } from '../../../../shared/ledger/schemas.ts';
import { iterateJournal, type LedgerLineRow } from '../queries.ts';
import { encodeText, Replacements } from './encoding.ts';

/**
 * DATEV EXTF Buchungsstapel (format 700, category 21, format version 13), following
 * ../shared/accounting.md: line 1 the header (31 fields), line 2 the column titles, then one booking
 * per line; ';' separated, CRLF, text in double quotes, decimal comma, Windows-1252.
 *
 * DATEV books two accounts per line, so each journal entry is written against its largest line
 * (the receivable of an invoice, the bank of a payment): Konto is that line's account, Gegenkonto
 * the other line's, and S/H says which side Konto is on. Output VAT is folded into its revenue
 * line (gross amount): the SKR automatic revenue accounts (8400, 8300…) split the VAT themselves,
 * and a separate VAT line would count it twice. Where the user's revenue accounts are not
 * automatic, the BU-Schlüssel per tax code in the settings tells DATEV the rate.
 *
 * UNVERIFIED (accounting.md): the full column count of format 13; the first 14 columns are the
 * documented ones and are all Kontor fills. Customers are booked on the receivables Sachkonto, not
 * on Debitoren (personal accounts).
 */
export const DATEV_COLUMNS = [
  'Umsatz (ohne Soll/Haben-Kz)',
  'Soll/Haben-Kennzeichen',
  'WKZ Umsatz',
  'Kurs',
  'Basis-Umsatz',
  'WKZ Basis-Umsatz',
  'Konto',
  'Gegenkonto (ohne BU-Schlüssel)',
  'BU-Schlüssel',
  'Belegdatum',
  'Belegfeld 1',
  'Belegfeld 2',
  'Skonto',
  'Buchungstext',
] as const;

export interface DatevBooking {
  amountMinor: number;
  side: 'S' | 'H';
  account: string;
  counterAccount: string;
  taxKey: string;
  date: string;
  document: string;
  text: string;
}

export interface DatevOptions {
  from: string;
  to: string;
  currency: string;
  settings: LedgerSettings;
  /** First day of the fiscal year that holds the period. */
  fiscalYearStart: string;
  createdAt: Date;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  total?: number;
}

export function checkDatevSettings(settings: LedgerSettings, from: string, to: string, fiscalYearStart: string): void {
  const issues: FieldIssue[] = [];
  if (settings.datev.consultantNumber === null) {
    issues.push({ path: 'datev.consultantNumber', key: 'ledger.datev.consultantNumber', message: 'Enter the Beraternummer (from your tax adviser) in the ledger settings before a DATEV export.' });
  }
  if (settings.datev.clientNumber === null) {
    issues.push({ path: 'datev.clientNumber', key: 'ledger.datev.clientNumber', message: 'Enter the Mandantennummer (from your tax adviser) in the ledger settings before a DATEV export.' });
  }
  if (settings.chart !== 'SKR03' && settings.chart !== 'SKR04') {
    issues.push({ path: 'chart', key: 'ledger.datev.chart', message: `DATEV exports are for the SKR03 and SKR04 charts; the ledger uses ${settings.chart}.`, params: { chart: settings.chart } });
  }
  const nextYear = `${Number(fiscalYearStart.slice(0, 4)) + 1}${fiscalYearStart.slice(4)}`;
  if (from < fiscalYearStart || to >= nextYear) {
    issues.push({
      path: 'to',
      key: 'ledger.datev.oneFiscalYear',
      message: `A DATEV file holds one fiscal year (from ${fiscalYearStart}); export ${from} to ${to} in one file per fiscal year.`,
      params: { fiscalYearStart },
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/** `20240130140440439`: YYYYMMDDHHMMSSFFF in UTC. */
function stamp(d: Date): string {
  return d.toISOString().replace(/[-:TZ.]/g, '');
}

const ymd = (day: string): string => day.replaceAll('-', '');

function text(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

export function datevHeader(o: DatevOptions): string {
  const d = o.settings.datev;
  return [
    text('EXTF'),
    '700',
    '21',
    text('Buchungsstapel'),
    '13',
    stamp(o.createdAt),
    '',
    text('RE'),
    text(''),
    text(''),
    String(d.consultantNumber ?? ''),
    String(d.clientNumber ?? ''),
    ymd(o.fiscalYearStart),
    String(d.accountLength),
    ymd(o.from),
    ymd(o.to),
    text(`Kontor ${ymd(o.from)}-${ymd(o.to)}`),
    text('KO'),
    '1',
    '0',
    '0',
    text(o.currency),
    '',
    text(''),
    '',
    '',
    text(o.settings.chart === 'SKR04' ? '04' : '03'),
    '',
    '',
    text(''),
    text(''),
  ].join(';');
}

/** 1234,56 — decimal comma, no grouping, always positive. */
export function datevAmount(minor: number): string {
  const abs = Math.abs(minor);
  return `${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** Belegfeld 1 allows letters, digits and $ & % * + - / (36 characters). */
function documentField(reference: string | null): string {
  return (reference ?? '').replace(/[^A-Za-z0-9$&%*+\-/]/g, '').slice(0, 36);
}

/** One journal entry's lines → DATEV bookings (see the module comment for how). */
export function bookingsOf(lines: readonly LedgerLineRow[], taxKeys: Readonly<Record<string, string>>): DatevBooking[] {
  if (lines.length < 2) return [];
  const signed = (l: LedgerLineRow): number => l.debitMinor - l.creditMinor;
  let pivot = lines[0]!;
  for (const l of lines) if (Math.abs(signed(l)) > Math.abs(signed(pivot))) pivot = l;
  const others = lines.filter((l) => l !== pivot);
  const amounts = new Map<LedgerLineRow, number>(others.map((l) => [l, signed(l)]));
  for (const tax of others) {
    if (tax.taxRole !== 'tax') continue;
    const base = others.find((l) => l.taxRole === 'base' && l.taxCode === tax.taxCode && amounts.has(l));
    if (!base) continue;
    amounts.set(base, amounts.get(base)! + amounts.get(tax)!);
    amounts.delete(tax);
  }
  const first = lines[0]!;
  const description = (first.description ?? '').slice(0, 60);
  const bookings: DatevBooking[] = [];
  for (const [l, amount] of amounts) {
    if (amount === 0) continue;
    bookings.push({
      amountMinor: Math.abs(amount),
      // The other line is credited → the pivot (Konto) is debited: S.
      side: amount < 0 ? 'S' : 'H',
      account: pivot.account,
      counterAccount: l.account,
      taxKey: l.taxRole === 'base' && l.taxCode ? (taxKeys[l.taxCode] ?? '') : '',
      date: first.date,
      document: documentField(first.reference),
      text: description,
    });
  }
  return bookings;
}

function bookingLine(b: DatevBooking, currency: string): string {
  return [
    datevAmount(b.amountMinor),
    text(b.side),
    text(currency),
    '',
    '',
    text(''),
    b.account,
    b.counterAccount,
    text(b.taxKey),
    `${b.date.slice(8, 10)}${b.date.slice(5, 7)}`,
    text(b.document),
    text(''),
    '',
    text(b.text),
  ].join(';');
}

export interface DatevResult {
  bookings: number;
  replacements: Replacements;
}

/** Streams the journal of the period into an EXTF file. */
export async function writeDatev(sqlite: Database, path: string, o: DatevOptions): Promise<DatevResult> {
  checkDatevSettings(o.settings, o.from, o.to, o.fiscalYearStart);
  const replacements = new Replacements();
  const stream = createWriteStream(path);
  const put = (line: string): boolean => stream.write(encodeText(`${line}\r\n`, 'windows-1252', replacements));
  const tooLong = (account: string): void => {
    if (account.length > o.settings.datev.accountLength) {
      throw new ValidationError([
        {
          path: 'datev.accountLength',
          key: 'ledger.datev.accountLength',
          message: `Account ${account} is longer than the DATEV account length (${o.settings.datev.accountLength}); raise the account length in the ledger settings.`,
          params: { account, length: o.settings.datev.accountLength },
        },
      ]);
    }
  };
  let bookings = 0;
  let lines = 0;
  try {
    put(datevHeader(o));
    put(DATEV_COLUMNS.map(text).join(';'));
    let entry: LedgerLineRow[] = [];
    const flush = async (): Promise<void> => {
      for (const b of bookingsOf(entry, o.settings.datev.taxKeys)) {
        tooLong(b.account);
        tooLong(b.counterAccount);
        if (!put(bookingLine(b, o.currency))) await new Promise<void>((resolve) => stream.once('drain', resolve));
        bookings++;
      }
      entry = [];
    };
    for (const line of iterateJournal(sqlite, o.from, o.to)) {
      if (entry.length > 0 && entry[0]!.entryId !== line.entryId) await flush();
      entry.push(line);
      if (++lines % 5_000 === 0) {
        o.signal?.throwIfAborted();
        o.onProgress?.(lines, o.total ?? lines);
      }
    }
    await flush();
  } finally {
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(resolve);
    });
  }
  return { bookings, replacements };
}
