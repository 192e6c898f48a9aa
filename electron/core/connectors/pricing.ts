import { mulDivRound } from '../../../shared/money.ts';
import { changePrice, percentToBasisPoints, type PriceRounding } from '../../../shared/catalog/pricing.ts';
import { minorUnitsOf } from '../../../shared/reference/currencies.ts';

export interface PriceRule {
  currency: string;
  /** "10.85": shop-currency units per price-list-currency unit. */
  exchangeRate: string | null;
  markupPercent: number;
  rounding: PriceRounding;
}

/**
 * The price an account shows: the list price in the shop currency if the list has one, else the
 * first list price converted at the account's rate; then the markup and rounding of
 * shared/catalog/pricing. Exact integers throughout: the rate is read as a fraction.
 */
export function listingPrice(prices: readonly { currency: string; amountMinor: number }[], rule: PriceRule): number | null {
  const own = prices.find((p) => p.currency === rule.currency);
  let base: number | null = own?.amountMinor ?? null;
  if (base === null) {
    const other = prices[0];
    if (!other || rule.exchangeRate === null) return null;
    base = convert(other.amountMinor, other.currency, rule.currency, rule.exchangeRate);
  }
  return changePrice(base, percentToBasisPoints(rule.markupPercent), rule.rounding, rule.currency);
}

export function convert(amountMinor: number, from: string, to: string, rate: string): number {
  const [whole = '0', fraction = ''] = rate.split('.');
  const numerator = Number(`${whole}${fraction}`);
  let denominator = 10 ** fraction.length;
  const shift = (minorUnitsOf(to) ?? 2) - (minorUnitsOf(from) ?? 2);
  let scaledNumerator = numerator;
  if (shift >= 0) scaledNumerator *= 10 ** shift;
  else denominator *= 10 ** -shift;
  return mulDivRound(amountMinor, scaledNumerator, denominator);
}
