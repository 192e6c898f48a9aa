import {
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { fail, pass, text, type Check } from './check.ts';

// The "max" metadata (about 150 KB) knows which number ranges are assigned, not only the lengths,
// so a mistyped area code is caught; that is worth its size in the renderer bundle.

function lengthProblem(reason: string | undefined): Check | undefined {
  switch (reason) {
    case 'TOO_SHORT':
      return fail('validation.phone.tooShort', 'The phone number is too short: check for missing digits.');
    case 'TOO_LONG':
      return fail('validation.phone.tooLong', 'The phone number is too long: check for extra digits.');
    case 'INVALID_LENGTH':
      return fail(
        'validation.phone.length',
        "The phone number doesn't have a length used in that country: check for a missing or extra digit.",
      );
    default:
      return undefined;
  }
}

/**
 * Phone number, answered in E.164 (+4930901820). `defaultCountry` (ISO alpha-2, e.g. the
 * company's own country) lets people type national numbers such as "030 901820".
 */
export function checkPhone(value: string, defaultCountry?: string): Check {
  // 00 is the international call prefix in Europe and Africa; people copy it instead of "+".
  const input = text(value).replace(/^00(?=\s*[1-9])/, '+');
  if (input === '') return fail('validation.phone.required', 'Enter a phone number.');
  // An unknown default country is dropped rather than passed on: the number may still carry "+".
  const upper = defaultCountry?.toUpperCase();
  const country: CountryCode | undefined = upper !== undefined && isSupportedCountry(upper) ? upper : undefined;

  let phone: PhoneNumber;
  try {
    phone = parsePhoneNumberWithError(input, { defaultCountry: country, extract: false });
  } catch (error) {
    const reason = error instanceof ParseError ? error.message : undefined;
    if (reason === 'INVALID_COUNTRY') {
      return fail(
        'validation.phone.country',
        input.startsWith('+')
          ? 'The number after "+" is not a country calling code: check the first digits.'
          : 'Start the number with "+" and the country calling code, e.g. +49 30 901820.',
      );
    }
    return (
      lengthProblem(reason) ??
      fail('validation.phone.format', 'This is not a phone number: use digits, spaces and a leading "+" only.')
    );
  }

  if (phone.ext !== undefined) {
    return fail(
      'validation.phone.extension',
      'Enter the number without an extension: this field holds the number callers dial.',
    );
  }
  if (!phone.isValid()) {
    return (
      lengthProblem(validatePhoneNumberLength(input, { defaultCountry: country })) ??
      fail(
        'validation.phone.invalid',
        `This is not a number in use in ${phone.country ?? `+${phone.countryCallingCode}`}: check the area code and the digits.`,
        { country: phone.country ?? `+${phone.countryCallingCode}` },
      )
    );
  }
  return pass(phone.number);
}
