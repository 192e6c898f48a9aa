import { fail, pass, text, type Check } from './check.ts';

// Moroccan letterheads print "ICE : 0015…", "IF N° 1234567", "R.C. n° 12345 Casablanca": the
// label is dropped so a pasted line still checks.
// The lookahead keeps "No" from being cut off a town such as Nouaceur.
const NUMERO = String.raw`(?:(?:n\s*[°º]|no\.?|num(?:[ée]ro)?\.?)(?!\p{L}))?`;

function withoutLabel(value: string, label: string): string {
  return text(value).replace(new RegExp(String.raw`^(?:${label})(?!\p{L})\s*${NUMERO}\s*[:.\-]?\s*`, 'iu'), '');
}

/**
 * ICE (Identifiant Commun de l'Entreprise): 15 digits, 9 for the company, 4 for the
 * establishment, 2 control digits. The control algorithm is not published, so only the layout is
 * checked (as python-stdnum's stdnum.ma.ice does).
 */
export function checkIce(value: string): Check {
  const ice = withoutLabel(value, 'I\\.?C\\.?E\\.?').replace(/[\s.-]+/g, '');
  if (ice === '') return fail('validation.ice.required', 'Enter the ICE.');
  if (!/^\d+$/.test(ice)) return fail('validation.ice.format', 'An ICE has digits only, e.g. 001561191000066.');
  if (ice.length !== 15) {
    return fail(
      'validation.ice.length',
      `An ICE has exactly 15 digits, this one has ${ice.length}: most start with 00, check that the leading zeros were copied.`,
      { expected: 15, actual: ice.length },
    );
  }
  return pass(ice);
}

/**
 * IF (Identifiant Fiscal) from the DGI. The DGI publishes no layout; the numbers in use have 7
 * digits (older) or 8 digits (the Hisab guide "ICE, IF, RC" and TaxDo's Morocco TIN guide say
 * 8, Hisab's IF page "often 7-8"), so 7 or 8 digits is the rule here. No check digit is known.
 */
export function checkMoroccanIf(value: string): Check {
  const id = withoutLabel(value, 'I\\.?F\\.?|identifiant\\s+fiscal').replace(/[\s.-]+/g, '');
  if (id === '') return fail('validation.moroccanIf.required', 'Enter the Identifiant Fiscal (IF).');
  if (!/^\d+$/.test(id)) {
    return fail('validation.moroccanIf.format', 'An Identifiant Fiscal has digits only, e.g. 40123456.');
  }
  if (id.length < 7 || id.length > 8) {
    return fail(
      'validation.moroccanIf.length',
      `An Identifiant Fiscal has 7 or 8 digits, this one has ${id.length}: check it against your tax registration certificate.`,
      { actual: id.length },
    );
  }
  return pass(id);
}

// A court town: letters (Fès, Béni Mellal, El Jadida, Ksar El Kébir), spaces, hyphens, apostrophes.
const CITY = String.raw`\p{L}[\p{L}\p{M}'’ .-]*`;

function tidyCity(city: string): string {
  return city.replace(/\s+/g, ' ').replace(/[\s.-]+$/, '').normalize('NFC');
}

/**
 * RC (Registre de Commerce) number. Each court keeps its own register, so the number (1 to 7
 * digits) is only unique together with the court's town; the town is optional here because many
 * documents omit it. Answers "12345" or "12345 Casablanca"; "RC Casablanca 12345" is turned
 * round to that order too.
 */
export function checkMoroccanRc(value: string): Check {
  const rc = withoutLabel(value, 'R\\.?\\s?C\\.?|registre\\s+d[ue]\\s+commerce').replace(/\s+/g, ' ');
  if (rc === '') return fail('validation.rc.required', 'Enter the Registre de Commerce (RC) number.');
  const numberFirst = new RegExp(String.raw`^(\d+)(?:\s*[-,/–]?\s*(${CITY}))?$`, 'u').exec(rc);
  const cityFirst = numberFirst ? null : new RegExp(String.raw`^(${CITY}?)\s*[-,:/–]?\s*(\d+)$`, 'u').exec(rc);
  const number = numberFirst?.[1] ?? cityFirst?.[2];
  const city = numberFirst ? numberFirst[2] : cityFirst?.[1];
  if (number === undefined) {
    return fail(
      'validation.rc.format',
      'An RC number is digits, optionally followed by the town of the court that keeps the register, e.g. 12345 Casablanca.',
    );
  }
  if (number.length > 7) {
    return fail(
      'validation.rc.length',
      `An RC number has at most 7 digits, this one has ${number.length}: check that no other number (ICE, IF) was copied with it.`,
      { actual: number.length },
    );
  }
  const town = city === undefined ? '' : tidyCity(city);
  return pass(town === '' ? number : `${number} ${town}`);
}
