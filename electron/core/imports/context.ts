import type { Kysely } from 'kysely';
import { getCatalogLanguages } from '../catalog/languages.ts';
import { listPriceLists } from '../catalog/prices.ts';
import type { KontorSchema } from '../db/schema.ts';

export interface ImportContext {
  languages: string[];
  priceLists: string[];
  priceListIds: Map<string, number>;
  /** For price columns that name no currency: the company's base currency, else EUR. */
  defaultCurrency: string;
}

export async function importContext(db: Kysely<KontorSchema>): Promise<ImportContext> {
  const [{ languages }, lists, company] = await Promise.all([
    getCatalogLanguages(db),
    listPriceLists(db),
    db.selectFrom('company').select('base_currency').where('id', '=', 1).executeTakeFirst(),
  ]);
  return {
    languages,
    priceLists: lists.map((l) => l.code.toUpperCase()),
    priceListIds: new Map(lists.map((l) => [l.code.toUpperCase(), l.id])),
    defaultCurrency: company?.base_currency ?? 'EUR',
  };
}
