import { fail, pass, text, type Check } from './check.ts';

/** The lengths GS1 issues: GTIN-8 (EAN-8), GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14 (cartons). */
export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

/** GS1 mod-10: weights 3 and 1 alternate from the digit left of the check digit. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * GTIN/EAN/UPC: digits only (spaces and hyphens as printed under a barcode are dropped), one of the
 * four GS1 lengths, and the GS1 check digit. Answers the digits as entered, without padding: the
 * printed form is what people compare with the label.
 */
export function checkGtin(value: string): Check {
  const gtin = text(value).replace(/[\s-]+/g, '');
  if (gtin === '') return fail('validation.gtin.required', 'Enter a GTIN (the number under the barcode).');
  if (!/^\d+$/.test(gtin)) {
    return fail('validation.gtin.format', `The GTIN "${gtin}" may only contain digits.`, { value: gtin });
  }
  if (!(GTIN_LENGTHS as readonly number[]).includes(gtin.length)) {
    return fail(
      'validation.gtin.length',
      `A GTIN has 8, 12, 13 or 14 digits; "${gtin}" has ${gtin.length}: check for a missing or extra digit.`,
      { value: gtin, actual: gtin.length },
    );
  }
  const expected = gtinCheckDigit(gtin.slice(0, -1));
  const actual = Number(gtin.slice(-1));
  if (expected !== actual) {
    return fail(
      'validation.gtin.checksum',
      `The GTIN ${gtin} ends in ${actual} but its check digit should be ${expected}: check for a mistyped or swapped digit.`,
      { value: gtin, expected, actual },
    );
  }
  return pass(gtin);
}

/**
 * Every spelling of the same GTIN at the four lengths: GS1 compares GTINs as 14 digits padded with
 * leading zeros, so UPC-A 036000291452 and EAN-13 0036000291452 are one article. Used for the
 * uniqueness check and the barcode lookup, where a scanner may add or drop the leading zero.
 */
export function gtinSpellings(gtin: string): string[] {
  if (!/^\d{1,14}$/.test(gtin)) return [];
  const padded = gtin.padStart(14, '0');
  return GTIN_LENGTHS.filter((length) => /^0*$/.test(padded.slice(0, 14 - length))).map((length) => padded.slice(14 - length));
}
