import { sql, type Kysely } from 'kysely';
import { foldText } from '../../../shared/text/fold.ts';
import type { KontorSchema } from '../db/schema.ts';

type Db = Kysely<KontorSchema>;

const ARABIC_ARTICLE = /(^|\s)(?:[وبفلك]?ال)(\p{Script=Arabic}{2,})/gu;

/**
 * The folded name plus, for Arabic words with the article (ال, also after و/ب/ف/ل/ك), the word
 * without it: "الرباط" is then found as "رباط" too, as people search for a name's stem.
 */
export function foldName(name: string): string {
  const folded = foldText(name);
  const stems = [...folded.matchAll(ARABIC_ARTICLE)].map((m) => m[2]);
  return stems.length === 0 ? folded : `${folded} ${stems.join(' ')}`;
}

const json = (ids: readonly number[]) => JSON.stringify(ids);

/**
 * Rebuilds the search rows of these contacts from their stored details, inside the caller's
 * transaction. Contacts that no longer exist lose their row.
 */
export async function reindexContacts(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await unindexContacts(db, ids);
  const rows = await sql<{
    id: number;
    name: string;
    organisation: string | null;
    job_title: string | null;
    other: string | null;
  }>`
    SELECT c.id, c.name, o.name AS organisation, c.job_title,
      concat_ws(char(10),
        (SELECT group_concat(e.address, ' ') FROM contact_email e WHERE e.contact_id = c.id),
        (SELECT group_concat(substr(p.number, 2), ' ') FROM contact_phone p WHERE p.contact_id = c.id),
        (SELECT group_concat(t.value, ' ') FROM contact_tax_id t WHERE t.contact_id = c.id),
        (SELECT group_concat(concat_ws(' ', a.recipient, a.city, a.region, a.postal_code, a.country), ' ') FROM contact_address a WHERE a.contact_id = c.id),
        (SELECT group_concat(g.tag, ' ') FROM contact_tag g WHERE g.contact_id = c.id),
        (SELECT group_concat(m.buyer_id, ' ') FROM contact_marketplace_id m WHERE m.contact_id = c.id),
        c.source_detail
      ) AS other
    FROM contact c LEFT JOIN contact o ON o.id = c.organisation_id
    WHERE c.id IN (SELECT value FROM json_each(${json(ids)}))`.execute(db);
  for (let i = 0; i < rows.rows.length; i += 300) {
    const chunk = rows.rows.slice(i, i + 300);
    await sql`INSERT INTO contact_search (rowid, name, other) VALUES ${sql.join(
      chunk.map(
        (r) => sql`(${r.id}, ${foldName(r.name)}, ${foldText([r.organisation ?? '', r.job_title ?? '', r.other ?? ''].join('\n'))})`,
      ),
    )}`.execute(db);
  }
}

export async function unindexContacts(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`DELETE FROM contact_search WHERE rowid IN (SELECT value FROM json_each(${json(ids)}))`.execute(db);
}
