import { describe, expect, it } from 'vitest';
import { checkSiren, checkSiret } from '../../../shared/validation/frenchIds.ts';

// Real numbers from the INSEE register as printed on company websites (python-stdnum's test
// suite collects the same ones).
describe('checkSiren', () => {
  it.each([
    ['732829320', '732829320'],
    ['732 829 320', '732829320'],
    ['552.008.443', '552008443'],
    ['542-065-479', '542065479'],
    ['356000000', '356000000'],
  ])('accepts %s', (input, normalized) => {
    expect(checkSiren(input)).toEqual({ ok: true, normalized });
  });

  it('refuses one changed digit with the checksum key', () => {
    expect(checkSiren('732829321')).toMatchObject({ ok: false, key: 'validation.siren.checksum' });
    expect(checkSiren('732829230')).toMatchObject({ ok: false, key: 'validation.siren.checksum' });
  });

  it('refuses a wrong length with the length key', () => {
    expect(checkSiren('73282932')).toMatchObject({ key: 'validation.siren.length', params: { expected: 9, actual: 8 } });
    expect(checkSiren('73282932000074')).toMatchObject({ key: 'validation.siren.length', params: { actual: 14 } });
  });

  it('refuses letters with the format key', () => {
    expect(checkSiren('73282932O')).toMatchObject({ key: 'validation.siren.format' });
  });

  it('asks for a value when empty', () => {
    expect(checkSiren('')).toMatchObject({ key: 'validation.siren.required' });
  });
});

describe('checkSiret', () => {
  it.each([
    ['73282932000074', '73282932000074'],
    ['732 829 320 00074', '73282932000074'],
    ['44126652500019', '44126652500019'],
    ['542 097 324 0006 6', '54209732400066'],
    ['775.563.232.00104', '77556323200104'],
  ])('accepts %s', (input, normalized) => {
    expect(checkSiret(input)).toEqual({ ok: true, normalized });
  });

  it('accepts La Poste establishments, whose digit sum is a multiple of 5 (not Luhn)', () => {
    expect(checkSiret('356 000 000 09075')).toEqual({ ok: true, normalized: '35600000009075' });
    expect(checkSiret('35600000049837')).toEqual({ ok: true, normalized: '35600000049837' });
    // The head office keeps a Luhn-valid number.
    expect(checkSiret('35600000000048')).toEqual({ ok: true, normalized: '35600000000048' });
  });

  it('refuses a La Poste SIRET whose digit sum is not a multiple of 5', () => {
    expect(checkSiret('35600000049838')).toMatchObject({ key: 'validation.siret.checksum' });
  });

  it('refuses one changed digit with the checksum key', () => {
    expect(checkSiret('73282932000075')).toMatchObject({ key: 'validation.siret.checksum' });
    expect(checkSiret('44126652500018')).toMatchObject({ key: 'validation.siret.checksum' });
  });

  it('refuses a SIRET whose SIREN part fails its own check', () => {
    // Luhn-valid over 14 digits, but 732829321 is not a valid SIREN.
    const body = '7328293210007';
    const check = [...Array(10).keys()].map(String).find((d) => {
      const digits = body + d;
      let sum = 0;
      for (let i = 0; i < digits.length; i++) {
        let n = Number(digits[digits.length - 1 - i]);
        if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
        sum += n;
      }
      return sum % 10 === 0;
    });
    expect(checkSiret(body + String(check))).toMatchObject({ key: 'validation.siret.checksum' });
  });

  it('refuses a wrong length with the length key', () => {
    expect(checkSiret('7328293200007')).toMatchObject({ key: 'validation.siret.length', params: { expected: 14, actual: 13 } });
    expect(checkSiret('732829320')).toMatchObject({ key: 'validation.siret.length', params: { actual: 9 } });
  });

  it('refuses letters with the format key', () => {
    expect(checkSiret('7328293200007A')).toMatchObject({ key: 'validation.siret.format' });
  });

  it('asks for a value when empty', () => {
    expect(checkSiret('  ')).toMatchObject({ key: 'validation.siret.required' });
  });
});
