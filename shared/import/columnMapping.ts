import { foldText } from '../text/fold.ts';

/*
 * Matching a spreadsheet's column headers to the fields an import fills, for any import (contacts,
 * products): each field lists the header spellings it answers to, in the languages of our users;
 * headers are compared folded (case, accents, punctuation and spacing ignored). The person sees
 * the suggestion and may change it before anything is written.
 */

export interface ImportField<F extends string = string> {
  field: F;
  /** Header spellings, any case or accents: "E-mail", "Courriel", "البريد الإلكتروني". */
  headers: readonly string[];
}

/** field → index of the column it is read from. */
export type ColumnMapping<F extends string = string> = Partial<Record<F, number>>;

export function headerKey(header: string): string {
  return foldText(header).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * For each field, the first column whose header is one of its spellings. A column serves one
 * field only: fields earlier in the list win.
 */
export function suggestMapping<F extends string>(headers: readonly string[], fields: readonly ImportField<F>[]): ColumnMapping<F> {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const mapping: ColumnMapping<F> = {};
  for (const f of fields) {
    const wanted = new Set(f.headers.map(headerKey));
    const index = keys.findIndex((k, i) => !used.has(i) && wanted.has(k));
    if (index >= 0) {
      mapping[f.field] = index;
      used.add(index);
    }
  }
  return mapping;
}

/** The value of `field` in `row` under `mapping`, trimmed; '' when unmapped or empty. */
export function cell<F extends string>(row: readonly string[], mapping: ColumnMapping<F>, field: F): string {
  const index = mapping[field];
  return index === undefined ? '' : (row[index] ?? '').trim();
}
