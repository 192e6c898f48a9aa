import type { Language } from '../../../shared/contract/app.ts';
import { directionOf, isLanguage } from './index.ts';

/**
 * The language to show before the core has answered (or when it cannot be reached): the
 * system's, if Kontor speaks it.
 */
export function systemLanguage(): Language {
  for (const tag of navigator.languages) {
    const base = tag.split('-')[0]?.toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Puts `lang` and `dir` on <html>, so the browser picks fonts, hyphenation and text direction. */
export function applyDocumentLanguage(language: Language): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = directionOf(language);
}
