import { fail, pass, text, type Check } from './check.ts';
import { checkSiren, checkSiret } from './frenchIds.ts';
import { checkSteuernummer } from './germanTaxNumber.ts';
import { checkIce, checkMoroccanIf, checkMoroccanRc } from './moroccanIds.ts';
import { checkEuVatId } from './vatId.ts';

/** The kinds of tax or company number a profile can hold; stored as is, so only ever add. */
export const TAX_ID_SCHEMES = [
  'EU_VAT',
  'DE_STEUERNUMMER',
  'FR_SIREN',
  'FR_SIRET',
  'MA_ICE',
  'MA_IF',
  'MA_RC',
  'OTHER',
] as const;

export type TaxIdScheme = (typeof TAX_ID_SCHEMES)[number];

export function isTaxIdScheme(value: unknown): value is TaxIdScheme {
  return typeof value === 'string' && (TAX_ID_SCHEMES as readonly string[]).includes(value);
}

export const OTHER_TAX_ID_MAX_LENGTH = 64;

// Numbers from countries without a scheme of their own: nothing is known of their layout, so
// the text is kept as typed, with runs of spaces collapsed.
function checkOtherTaxId(value: string): Check {
  const id = text(value).replace(/\s+/g, ' ');
  if (id === '') return fail('validation.taxId.required', 'Enter the number.');
  if (id.length > OTHER_TAX_ID_MAX_LENGTH) {
    return fail(
      'validation.taxId.tooLong',
      `A tax number has at most ${OTHER_TAX_ID_MAX_LENGTH} characters, this one has ${id.length}.`,
      { max: OTHER_TAX_ID_MAX_LENGTH, actual: id.length },
    );
  }
  return pass(id);
}

export function checkTaxId(scheme: TaxIdScheme, value: string): Check {
  switch (scheme) {
    case 'EU_VAT':
      return checkEuVatId(value);
    case 'DE_STEUERNUMMER':
      return checkSteuernummer(value);
    case 'FR_SIREN':
      return checkSiren(value);
    case 'FR_SIRET':
      return checkSiret(value);
    case 'MA_ICE':
      return checkIce(value);
    case 'MA_IF':
      return checkMoroccanIf(value);
    case 'MA_RC':
      return checkMoroccanRc(value);
    case 'OTHER':
      return checkOtherTaxId(value);
    default:
      // Reached only when an untyped caller (IPC, an old database row) passes an unknown scheme.
      return fail('validation.taxId.scheme', `"${String(scheme)}" is not a known kind of tax number.`, {
        scheme: String(scheme),
      });
  }
}
