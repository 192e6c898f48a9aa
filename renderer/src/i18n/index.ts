/**
 * i18next set-up and the bundled resources. DOM-free, so the unit tests can load it; what touches
 * the document is in ./dom.ts.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/contract/app.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { AREA_MESSAGES } from './areas/index.ts';

const BASE = { en, fr, de, ar } as const;

function withAreas<L extends Language>(language: L): (typeof BASE)[L] {
  const merged: Record<string, unknown> = { ...BASE[language] };
  for (const area of AREA_MESSAGES) {
    if (Object.hasOwn(merged, area.namespace)) throw new Error(`i18n: area namespace "${area.namespace}" is already a top-level key.`);
    merged[area.namespace] = area[language];
  }
  return merged as (typeof BASE)[L];
}

/** The bundled messages per language: the locale files plus each area's module (./areas). */
export const RESOURCES = { en: withAreas('en'), fr: withAreas('fr'), de: withAreas('de'), ar: withAreas('ar') } as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** One i18next instance for the window; resources are bundled, so init is synchronous. */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(RESOURCES).map(([lng, messages]) => [lng, { translation: messages }])),
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes what it renders; escaping here too would show &amp; in labels.
    interpolation: { escapeValue: false },
    // An issue from the core may lack a parameter a translation names; show nothing, not "{{code}}".
    missingInterpolationHandler: () => '',
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
