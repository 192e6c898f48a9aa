import {
  austria,
  belgium,
  bulgaria,
  checkVAT,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
  unitedKingdom,
  type Country,
} from 'jsvat';
import { fail, pass, text, type Check } from './check.ts';
import { checkSiren } from './frenchIds.ts';

/*
 * EU VAT identification numbers, checked offline: prefix, national layout and check digits.
 * Whether the number is actually registered and active can only be asked from the Commission's
 * VIES service, which needs internet; that check is not done here.
 *
 * The rules come from jsvat (browser-safe, no Node built-ins, real check-digit algorithms per
 * member state). Two countries are checked here instead because jsvat is behind the current rules:
 * Belgium also issues numbers starting with 1, and jsvat accepts any French number whose key has a
 * letter without checking it.
 */

// `expected` is for the English message; `example` is a language-neutral layout for translations.
type MemberState = { jsvat: Country; expected: string; example: string };

// Keyed by the VAT prefix, which is the ISO code except EL for Greece and XI for Northern
// Ireland (which keeps EU VAT rules for goods and uses the United Kingdom's number layout).
const MEMBER_STATES: Record<string, MemberState> = {
  AT: { jsvat: austria, expected: 'ATU followed by 8 digits', example: 'ATU12345678' },
  BE: { jsvat: belgium, expected: 'BE followed by 10 digits starting with 0 or 1', example: 'BE0123456789' },
  BG: { jsvat: bulgaria, expected: 'BG followed by 9 or 10 digits', example: 'BG123456789' },
  CY: { jsvat: cyprus, expected: 'CY followed by 8 digits and a letter', example: 'CY12345678X' },
  CZ: { jsvat: czechRepublic, expected: 'CZ followed by 8, 9 or 10 digits', example: 'CZ12345678' },
  DE: { jsvat: germany, expected: 'DE followed by 9 digits', example: 'DE123456789' },
  DK: { jsvat: denmark, expected: 'DK followed by 8 digits', example: 'DK12345678' },
  EE: { jsvat: estonia, expected: 'EE followed by 9 digits starting with 10', example: 'EE101234567' },
  EL: { jsvat: greece, expected: 'EL followed by 9 digits', example: 'EL123456789' },
  ES: { jsvat: spain, expected: 'ES followed by 9 characters: a letter or digit, 7 digits, a letter or digit', example: 'ESB12345678' },
  FI: { jsvat: finland, expected: 'FI followed by 8 digits', example: 'FI12345678' },
  FR: { jsvat: france, expected: 'FR followed by a 2-character key and the 9-digit SIREN', example: 'FR12345678901' },
  HR: { jsvat: croatia, expected: 'HR followed by 11 digits', example: 'HR12345678901' },
  HU: { jsvat: hungary, expected: 'HU followed by 8 digits', example: 'HU12345678' },
  IE: { jsvat: ireland, expected: 'IE followed by 7 digits and 1 or 2 letters', example: 'IE1234567X' },
  IT: { jsvat: italy, expected: 'IT followed by 11 digits', example: 'IT12345678901' },
  LT: { jsvat: lithuania, expected: 'LT followed by 9 or 12 digits', example: 'LT123456789' },
  LU: { jsvat: luxembourg, expected: 'LU followed by 8 digits', example: 'LU12345678' },
  LV: { jsvat: latvia, expected: 'LV followed by 11 digits', example: 'LV12345678901' },
  MT: { jsvat: malta, expected: 'MT followed by 8 digits', example: 'MT12345678' },
  NL: { jsvat: netherlands, expected: 'NL followed by 9 digits, the letter B and 2 digits', example: 'NL123456789B01' },
  PL: { jsvat: poland, expected: 'PL followed by 10 digits', example: 'PL1234567890' },
  PT: { jsvat: portugal, expected: 'PT followed by 9 digits', example: 'PT123456789' },
  RO: { jsvat: romania, expected: 'RO followed by 2 to 10 digits', example: 'RO1234567' },
  SE: { jsvat: sweden, expected: 'SE followed by 12 digits ending in 01', example: 'SE123456789001' },
  SI: { jsvat: slovenia, expected: 'SI followed by 8 digits', example: 'SI12345678' },
  SK: { jsvat: slovakiaRepublic, expected: 'SK followed by 10 digits', example: 'SK1234567890' },
  XI: { jsvat: unitedKingdom, expected: 'XI followed by 9 or 12 digits', example: 'XI123456789' },
};

/** The VAT prefixes accepted by `checkEuVatId`: the 27 member states (Greece as EL) and XI. */
export const EU_VAT_PREFIXES: readonly string[] = Object.keys(MEMBER_STATES);

// Fills in leading zeros that people drop but the official layout (and VIES) requires.
function padBody(prefix: string, body: string): string {
  if (prefix === 'BE' && /^\d{9}$/.test(body)) return `0${body}`;
  if (prefix === 'EL' && /^\d{8}$/.test(body)) return `0${body}`;
  if (prefix === 'NL') {
    const m = /^(\d{1,8})(B\d{2})$/.exec(body);
    if (m?.[1] !== undefined && m[2] !== undefined) return m[1].padStart(9, '0') + m[2];
  }
  return body;
}

type Verdict = 'ok' | 'format' | 'checksum';

function verdictBelgium(body: string): Verdict {
  if (!/^[01]\d{9}$/.test(body)) return 'format';
  return 97 - (Number(body.slice(0, 8)) % 97) === Number(body.slice(8)) ? 'ok' : 'checksum';
}

// Letters I and O are never used in the key, to avoid confusion with 1 and 0.
const FR_KEY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function verdictFrance(body: string): Verdict {
  if (!/^[0-9A-HJ-NP-Z]{2}\d{9}$/.test(body)) return 'format';
  const siren = body.slice(2);
  // Monaco's numbers carry 000 in place of a SIREN.
  if (!siren.startsWith('000') && !checkSiren(siren).ok) return 'checksum';
  const c0 = FR_KEY_ALPHABET.indexOf(body.charAt(0));
  const c1 = FR_KEY_ALPHABET.indexOf(body.charAt(1));
  if (c0 < 10 && c1 < 10) {
    return Number(body.slice(0, 2)) === Number(`${siren}12`) % 97 ? 'ok' : 'checksum';
  }
  // Keys with a letter: no official description is public; this is python-stdnum's
  // stdnum.fr.tva rule, which its real-world test numbers (e.g. FRK7399859412) satisfy.
  const check = c0 < 10 ? c0 * 24 + c1 - 10 : c0 * 34 + c1 - 100;
  return (Number(siren) + 1 + Math.floor(check / 11)) % 11 === check % 11 ? 'ok' : 'checksum';
}

function verdictJsvat(prefix: string, body: string, country: Country): Verdict {
  // jsvat knows Northern Ireland's numbers only under the GB prefix.
  const result = checkVAT(`${prefix === 'XI' ? 'GB' : prefix}${body}`, [country]);
  if (!result.isValidFormat) return 'format';
  return result.isValid ? 'ok' : 'checksum';
}

/** EU VAT identification number, e.g. "DE 136 695 976" → "DE136695976". */
export function checkEuVatId(value: string): Check {
  const compact = text(value)
    .replace(/[\s.\-/:()]+/g, '')
    .toUpperCase();
  if (compact === '') return fail('validation.vatId.required', 'Enter a VAT ID.');
  if (!/^[A-Z]{2}/.test(compact)) {
    return fail(
      'validation.vatId.prefix',
      'Start the VAT ID with the two-letter prefix of the member state, e.g. DE123456789 or FR40303265045.',
    );
  }
  // GR is the ISO code, EL the VAT prefix: an unmistakable slip, so it is corrected, not refused.
  const prefix = compact.startsWith('GR') ? 'EL' : compact.slice(0, 2);
  const state = MEMBER_STATES[prefix];
  if (state === undefined) {
    return fail(
      'validation.vatId.country',
      `"${prefix}" is not the prefix of an EU VAT ID. EU VAT IDs start with the member state's code (EL for Greece, XI for Northern Ireland); for a number from outside the EU, choose another kind of tax ID.`,
      { country: prefix },
    );
  }
  const body = padBody(prefix, compact.slice(2));
  const verdict =
    prefix === 'BE'
      ? verdictBelgium(body)
      : prefix === 'FR'
        ? verdictFrance(body)
        : verdictJsvat(prefix, body, state.jsvat);
  if (verdict === 'format') {
    return fail(
      'validation.vatId.format',
      `This doesn't look like a VAT ID from ${prefix}: it should be ${state.expected}, e.g. ${state.example}.`,
      { country: prefix, example: state.example },
    );
  }
  if (verdict === 'checksum') {
    return fail(
      'validation.vatId.checksum',
      "The VAT ID's check digits are wrong: check for a mistyped character.",
      { country: prefix },
    );
  }
  return pass(prefix + body);
}
