import type { Database } from 'better-sqlite3';
import type { DocumentKind } from '../../../shared/invoicing/documents.ts';
import { formatAmount } from '../../../shared/money.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { saveDraft, type SaveDraft } from './drafts.ts';
import { buyerOf, documentRow, fail, lineRows, resolvedOf } from './store.ts';

/** Which kind an issued document may become: a quote is accepted, a proforma is paid and invoiced. */
const NEXT: Readonly<Partial<Record<DocumentKind, readonly DocumentKind[]>>> = {
  quote: ['proforma', 'invoice'],
  proforma: ['invoice'],
};

function percentText(bp: number): string | null {
  if (bp === 0) return null;
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/** A new draft of `to` with the source's buyer, currency, language and lines; the source is untouched. */
export function convertDocument(sqlite: Database, sourceId: number, to: DocumentKind, options: { warehouse?: number | string | null }, now: Date): number {
  const source = documentRow(sqlite, sourceId);
  if (source.status !== 'issued') fail('id', 'invoices.convert.notIssued', 'Issue the document before converting it.');
  if (!(NEXT[source.kind as DocumentKind] ?? []).includes(to)) {
    fail('to', 'invoices.convert.notAllowed', `A ${source.kind} cannot become a ${to}.`, { from: source.kind, to });
  }
  const buyer = buyerOf(source);
  const input: SaveDraft = {
    kind: to,
    buyerContactId: buyer.contactId,
    buyer,
    language: source.language as SaveDraft['language'],
    currency: source.currency,
    series: null,
    issueDate: null,
    dueDate: null,
    warehouse: options.warehouse ?? null,
    returnToStock: false,
    creditOfId: null,
    terms: source.terms,
    notes: source.notes,
    sourceId,
    lines: lineRows(sqlite, sourceId).map((row) => {
      const l = resolvedOf(row);
      return {
        sku: l.sku,
        name: l.name,
        description: l.description,
        quantity: formatQuantity(l.quantityMilli),
        unitPrice: formatAmount(l.unitPriceMinor, source.currency),
        discount: percentText(l.discountBp),
        taxClass: l.taxClass,
        supply: l.supply,
        taxOverride:
          l.taxOverride === null ? null : { category: l.taxOverride.category, rate: percentText(l.taxOverride.rateBp) ?? '0', mention: l.taxOverride.mention ?? null },
        creditOfLineId: null,
      };
    }),
  };
  return saveDraft(sqlite, input, buyer, now);
}

/** A credit note draft for the whole invoice (or the lines named), ready to edit and issue. */
export function creditNoteFor(
  sqlite: Database,
  invoiceId: number,
  options: { lineIds?: readonly number[] | null; returnToStock: boolean; warehouse?: number | string | null },
  now: Date,
): number {
  const invoice = documentRow(sqlite, invoiceId);
  const buyer = buyerOf(invoice);
  const lines = lineRows(sqlite, invoiceId).filter((l) => !options.lineIds || options.lineIds.includes(l.id));
  return saveDraft(
    sqlite,
    {
      kind: 'credit_note',
      buyerContactId: buyer.contactId,
      buyer,
      language: invoice.language as SaveDraft['language'],
      currency: invoice.currency,
      series: null,
      issueDate: null,
      dueDate: null,
      warehouse: options.warehouse ?? null,
      returnToStock: options.returnToStock,
      creditOfId: invoiceId,
      terms: null,
      notes: null,
      lines: lines.map((l) => ({
        sku: l.sku,
        name: null,
        description: null,
        quantity: formatQuantity(l.quantity_milli),
        unitPrice: null,
        discount: null,
        taxClass: null,
        supply: null,
        taxOverride: null,
        creditOfLineId: l.id,
      })),
    },
    buyer,
    now,
  );
}
