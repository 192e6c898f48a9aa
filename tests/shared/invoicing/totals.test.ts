import { describe, expect, it } from 'vitest';
import { computeTotals, lineNetMinor, taxOf, type TotalsLine } from '../../../shared/invoicing/totals.ts';
import { convert, formatRate, parseRate, RATE_SCALE } from '../../../shared/invoicing/fx.ts';

function rate(text: string): number {
  const scaled = parseRate(text);
  if (scaled === null) throw new Error(`bad rate ${text}`);
  return scaled;
}

const S19 = { taxCategory: 'S', taxRateBp: 1900 } as const;
const S7 = { taxCategory: 'S', taxRateBp: 700 } as const;

describe('line net amounts are rounded once, to the minor unit', () => {
  it.each([
    // quantity (milli), unit price (minor), discount (bp) → net (minor)
    [2500, 199, 0, 498], // 2.5 kg × 1.99 = 4.975 → 4.98 (half away from zero)
    [1000, 1999, 0, 1999],
    [3333, 100, 0, 333], // 3.333 m × 1.00 = 3.333 → 3.33
    [1000, 999, 1000, 899], // 9.99 − 10 % = 8.991 → 8.99
    [1000, 1, 5000, 1], // 0.01 − 50 % = 0.005 → 0.01
    [3000, 3333, 333, 9666], // 99.99 × (1 − 3.33 %) = 96.660333 → 96.66
  ])('%i milli × %i minor − %i bp', (quantityMilli, unitPriceMinor, discountBp, expected) => {
    expect(lineNetMinor({ quantityMilli, unitPriceMinor, discountBp })).toBe(expected);
  });

  it('rounds negative amounts (credit adjustments) away from zero too', () => {
    expect(lineNetMinor({ quantityMilli: -2500, unitPriceMinor: 199 })).toBe(-498);
  });

  it('holds amounts beyond 2^53 in the intermediate product exactly', () => {
    // 1,000,000 units at 9,000,000.00 each: the product of the factors exceeds 2^53.
    expect(lineNetMinor({ quantityMilli: 1_000_000_000, unitPriceMinor: 900_000_000 })).toBe(900_000_000_000_000);
  });
});

describe('VAT per rate on the sum of that rate’s lines', () => {
  it('three lines of 0.99 at 19 %: 0.56, not three times 0.19', () => {
    const lines: TotalsLine[] = [0, 1, 2].map(() => ({ quantityMilli: 1000, unitPriceMinor: 99, ...S19 }));
    const totals = computeTotals(lines);
    expect(totals.taxes).toEqual([{ category: 'S', rateBp: 1900, baseMinor: 297, taxMinor: 56 }]);
    expect(totals.grossMinor).toBe(353);
  });

  it('groups by rate, highest first, and totals are sums of rounded parts', () => {
    const totals = computeTotals([
      { quantityMilli: 2500, unitPriceMinor: 199, ...S7 }, // 4.98
      { quantityMilli: 1000, unitPriceMinor: 1049, ...S19 }, // 10.49
      { quantityMilli: 3000, unitPriceMinor: 333, ...S7 }, // 9.99
      { quantityMilli: 1000, unitPriceMinor: 2500, taxCategory: 'G', taxRateBp: 0 }, // export line
    ]);
    expect(totals.lineNets).toEqual([498, 1049, 999, 2500]);
    expect(totals.taxes).toEqual([
      { category: 'S', rateBp: 1900, baseMinor: 1049, taxMinor: 199 }, // 1.9931 → 1.99
      { category: 'S', rateBp: 700, baseMinor: 1497, taxMinor: 105 }, // 1.0479 → 1.05
      { category: 'G', rateBp: 0, baseMinor: 2500, taxMinor: 0 },
    ]);
    expect(totals.netMinor).toBe(498 + 1049 + 999 + 2500);
    expect(totals.taxMinor).toBe(199 + 105);
    expect(totals.grossMinor).toBe(totals.netMinor + totals.taxMinor);
  });

  it('French 5.5 % and 2.1 % round half away from zero', () => {
    expect(taxOf(1000, 550)).toBe(55);
    expect(taxOf(10, 550)).toBe(1); // 0.10 × 5.5 % = 0.55 cent → 1 cent
    expect(taxOf(2381, 210)).toBe(50); // 50.001 → 50
    expect(taxOf(2380, 210)).toBe(50); // 49.98 → 50
    expect(taxOf(1190, 210)).toBe(25); // 24.99 → 25
  });

  it('works in a currency without minor units and with three', () => {
    // JPY: amounts are whole yen. 3 × ¥333 at 10 % → base 999, tax 99.9 → 100.
    expect(computeTotals([{ quantityMilli: 3000, unitPriceMinor: 333, taxCategory: 'S', taxRateBp: 1000 }]).taxes[0]?.taxMinor).toBe(100);
    // KWD has 3 decimals: 1.255 KWD × 2 at 20 % → 2.510 base, 0.502 tax.
    expect(computeTotals([{ quantityMilli: 2000, unitPriceMinor: 1255, taxCategory: 'S', taxRateBp: 2000 }]).taxes[0]?.taxMinor).toBe(502);
  });
});

describe('exchange rates', () => {
  it('parses and formats rates exactly', () => {
    expect(parseRate('1.0876')).toBe(108_760_000);
    expect(parseRate('0,58231')).toBe(58_231_000);
    expect(parseRate('162.5')).toBe(162.5 * RATE_SCALE);
    expect(formatRate(108_760_000)).toBe('1.0876');
    for (const bad of ['0', '-1.1', 'abc', '1.123456789', '']) expect(parseRate(bad)).toBeNull();
  });

  it('the accounting.md example: USD 1,000 at 1.10 is EUR 909.09; at 1.05 EUR 952.38', () => {
    const at110 = { unit: 'EUR', quote: 'USD', scaled: rate('1.10') };
    const at105 = { unit: 'EUR', quote: 'USD', scaled: rate('1.05') };
    expect(convert(100000, 'USD', 'EUR', at110)).toBe(90909);
    expect(convert(100000, 'USD', 'EUR', at105)).toBe(95238);
    expect(convert(90909, 'EUR', 'USD', at110)).toBe(100000);
  });

  it('converts between currencies of different minor units and refuses a rate of another pair', () => {
    const jpy = { unit: 'EUR', quote: 'JPY', scaled: rate('162.5') };
    expect(convert(100, 'EUR', 'JPY', jpy)).toBe(163); // 1.00 EUR → ¥162.5 → ¥163
    expect(convert(16250, 'JPY', 'EUR', jpy)).toBe(10000);
    expect(() => convert(100, 'USD', 'JPY', jpy)).toThrow(/cannot convert USD to JPY/);
  });
});
