import { RATE_SCALE, type ExchangeRate } from './fx.ts';
import { roundDiv } from './totals.ts';

/**
 * A cross rate through a pivot currency: the ECB quotes every currency against the euro, so an
 * invoice in USD for a company keeping its books in MAD takes USD → EUR → MAD from the rates
 * EUR/USD (ECB) and EUR/MAD (typed from Bank Al-Maghrib, the ECB has no MAD).
 *
 * Each leg relates the pivot to one currency, either way round. The answer is 1 `from` = rate `to`,
 * rounded once to the 8 decimals a rate is stored with: the document keeps that one rate, so its
 * base amounts are its currency amounts × the rate printed on it. Null when a leg does not relate
 * the pivot to its currency or the rate rounds to zero.
 */
export function crossRate(pivot: string, viaFrom: ExchangeRate, viaTo: ExchangeRate, from: string, to: string): ExchangeRate | null {
  const fromPerPivot = perPivot(pivot, viaFrom, from);
  const toPerPivot = perPivot(pivot, viaTo, to);
  if (fromPerPivot === null || toPerPivot === null) return null;
  // 1 from = (to per pivot) / (from per pivot) to.
  const scaled = Number(roundDiv(toPerPivot.n * fromPerPivot.d * BigInt(RATE_SCALE), toPerPivot.d * fromPerPivot.n));
  return scaled > 0 && Number.isSafeInteger(scaled) ? { unit: from, quote: to, scaled } : null;
}

/** Units of `currency` per 1 pivot, as the fraction n / d. */
function perPivot(pivot: string, rate: ExchangeRate, currency: string): { n: bigint; d: bigint } | null {
  if (rate.unit === pivot && rate.quote === currency) return { n: BigInt(rate.scaled), d: BigInt(RATE_SCALE) };
  if (rate.unit === currency && rate.quote === pivot) return { n: BigInt(RATE_SCALE), d: BigInt(rate.scaled) };
  return null;
}
