import { isOptionsGroup, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import type { Language } from '../../../shared/contract/app.ts';
import { COUNTRY_CODES } from '../../../shared/reference/countries.ts';
import { CURRENCY_CODES } from '../../../shared/reference/currencies.ts';
import { compareNames, countryName, currencyName, monthNames } from '../format.ts';

/** Country options with names in the interface language, sorted the way its readers sort. */
export function countryOptions(language: Language): ComboboxItem[] {
  const compare = compareNames(language);
  return COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, language) })).sort((a, b) =>
    compare(a.label, b.label),
  );
}

/** Currencies as "EUR – Euro": people who deal in several currencies think in codes. */
export function currencyOptions(language: Language): ComboboxItem[] {
  return CURRENCY_CODES.map((code) => ({ value: code, label: `${code} – ${currencyName(code, language)}` }));
}

export function monthOptions(language: Language): ComboboxItem[] {
  return monthNames(language).map((name, i) => ({ value: String(i + 1), label: name }));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * Search for country and currency pickers: ignores accents and case ("turkiye" finds Türkiye,
 * "emirats" finds Émirats arabes unis) and also matches the ISO code ("de", "mad"). Names that
 * start with the search come first.
 */
export const nameOrCodeFilter: OptionsFilter = ({ options, search, limit }) => {
  const query = fold(search.trim());
  if (query === '') return options.slice(0, limit);
  const starts: typeof options = [];
  const contains: typeof options = [];
  for (const option of options) {
    if (isOptionsGroup(option)) continue;
    const label = fold(option.label);
    if (label.startsWith(query) || option.value.toLowerCase() === query) starts.push(option);
    else if (label.includes(query)) contains.push(option);
  }
  return [...starts, ...contains].slice(0, limit);
};
