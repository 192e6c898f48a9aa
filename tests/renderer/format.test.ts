import { describe, expect, it } from 'vitest';
import {
  compareNames,
  countryName,
  currencyName,
  formatDate,
  formatDateTime,
  formatIban,
  formatInteger,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPhone,
  minorToDecimalString,
  monthNames,
} from '../../renderer/src/format.ts';

/** Intl uses no-break and narrow no-break spaces, and bidi marks in Arabic: compare on plain text. */
function plain(text: string): string {
  return text.replace(/[\u200e\u200f\u061c]/g, '').replace(/\s/g, ' ');
}

describe('minorToDecimalString', () => {
  it('places the decimal point by the currency’s digits, on the digits, not through a float', () => {
    expect(minorToDecimalString(123456, 2)).toBe('1234.56');
    expect(minorToDecimalString(5, 2)).toBe('0.05');
    expect(minorToDecimalString(-5, 2)).toBe('-0.05');
    expect(minorToDecimalString(0, 2)).toBe('0.00');
    expect(minorToDecimalString(1234, 0)).toBe('1234');
    expect(minorToDecimalString(1500, 3)).toBe('1.500');
    // Past 2^53 a number would already have lost its last digit; a bigint keeps it.
    expect(minorToDecimalString(9007199254740993n, 2)).toBe('90071992547409.93');
  });

  it('refuses anything that is not a whole number of minor units', () => {
    expect(() => minorToDecimalString(12.5, 2)).toThrow(RangeError);
    expect(() => minorToDecimalString(Number.MAX_SAFE_INTEGER + 2, 2)).toThrow(RangeError);
    expect(() => minorToDecimalString(1, -1)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats euros the way each language writes them', () => {
    expect(plain(formatMoney(123456, 'EUR', 'en'))).toBe('€1,234.56');
    expect(plain(formatMoney(123456, 'EUR', 'fr'))).toBe('1 234,56 €');
    expect(plain(formatMoney(123456, 'EUR', 'de'))).toBe('1.234,56 €');
    expect(plain(formatMoney(123456, 'EUR', 'ar'))).toBe('1.234,56 €');
    expect(plain(formatMoney(-5, 'EUR', 'de'))).toBe('-0,05 €');
  });

  it('uses the ISO 4217 number of decimals, also where Intl has another idea', () => {
    expect(plain(formatMoney(1234, 'JPY', 'en'))).toBe('JP¥1,234'); // 0 decimals
    expect(plain(formatMoney(1234, 'KWD', 'en'))).toBe('KWD 1.234'); // 3 decimals
    // Intl shows IQD without decimals; ISO (and the stored amount) has 3.
    expect(plain(formatMoney(1500, 'IQD', 'en'))).toBe('IQD 1.500');
    expect(plain(formatMoney(123456, 'MAD', 'fr'))).toBe('1 234,56 MAD');
  });

  it('shows large amounts exactly', () => {
    expect(formatMoney(9007199254740993n, 'EUR', 'en')).toBe('€90,071,992,547,409.93');
  });

  it('shows an unknown currency code with two decimals rather than failing', () => {
    expect(plain(formatMoney(100, 'XYZ', 'en'))).toBe('1.00 XYZ');
  });

  it('refuses fractional minor units', () => {
    expect(() => formatMoney(0.5, 'EUR', 'en')).toThrow(RangeError);
  });
});

describe('numbers', () => {
  it('group digits by language', () => {
    expect(plain(formatNumber(1234567.5, 'en'))).toBe('1,234,567.5');
    expect(plain(formatNumber(1234567.5, 'fr'))).toBe('1 234 567,5');
    expect(plain(formatNumber(1234567.5, 'de'))).toBe('1.234.567,5');
    expect(plain(formatInteger(100000, 'de'))).toBe('100.000');
  });

  it('use Western digits in Arabic, as Moroccan documents do', () => {
    expect(plain(formatInteger(100000, 'ar'))).toBe('100.000');
  });

  it('turn progress into a whole percentage', () => {
    expect(plain(formatPercent(1, 3, 'en'))).toBe('33%');
    expect(plain(formatPercent(1, 3, 'fr'))).toBe('33 %');
    expect(plain(formatPercent(5, 0, 'en'))).toBe('0%');
    expect(plain(formatPercent(7, 5, 'en'))).toBe('100%');
  });
});

describe('dates', () => {
  const instant = '2026-01-31T12:05:00Z';

  it('write day, month and a four-digit year in the language’s order', () => {
    expect(formatDate(instant, 'en', 'UTC')).toBe('31/01/2026');
    expect(formatDate(instant, 'fr', 'UTC')).toBe('31/01/2026');
    expect(formatDate(instant, 'de', 'UTC')).toBe('31.01.2026');
    expect(plain(formatDate(instant, 'ar', 'UTC'))).toBe('31/01/2026');
  });

  it('add a 24-hour time', () => {
    expect(plain(formatDateTime(instant, 'en', 'UTC'))).toBe('31/01/2026, 12:05');
    expect(plain(formatDateTime(instant, 'de', 'UTC'))).toBe('31.01.2026, 12:05');
  });

  it('name the months', () => {
    expect(monthNames('en')).toHaveLength(12);
    expect(monthNames('fr')[0]).toBe('janvier');
    expect(monthNames('de')[2]).toBe('März');
    expect(monthNames('ar')[0]).toBe('يناير');
  });
});

describe('reference names', () => {
  it('come from Intl in the interface language', () => {
    expect(countryName('MA', 'en')).toBe('Morocco');
    expect(countryName('MA', 'fr')).toBe('Maroc');
    expect(countryName('MA', 'de')).toBe('Marokko');
    expect(countryName('MA', 'ar')).toBe('المغرب');
    expect(currencyName('EUR', 'de')).toBe('Euro');
    expect(currencyName('MAD', 'fr')).toBe('dirham marocain');
  });

  it('fall back to the code for something Intl cannot name', () => {
    expect(countryName('not a code', 'en')).toBe('not a code');
  });

  it('sort the way readers of the language expect', () => {
    const names = ['Österreich', 'Oman', 'Zypern', 'Ägypten', 'Albanien'];
    expect([...names].sort(compareNames('de'))).toEqual(['Ägypten', 'Albanien', 'Oman', 'Österreich', 'Zypern']);
  });
});

describe('identifiers', () => {
  it('group an IBAN by four', () => {
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban('DE89 3704 0044 0532 0130 00')).toBe('DE89 3704 0044 0532 0130 00');
  });

  it('write a stored phone number the international way', () => {
    expect(formatPhone('+4930901820')).toBe('+49 30 901820');
    expect(formatPhone('not a number')).toBe('not a number');
  });
});
