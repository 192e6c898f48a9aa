import { describe, expect, it } from 'vitest';
import { CURRENCIES, CURRENCY_CODES, isCurrencyCode, minorUnitsOf } from '../../../shared/reference/currencies.ts';

describe('currencies', () => {
  it('gives the ISO 4217 minor units', () => {
    for (const code of ['EUR', 'USD', 'MAD', 'GBP', 'CHF', 'CNY', 'IDR', 'HUF', 'XCD', 'XCG']) expect(minorUnitsOf(code)).toBe(2);
    for (const code of ['JPY', 'KRW', 'XOF', 'XAF', 'XPF', 'CLP', 'ISK', 'VND', 'UGX', 'PYG']) expect(minorUnitsOf(code)).toBe(0);
    for (const code of ['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD']) expect(minorUnitsOf(code)).toBe(3);
  });

  it('answers undefined for unknown, withdrawn and non-currency codes', () => {
    for (const code of ['XXX', 'XAU', 'XDR', 'HRK', 'ANG', 'eur', 'EURO', '']) expect(minorUnitsOf(code)).toBeUndefined();
    expect(minorUnitsOf('toString')).toBeUndefined();
  });

  it('recognises codes exactly', () => {
    expect(isCurrencyCode('MAD')).toBe(true);
    expect(isCurrencyCode('mad')).toBe(false);
    expect(isCurrencyCode('constructor')).toBe(false);
    expect(isCurrencyCode(978)).toBe(false);
  });

  it('lists every code once, sorted, each three upper-case letters with 0, 2 or 3 minor units', () => {
    expect(CURRENCY_CODES).toEqual(Object.keys(CURRENCIES).sort());
    expect(CURRENCY_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    expect(Object.values(CURRENCIES).every(({ minorUnits }) => [0, 2, 3].includes(minorUnits))).toBe(true);
  });
});
