import type { Database } from 'better-sqlite3';
import type { DocumentListQuery, DocumentPage, DocumentRow as ListRow } from '../../../shared/invoicing/documents.ts';
import { DocumentListQuerySchema } from '../../../shared/invoicing/documents.ts';
import { cached } from '../stock/resolve.ts';
import { isOverdue, openMinorOf, type DocumentRow } from './store.ts';

type Query = ReturnType<typeof DocumentListQuerySchema.parse>;

/** The WHERE clause of a list filter; `today` judges overdue. Literal conditions, so the indexes apply. */
function whereOf(query: Query): { sql: string; params: Record<string, string | number> } {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  if (query.kind !== null) {
    parts.push('kind = @kind');
    params.kind = query.kind;
  }
  switch (query.filter) {
    case 'draft':
      parts.push("status = 'draft'");
      break;
    case 'issued':
      parts.push("status = 'issued'");
      break;
    case 'unpaid':
    case 'partlyPaid':
    case 'paid':
      parts.push("kind = 'invoice' AND status = 'issued' AND payment_status = @paymentStatus");
      params.paymentStatus = query.filter;
      break;
    case 'overdue':
      parts.push('is_open = 1 AND due_date < @today');
      break;
    case 'all':
      break;
  }
  if (query.buyerContactId !== null) {
    parts.push('buyer_contact_id = @buyerContactId');
    params.buyerContactId = query.buyerContactId;
  }
  if (query.search !== null) {
    parts.push("(number LIKE @search ESCAPE '\\' OR buyer_name LIKE @search ESCAPE '\\')");
    params.search = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * How many documents a filter matches. Kind, status and payment state are counted by triggers
 * (document_count); overdue is the open invoices less those not yet due (the recent few, read
 * from the due-date index); only a search counts the matching rows themselves.
 */
function countOf(sqlite: Database, query: Query, where: string, params: Record<string, string | number>): number {
  // One contact's documents are few and reached through its index (document_buyer): counted as they are.
  if (query.search !== null || query.buyerContactId !== null) return cached(sqlite, `SELECT count(*) FROM document ${where}`).pluck().get(params) as number;
  if (query.filter !== 'overdue') return cached(sqlite, `SELECT coalesce(sum(n), 0) FROM document_count ${where}`).pluck().get(params) as number;
  if (query.kind !== null && query.kind !== 'invoice') return 0;
  const open = cached(
    sqlite,
    "SELECT coalesce(sum(n), 0) FROM document_count WHERE kind = 'invoice' AND status = 'issued' AND payment_status IN ('unpaid', 'partlyPaid')",
  )
    .pluck()
    .get() as number;
  const notYetDue = cached(sqlite, 'SELECT count(*) FROM document WHERE is_open = 1 AND due_date >= ?').pluck().get(params.today) as number;
  return open - notYetDue;
}

const LIST_COLUMNS = 'id, kind, status, number, buyer_name, issue_date, due_date, currency, gross_minor, paid_minor, credited_minor, payment_status';

export function listDocuments(sqlite: Database, input: DocumentListQuery, today: string): DocumentPage {
  const query = DocumentListQuerySchema.parse(input);
  const day = query.today ?? today;
  const { sql, params } = whereOf(query);
  const withToday = sql.includes('@today') ? { ...params, today: day } : params;
  const total = countOf(sqlite, query, sql, withToday);
  // Overdue: the most overdue first; everything else newest first.
  const order = query.filter === 'overdue' ? 'due_date, id' : 'id DESC';
  const rows = cached(sqlite, `SELECT ${LIST_COLUMNS} FROM document ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({
    ...withToday,
    limit: query.limit,
    offset: query.offset,
  }) as DocumentRow[];
  return { total, rows: rows.map((r) => listRow(r, day)) };
}

function listRow(r: DocumentRow, today: string): ListRow {
  return {
    id: r.id,
    kind: r.kind as ListRow['kind'],
    status: r.status === 'issued' ? 'issued' : 'draft',
    number: r.number,
    buyerName: r.buyer_name,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    grossMinor: r.gross_minor,
    openMinor: openMinorOf(r),
    paymentStatus: r.payment_status as ListRow['paymentStatus'],
    overdue: isOverdue(r, today),
  };
}
