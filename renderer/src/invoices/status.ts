import type { DocumentRow } from '../../../shared/invoicing/documents.ts';

export type ShownStatus = 'draft' | 'issued' | 'unpaid' | 'partlyPaid' | 'paid' | 'overdue';

/** One word per document: drafts and quotes by their status, issued invoices by what is paid. */
export function statusOf(r: Pick<DocumentRow, 'status' | 'kind' | 'overdue' | 'paymentStatus'>): ShownStatus {
  if (r.status === 'draft') return 'draft';
  if (r.kind !== 'invoice') return 'issued';
  return r.overdue ? 'overdue' : r.paymentStatus;
}

export const statusColor: Record<ShownStatus, string> = {
  draft: 'gray',
  issued: 'blue',
  unpaid: 'orange',
  partlyPaid: 'yellow',
  paid: 'teal',
  overdue: 'red',
};
