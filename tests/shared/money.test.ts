import { describe, expect, it } from 'vitest';
import { formatAmount, mulDivRound, parseAmount } from '../../shared/money.ts';

describe('parseAmount', () => {
  it.each([
    ['12.50', 'EUR', 1250],
    ['12,50', 'EUR', 1250],
    ['12,5', 'EUR', 1250],
    ['1.234,56', 'EUR', 123456],
    ['1,234.56', 'USD', 123456],
    ['1 234,56', 'MAD', 123456],
    ['1500', 'JPY', 1500],
    ['1.250', 'KWD', 1250],
    ['0', 'EUR', 0],
  ] as const)('%s %s → %i minor units', (text, currency, amountMinor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, amountMinor });
  });

  it('refuses decimals the currency does not have, and unknown currencies', () => {
    expect(parseAmount('12.505', 'EUR')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseAmount('12.5', 'JPY')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseAmount('12', 'EURO')).toEqual({ ok: false, reason: 'currency' });
    expect(parseAmount('twelve', 'EUR')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('formatAmount', () => {
  it('uses the currency’s minor units', () => {
    expect(formatAmount(1250, 'EUR')).toBe('12.50');
    expect(formatAmount(-5, 'EUR')).toBe('-0.05');
    expect(formatAmount(1250, 'JPY')).toBe('1250');
    expect(formatAmount(1250, 'KWD')).toBe('1.250');
  });
});

describe('mulDivRound', () => {
  it('prorates exactly and rounds half away from zero', () => {
    expect(mulDivRound(1000, 1, 3)).toBe(333);
    expect(mulDivRound(1000, 2, 3)).toBe(667);
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(2 ** 52, 3, 3)).toBe(2 ** 52);
  });

  it('refuses division by zero and results beyond safe integers', () => {
    expect(() => mulDivRound(1, 1, 0)).toThrow(RangeError);
    expect(() => mulDivRound(2 ** 52, 4, 1)).toThrow(RangeError);
  });
});
