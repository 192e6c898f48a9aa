/**
 * Numbers, dates, money and reference names for display, by the interface language. Pure
 * functions over Intl, so they run the same in the window and in the unit tests.
 *
 * Money is an integer count of minor units (cents, centimes…) plus an ISO 4217 code. It is only
 * ever turned into a decimal *string* here, for display: a float would round 0.1 + 0.2 wrongly
 * and lose precision on large amounts, so no arithmetic happens on converted values.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Language } from '../../shared/contract/app.ts';
import { minorUnitsOf } from '../../shared/reference/currencies.ts';

/**
 * The Intl locale for each interface language.
 * - en-GB, not en-US: day/month/year and a 24-hour clock are what our (European, Moroccan)
 *   users read everywhere else; 3/4/2026 meaning 4 March would be a trap.
 * - ar-MA: Kontor's Arabic speakers are mostly Moroccan exporters; Moroccan Arabic uses Western
 *   digits (as on their bank statements and invoices) and the Maghreb month names.
 */
export const INTL_LOCALES: Record<Language, string> = {
  en: 'en-GB',
  fr: 'fr-FR',
  de: 'de-DE',
  ar: 'ar-MA',
};

export function intlLocale(language: Language): string {
  return INTL_LOCALES[language];
}

// Intl formatters are expensive to build and the grid formats thousands of cells: cache them.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export function formatNumber(value: number | bigint | `${number}`, language: Language, options: Intl.NumberFormatOptions = {}): string {
  const locale = intlLocale(language);
  return cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options)).format(value);
}

export function formatInteger(value: number | bigint, language: Language): string {
  return formatNumber(value, language, { maximumFractionDigits: 0 });
}

/** done/total as a whole percentage, e.g. "42 %" in French; "0 %" when nothing is known yet. */
export function formatPercent(done: number, total: number, language: Language): string {
  const ratio = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 0;
  return formatNumber(ratio, language, { style: 'percent', maximumFractionDigits: 0 });
}

/**
 * An exact decimal string for `minor` units with `digits` decimals: 123456n, 2 → "1234.56",
 * -5, 2 → "-0.05". Works on the digits, never through a float.
 */
export function minorToDecimalString(minor: number | bigint, digits: number): `${number}` {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new RangeError(`Money must be a whole number of minor units, got ${minor}.`);
  }
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`Invalid number of minor-unit digits: ${digits}.`);
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const fraction = abs.slice(abs.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}` as `${number}`;
}

/**
 * Money for display: `minor` units of `currency` (ISO 4217), with the ISO number of decimals
 * (not Intl's, which differ for some currencies, e.g. IQD), e.g. 123456, 'EUR', 'de' →
 * "1.234,56 €". An unknown currency code is shown with 2 decimals and the code.
 */
export function formatMoney(
  minor: number | bigint,
  currency: string,
  language: Language,
  display: 'symbol' | 'code' | 'narrowSymbol' = 'symbol',
): string {
  const digits = minorUnitsOf(currency);
  const decimal = minorToDecimalString(minor, digits ?? 2);
  const locale = intlLocale(language);
  if (digits === undefined) {
    return `${formatNumber(decimal, language, { minimumFractionDigits: 2 })} ${currency}`;
  }
  const formatter = cached(
    `m|${locale}|${currency}|${display}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: display,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
  return formatter.format(decimal);
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

// Four-digit years and two-digit days and months: dateStyle 'short' gives "31.01.26" in German,
// and a two-digit year on an invoice date is asking for trouble.
const DATE_PARTS = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;

/** A calendar date, e.g. 31/01/2026 (en), 31.01.2026 (de). */
export function formatDate(value: Date | string | number, language: Language, timeZone?: string): string {
  const locale = intlLocale(language);
  return cached(
    `d|${locale}|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { ...DATE_PARTS, ...(timeZone ? { timeZone } : {}) }),
  ).format(toDate(value));
}

/** Date and time to the minute, e.g. 31/01/2026, 14:05. */
export function formatDateTime(value: Date | string | number, language: Language, timeZone?: string): string {
  const locale = intlLocale(language);
  return cached(
    `dt|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        ...DATE_PARTS,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        ...(timeZone ? { timeZone } : {}),
      }),
  ).format(toDate(value));
}

/** The twelve month names in the language, January first. */
export function monthNames(language: Language): string[] {
  const locale = intlLocale(language);
  // UTC and the 15th: no time zone can move these dates into another month.
  const formatter = cached(`mn|${locale}`, () => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }));
  return Array.from({ length: 12 }, (_, i) => formatter.format(Date.UTC(2026, i, 15)));
}

function displayName(type: 'region' | 'currency' | 'language', code: string, language: Language): string {
  const locale = intlLocale(language);
  try {
    const names = cached(`dn|${type}|${locale}`, () => new Intl.DisplayNames(locale, { type, fallback: 'code' }));
    return names.of(code) ?? code;
  } catch {
    // Intl.DisplayNames throws a RangeError for a malformed code; the code itself is the honest answer.
    return code;
  }
}

/** e.g. 'MA', 'fr' → "Maroc". */
export function countryName(code: string, language: Language): string {
  return displayName('region', code, language);
}

/** e.g. 'MAD', 'de' → "Marokkanischer Dirham". */
export function currencyName(code: string, language: Language): string {
  return displayName('currency', code, language);
}

/** An IBAN in groups of four, as printed on statements: "DE89 3704 0044 0532 0130 00". */
export function formatIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * A stored phone number (E.164, "+4930901820") the way it is written internationally,
 * "+49 30 901820"; anything that does not parse is shown as it is.
 */
export function formatPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}

/** Sorts by a display name the way a reader of `language` expects (é next to e, Ö next to O in German). */
export function compareNames(language: Language): (a: string, b: string) => number {
  const collator = new Intl.Collator(intlLocale(language), { sensitivity: 'base' });
  return (a, b) => collator.compare(a, b);
}

/** e.g. 'ar', 'fr' → "arabe": catalog languages are any ISO 639 code, named by Intl. */
export function languageName(code: string, language: Language): string {
  return displayName('language', code, language);
}
