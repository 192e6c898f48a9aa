import { describe, expect, it } from 'vitest';
import { changePrice, percentToBasisPoints, roundPrice } from '../../../shared/catalog/pricing.ts';
import { skuPart, variantSku } from '../../../shared/catalog/product.ts';

describe('price changes', () => {
  it('changes by a percentage exactly and rounds half away from zero to the minor unit', () => {
    expect(changePrice(1000, percentToBasisPoints(10), 'none', 'EUR')).toBe(1100);
    expect(changePrice(1999, percentToBasisPoints(12.5), 'none', 'EUR')).toBe(2249); // 22.48875
    expect(changePrice(1000, percentToBasisPoints(-5.5), 'none', 'EUR')).toBe(945);
    expect(changePrice(1000, percentToBasisPoints(-99.99), 'none', 'EUR')).toBe(0);
  });

  it('rounds to the nearest .99', () => {
    expect(roundPrice(1100, '.99', 'EUR')).toBe(1099);
    expect(roundPrice(1234, '.99', 'EUR')).toBe(1199);
    expect(roundPrice(1260, '.99', 'EUR')).toBe(1299);
    expect(roundPrice(1299, '.99', 'EUR')).toBe(1299);
    expect(roundPrice(30, '.99', 'EUR')).toBe(99);
    // Three decimals (Bahraini dinar): .990; no minor unit (yen): ends in 9.
    expect(roundPrice(12_340, '.99', 'BHD')).toBe(11_990);
    expect(roundPrice(1233, '.99', 'JPY')).toBe(1229);
    expect(roundPrice(1234, '.99', 'JPY')).toBe(1239); // a tie goes up
  });

  it('rounds to whole units and to 0.05', () => {
    expect(roundPrice(1249, 'whole', 'EUR')).toBe(1200);
    expect(roundPrice(1250, 'whole', 'EUR')).toBe(1300);
    expect(roundPrice(1232, '0.05', 'CHF')).toBe(1230);
    expect(roundPrice(1233, '0.05', 'CHF')).toBe(1235);
    expect(roundPrice(1233, '0.05', 'JPY')).toBe(1233);
  });
});

describe('variant SKUs', () => {
  it('upper-cases, drops accents and joins with hyphens', () => {
    expect(variantSku('RUG-BO', [skuPart('Large', 0), skuPart('Bleu nuit', 1)])).toBe('RUG-BO-LARGE-BLEU-NUIT');
    expect(skuPart('100 ml', 0)).toBe('100-ML');
    expect(skuPart('Écru', 0)).toBe('ECRU');
    expect(skuPart('Ø 30 cm', 0)).toBe('30-CM');
    expect(skuPart('أزرق', 2)).toBe('V3');
  });
});
