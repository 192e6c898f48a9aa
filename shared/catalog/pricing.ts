import { mulDivRound } from '../money.ts';
import { minorUnitsOf } from '../reference/currencies.ts';

/**
 * How a price changed by a percentage is rounded afterwards:
 * - `none`: to the currency's minor unit (half away from zero);
 * - `.99`: to the nearest price ending in .99 (10.00 → 9.99, 12.60 → 12.99), never below 0.99;
 * - `whole`: to the nearest whole unit (half up);
 * - `0.05`: to the nearest 5 hundredths, as Swiss francs are paid in cash.
 * A currency without minor units (JPY, CLP) has no cents: `.99` ends in 9 instead (1234 → 1239)
 * and `0.05` keeps the whole amount.
 */
export const PRICE_ROUNDINGS = ['none', '.99', 'whole', '0.05'] as const;
export type PriceRounding = (typeof PRICE_ROUNDINGS)[number];

/** Percent with two decimals, held as basis points so no float touches an amount: 12.5 % → 1250. */
export function percentToBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/** `amountMinor` changed by `basisPoints` (1000 = +10 %), then rounded by `rounding`. */
export function changePrice(amountMinor: number, basisPoints: number, rounding: PriceRounding, currency: string): number {
  const changed = mulDivRound(amountMinor, 10_000 + basisPoints, 10_000);
  return roundPrice(Math.max(0, changed), rounding, currency);
}

export function roundPrice(amountMinor: number, rounding: PriceRounding, currency: string): number {
  const digits = minorUnitsOf(currency) ?? 2;
  const scale = 10 ** digits;
  switch (rounding) {
    case 'none':
      return amountMinor;
    case 'whole':
      return nearestMultiple(amountMinor, scale);
    case '0.05':
      return digits >= 2 ? nearestMultiple(amountMinor, scale / 20) : amountMinor;
    case '.99': {
      // The candidates are k·step − cents for k ≥ 1; the nearest is one step below the nearest multiple.
      const step = digits === 0 ? 10 : scale;
      const cents = digits === 0 ? 1 : scale / 100;
      const k = Math.max(1, Math.round((amountMinor + cents) / step));
      return k * step - cents;
    }
  }
}

function nearestMultiple(amount: number, step: number): number {
  return Math.round(amount / step) * step;
}
