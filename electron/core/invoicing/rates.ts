import type { Database } from 'better-sqlite3';
import { XMLParser } from 'fast-xml-parser';
import { ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { crossRate } from '../../../shared/invoicing/crossRate.ts';
import { formatRate, parseRate, type ExchangeRate } from '../../../shared/invoicing/fx.ts';
import { addDays, isIsoDate } from '../../../shared/invoicing/numbering.ts';
import { isCurrencyCode } from '../../../shared/reference/currencies.ts';
import { cached } from '../stock/resolve.ts';
import { fail } from './store.ts';

/**
 * Exchange rates by date: typed by hand, imported from the ECB's reference-rate XML files
 * (`eurofxref-daily.xml`, `eurofxref-hist.xml`) or from CSV. A rate is stored as the source
 * quotes it (ECB: 1 EUR = 1.0876 USD) and used either way round.
 */

/** How far back a document may take a rate from: the ECB publishes on TARGET working days only. */
export const RATE_LOOKBACK_DAYS = 7;

export interface FoundRate extends ExchangeRate {
  date: string;
  source: string;
}

export interface RateRow {
  unit: string;
  quote: string;
  date: string;
  rate: string;
  source: string;
}

export type RateSource = 'manual' | 'ecb' | 'csv';

interface StoredRate {
  unit: string;
  quote: string;
  rate_date: string;
  scaled: number;
  source: string;
}

/** The currency cross rates go through: the ECB quotes every currency against the euro. */
export const CROSS_PIVOT = 'EUR';

/**
 * The rate between two currencies on or before `date` (within a week): a stored rate either way
 * round, else a cross rate through the euro (USD → EUR → MAD from EUR/USD and EUR/MAD). A cross
 * rate is dated by its older leg, and its source names both legs, so the document that keeps it
 * says which rates it was made of.
 */
export function findRate(sqlite: Database, from: string, to: string, date: string): FoundRate | null {
  return findDirectRate(sqlite, from, to, date) ?? findCrossRate(sqlite, from, to, date);
}

function findCrossRate(sqlite: Database, from: string, to: string, date: string): FoundRate | null {
  if (from === CROSS_PIVOT || to === CROSS_PIVOT) return null;
  const viaFrom = findDirectRate(sqlite, CROSS_PIVOT, from, date);
  const viaTo = viaFrom && findDirectRate(sqlite, CROSS_PIVOT, to, date);
  if (!viaFrom || !viaTo) return null;
  const rate = crossRate(CROSS_PIVOT, viaFrom, viaTo, from, to);
  if (rate === null) return null;
  const leg = (r: FoundRate) => `1 ${r.unit} = ${formatRate(r.scaled)} ${r.quote} ${r.source} ${r.date}`;
  return {
    ...rate,
    date: viaFrom.date < viaTo.date ? viaFrom.date : viaTo.date,
    source: `cross via ${CROSS_PIVOT}: ${leg(viaFrom)}; ${leg(viaTo)}`,
  };
}

/** The latest stored rate between two currencies on or before `date` (within a week), either way round. */
function findDirectRate(sqlite: Database, from: string, to: string, date: string): FoundRate | null {
  const row = cached(
    sqlite,
    `SELECT unit, quote, rate_date, scaled, source FROM exchange_rate
     WHERE ((unit = @from AND quote = @to) OR (unit = @to AND quote = @from)) AND rate_date <= @date AND rate_date >= @earliest
     ORDER BY rate_date DESC, source = 'manual' DESC LIMIT 1`,
  ).get({ from, to, date, earliest: addDays(date, -RATE_LOOKBACK_DAYS) }) as StoredRate | undefined;
  return row ? { unit: row.unit, quote: row.quote, scaled: row.scaled, date: row.rate_date, source: row.source } : null;
}

export function requireRate(sqlite: Database, from: string, to: string, date: string, path: string): FoundRate {
  const rate = findRate(sqlite, from, to, date);
  if (!rate) {
    fail(
      path,
      'invoices.rates.missing',
      `There is no ${to}/${from} exchange rate for ${date} or the week before: import the ECB rates or enter the rate.`,
      { from, to, date },
    );
  }
  return rate;
}

function upsert(sqlite: Database, unit: string, quote: string, date: string, scaled: number, source: RateSource, nowIso: string): void {
  cached(
    sqlite,
    `INSERT INTO exchange_rate (unit, quote, rate_date, scaled, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (unit, quote, rate_date) DO UPDATE SET scaled = excluded.scaled, source = excluded.source, updated_at = excluded.updated_at`,
  ).run(unit, quote, date, scaled, source, nowIso);
}

export function setRate(sqlite: Database, input: { unit: string; quote: string; date: string; rate: string }, now: Date): RateRow {
  const unit = input.unit.trim().toUpperCase();
  const quote = input.quote.trim().toUpperCase();
  if (!isCurrencyCode(unit)) fail('unit', 'invoices.rates.currency', `${input.unit} is not a currency code.`, { value: input.unit });
  if (!isCurrencyCode(quote) || quote === unit) fail('quote', 'invoices.rates.currency', `${input.quote} is not another currency code.`, { value: input.quote });
  if (!isIsoDate(input.date)) fail('date', 'invoices.date', 'Enter a date as YYYY-MM-DD.');
  const scaled = parseRate(input.rate);
  if (scaled === null) fail('rate', 'invoices.rates.rate', `"${input.rate}" is not an exchange rate (a number above zero, at most 8 decimals).`, { value: input.rate });
  sqlite.transaction(() => upsert(sqlite, unit, quote, input.date, scaled, 'manual', now.toISOString())).immediate();
  return { unit, quote, date: input.date, rate: formatRate(scaled), source: 'manual' };
}

export function listRates(sqlite: Database, query: { currency?: string | null; limit: number }): RateRow[] {
  const rows = (
    query.currency
      ? cached(sqlite, 'SELECT * FROM exchange_rate WHERE unit = ? OR quote = ? ORDER BY rate_date DESC, unit, quote LIMIT ?').all(query.currency, query.currency, query.limit)
      : cached(sqlite, 'SELECT * FROM exchange_rate ORDER BY rate_date DESC, unit, quote LIMIT ?').all(query.limit)
  ) as StoredRate[];
  return rows.map((r) => ({ unit: r.unit, quote: r.quote, date: r.rate_date, rate: formatRate(r.scaled), source: r.source }));
}

export interface ImportSummary {
  /** Currencies in the file that Kontor does not know (the ECB history still lists CYP, SIT...): not imported. */
  skippedCurrencies: string[];
  days: number;
  rates: number;
  from: string | null;
  to: string | null;
}

interface ParsedRate {
  unit: string;
  quote: string;
  date: string;
  scaled: number;
}

/** Writes all rates in one transaction, or none when any is wrong. */
function store(sqlite: Database, rates: readonly ParsedRate[], source: RateSource, now: Date, skippedCurrencies: string[] = []): ImportSummary {
  const nowIso = now.toISOString();
  sqlite.transaction(() => {
    for (const r of rates) upsert(sqlite, r.unit, r.quote, r.date, r.scaled, source, nowIso);
  }).immediate();
  const dates = [...new Set(rates.map((r) => r.date))].sort();
  return { skippedCurrencies, days: dates.length, rates: rates.length, from: dates[0] ?? null, to: dates.at(-1) ?? null };
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'Cube' });

interface Cube {
  time?: string;
  currency?: string;
  rate?: string;
  Cube?: Cube[];
}

/**
 * The ECB's layout: gesmes:Envelope / Cube / Cube[@time] / Cube[@currency, @rate], where a rate
 * means 1 EUR = rate units of the currency. The daily and the historical files share it.
 */
export function parseEcbXml(text: string): ParsedRate[] {
  let doc: Record<string, unknown>;
  try {
    doc = xml.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    fail('file', 'invoices.rates.notXml', `The file is not well-formed XML (${detail}).`, { detail });
  }
  const envelope = doc['gesmes:Envelope'] as { Cube?: Cube[] } | undefined;
  const days = envelope?.Cube?.[0]?.Cube;
  if (!envelope || !days) fail('file', 'invoices.rates.notEcb', 'This is not an ECB reference-rate file (eurofxref-daily.xml or eurofxref-hist.xml).');
  const rates: ParsedRate[] = [];
  const issues: FieldIssue[] = [];
  for (const day of days) {
    const date = day.time ?? '';
    if (!isIsoDate(date)) {
      issues.push({ path: 'file', key: 'invoices.rates.badDate', message: `A day in the file has the date "${date}".`, params: { value: date } });
      continue;
    }
    for (const cube of day.Cube ?? []) {
      const currency = (cube.currency ?? '').toUpperCase();
      const scaled = parseRate(cube.rate ?? '');
      if (!isCurrencyCode(currency) || scaled === null) {
        issues.push({
          path: 'file',
          key: 'invoices.rates.badRate',
          message: `${date}: "${cube.currency ?? ''}" = "${cube.rate ?? ''}" is not a currency and rate.`,
          params: { date, currency: cube.currency ?? '', rate: cube.rate ?? '' },
        });
        continue;
      }
      rates.push({ unit: 'EUR', quote: currency, date, scaled });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues.slice(0, 20));
  return rates;
}

export function importEcbXml(sqlite: Database, text: string, now: Date): ImportSummary {
  return store(sqlite, parseEcbXml(text), 'ecb', now);
}

/**
 * Two CSV layouts: the ECB's own (`Date, USD, JPY, …` with 1 EUR = value, "N/A" for no rate),
 * and a long one (`date,unit,quote,rate`) for any pair such as EUR/MAD from Bank Al-Maghrib.
 * Both hold only dates, codes and numbers, so splitting on the separator is enough.
 */
export function parseRatesCsv(text: string): { rates: ParsedRate[]; skippedCurrencies: string[] } {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const separator = (rows[0] ?? '').includes(';') ? ';' : ',';
  const cells = rows.map((r) => r.split(separator).map((c) => c.trim()));
  const header = (cells[0] ?? []).map((h) => h.toLowerCase());
  const rates: ParsedRate[] = [];
  const issues: FieldIssue[] = [];
  const bad = (row: number, message: string, params: Record<string, string | number>): void => {
    issues.push({ path: `rows.${row}`, key: 'invoices.rates.csvRow', message: `Row ${row + 1}: ${message}`, params: { row: row + 1, ...params } });
  };

  const skipped = new Set<string>();
  if (header[0] === 'date' && header.length > 1 && header.slice(1).every((h) => /^([a-z]{3})?$/.test(h)) && !header.includes('unit')) {
    const currencies = (cells[0] ?? []).slice(1).map((h) => h.toUpperCase());
    cells.slice(1).forEach((row, i) => {
      const date = normaliseDate(row[0] ?? '');
      if (date === null) return bad(i + 1, `"${row[0] ?? ''}" is not a date.`, { value: row[0] ?? '' });
      currencies.forEach((currency, c) => {
        const value = row[c + 1] ?? '';
        if (currency === '' || value === '' || value.toUpperCase() === 'N/A') return;
        if (!isCurrencyCode(currency)) {
          skipped.add(currency);
          return;
        }
        const scaled = parseRate(value);
        if (scaled === null) return bad(i + 1, `"${value}" is not a rate for ${currency}.`, { value, currency });
        rates.push({ unit: 'EUR', quote: currency, date, scaled });
      });
    });
  } else if (['date', 'unit', 'quote', 'rate'].every((h) => header.includes(h))) {
    const at = (name: string): number => header.indexOf(name);
    cells.slice(1).forEach((row, i) => {
      const date = normaliseDate(row[at('date')] ?? '');
      const unit = (row[at('unit')] ?? '').toUpperCase();
      const quote = (row[at('quote')] ?? '').toUpperCase();
      const value = row[at('rate')] ?? '';
      const scaled = parseRate(value);
      if (date === null) return bad(i + 1, `"${row[at('date')] ?? ''}" is not a date.`, { value: row[at('date')] ?? '' });
      if (!isCurrencyCode(unit) || !isCurrencyCode(quote) || unit === quote) return bad(i + 1, `${unit}/${quote} is not a pair of currencies.`, { value: `${unit}/${quote}` });
      if (scaled === null) return bad(i + 1, `"${value}" is not a rate.`, { value });
      rates.push({ unit, quote, date, scaled });
    });
  } else {
    fail('file', 'invoices.rates.csvHeader', 'The CSV needs the columns date,unit,quote,rate, or the ECB layout Date,USD,JPY,…');
  }
  if (issues.length > 0) throw new ValidationError(issues.slice(0, 20));
  if (rates.length === 0) fail('file', 'invoices.rates.empty', 'The file holds no rates.');
  return { rates, skippedCurrencies: [...skipped].sort() };
}

/** "2026-11-20" or the ECB CSV's "20 November 2026". */
function normaliseDate(text: string): string | null {
  if (isIsoDate(text)) return text;
  const t = Date.parse(`${text} UTC`);
  if (Number.isNaN(t)) return null;
  const iso = new Date(t).toISOString().slice(0, 10);
  return isIsoDate(iso) ? iso : null;
}

export function importRatesCsv(sqlite: Database, text: string, now: Date): ImportSummary {
  const parsed = parseRatesCsv(text);
  return store(sqlite, parsed.rates, 'csv', now, parsed.skippedCurrencies);
}
