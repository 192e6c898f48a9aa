/**
 * One area's messages in all four languages, kept in one file per area (contacts, invoices,
 * ledger…) so that areas built side by side never edit the same locale file. English gives the
 * shape; the other languages must have the same keys (a compile error otherwise, and
 * tests/renderer/i18n.test.ts checks the merged resources at runtime).
 */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

export interface AreaMessages<N extends string, T> {
  /** The top-level namespace the messages live under, e.g. 'contacts' → t('contacts.title'). */
  namespace: N;
  en: T;
  fr: DeepStrings<T>;
  de: DeepStrings<T>;
  ar: DeepStrings<T>;
}

export function defineAreaMessages<N extends string, T>(messages: AreaMessages<N, T>): AreaMessages<N, T> {
  return messages;
}
