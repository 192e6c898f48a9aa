import { sql } from 'kysely';
import type { TimelineEntry, TimelinePage } from '../../../shared/contacts/timeline.ts';
import { documentsTimelineSource, paymentsTimelineSource } from '../invoicing/timeline.ts';
import { contactNotFound, type Db } from './contacts.ts';

/**
 * A source of timeline entries. Each module that keeps something about a contact (its own events,
 * stock receipts, later quotes, invoices and payments) answers its entries for one contact, newest
 * first, older than `before`, at most `limit`; the timeline merges them. To add a source, write
 * one and add it to TIMELINE_SOURCES.
 */
export interface TimelineSource {
  id: string;
  entries(db: Db, contactId: number, before: string | null, limit: number): Promise<TimelineEntry[]>;
}

type Details = TimelineEntry['details'];

/** Created, edited (with the fields changed), merged (with the merged contact's name), imported. */
export const contactEventsSource: TimelineSource = {
  id: 'contacts',
  async entries(db, contactId, before, limit) {
    let query = db.selectFrom('contact_event').select(['id', 'kind', 'at', 'details']).where('contact_id', '=', contactId);
    if (before !== null) query = query.where('at', '<', before);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => {
      const raw = JSON.parse(r.details) as Record<string, unknown>;
      const details: Details = {};
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) details[k] = v;
        else if (Array.isArray(v)) details[k] = v.map(String);
        else details[k] = JSON.stringify(v);
      }
      return { key: `contacts:${r.id}`, source: 'contacts', kind: r.kind, at: r.at, details, link: null };
    });
  },
};

/** Goods received from this contact as a supplier. */
export const stockReceiptsSource: TimelineSource = {
  id: 'stock',
  async entries(db, contactId, before, limit) {
    const rows = await sql<{ id: number; sku: string; unit: string; quantity_milli: number; unit_cost_minor: number | null; reference: string | null; occurred_at: string; corrected: number }>`
      SELECT m.id, p.sku, p.unit, m.quantity_milli, m.unit_cost_minor, m.reference, m.occurred_at,
        EXISTS (SELECT 1 FROM stock_movement c WHERE c.corrects_id = m.id) AS corrected
      FROM stock_receipt_supplier s
      JOIN stock_movement m ON m.id = s.movement_id
      JOIN product p ON p.id = m.product_id
      WHERE s.contact_id = ${contactId} ${before === null ? sql`` : sql`AND m.occurred_at < ${before}`}
      ORDER BY m.occurred_at DESC, m.id DESC
      LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => ({
      key: `stock:${r.id}`,
      source: 'stock',
      kind: 'receipt',
      at: r.occurred_at,
      details: { sku: r.sku, unit: r.unit, quantityMilli: r.quantity_milli, unitCostMinor: r.unit_cost_minor, reference: r.reference, corrected: r.corrected === 1 },
      link: `#/stock/movements?sku=${encodeURIComponent(r.sku)}`,
    }));
  },
};

/** Every source, in no particular order (entries are merged by time). */
export const TIMELINE_SOURCES: TimelineSource[] = [contactEventsSource, stockReceiptsSource, documentsTimelineSource, paymentsTimelineSource];

/** The newest `limit` entries older than `before`, across every source. */
export async function contactTimeline(
  db: Db,
  query: { id: number; before?: string | undefined; limit: number },
  sources: readonly TimelineSource[] = TIMELINE_SOURCES,
): Promise<TimelinePage> {
  const exists = await db.selectFrom('contact').select('id').where('id', '=', query.id).executeTakeFirst();
  if (exists === undefined) throw contactNotFound(query.id);
  // One more than asked from each source tells whether an older page exists.
  const all = (await Promise.all(sources.map((s) => s.entries(db, query.id, query.before ?? null, query.limit + 1)))).flat();
  all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key < b.key ? 1 : -1));
  return { entries: all.slice(0, query.limit), more: all.length > query.limit };
}
