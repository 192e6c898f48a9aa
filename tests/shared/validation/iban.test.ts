import { describe, expect, it } from 'vitest';
import { checkBic, checkIban } from '../../../shared/validation/iban.ts';

describe('checkIban', () => {
  it.each([
    // Examples from the SWIFT IBAN registry and banks' published specimen accounts.
    ['DE89370400440532013000', 'DE89370400440532013000'],
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['fr14 2004 1010 0505 0001 3m02 606', 'FR1420041010050500013M02606'],
    ['MA64011519000001205000534921', 'MA64011519000001205000534921'],
    ['MA64 0115 1900 0001 2050 0053 4921', 'MA64011519000001205000534921'],
    ['IBAN: NL91 ABNA 0417 1643 00', 'NL91ABNA0417164300'],
    ['GB29-NWBK-6016-1331-9268-19', 'GB29NWBK60161331926819'],
    ['BE71 0961 2345 6769', 'BE71096123456769'],
  ])('accepts %s', (input, normalized) => {
    expect(checkIban(input)).toEqual({ ok: true, normalized });
  });

  it('refuses one changed digit with the checksum key', () => {
    expect(checkIban('DE89370400440532013001')).toMatchObject({ ok: false, key: 'validation.iban.checksum' });
    expect(checkIban('MA64011519000001205000534922')).toMatchObject({ ok: false, key: 'validation.iban.checksum' });
  });

  it('refuses swapped check digits with the checksum key', () => {
    expect(checkIban('DE98370400440532013000')).toMatchObject({ ok: false, key: 'validation.iban.checksum' });
  });

  it('refuses a national check digit mismatch (Belgium) with the checksum key', () => {
    // IBAN check digits recomputed to be right, so only the Belgian account key is wrong.
    expect(checkIban('BE68539007547034')).toEqual({ ok: true, normalized: 'BE68539007547034' });
    expect(checkIban('BE41539007547035')).toMatchObject({ ok: false, key: 'validation.iban.checksum' });
  });

  it('refuses a wrong length with the length key and says the expected length', () => {
    expect(checkIban('DE8937040044053201300')).toEqual({
      ok: false,
      key: 'validation.iban.length',
      message: expect.stringContaining('22') as unknown,
      params: { country: 'DE', expected: 22, actual: 21 },
    });
    expect(checkIban('MA6401151900000120500053492')).toMatchObject({
      key: 'validation.iban.length',
      params: { expected: 28, actual: 27 },
    });
  });

  it('refuses an unknown country and a country without IBANs with the country key', () => {
    expect(checkIban('XX89370400440532013000')).toMatchObject({ key: 'validation.iban.country', params: { country: 'XX' } });
    expect(checkIban('US64SVBKUS6S3300958879')).toMatchObject({ key: 'validation.iban.country', params: { country: 'US' } });
  });

  it('refuses a letter where the country expects digits with the format key', () => {
    expect(checkIban('DE89A70400440532013000')).toMatchObject({ key: 'validation.iban.format', params: { country: 'DE' } });
    expect(checkIban('DEAB370400440532013000')).toMatchObject({ key: 'validation.iban.format' });
    expect(checkIban('1234')).toMatchObject({ key: 'validation.iban.format' });
    expect(checkIban('DE89_3704_0044_0532_0130_00')).toMatchObject({ key: 'validation.iban.format' });
  });

  it('asks for a value when empty', () => {
    expect(checkIban('   ')).toMatchObject({ key: 'validation.iban.required' });
  });
});

describe('checkBic', () => {
  it.each([
    ['DEUTDEFF', 'DEUTDEFF'],
    ['BMCEMAMC', 'BMCEMAMC'],
    ['deutdeff500', 'DEUTDEFF500'],
    ['BNPA FR PP XXX', 'BNPAFRPPXXX'],
    ['NEDSZAJJXXX', 'NEDSZAJJXXX'],
  ])('accepts %s', (input, normalized) => {
    expect(checkBic(input)).toEqual({ ok: true, normalized });
  });

  it('refuses 7, 9 or 10 characters with the length key', () => {
    expect(checkBic('DEUTDEF')).toMatchObject({ key: 'validation.bic.length', params: { actual: 7 } });
    expect(checkBic('DEUTDEFF5')).toMatchObject({ key: 'validation.bic.length', params: { actual: 9 } });
    expect(checkBic('DEUTDEFF50')).toMatchObject({ key: 'validation.bic.length', params: { actual: 10 } });
  });

  it('refuses a digit in the bank or country part with the format key', () => {
    expect(checkBic('DEU1DEFF')).toMatchObject({ key: 'validation.bic.format' });
    expect(checkBic('DEUTD3FF')).toMatchObject({ key: 'validation.bic.format' });
    expect(checkBic('DEUTDEF-')).toMatchObject({ key: 'validation.bic.format' });
  });

  it('refuses an unknown country code with the country key', () => {
    expect(checkBic('DEUTXXFF')).toMatchObject({ key: 'validation.bic.country', params: { country: 'XX' } });
  });

  it('asks for a value when empty', () => {
    expect(checkBic('')).toMatchObject({ key: 'validation.bic.required' });
  });
});
