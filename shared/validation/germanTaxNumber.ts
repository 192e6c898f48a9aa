import { fail, pass, text, type Check } from './check.ts';

/*
 * German Steuernummer (tax number from the local Finanzamt, not the USt-IdNr and not the personal
 * Steuer-ID). Only the layout is checked: the check digit algorithm differs per Bundesland and is
 * published only in ELSTER's developer documents, so a mistyped digit can pass.
 *
 * Two forms exist (layouts as in ELSTER's help, Lexware's and python-stdnum's tables;
 * F = Finanzamt, B = Bezirk, U = Unterscheidungsnummer, P = check digit):
 *   Bundesland          regional form (10/11 digits)   unified ELSTER form (13 digits)
 *   Baden-Württemberg   FFBBB/UUUUP                    28FF0BBBUUUUP
 *   Bayern              FFF/BBB/UUUUP                  9FFF0BBBUUUUP
 *   Berlin              FF/BBB/UUUUP                   11FF0BBBUUUUP
 *   Brandenburg         0FF/BBB/UUUUP                  30FF0BBBUUUUP
 *   Bremen              FF BBB UUUUP                   24FF0BBBUUUUP
 *   Hamburg             FF/BBB/UUUUP                   22FF0BBBUUUUP
 *   Hessen              0FF BBB UUUUP                  26FF0BBBUUUUP
 *   Mecklenburg-Vorp.   0FF/BBB/UUUUP                  40FF0BBBUUUUP
 *   Niedersachsen       FF/BBB/UUUUP                   23FF0BBBUUUUP
 *   Nordrhein-Westfalen FFF/BBBB/UUUP                  5FFF0BBBBUUUP
 *   Rheinland-Pfalz     FF/BBB/UUUU/P                  27FF0BBBUUUUP
 *   Saarland            0FF/BBB/UUUUP                  10FF0BBBUUUUP
 *   Sachsen             2FF/BBB/UUUUP                  32FF0BBBUUUUP
 *   Sachsen-Anhalt      1FF/BBB/UUUUP                  31FF0BBBUUUUP
 *   Schleswig-Holstein  FF BBB UUUUP                   21FF0BBBUUUUP
 *   Thüringen           1FF/BBB/UUUUP                  41FF0BBBUUUUP
 * The 13-digit form starts with the 4-digit Bundesfinanzamtsnummer, whose leading digits name the
 * Bundesland (not the 01..16 Länder numbering), followed by a 0.
 */

// Leading digits of the Bundesfinanzamtsnummer: two digits, or one for Bayern (9) and NRW (5).
const ELSTER_PREFIX = /^(?:10|11|21|22|23|24|26|27|28|30|31|32|40|41|5\d|9\d)/;

// Digit groups of the regional forms as printed on notices (e.g. 181/815/08155), also with the
// check digit split off (181/815/0815 5), which Rheinland-Pfalz does and others copy.
const REGIONAL_GROUPS = new Set(['2,3,5', '5,5', '5,4,1', '2,3,4,1', '3,3,5', '3,3,4,1', '3,4,4', '3,4,3,1']);

/** Steuernummer in the regional (10 or 11 digits) or the unified ELSTER form (13 digits). */
export function checkSteuernummer(value: string): Check {
  const raw = text(value);
  if (raw === '') return fail('validation.steuernummer.required', 'Enter the Steuernummer.');
  if (!/^[\d\s/.-]+$/.test(raw)) {
    return fail(
      'validation.steuernummer.format',
      'A Steuernummer has digits only, optionally grouped with / or spaces, e.g. 181/815/08155.',
    );
  }
  const groups = raw.split(/[\s/.-]+/).filter((g) => g !== '');
  const digits = groups.join('');
  if (digits.length !== 10 && digits.length !== 11 && digits.length !== 13) {
    return fail(
      'validation.steuernummer.length',
      `A Steuernummer has 10 or 11 digits as printed by the Finanzamt, or 13 in the ELSTER form; this one has ${digits.length}.`,
      { actual: digits.length },
    );
  }
  if (digits.length === 13) {
    if (!ELSTER_PREFIX.test(digits)) {
      return fail(
        'validation.steuernummer.state',
        'A 13-digit Steuernummer starts with the number of the Finanzamt, and these first digits belong to no Bundesland: check the first digits.',
      );
    }
    if (digits[4] !== '0') {
      return fail(
        'validation.steuernummer.fifthDigit',
        'The fifth digit of a 13-digit Steuernummer is always 0: check for a missing or extra digit.',
      );
    }
    // No grouping is standard for the ELSTER form, so any separators are accepted.
    return pass(digits);
  }
  if (groups.length > 1 && !REGIONAL_GROUPS.has(groups.map((g) => g.length).join(','))) {
    return fail(
      'validation.steuernummer.grouping',
      'The digits are grouped in a way no Finanzamt prints: enter the Steuernummer as on your tax notice, e.g. 181/815/08155, or without separators.',
    );
  }
  return pass(digits);
}
