import { countrySpecs, validateBIC, validateIBAN, ValidationErrorsBIC, ValidationErrorsIBAN } from 'ibantools';
import { fail, pass, text, type Check } from './check.ts';

// Printed IBANs come as "DE89 3704 0044 0532 0130 00", sometimes with an "IBAN" label or hyphens.
function compactIban(value: string): string {
  return text(value)
    .replace(/^IBAN\s*:?\s*/i, '')
    .replace(/[\s.-]+/g, '')
    .toUpperCase();
}

/**
 * IBAN: known IBAN country, that country's length and BBAN layout, the national account check
 * digits where ibantools knows them, and the ISO 7064 mod-97 check digits. Answers the electronic
 * form (no spaces); the UI groups it by four for display.
 */
export function checkIban(value: string): Check {
  const iban = compactIban(value);
  if (iban === '') return fail('validation.iban.required', 'Enter an IBAN.');
  if (!/^[A-Z]{2}/.test(iban) || /[^A-Z0-9]/.test(iban)) {
    return fail(
      'validation.iban.format',
      'An IBAN has only letters and digits and starts with a two-letter country code, e.g. DE89 3704 0044 0532 0130 00.',
    );
  }
  const country = iban.slice(0, 2);
  const { errorCodes } = validateIBAN(iban);
  if (errorCodes.length === 0) return pass(iban);

  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) {
    return fail(
      'validation.iban.country',
      `The IBAN starts with "${country}", which is not a country that uses IBANs: check the first two letters, or enter the account details another way.`,
      { country },
    );
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) {
    const expected = countrySpecs[country]?.chars ?? 0;
    const actual = iban.length;
    return fail(
      'validation.iban.length',
      `An IBAN from ${country} has ${expected} characters, this one has ${actual}: check for a missing or extra character.`,
      { country, expected, actual },
    );
  }
  if (
    errorCodes.includes(ValidationErrorsIBAN.ChecksumNotNumber) ||
    errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)
  ) {
    return fail(
      'validation.iban.format',
      `The IBAN doesn't follow the layout used in ${country}: check for a letter where a digit belongs, or the other way round.`,
      { country },
    );
  }
  // The national account check digits and the IBAN's own check digits catch the same mistake,
  // a mistyped character, so the person gets one key and one instruction for both.
  return fail(
    'validation.iban.checksum',
    "The IBAN's check digits are wrong: check for a mistyped character.",
  );
}

/**
 * BIC (SWIFT code, ISO 9362): 4 letters for the bank, a known country code, 2 characters for the
 * location and an optional 3-character branch. The "XXX" branch is kept as entered: both forms are
 * in use and mean the same office.
 */
export function checkBic(value: string): Check {
  const bic = text(value).replace(/\s+/g, '').toUpperCase();
  if (bic === '') return fail('validation.bic.required', 'Enter a BIC.');
  if (bic.length !== 8 && bic.length !== 11) {
    return fail(
      'validation.bic.length',
      `A BIC has 8 or 11 characters, this one has ${bic.length}: check for a missing or extra character.`,
      { actual: bic.length },
    );
  }
  if (!/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(bic)) {
    return fail(
      'validation.bic.format',
      'A BIC is 4 letters for the bank, 2 letters for the country, then 2 letters or digits, optionally followed by 3 more, e.g. DEUTDEFF or DEUTDEFF500.',
    );
  }
  const country = bic.slice(4, 6);
  if (validateBIC(bic).errorCodes.includes(ValidationErrorsBIC.NoBICCountry)) {
    return fail(
      'validation.bic.country',
      `Letters 5 and 6 of a BIC are a country code, and "${country}" is not one: check the BIC.`,
      { country },
    );
  }
  return pass(bic);
}
