import { sql, type RawBuilder } from 'kysely';
import type { ContactFacets, ContactList, ContactListQueryData, ContactSearchHit } from '../../../shared/contacts/list.ts';
import type { ContactKind, ContactRole } from '../../../shared/contacts/contact.ts';
import { buildFtsQuery } from '../../../shared/text/fold.ts';
import type { Db } from './contacts.ts';
import { CONTACT_RANK_SQL } from './searchIndex.ts';

export function filtersOf(query: Pick<ContactListQueryData, 'country' | 'tag' | 'role' | 'kind'>): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (query.country !== undefined) where.push(sql`c.country = ${query.country}`);
  if (query.tag !== undefined) where.push(sql`EXISTS (SELECT 1 FROM contact_tag g WHERE g.contact_id = c.id AND g.tag = ${query.tag})`);
  if (query.role !== undefined) where.push(sql`c.role IN (${query.role}, 'both')`);
  if (query.kind !== undefined) where.push(sql`c.kind = ${query.kind}`);
  return where;
}

function orderOf(query: ContactListQueryData, searching: boolean): RawBuilder<unknown> {
  const dir = query.sort.direction === 'desc' ? sql`DESC` : sql`ASC`;
  switch (query.sort.field) {
    case 'relevance':
      return searching ? sql`h.rank ${dir}, c.name COLLATE NOCASE, c.id` : sql`c.name COLLATE NOCASE ${dir}, c.id ${dir}`;
    case 'country':
      return sql`c.country ${dir}, c.name COLLATE NOCASE ${dir}, c.id ${dir}`;
    case 'updated':
      return sql`c.updated_at ${dir}, c.id ${dir}`;
    case 'created':
      return sql`c.id ${dir}`;
    default:
      return sql`c.name COLLATE NOCASE ${dir}, c.id ${dir}`;
  }
}

/** One page of contacts for the grid, with the total count under the same filters and search. */
export async function listContacts(db: Db, query: ContactListQueryData): Promise<ContactList> {
  const fts = query.search === undefined ? null : buildFtsQuery(query.search);
  const searching = fts !== null;
  if (query.search !== undefined && query.search.trim() !== '' && fts === null) return { rows: [], total: 0 };
  const filters = filtersOf(query);
  const where = filters.length === 0 ? sql`1` : sql.join(filters, sql` AND `);
  const from = searching
    ? sql`(SELECT rowid AS id, ${CONTACT_RANK_SQL} AS rank FROM contact_search WHERE contact_search MATCH ${fts}) h JOIN contact c ON c.id = h.id`
    : sql`contact c`;
  const [page, count] = await Promise.all([
    sql<{
      id: number;
      kind: string;
      name: string;
      organisation: string | null;
      role: string;
      country: string | null;
      city: string | null;
      email: string | null;
      phone: string | null;
      tax_id: string | null;
      tags: string | null;
      updated_at: string;
    }>`
      SELECT c.id, c.kind, c.name, (SELECT o.name FROM contact o WHERE o.id = c.organisation_id) AS organisation, c.role, c.country,
        (SELECT a.city FROM contact_address a WHERE a.contact_id = c.id ORDER BY a.position LIMIT 1) AS city,
        (SELECT e.address FROM contact_email e WHERE e.contact_id = c.id ORDER BY e.position LIMIT 1) AS email,
        (SELECT p.number FROM contact_phone p WHERE p.contact_id = c.id ORDER BY p.position LIMIT 1) AS phone,
        (SELECT t.value FROM contact_tax_id t WHERE t.contact_id = c.id ORDER BY t.position LIMIT 1) AS tax_id,
        (SELECT json_group_array(g.tag) FROM contact_tag g WHERE g.contact_id = c.id) AS tags,
        c.updated_at
      FROM ${from}
      WHERE ${where}
      ORDER BY ${orderOf(query, searching)}
      LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(db),
  ]);
  return {
    rows: page.rows.map((r) => ({
      id: r.id,
      kind: r.kind as ContactKind,
      name: r.name,
      organisationName: r.organisation,
      role: r.role as ContactRole,
      country: r.country,
      city: r.city,
      email: r.email,
      phone: r.phone,
      taxId: r.tax_id,
      tags: r.tags === null ? [] : (JSON.parse(r.tags) as string[]),
      updatedAt: r.updated_at,
    })),
    total: count.rows[0]?.n ?? 0,
  };
}

/** Ranked quick search (a buyer picker on an invoice, the supplier field of a receipt). */
export async function searchContacts(db: Db, query: { text: string; limit: number; role?: 'buyer' | 'supplier' | undefined }): Promise<ContactSearchHit[]> {
  const fts = buildFtsQuery(query.text);
  if (fts === null) return [];
  const role = query.role === undefined ? sql`1` : sql`c.role IN (${query.role}, 'both')`;
  const result = await sql<{ id: number; kind: string; name: string; role: string; country: string | null }>`
    SELECT c.id, c.kind, c.name, c.role, c.country
    FROM (SELECT rowid AS id, ${CONTACT_RANK_SQL} AS rank FROM contact_search WHERE contact_search MATCH ${fts} ORDER BY rank LIMIT ${query.limit * 4}) h
    JOIN contact c ON c.id = h.id
    WHERE ${role}
    ORDER BY h.rank, c.name COLLATE NOCASE
    LIMIT ${query.limit}`.execute(db);
  return result.rows.map((r) => ({ id: r.id, kind: r.kind as ContactKind, name: r.name, role: r.role as ContactRole, country: r.country }));
}

/** The countries and tags in use, with counts, for the list's filters. */
export async function contactFacets(db: Db): Promise<ContactFacets> {
  const [countries, tags] = await Promise.all([
    sql<{ country: string; count: number }>`SELECT country, count(*) AS count FROM contact WHERE country IS NOT NULL GROUP BY country ORDER BY count DESC, country`.execute(db),
    sql<{ tag: string; count: number }>`SELECT tag, count(*) AS count FROM contact_tag GROUP BY tag COLLATE NOCASE ORDER BY count DESC, tag LIMIT 500`.execute(db),
  ]);
  return { countries: countries.rows, tags: tags.rows };
}
