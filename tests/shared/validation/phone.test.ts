import { describe, expect, it } from 'vitest';
import { checkPhone } from '../../../shared/validation/phone.ts';

describe('checkPhone', () => {
  it.each([
    // Public switchboard numbers (Bundestag, Élysée, Casablanca city area code) and mobiles.
    ['+49 30 227-0', undefined, '+49302270'],
    ['+49 (0)30 227 0', undefined, '+49302270'],
    ['030 2270', 'DE', '+49302270'],
    ['0049 30 2270', undefined, '+49302270'],
    ['+33 1 42 92 81 00', undefined, '+33142928100'],
    ['01 42 92 81 00', 'FR', '+33142928100'],
    ['+212 522 12 34 56', undefined, '+212522123456'],
    ['0522-123456', 'MA', '+212522123456'],
    ['06 12 34 56 78', 'ma', '+212612345678'],
    ['+212 5 22 12 34 56', 'DE', '+212522123456'],
  ])('accepts %s (default country %s)', (input, country, normalized) => {
    expect(checkPhone(input, country)).toEqual({ ok: true, normalized });
  });

  it('needs a country code when no default country is given', () => {
    expect(checkPhone('030 2270')).toMatchObject({ ok: false, key: 'validation.phone.country' });
    // An unknown default country is ignored rather than trusted.
    expect(checkPhone('030 2270', 'XX')).toMatchObject({ key: 'validation.phone.country' });
  });

  it('refuses an unassigned country calling code', () => {
    expect(checkPhone('+999 1234567')).toMatchObject({ key: 'validation.phone.country' });
  });

  it('refuses too short and too long numbers', () => {
    expect(checkPhone('+49 3')).toMatchObject({ key: 'validation.phone.tooShort' });
    expect(checkPhone('+212 522 12 34 5')).toMatchObject({ key: 'validation.phone.tooShort' });
    expect(checkPhone('+49 30 2270 1234 5678 9012')).toMatchObject({ key: 'validation.phone.tooLong' });
  });

  it('refuses a number in an unassigned range with the invalid key', () => {
    // German numbers never start with 010 (a carrier-selection prefix, no area code).
    expect(checkPhone('+49 10 1234567')).toMatchObject({ key: 'validation.phone.invalid', params: { country: 'DE' } });
    // North American exchanges never start with 1; no region matches, so the calling code is named.
    expect(checkPhone('+1 212 123 4567')).toMatchObject({ key: 'validation.phone.invalid', params: { country: '+1' } });
    // Moroccan numbers do not start with 1 after the country code.
    expect(checkPhone('+212 122 12 34 56')).toMatchObject({ key: 'validation.phone.invalid' });
  });

  it('refuses an extension, which E.164 cannot hold', () => {
    expect(checkPhone('+1 213 373 4253 ext. 12')).toMatchObject({ key: 'validation.phone.extension' });
  });

  it('refuses text that is no phone number', () => {
    expect(checkPhone('call us')).toMatchObject({ key: 'validation.phone.format' });
    expect(checkPhone('Tel: +49 30 2270')).toMatchObject({ key: 'validation.phone.format' });
  });

  it('asks for a value when empty', () => {
    expect(checkPhone('  ', 'DE')).toMatchObject({ key: 'validation.phone.required' });
  });
});
