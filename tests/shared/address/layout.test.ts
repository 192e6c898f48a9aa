import { describe, expect, it } from 'vitest';
import { addressLayout, checkPostalCode, formatAddressLines } from '../../../shared/address/layout.ts';

describe('address layout per country', () => {
  it('checks and tidies postal codes where the country has a known layout', () => {
    expect(checkPostalCode('DE', '20457')).toEqual({ ok: true, normalized: '20457' });
    expect(checkPostalCode('NL', '1234ab')).toEqual({ ok: true, normalized: '1234 AB' });
    expect(checkPostalCode('GB', 'sw1a1aa')).toEqual({ ok: true, normalized: 'SW1A 1AA' });
    expect(checkPostalCode('CA', 'k1a0b1')).toEqual({ ok: true, normalized: 'K1A 0B1' });
    expect(checkPostalCode('PL', '00950')).toEqual({ ok: true, normalized: '00-950' });
    expect(checkPostalCode('MA', '30000')).toEqual({ ok: true, normalized: '30000' });
    expect(checkPostalCode('US', '62704-1234')).toEqual({ ok: true, normalized: '62704-1234' });
    expect(checkPostalCode('DE', '2045')).toMatchObject({ ok: false, key: 'contacts.postalCode.format', params: { country: 'DE', example: '12345' } });
    expect(checkPostalCode('US', 'ABCDE')).toMatchObject({ ok: false });
    // No layout known: kept as typed, upper case.
    expect(checkPostalCode('KE', '00100')).toEqual({ ok: true, normalized: '00100' });
    expect(checkPostalCode('DE', null)).toEqual({ ok: true, normalized: null });
  });

  it('prints an address in the order of its country', () => {
    const base = { line1: 'Speicherstadt 12', line2: null, region: null };
    expect(formatAddressLines({ ...base, postalCode: '20457', city: 'Hamburg', country: 'DE' }, 'Deutschland')).toEqual([
      'Speicherstadt 12',
      '20457 Hamburg',
      'Deutschland',
    ]);
    expect(formatAddressLines({ ...base, line1: '1 Main St', postalCode: '62704', city: 'Springfield', region: 'IL', country: 'US' })).toEqual([
      '1 Main St',
      'Springfield, IL 62704',
    ]);
    expect(formatAddressLines({ ...base, line1: '10 Downing St', postalCode: 'SW1A 2AA', city: 'London', country: 'GB' })).toEqual([
      '10 Downing St',
      'London',
      'SW1A 2AA',
    ]);
    expect(addressLayout('AE').hasPostalCode).toBe(false);
    expect(addressLayout('us').postalCodeName).toBe('zip');
  });
});
