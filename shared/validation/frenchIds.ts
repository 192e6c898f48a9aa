import { fail, pass, text, type Check } from './check.ts';

// INSEE prints SIREN as "732 829 320" and SIRET as "732 829 320 00074"; dots and hyphens also occur.
function compactDigits(value: string): string {
  return text(value).replace(/[\s.-]+/g, '');
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN: the 9-digit number of a French company (INSEE), with a Luhn check digit. */
export function checkSiren(value: string): Check {
  const siren = compactDigits(value);
  if (siren === '') return fail('validation.siren.required', 'Enter a SIREN number.');
  if (!/^\d+$/.test(siren)) {
    return fail('validation.siren.format', 'A SIREN has digits only, e.g. 732 829 320.');
  }
  if (siren.length !== 9) {
    return fail(
      'validation.siren.length',
      `A SIREN has 9 digits, this one has ${siren.length}: a 14-digit number is a SIRET.`,
      { expected: 9, actual: siren.length },
    );
  }
  if (!luhnValid(siren)) {
    return fail('validation.siren.checksum', "The SIREN's check digit is wrong: check for a mistyped digit.");
  }
  return pass(siren);
}

// La Poste registered all its offices under one SIREN and ran out of Luhn-valid SIRETs, so INSEE
// numbers them with "sum of the digits is a multiple of 5" instead; only the head office
// (35600000000048) keeps a Luhn-valid SIRET.
const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE = '35600000000048';

/** SIRET: the 14-digit number of one establishment: its SIREN, then 5 digits (NIC). */
export function checkSiret(value: string): Check {
  const siret = compactDigits(value);
  if (siret === '') return fail('validation.siret.required', 'Enter a SIRET number.');
  if (!/^\d+$/.test(siret)) {
    return fail('validation.siret.format', 'A SIRET has digits only, e.g. 732 829 320 00074.');
  }
  if (siret.length !== 14) {
    return fail(
      'validation.siret.length',
      `A SIRET has 14 digits (the 9-digit SIREN and 5 more), this one has ${siret.length}.`,
      { expected: 14, actual: siret.length },
    );
  }
  const valid =
    siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE
      ? [...siret].reduce((sum, d) => sum + Number(d), 0) % 5 === 0
      : luhnValid(siret);
  // The first 9 digits are a SIREN with its own check digit, which the SIRET's check does not cover.
  if (!valid || !luhnValid(siret.slice(0, 9))) {
    return fail('validation.siret.checksum', "The SIRET's check digit is wrong: check for a mistyped digit.");
  }
  return pass(siret);
}
