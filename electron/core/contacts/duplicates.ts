import { sql } from 'kysely';
import type { DuplicateCandidate, DuplicatePair, DuplicateReason } from '../../../shared/contacts/list.ts';
import type { ContactKind } from '../../../shared/contacts/contact.ts';
import { nameKey, nameSimilarity, SIMILAR_NAME_THRESHOLD } from '../../../shared/contacts/nameKey.ts';
import { checkEmail } from '../../../shared/validation/email.ts';
import { checkPhone } from '../../../shared/validation/phone.ts';
import { checkTaxId, isTaxIdScheme } from '../../../shared/validation/taxIds.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { contactNotFound, type Db } from './contacts.ts';

/*
 * Likely duplicates: another contact with the same tax ID, email or phone (each certain enough on
 * its own), or a name that is the same or close once case, accents and legal forms are set aside.
 * Pairs a person marked as "not duplicates" are never shown again (contact_distinct).
 */

export interface Probe {
  name: string;
  taxIds: { scheme: string; value: string }[];
  emails: string[];
  phones: string[];
  country?: string | undefined;
  excludeId?: number | undefined;
  limit: number;
}

const STRONG: ReadonlySet<DuplicateReason> = new Set(['taxId', 'email', 'phone']);
/** FTS candidates for a similar name: more than two-word matches ever give, few enough to score in a millisecond. */
const NAME_CANDIDATES = 500;

interface Found {
  reasons: Set<DuplicateReason>;
  matched: Record<string, string>;
  score: number;
}

/** Tax IDs as stored: normalised when valid, else upper case without spaces (a typo still matches its twin). */
function normalisedTaxIds(probe: Probe): { scheme: string; value: string }[] {
  return probe.taxIds.flatMap((t) => {
    if (t.value.trim() === '') return [];
    const checked = isTaxIdScheme(t.scheme) ? checkTaxId(t.scheme, t.value) : null;
    return [{ scheme: t.scheme, value: checked?.ok ? checked.normalized : t.value.replace(/\s+/g, '').toUpperCase() }];
  });
}

/**
 * The FTS query for names close to `key`: its words by their first four letters ("Hanssen" and
 * "Hansen" meet), and for a name of several words, any two of them together. Requiring two shared
 * words keeps the candidates to the few names that can be similar, instead of every "Trading" or
 * "GmbH" in the book, so no ranking is needed to cut them down.
 */
function nameQuery(key: string): string | null {
  const words = [...new Set(key.split(' ').filter((t) => t.length >= 2).map((t) => `"${[...t].slice(0, 4).join('')}"*`))].slice(0, 6);
  if (words.length === 0) return null;
  if (words.length === 1) return `name : ${words[0]}`;
  const pairs: string[] = [];
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j < words.length; j++) pairs.push(`(${words[i]} AND ${words[j]})`);
  return `name : (${pairs.join(' OR ')})`;
}

export async function findDuplicates(db: Db, probe: Probe): Promise<DuplicateCandidate[]> {
  const found = new Map<number, Found>();
  const add = (id: number, reason: DuplicateReason, value: string, score: number) => {
    if (id === probe.excludeId) return;
    const f = found.get(id) ?? { reasons: new Set(), matched: {}, score: 0 };
    f.reasons.add(reason);
    f.matched[reason] ??= value;
    f.score = Math.max(f.score, score);
    found.set(id, f);
  };

  for (const taxId of normalisedTaxIds(probe)) {
    const rows = await db.selectFrom('contact_tax_id').select('contact_id').where('value', '=', taxId.value).where('scheme', '=', taxId.scheme).execute();
    for (const r of rows) add(r.contact_id, 'taxId', taxId.value, 1);
  }
  for (const email of probe.emails) {
    const checked = checkEmail(email);
    if (!checked.ok) continue;
    const rows = await db.selectFrom('contact_email').select('contact_id').where('address_key', '=', checked.normalized.toLowerCase()).execute();
    for (const r of rows) add(r.contact_id, 'email', checked.normalized, 1);
  }
  for (const phone of probe.phones) {
    const checked = checkPhone(phone, probe.country);
    if (!checked.ok) continue;
    const rows = await db.selectFrom('contact_phone').select('contact_id').where('number', '=', checked.normalized).execute();
    for (const r of rows) add(r.contact_id, 'phone', checked.normalized, 1);
  }

  const key = nameKey(probe.name);
  if (key !== '') {
    const same = await db.selectFrom('contact').select('id').where('name_key', '=', key).limit(100).execute();
    for (const r of same) add(r.id, 'sameName', probe.name, 0.99);
    const fts = nameQuery(key);
    if (fts !== null) {
      const similar = await sql<{ id: number; name_key: string }>`
        SELECT c.id, c.name_key FROM
          (SELECT rowid AS id FROM contact_search WHERE contact_search MATCH ${fts} LIMIT ${NAME_CANDIDATES}) h
        JOIN contact c ON c.id = h.id`.execute(db);
      for (const r of similar.rows) {
        if (r.name_key === key) continue;
        const score = nameSimilarity(key, r.name_key);
        if (score >= SIMILAR_NAME_THRESHOLD) add(r.id, 'similarName', probe.name, score);
      }
    }
  }

  if (found.size === 0) return [];
  const ids = [...found.keys()];
  const dismissed = probe.excludeId === undefined ? new Set<number>() : await distinctFrom(db, probe.excludeId, ids);
  const rows = await db
    .selectFrom('contact')
    .select(['id', 'kind', 'name', 'country'])
    .where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .execute();
  return rows
    .filter((r) => !dismissed.has(r.id))
    .map((r) => {
      const f = found.get(r.id)!;
      const reasons = [...f.reasons];
      return { id: r.id, kind: r.kind as ContactKind, name: r.name, country: r.country, reasons, matched: f.matched, score: f.score, strong: reasons.some((x) => STRONG.has(x)) };
    })
    .sort((a, b) => Number(b.strong) - Number(a.strong) || b.reasons.length - a.reasons.length || b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, probe.limit)
    .map(({ strong: _strong, ...candidate }) => candidate);
}

async function distinctFrom(db: Db, id: number, others: number[]): Promise<Set<number>> {
  const rows = await sql<{ other: number }>`
    SELECT CASE WHEN a_id = ${id} THEN b_id ELSE a_id END AS other FROM contact_distinct
    WHERE (a_id = ${id} AND b_id IN (SELECT value FROM json_each(${JSON.stringify(others)})))
       OR (b_id = ${id} AND a_id IN (SELECT value FROM json_each(${JSON.stringify(others)})))`.execute(db);
  return new Set(rows.rows.map((r) => r.other));
}

/** Marks two contacts as different companies that only look alike: the pair is not shown again. */
export async function markDistinct(db: Db, a: number, b: number, now = new Date()): Promise<void> {
  if (a === b) throw new ValidationError([{ path: 'b', key: 'contacts.merge.self', message: 'Choose two different contacts.' }]);
  for (const id of [a, b]) {
    if ((await db.selectFrom('contact').select('id').where('id', '=', id).executeTakeFirst()) === undefined) throw contactNotFound(id);
  }
  const [low, high] = a < b ? [a, b] : [b, a];
  await sql`INSERT OR IGNORE INTO contact_distinct (a_id, b_id, at) VALUES (${low}, ${high}, ${now.toISOString()})`.execute(db);
}

/**
 * Every pair of contacts sharing a tax ID, an email, a phone or a name key, as a paged list.
 * Similar-but-not-equal names are found only while typing (findDuplicates): comparing every name
 * with every other is quadratic.
 */
export async function listDuplicatePairs(db: Db, page: { offset: number; limit: number }): Promise<{ pairs: DuplicatePair[]; total: number }> {
  const pairsSql = sql`
    WITH groups(reason, value, ids) AS (
      SELECT 'taxId', value, json_group_array(contact_id) FROM (SELECT DISTINCT value, scheme, contact_id FROM contact_tax_id) GROUP BY scheme, value HAVING count(*) > 1
      UNION ALL
      SELECT 'email', min(address), json_group_array(contact_id) FROM (SELECT DISTINCT address_key, address, contact_id FROM contact_email) GROUP BY address_key HAVING count(DISTINCT contact_id) > 1
      UNION ALL
      SELECT 'phone', number, json_group_array(contact_id) FROM (SELECT DISTINCT number, contact_id FROM contact_phone) GROUP BY number HAVING count(*) > 1
      UNION ALL
      SELECT 'sameName', min(name), json_group_array(id) FROM contact WHERE name_key <> '' GROUP BY name_key HAVING count(*) > 1
    ),
    -- Only contacts of one kind can be merged; a person sharing the switchboard number of their
    -- company is not a duplicate of it.
    pairs AS (
      SELECT min(x.value, y.value) AS a, max(x.value, y.value) AS b, g.reason, g.value
      FROM groups g, json_each(g.ids) x, json_each(g.ids) y
      WHERE x.value < y.value
        AND (SELECT kind FROM contact WHERE id = x.value) = (SELECT kind FROM contact WHERE id = y.value)
    ),
    kept AS (
      SELECT p.* FROM pairs p WHERE NOT EXISTS (SELECT 1 FROM contact_distinct d WHERE d.a_id = p.a AND d.b_id = p.b)
    )`;
  const [rows, count] = await Promise.all([
    sql<{ a: number; b: number; reasons: string }>`${pairsSql}
      SELECT a, b, json_group_object(reason, value) AS reasons FROM kept GROUP BY a, b
      ORDER BY count(*) DESC, a, b LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db),
    sql<{ n: number }>`${pairsSql} SELECT count(*) AS n FROM (SELECT 1 FROM kept GROUP BY a, b)`.execute(db),
  ]);
  const ids = [...new Set(rows.rows.flatMap((r) => [r.a, r.b]))];
  const briefs = await db
    .selectFrom('contact')
    .select(['id', 'kind', 'name', 'country', 'updated_at'])
    .where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .execute();
  const byId = new Map(briefs.map((b) => [b.id, { id: b.id, kind: b.kind as ContactKind, name: b.name, country: b.country, updatedAt: b.updated_at }]));
  return {
    pairs: rows.rows.map((r) => {
      const matched = JSON.parse(r.reasons) as Record<string, string>;
      return { a: byId.get(r.a)!, b: byId.get(r.b)!, reasons: Object.keys(matched) as DuplicateReason[], matched };
    }),
    total: count.rows[0]?.n ?? 0,
  };
}
