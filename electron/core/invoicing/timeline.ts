import { sql } from 'kysely';
import type { TimelineSource } from '../contacts/timeline.ts';

/**
 * A contact's quotes, proformas, invoices and credit notes, and the payments it made, for its
 * timeline. A document stands at the moment it was issued (a draft at the moment it was created);
 * a payment at the moment it was recorded, with the day it was received in its details.
 */

export const documentsTimelineSource: TimelineSource = {
  id: 'invoices',
  async entries(db, contactId, before, limit) {
    const rows = await sql<{
      id: number;
      kind: string;
      status: string;
      number: string | null;
      at: string;
      issue_date: string | null;
      due_date: string | null;
      currency: string;
      gross_minor: number;
      paid_minor: number;
      credited_minor: number;
      payment_status: string;
    }>`
      SELECT id, kind, status, number, coalesce(issued_at, created_at) AS at, issue_date, due_date, currency,
        gross_minor, paid_minor, credited_minor, payment_status
      FROM document
      WHERE buyer_contact_id = ${contactId} ${before === null ? sql`` : sql`AND coalesce(issued_at, created_at) < ${before}`}
      ORDER BY at DESC, id DESC
      LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => ({
      key: `invoices:${r.id}`,
      source: 'invoices',
      // An issued document by its kind; every draft is a 'draft' with its kind in the details.
      kind: r.status === 'issued' ? r.kind : 'draft',
      at: r.at,
      details: {
        documentKind: r.kind,
        number: r.number,
        issueDate: r.issue_date,
        dueDate: r.due_date,
        currency: r.currency,
        grossMinor: r.gross_minor,
        openMinor: r.kind === 'invoice' && r.status === 'issued' ? Math.max(0, r.gross_minor - r.paid_minor - r.credited_minor) : 0,
        paymentStatus: r.kind === 'invoice' && r.status === 'issued' ? r.payment_status : null,
      },
      link: `#/invoices/documents/${r.id}`,
    }));
  },
};

export const paymentsTimelineSource: TimelineSource = {
  id: 'payments',
  async entries(db, contactId, before, limit) {
    const rows = await sql<{ id: number; created_at: string; received_on: string; amount_minor: number; currency: string; method: string; reference: string | null; numbers: string | null }>`
      SELECT p.id, p.created_at, p.received_on, p.amount_minor, p.currency, p.method, p.reference,
        (SELECT group_concat(d.number, ', ' ORDER BY a.id) FROM payment_allocation a JOIN document d ON d.id = a.document_id WHERE a.payment_id = p.id) AS numbers
      FROM payment p
      WHERE p.buyer_contact_id = ${contactId} ${before === null ? sql`` : sql`AND p.created_at < ${before}`}
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => ({
      key: `payments:${r.id}`,
      source: 'payments',
      kind: 'received',
      at: r.created_at,
      details: {
        receivedOn: r.received_on,
        amountMinor: r.amount_minor,
        currency: r.currency,
        method: r.method,
        reference: r.reference,
        numbers: r.numbers === null ? [] : r.numbers.split(', '),
      },
      link: '#/invoices/payments',
    }));
  },
};
