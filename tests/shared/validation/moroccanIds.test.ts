import { describe, expect, it } from 'vitest';
import { checkIce, checkMoroccanIf, checkMoroccanRc } from '../../../shared/validation/moroccanIds.ts';

describe('checkIce', () => {
  // Published ICEs (python-stdnum's stdnum.ma.ice examples).
  it.each([
    ['001561191000066', '001561191000066'],
    ['00 21 36 09 30 00 040', '002136093000040'],
    ['ICE : 001561191000066', '001561191000066'],
    ['ice n° 001-561-191-000-066', '001561191000066'],
  ])('accepts %s', (input, normalized) => {
    expect(checkIce(input)).toEqual({ ok: true, normalized });
  });

  it('refuses anything but 15 digits with the length key, hinting at lost leading zeros', () => {
    expect(checkIce('1561191000066')).toEqual({
      ok: false,
      key: 'validation.ice.length',
      message: expect.stringContaining('leading zeros') as unknown,
      params: { expected: 15, actual: 13 },
    });
    expect(checkIce('0015611910000660')).toMatchObject({ key: 'validation.ice.length', params: { actual: 16 } });
  });

  it('refuses letters with the format key', () => {
    expect(checkIce('X0156119100006Z')).toMatchObject({ key: 'validation.ice.format' });
  });

  it('asks for a value when empty (a bare label counts as empty)', () => {
    expect(checkIce('')).toMatchObject({ key: 'validation.ice.required' });
    expect(checkIce('ICE:')).toMatchObject({ key: 'validation.ice.required' });
  });
});

describe('checkMoroccanIf', () => {
  it.each([
    ['1084460', '1084460'],
    ['40123456', '40123456'],
    ['IF : 40 123 456', '40123456'],
    ['I.F. N° 1084460', '1084460'],
    ['Identifiant fiscal: 15288451', '15288451'],
  ])('accepts %s', (input, normalized) => {
    expect(checkMoroccanIf(input)).toEqual({ ok: true, normalized });
  });

  it('refuses fewer than 7 or more than 8 digits with the length key', () => {
    expect(checkMoroccanIf('123456')).toMatchObject({ key: 'validation.moroccanIf.length', params: { actual: 6 } });
    expect(checkMoroccanIf('123456789')).toMatchObject({ key: 'validation.moroccanIf.length', params: { actual: 9 } });
    // An ICE pasted into the IF field.
    expect(checkMoroccanIf('001561191000066')).toMatchObject({ key: 'validation.moroccanIf.length' });
  });

  it('refuses letters with the format key', () => {
    expect(checkMoroccanIf('4012345A')).toMatchObject({ key: 'validation.moroccanIf.format' });
  });

  it('asks for a value when empty', () => {
    expect(checkMoroccanIf(' ')).toMatchObject({ key: 'validation.moroccanIf.required' });
  });
});

describe('checkMoroccanRc', () => {
  it.each([
    ['12345', '12345'],
    ['12345 Fès', '12345 Fès'],
    ['RC 12345 Casablanca', '12345 Casablanca'],
    ['R.C. n° 45213 - Rabat', '45213 Rabat'],
    ['RC N° 401507 / Casablanca', '401507 Casablanca'],
    ['Registre de commerce : 2345  Tanger', '2345 Tanger'],
    ['RC Casablanca 12345', '12345 Casablanca'],
    ['RC12345', '12345'],
    ['1234567 El Jadida', '1234567 El Jadida'],
    ['987 Ksar El Kébir', '987 Ksar El Kébir'],
    ['RC Nouaceur 1234', '1234 Nouaceur'],
    ['RC no. 1234 Nador', '1234 Nador'],
  ])('accepts %s', (input, normalized) => {
    expect(checkMoroccanRc(input)).toEqual({ ok: true, normalized });
  });

  it('refuses more than 7 digits with the length key', () => {
    expect(checkMoroccanRc('12345678 Casablanca')).toMatchObject({ key: 'validation.rc.length', params: { actual: 8 } });
  });

  it('refuses text without a number, or digits mixed into the town, with the format key', () => {
    expect(checkMoroccanRc('Casablanca')).toMatchObject({ key: 'validation.rc.format' });
    expect(checkMoroccanRc('12A45 Casablanca')).toMatchObject({ key: 'validation.rc.format' });
    expect(checkMoroccanRc('12345 Casa 2')).toMatchObject({ key: 'validation.rc.format' });
  });

  it('asks for a value when empty', () => {
    expect(checkMoroccanRc('')).toMatchObject({ key: 'validation.rc.required' });
    expect(checkMoroccanRc('RC')).toMatchObject({ key: 'validation.rc.required' });
  });
});
