import { describe, expect, it } from 'vitest';
import { checkHsCode } from '../../../shared/validation/hsCode.ts';

describe('checkHsCode', () => {
  it.each([
    ['570110', '570110'],
    ['5701.10', '570110'],
    ['0910 99 99', '09109999'],
    ['6912.00.10.00', '6912001000'],
    ['1515900000', '1515900000'],
  ])('accepts %s as %s', (input, normalized) => {
    expect(checkHsCode(input)).toEqual({ ok: true, normalized });
  });

  it('refuses fewer than 6 or more than 10 digits, naming the count', () => {
    expect(checkHsCode('5701')).toMatchObject({ ok: false, key: 'validation.hsCode.length', params: { actual: 4 } });
    expect(checkHsCode('57011000001')).toMatchObject({ ok: false, key: 'validation.hsCode.length', params: { actual: 11 } });
  });

  it('refuses letters and chapter 00', () => {
    expect(checkHsCode('5701-10')).toMatchObject({ ok: false, key: 'validation.hsCode.format' });
    expect(checkHsCode('HS570110')).toMatchObject({ ok: false, key: 'validation.hsCode.format' });
    expect(checkHsCode('001234')).toMatchObject({ ok: false, key: 'validation.hsCode.chapter' });
    expect(checkHsCode('  ')).toMatchObject({ ok: false, key: 'validation.hsCode.required' });
  });
});
