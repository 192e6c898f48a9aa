import { describe, expect, it } from 'vitest';
import {
  convertLength,
  convertWeight,
  formatDimensions,
  formatWeight,
  toGrams,
  toMillimetres,
} from '../../../shared/catalog/units.ts';

describe('weight conversions', () => {
  it('uses the exact international pound and ounce', () => {
    expect(convertWeight(453.59237, 'lb')).toBe(1);
    expect(convertWeight(28.349523125, 'oz')).toBeCloseTo(1, 12);
    expect(convertWeight(18_000, 'kg')).toBe(18);
    expect(convertWeight(18_000, 'lb')).toBeCloseTo(39.6832, 4);
  });

  it('turns typed imperial values into whole grams', () => {
    expect(toGrams(1, 'lb')).toBe(454);
    expect(toGrams(3.5, 'oz')).toBe(99);
    expect(toGrams(12.5, 'kg')).toBe(12_500);
    expect(toGrams(toGrams(0, 'g'), 'g')).toBe(0);
  });

  it('round-trips grams through pounds within half a gram', () => {
    for (const grams of [1, 92, 240, 999, 19_500, 1_000_000]) {
      expect(toGrams(convertWeight(grams, 'lb'), 'lb')).toBe(grams);
    }
  });

  it('formats weights the way each system writes them', () => {
    expect(formatWeight(850)).toBe('850 g');
    expect(formatWeight(12_500)).toBe('12.5 kg');
    expect(formatWeight(400, 'imperial')).toBe('14.1 oz');
    expect(formatWeight(12_500, 'imperial')).toBe('27.56 lb');
  });
});

describe('length conversions', () => {
  it('uses 25.4 mm to the inch', () => {
    expect(convertLength(25.4, 'in')).toBe(1);
    expect(convertLength(3000, 'm')).toBe(3);
    expect(convertLength(304.8, 'ft')).toBeCloseTo(1, 12);
    expect(toMillimetres(78.74, 'in')).toBe(2000);
    expect(toMillimetres(12.3, 'cm')).toBe(123);
  });

  it('formats dimensions in one unit chosen by the largest side, leaving out missing sides', () => {
    expect(formatDimensions({ lengthMm: 3000, widthMm: 2000, heightMm: 25 })).toBe('300 × 200 × 2.5 cm');
    expect(formatDimensions({ lengthMm: 3000, widthMm: 2000, heightMm: null }, 'imperial')).toBe('118.11 × 78.74 in');
    expect(formatDimensions({ lengthMm: 12_000, widthMm: 3000, heightMm: null })).toBe('12 × 3 m');
    expect(formatDimensions({ lengthMm: 5, widthMm: 3, heightMm: 1 })).toBe('5 × 3 × 1 mm');
    expect(formatDimensions({ lengthMm: null, widthMm: null, heightMm: null })).toBeNull();
  });
});
