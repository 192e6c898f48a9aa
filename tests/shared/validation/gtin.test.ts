import { describe, expect, it } from 'vitest';
import { checkGtin, gtinCheckDigit, gtinSpellings } from '../../../shared/validation/gtin.ts';

describe('checkGtin', () => {
  it.each([
    // Published examples: GS1's EAN-13 4006381333931, UPC-A 036000291452, EAN-8 96385074, a GTIN-14 carton.
    ['4006381333931', '4006381333931'],
    ['036000291452', '036000291452'],
    ['96385074', '96385074'],
    ['10012345678902', '10012345678902'],
    ['6111000450017', '6111000450017'],
    [' 4 006381 333931 ', '4006381333931'],
    ['400-6381-333931', '4006381333931'],
  ])('accepts %s', (input, normalized) => {
    expect(checkGtin(input)).toEqual({ ok: true, normalized });
  });

  it('refuses a wrong check digit, saying which digit it should be', () => {
    expect(checkGtin('4006381333932')).toEqual({
      ok: false,
      key: 'validation.gtin.checksum',
      message: expect.stringContaining('should be 1') as unknown,
      params: { value: '4006381333932', expected: 1, actual: 2 },
    });
    expect(checkGtin('036000291453')).toMatchObject({ ok: false, key: 'validation.gtin.checksum' });
  });

  it('catches two swapped neighbouring digits (the mod-10 weights differ)', () => {
    expect(checkGtin('4003681333931')).toMatchObject({ ok: false, key: 'validation.gtin.checksum' });
  });

  it('refuses other lengths and non-digits with their own keys', () => {
    expect(checkGtin('40063813339')).toMatchObject({ ok: false, key: 'validation.gtin.length', params: { actual: 11 } });
    expect(checkGtin('400638133393100')).toMatchObject({ ok: false, key: 'validation.gtin.length' });
    expect(checkGtin('40063813339X1')).toMatchObject({ ok: false, key: 'validation.gtin.format' });
    expect(checkGtin('')).toMatchObject({ ok: false, key: 'validation.gtin.required' });
  });

  it('computes the GS1 check digit', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('03600029145')).toBe(2);
    expect(gtinCheckDigit('9638507')).toBe(4);
  });
});

describe('gtinSpellings', () => {
  it('lists the same GTIN at every length its leading zeros allow', () => {
    expect(gtinSpellings('036000291452')).toEqual(['036000291452', '0036000291452', '00036000291452']);
    expect(gtinSpellings('00036000291452')).toEqual(['036000291452', '0036000291452', '00036000291452']);
    expect(gtinSpellings('96385074')).toEqual(['96385074', '000096385074', '0000096385074', '00000096385074']);
    expect(gtinSpellings('4006381333931')).toEqual(['4006381333931', '04006381333931']);
    expect(gtinSpellings('abc')).toEqual([]);
  });
});
