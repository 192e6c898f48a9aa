import type { Kysely } from 'kysely';
import { PreferencesSchema, type Preferences } from '../../../shared/contract/app.ts';
import type { KontorSchema } from '../db/schema.ts';

const KEY = 'ui.preferences';

export async function getPreferences(db: Kysely<KontorSchema>): Promise<Preferences> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  const stored = row ? PreferencesSchema.partial().safeParse(JSON.parse(row.value)) : undefined;
  const company = await db.selectFrom('company').select('default_language').executeTakeFirst();
  // Until someone picks a language, the company's default language is the natural choice.
  const fallback: Preferences = {
    language: (company?.default_language as Preferences['language'] | undefined) ?? 'en',
    theme: 'auto',
  };
  return { ...fallback, ...(stored?.success ? stored.data : {}) };
}

export async function setPreferences(db: Kysely<KontorSchema>, change: Partial<Preferences>): Promise<Preferences> {
  const next = { ...(await getPreferences(db)), ...change };
  const now = new Date().toISOString();
  await db
    .insertInto('settings')
    .values({ key: KEY, value: JSON.stringify(next), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next), updated_at: now }))
    .execute();
  return next;
}
