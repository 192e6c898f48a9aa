import { sql, type RawBuilder } from 'kysely';
import type { ContactFacets, ContactList, ContactListQueryData, ContactListRow, ContactSearchHit } from '../../../shared/contacts/list.ts';
import { nameKey } from '../../../shared/contacts/nameKey.ts';
import type { ContactKind, ContactRole } from '../../../shared/contacts/contact.ts';
import { buildFtsQuery } from '../../../shared/text/fold.ts';
import type { Db } from './contacts.ts';

export function filtersOf(query: Pick<ContactListQueryData, 'country' | 'tag' | 'role' | 'kind'>): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (query.country !== undefined) where.push(sql`c.country = ${query.country}`);
  if (query.tag !== undefined) where.push(sql`EXISTS (SELECT 1 FROM contact_tag g WHERE g.contact_id = c.id AND g.tag = ${query.tag})`);
  if (query.role !== undefined) where.push(sql`c.role IN (${query.role}, 'both')`);
  if (query.kind !== undefined) where.push(sql`c.kind = ${query.kind}`);
  return where;
}

function orderOf(query: ContactListQueryData): RawBuilder<unknown> {
  const dir = query.sort.direction === 'desc' ? sql`DESC` : sql`ASC`;
  switch (query.sort.field) {
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

const ROW_COLUMNS = sql`c.id, c.kind, c.name, (SELECT o.name FROM contact o WHERE o.id = c.organisation_id) AS organisation, c.role, c.country,
  (SELECT a.city FROM contact_address a WHERE a.contact_id = c.id ORDER BY a.position LIMIT 1) AS city,
  (SELECT e.address FROM contact_email e WHERE e.contact_id = c.id ORDER BY e.position LIMIT 1) AS email,
  (SELECT p.number FROM contact_phone p WHERE p.contact_id = c.id ORDER BY p.position LIMIT 1) AS phone,
  (SELECT t.value FROM contact_tax_id t WHERE t.contact_id = c.id ORDER BY t.position LIMIT 1) AS tax_id,
  (SELECT json_group_array(g.tag) FROM contact_tag g WHERE g.contact_id = c.id) AS tags,
  c.updated_at`;

interface RowData {
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
}

const matches = (fts: string) => sql`SELECT rowid FROM contact_search WHERE contact_search MATCH ${fts}`;

/**
 * The ids of one page of a search's matches in name order. Two plans, chosen by how many match
 * (counting is cheap; ranking or sorting every match is not): many matches → walk the name index
 * and keep the ids that match (a few thousand steps find a page when every 20th contact matches);
 * few matches → sort just them. Walking for a rare word would read the whole index; sorting 6,000
 * matches costs ten times a walk. The crossover is where both read about as many entries.
 */
async function searchPageIds(db: Db, fts: string, count: number, query: ContactListQueryData): Promise<number[]> {
  const dir = query.sort.direction === 'desc' ? sql`DESC` : sql`ASC`;
  const size = (await sql<{ n: number }>`SELECT coalesce(max(id), 0) AS n FROM contact`.execute(db)).rows[0]?.n ?? 0;
  const walk = count * count >= (query.offset + query.limit) * size * 2;
  const rows = walk
    ? await sql<{ id: number }>`SELECT c.id FROM contact c INDEXED BY contact_list_name WHERE c.id IN (${matches(fts)})
        ORDER BY c.name COLLATE NOCASE ${dir}, c.id ${dir} LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db)
    : await sql<{ id: number }>`SELECT c.id FROM (${matches(fts)}) h JOIN contact c ON c.id = h.rowid
        ORDER BY c.name COLLATE NOCASE ${dir}, c.id ${dir} LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db);
  return rows.rows.map((r) => r.id);
}

function toRow(r: RowData): ContactListRow {
  return {
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
  };
}

async function rowsOf(db: Db, ids: readonly number[]): Promise<ContactListRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<RowData>`SELECT ${ROW_COLUMNS} FROM contact c WHERE c.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(db);
  const byId = new Map(result.rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r === undefined ? [] : [toRow(r)];
  });
}

/** One page of contacts for the grid, with the total count under the same filters and search. */
export async function listContacts(db: Db, query: ContactListQueryData): Promise<ContactList> {
  const fts = query.search === undefined ? null : buildFtsQuery(query.search);
  if (query.search !== undefined && query.search.trim() !== '' && fts === null) return { rows: [], total: 0 };
  const filters = filtersOf(query);
  if (fts !== null && filters.length === 0 && query.sort.field === 'name') {
    // The common case (typing in the search box) gets the plan that does not sort every match.
    const total = (await sql<{ n: number }>`SELECT count(*) AS n FROM contact_search WHERE contact_search MATCH ${fts}`.execute(db)).rows[0]?.n ?? 0;
    return { rows: await rowsOf(db, await searchPageIds(db, fts, total, query)), total };
  }
  if (fts !== null) filters.push(sql`c.id IN (${matches(fts)})`);
  const where = filters.length === 0 ? sql`1` : sql.join(filters, sql` AND `);
  const page = await sql<{ id: number }>`SELECT c.id FROM contact c WHERE ${where} ORDER BY ${orderOf(query)} LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db);
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM contact c WHERE ${where}`.execute(db);
  return { rows: await rowsOf(db, page.rows.map((r) => r.id)), total: count.rows[0]?.n ?? 0 };
}

/**
 * Quick search (a buyer picker on an invoice, the supplier of a receipt): names that start with
 * what was typed first (legal forms, case and accents aside), then every other match by name.
 */
export async function searchContacts(db: Db, query: { text: string; limit: number; role?: 'buyer' | 'supplier' | undefined }): Promise<ContactSearchHit[]> {
  const fts = buildFtsQuery(query.text);
  if (fts === null) return [];
  const role = query.role === undefined ? sql`1` : sql`c.role IN (${query.role}, 'both')`;
  const key = nameKey(query.text);
  const starts =
    key === ''
      ? []
      : (
          await sql<{ id: number }>`SELECT c.id FROM contact c WHERE c.name_key >= ${key} AND c.name_key < ${`${key}\u{10FFFF}`} AND ${role}
            ORDER BY c.name_key, c.id LIMIT ${query.limit}`.execute(db)
        ).rows.map((r) => r.id);
  let rest: number[] = [];
  if (starts.length < query.limit) {
    const limit = query.limit + starts.length;
    if (query.role === undefined) {
      const total = (await sql<{ n: number }>`SELECT count(*) AS n FROM contact_search WHERE contact_search MATCH ${fts}`.execute(db)).rows[0]?.n ?? 0;
      rest = await searchPageIds(db, fts, total, { offset: 0, limit, sort: { field: 'name', direction: 'asc' } });
    } else {
      rest = (await sql<{ id: number }>`SELECT c.id FROM contact c WHERE c.id IN (${matches(fts)}) AND ${role} ORDER BY c.name COLLATE NOCASE, c.id LIMIT ${limit}`.execute(db)).rows.map((r) => r.id);
    }
  }
  const ids = [...new Set([...starts, ...rest])].slice(0, query.limit);
  if (ids.length === 0) return [];
  const rows = await sql<{ id: number; kind: string; name: string; role: string; country: string | null }>`
    SELECT c.id, c.kind, c.name, c.role, c.country FROM contact c WHERE c.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(db);
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r === undefined ? [] : [{ id: r.id, kind: r.kind as ContactKind, name: r.name, role: r.role as ContactRole, country: r.country }];
  });
}

/** The countries and tags in use, with counts, for the list's filters. */
export async function contactFacets(db: Db): Promise<ContactFacets> {
  const [countries, tags] = await Promise.all([
    sql<{ country: string; count: number }>`SELECT country, count(*) AS count FROM contact WHERE country IS NOT NULL GROUP BY country ORDER BY count DESC, country`.execute(db),
    sql<{ tag: string; count: number }>`SELECT tag, count(*) AS count FROM contact_tag GROUP BY tag COLLATE NOCASE ORDER BY count DESC, tag LIMIT 500`.execute(db),
  ]);
  return { countries: countries.rows, tags: tags.rows };
}
