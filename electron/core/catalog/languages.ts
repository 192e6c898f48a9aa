import { sql } from 'kysely';
import { CatalogLanguagesSchema, DEFAULT_CATALOG_LANGUAGES, type CatalogLanguages } from '../../../shared/catalog/languages.ts';
import { KontorError, type FieldIssue } from '../../../shared/errors.ts';
import { nowIso, writeTransaction, type Db } from './db.ts';

const KEY = 'catalog.languages';

export async function getCatalogLanguages(db: Db): Promise<CatalogLanguages> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { languages: [...DEFAULT_CATALOG_LANGUAGES] };
  const stored = CatalogLanguagesSchema.safeParse(JSON.parse(row.value));
  // Only this module writes the key, through the same schema; a value it cannot read is a bug.
  if (!stored.success) throw new Error(`The stored catalog languages are not valid: ${row.value}`);
  return stored.data;
}

/**
 * Replaces the catalog languages. Dropping a language that products or categories still have
 * texts in is refused: the texts would stay in the database but vanish from every form.
 */
export async function setCatalogLanguages(db: Db, input: CatalogLanguages): Promise<CatalogLanguages> {
  return writeTransaction(db, async (trx) => {
    const current = await getCatalogLanguages(trx);
    const dropped = current.languages.filter((l) => !input.languages.includes(l));
    const issues: FieldIssue[] = [];
    for (const language of dropped) {
      const used = await sql<{ products: number; categories: number }>`
        SELECT (SELECT count(*) FROM product_text WHERE language = ${language}) AS products,
               (SELECT count(*) FROM category_name WHERE language = ${language}) AS categories`.execute(trx);
      const counts = used.rows[0] ?? { products: 0, categories: 0 };
      if (counts.products + counts.categories > 0) {
        issues.push({
          path: 'languages',
          key: 'catalog.languages.inUse',
          message: `${counts.products} product texts and ${counts.categories} category names are written in ${language}; remove them before dropping ${language}.`,
          params: { language, products: counts.products, categories: counts.categories },
        });
      }
    }
    if (issues.length > 0) {
      throw new KontorError('CONFLICT', issues.map((i) => i.message).join(' '), { issues });
    }
    const value = JSON.stringify(input);
    const now = nowIso();
    await trx
      .insertInto('settings')
      .values({ key: KEY, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
    return input;
  });
}
