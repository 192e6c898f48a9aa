import { minorUnitsOf } from './reference/currencies.ts';

/**
 * Money is an integer amount of the currency's minor unit plus its ISO 4217 code. Amounts are
 * never held as floats; a decimal string is parsed straight into minor units.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; reason: 'format' | 'decimals' | 'currency' | 'range' };

/** Parses "12.50", "12,50", "1.234,50" or "1,234.50" for the currency's number of decimals. */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const digits = minorUnitsOf(currency);
  if (digits === undefined) return { ok: false, reason: 'currency' };
  const raw = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  const decimalSeparator = decimalSeparatorOf(raw);
  const plain = decimalSeparator === null ? raw.replace(/[.,]/g, '') : raw.replace(decimalSeparator === ',' ? /\./g : /,/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(plain);
  if (!match) return { ok: false, reason: 'format' };
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > digits) return { ok: false, reason: 'decimals' };
  const minor = Number(whole) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'range' };
  return { ok: true, amountMinor: sign === '-' ? -minor : minor };
}

/** A separator followed by 1–2 digits at the end, or the later of two different ones, is decimal. */
function decimalSeparatorOf(raw: string): ',' | '.' | null {
  const lastComma = raw.lastIndexOf(',');
  const lastDot = raw.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) return lastComma > lastDot ? ',' : '.';
  const last = Math.max(lastComma, lastDot);
  if (last < 0) return null;
  const separator = raw[last] as ',' | '.';
  const occurrences = raw.split(separator).length - 1;
  // "1.234" with three digits after a single separator is ambiguous; a thousands group is the
  // likelier reading only when the separator repeats ("1.234.567").
  return occurrences === 1 ? separator : null;
}

/** Minor units as a plain decimal string: 1250 EUR → "12.50", 1250 JPY → "1250". */
export function formatAmount(amountMinor: number, currency: string): string {
  const digits = minorUnitsOf(currency) ?? 2;
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

/**
 * a × b / c rounded half away from zero, exact for any safe integers (BigInt inside): the one
 * place where costs are prorated (cost of goods of part of a stock, value of a quantity).
 */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError('mulDivRound: division by zero');
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('mulDivRound: result is not a safe integer');
  return result;
}
