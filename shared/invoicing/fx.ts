import { minorUnitsOf } from '../reference/currencies.ts';
import { roundDiv } from './totals.ts';

/**
 * Exchange rates as exact integers: `scaled` is the rate × 10^8, so "1.0876" and ECB's oldest
 * five-decimal rates ("0.58231") are held without a float. A rate says 1 `unit` = rate `quote`
 * (the ECB's orientation: 1 EUR = 1.0876 USD).
 */
export const RATE_SCALE = 100_000_000;
const RATE_DECIMALS = 8;

export interface ExchangeRate {
  unit: string;
  quote: string;
  scaled: number;
}

/** "1.0876" → 108760000; refuses zero, negatives, more than 8 decimals and garbage. */
export function parseRate(text: string): number | null {
  const t = text.trim().replace(',', '.');
  const m = /^(\d{1,9})(?:\.(\d{1,8}))?$/.exec(t);
  if (!m) return null;
  const scaled = Number(m[1]) * RATE_SCALE + Number(((m[2] ?? '') + '0'.repeat(RATE_DECIMALS)).slice(0, RATE_DECIMALS));
  return scaled > 0 && Number.isSafeInteger(scaled) ? scaled : null;
}

/** 108760000 → "1.0876". */
export function formatRate(scaled: number): string {
  const whole = Math.floor(scaled / RATE_SCALE);
  const fraction = String(scaled % RATE_SCALE).padStart(RATE_DECIMALS, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

function digits(currency: string): bigint {
  const d = minorUnitsOf(currency);
  if (d === undefined) throw new RangeError(`Unknown currency ${currency}.`);
  return 10n ** BigInt(d);
}

/**
 * Converts minor units of `from` into minor units of `to` with a rate quoted either way round,
 * rounding once, half away from zero. USD 1,000.00 at 1 EUR = 1.10 USD → EUR 909.09.
 */
export function convert(amountMinor: number, from: string, to: string, rate: ExchangeRate): number {
  if (from === to) return amountMinor;
  const a = BigInt(amountMinor);
  const r = BigInt(rate.scaled);
  const scale = BigInt(RATE_SCALE);
  let n: bigint;
  let d: bigint;
  if (rate.unit === from && rate.quote === to) {
    n = a * r * digits(to);
    d = scale * digits(from);
  } else if (rate.unit === to && rate.quote === from) {
    n = a * scale * digits(to);
    d = r * digits(from);
  } else {
    throw new RangeError(`A ${rate.unit}/${rate.quote} rate cannot convert ${from} to ${to}.`);
  }
  const result = Number(roundDiv(n, d));
  if (!Number.isSafeInteger(result)) throw new RangeError('The converted amount is too large to hold exactly.');
  return result;
}
