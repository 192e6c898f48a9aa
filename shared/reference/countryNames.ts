import { foldText } from '../text/fold.ts';
import { COUNTRY_CODES, isCountryCode, type CountryCode } from './countries.ts';

/*
 * Country names as people write them in exported address books ("Germany", "Deutschland",
 * "Maroc", "المغرب", "USA") back to ISO 3166 codes. The names come from Intl.DisplayNames in
 * the languages our users and their buyers write in, so no table of names is kept here; only
 * common short forms that Intl does not give are listed.
 */

const NAME_LANGUAGES = ['en', 'fr', 'de', 'ar', 'es', 'it', 'nl', 'pt', 'tr', 'zh', 'ru', 'pl'];

const ALIASES: Record<string, CountryCode> = {
  usa: 'US', 'u s a': 'US', us: 'US', 'united states of america': 'US', america: 'US',
  uk: 'GB', 'u k': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  holland: 'NL', 'the netherlands': 'NL', uae: 'AE', 'u a e': 'AE', emirates: 'AE', prc: 'CN', 'p r china': 'CN',
  'peoples republic of china': 'CN', 'south korea': 'KR', korea: 'KR', russia: 'RU', 'czech republic': 'CZ',
  brd: 'DE', germany: 'DE', 'ivory coast': 'CI', 'republic of ireland': 'IE', 'hong kong sar': 'HK', turkiye: 'TR',
  maroc: 'MA', marokko: 'MA', morocco: 'MA', 'المملكه المغربيه': 'MA',
};

function key(text: string): string {
  return foldText(text)
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

let byName: Map<string, CountryCode> | undefined;

function names(): Map<string, CountryCode> {
  if (byName !== undefined) return byName;
  const map = new Map<string, CountryCode>();
  for (const language of NAME_LANGUAGES) {
    let display: Intl.DisplayNames;
    try {
      display = new Intl.DisplayNames([language], { type: 'region' });
    } catch {
      continue; // a runtime without that locale's data: the other languages still answer
    }
    for (const code of COUNTRY_CODES) {
      const name = display.of(code);
      if (name !== undefined && name !== code && !map.has(key(name))) map.set(key(name), code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(key(alias), code);
  byName = map;
  return map;
}

/** An ISO code ("de", "DEU" is not accepted) or a country name in a common language; undefined if unknown. */
export function countryFromText(text: string): CountryCode | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^[A-Za-z]{2}$/.test(trimmed) && isCountryCode(trimmed.toUpperCase())) return trimmed.toUpperCase() as CountryCode;
  return names().get(key(trimmed));
}
