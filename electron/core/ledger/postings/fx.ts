import { ValidationError } from '../../../../shared/errors.ts';
import { minorUnitsOf } from '../../../../shared/reference/currencies.ts';

/**
 * Exchange rates are quoted as the ECB does: units of the foreign currency for one unit of the base
 * currency ("1.10" USD per EUR). A rate is a decimal string, never a float, and conversion is exact
 * integer arithmetic rounded half away from zero.
 */
const RATE = /^\d{1,9}(?:\.\d{1,10})?$/;

export function checkRate(rate: string, path = 'rate'): void {
  if (!RATE.test(rate) || !/[1-9]/.test(rate)) {
    throw new ValidationError([
      { path, key: 'ledger.rate.invalid', message: `"${rate}" is not an exchange rate: write it like 1.0865 (units of the currency for one unit of the base currency).`, params: { rate } },
    ]);
  }
}

/** `amountMinor` of `currency` in minor units of `baseCurrency` at `rate` (foreign per base). */
export function toBase(amountMinor: number, currency: string, baseCurrency: string, rate: string): number {
  if (currency === baseCurrency) return amountMinor;
  checkRate(rate);
  const [whole = '0', fraction = ''] = rate.split('.');
  const rateScaled = BigInt(whole + fraction);
  const from = minorUnitsOf(currency);
  const to = minorUnitsOf(baseCurrency);
  if (from === undefined || to === undefined) throw new RangeError(`ledger: unknown currency ${from === undefined ? currency : baseCurrency}`);
  // base = amount / 10^from × 10^to / (rateScaled / 10^fraction.length)
  const n = BigInt(amountMinor) * 10n ** BigInt(to + fraction.length);
  const d = rateScaled * 10n ** BigInt(from);
  const negative = n < 0n;
  const an = negative ? -n : n;
  const q = (an * 2n + d) / (d * 2n);
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('ledger: converted amount is not a safe integer');
  return result;
}
