import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantity } from '../../shared/quantity.ts';

describe('parseQuantity', () => {
  it.each([
    ['12', 'pcs', 12_000],
    ['12.5', 'm', 12_500],
    ['12,5', 'm', 12_500],
    ['1 200', 'pcs', 1_200_000],
    ['1.234,5', 'kg', 1_234_500],
    ['1,234.5', 'kg', 1_234_500],
    ['0.125', 'kg', 125],
    ['-3', 'pcs', -3_000],
    ['7.000', 'pcs', 7_000],
  ] as const)('%s %s → %i milli', (text, unit, milli) => {
    expect(parseQuantity(text, unit)).toEqual({ ok: true, milli });
  });

  it('refuses more decimals than the unit allows instead of rounding a count', () => {
    expect(parseQuantity('1.5', 'pcs')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseQuantity('1.255', 'm')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseQuantity('0.0001', 'kg')).toEqual({ ok: false, reason: 'decimals' });
  });

  it('refuses text that is not a number', () => {
    for (const bad of ['', '-', 'abc', '1e3', '12kg', '--1', '1.2.3.4,5,6']) {
      expect(parseQuantity(bad, 'kg').ok, bad).toBe(false);
    }
  });
});

describe('formatQuantity', () => {
  it('prints milli-units without trailing zeros', () => {
    expect(formatQuantity(12_500)).toBe('12.5');
    expect(formatQuantity(12_000)).toBe('12');
    expect(formatQuantity(-125)).toBe('-0.125');
    expect(formatQuantity(0)).toBe('0');
  });
});
