import { z } from 'zod';

/**
 * Languages the company writes its catalog in (titles, descriptions, category names). Separate
 * from the interface languages (contract/app.ts LANGUAGES): a Fès workshop may run Kontor in
 * French and still describe its rugs in Spanish for a Madrid buyer.
 */
export const DEFAULT_CATALOG_LANGUAGES = ['en', 'fr', 'de', 'ar'] as const;

/** More than the marketplaces Kontor uploads to use; keeps a product's text table small. */
export const MAX_CATALOG_LANGUAGES = 12;

/** Right-to-left scripts among the usual catalog languages, for the text direction of an input. */
export const RTL_LANGUAGES: readonly string[] = ['ar', 'he', 'fa', 'ur'];

/** An ISO 639 language code, lower case ("en", "fr", "zgh" for Standard Moroccan Tamazight). */
export const LanguageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^[a-z]{2,3}$/.test(v), {
    error: 'A language is a two- or three-letter ISO 639 code, e.g. en, fr, de, ar.',
    params: { key: 'validation.language' },
  });

export const CatalogLanguagesSchema = z.object({
  /** In order of preference: the first is the catalog's main language and the fallback for titles. */
  languages: z
    .array(LanguageCodeSchema)
    .min(1, { error: 'Choose at least one catalog language.' })
    .max(MAX_CATALOG_LANGUAGES)
    .superRefine((languages, ctx) => {
      const seen = new Set<string>();
      languages.forEach((language, index) => {
        if (seen.has(language)) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `The language ${language} is listed twice.`,
            params: { key: 'catalog.languages.duplicate', language },
          });
        }
        seen.add(language);
      });
    }),
});
export type CatalogLanguages = z.output<typeof CatalogLanguagesSchema>;
