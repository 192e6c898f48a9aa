import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, EU_COUNTRY_CODES, isCountryCode, isEuCountryCode } from '../../../shared/reference/countries.ts';

describe('countries', () => {
  it('has the 249 ISO 3166-1 alpha-2 codes, sorted and unique', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual([...COUNTRY_CODES]);
    expect(COUNTRY_CODES.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
  });

  it('has a name in Intl for every code, so the UI can show it', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    expect(COUNTRY_CODES.filter((c) => names.of(c) === c)).toEqual([]);
  });

  it('recognises codes exactly', () => {
    for (const code of ['DE', 'FR', 'MA', 'GB', 'AX', 'SS', 'SX', 'BQ']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['de', 'UK', 'EL', 'XK', 'EU', 'XX', 'DEU', '', 42, null]) expect(isCountryCode(code)).toBe(false);
  });

  it('has the 27 EU member states', () => {
    expect(EU_COUNTRY_CODES).toHaveLength(27);
    expect(EU_COUNTRY_CODES.every(isCountryCode)).toBe(true);
    expect(isEuCountryCode('GR')).toBe(true);
    expect(isEuCountryCode('BG')).toBe(true);
    for (const code of ['GB', 'CH', 'NO', 'MA', 'EL']) expect(isEuCountryCode(code)).toBe(false);
  });
});
