import { fail, pass, text, type Check } from './check.ts';

/**
 * Harmonized System code: the 6 digits of the world-wide HS, optionally extended by a national
 * tariff (8 in the EU's Combined Nomenclature, 10 in TARIC and in Morocco's tariff). Customs
 * documents print it with dots or spaces ("5701.10", "0910 99 99"); those are dropped. The first
 * two digits are the chapter (01–99); chapter 00 does not exist.
 */
export function checkHsCode(value: string): Check {
  const code = text(value).replace(/[\s.]+/g, '');
  if (code === '') return fail('validation.hsCode.required', 'Enter an HS code (6 to 10 digits).');
  if (!/^\d+$/.test(code)) {
    return fail('validation.hsCode.format', `The HS code "${code}" may only contain digits (dots and spaces are fine).`, {
      value: code,
    });
  }
  if (code.length < 6 || code.length > 10) {
    return fail(
      'validation.hsCode.length',
      `An HS code has 6 to 10 digits; "${code}" has ${code.length}. The first 6 are the international code, e.g. 5701.10 for knotted wool carpets.`,
      { value: code, actual: code.length },
    );
  }
  if (code.startsWith('00')) {
    return fail('validation.hsCode.chapter', `The HS code ${code} starts with chapter 00, which does not exist (chapters run 01 to 99).`, {
      value: code,
    });
  }
  return pass(code);
}
