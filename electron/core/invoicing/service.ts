import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { BuyerSnapshot, DraftData, KontorDocument } from '../../../shared/invoicing/documents.ts';
import type { KontorSchema } from '../db/schema.ts';
import { exclusive } from '../stock/resolve.ts';
import type { BuyerSource } from './buyers.ts';
import type { PdfRenderer } from './pdf/renderer.ts';
import { documentHtml, pdfOf } from './pdf/store.ts';
import { convertDocument, creditNoteFor } from './convert.ts';
import { deleteDraft, previewDraft, saveDraft, type SaveDraft } from './drafts.ts';
import { issueDocument } from './issue.ts';
import { allocatePayment, getPayment, listPayments, recordPayment, type PaymentInput } from './payments.ts';
import { importEcbXml, importRatesCsv, listRates, setRate } from './rates.ts';
import { aging, statement } from './receivables.ts';
import { buyerOf, documentRow, fail, toDocument, todayIso } from './store.ts';

export interface InvoicingOptions {
  buyers: BuyerSource;
  pdf: PdfRenderer;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * The invoicing calls over the synchronous core. Every write runs on the raw connection in its
 * own IMMEDIATE transaction while holding Kysely's connection (`exclusive`), like the stock
 * service, so the stock writer joins the same transaction when an invoice ships goods.
 */
export function createInvoicingService(db: Kysely<KontorSchema>, sqlite: Database, options: InvoicingOptions) {
  const now = options.now ?? (() => new Date());
  const run = <T>(fn: () => T): Promise<T> => exclusive(db, fn);
  const get = (id: number): KontorDocument => toDocument(sqlite, documentRow(sqlite, id), todayIso(now()));

  /** The buyer from the contacts core when a contact is named, else as written on the draft. */
  async function buyerFor(input: Pick<DraftData, 'buyerContactId' | 'buyer' | 'kind'>): Promise<BuyerSnapshot> {
    if (input.buyerContactId !== null) {
      const snapshot = await options.buyers.snapshot(input.buyerContactId);
      if (!snapshot) fail('buyerContactId', 'invoices.buyer.unknownContact', `There is no contact #${input.buyerContactId}.`, { id: input.buyerContactId });
      return snapshot;
    }
    // A buyer written out is a one-off: it links to no contact, whatever its snapshot says (only
    // buyerContactId links, and only to a contact that exists).
    if (input.buyer !== null) return { ...input.buyer, contactId: null };
    fail('buyer', 'invoices.buyer.required', 'Choose the buyer.');
  }

  return {
    get: (id: number) => run(() => get(id)),

    async saveDraft(input: SaveDraft): Promise<KontorDocument> {
      // A credit note's buyer is its invoice's; saveDraft takes it from there.
      const buyer = input.kind === 'credit_note' && input.buyer === null && input.buyerContactId === null ? placeholderBuyer : await buyerFor(input);
      return run(() => get(saveDraft(sqlite, input, buyer, now())));
    },

    /** Live totals of what the editor holds, without saving. */
    async preview(input: SaveDraft) {
      const buyer = input.kind === 'credit_note' && input.buyer === null && input.buyerContactId === null ? placeholderBuyer : await buyerFor(input);
      return run(() => previewDraft(sqlite, input, buyer));
    },

    deleteDraft: (id: number) => run(() => deleteDraft(sqlite, id)),

    /**
     * Issues, then makes and stores the PDF. The PDF is made from the frozen copy once the issue
     * has committed (Chromium cannot print inside a SQLite transaction); if printing fails the
     * document stays issued and its first `pdf` request makes it from the same frozen copy.
     */
    async issue(id: number, issueDate: string | null, options_: { pdf?: boolean } = {}): Promise<KontorDocument> {
      const row = await run(() => documentRow(sqlite, id));
      // The contact as it is now is what gets frozen; a document without a contact keeps its written
      // buyer. A credit note keeps its invoice's buyer (the taxes it credits are the invoice's),
      // linked to the contact the invoice belongs to now (a merge may have moved it).
      const buyer =
        row.buyer_contact_id === null ? null : row.kind === 'credit_note' ? buyerOf(row) : await options.buyers.snapshot(row.buyer_contact_id);
      await run(() => issueDocument(sqlite, id, { issueDate, buyer, now: now() }));
      if (options_.pdf === true) await pdfOf(sqlite, id, options.pdf, now(), run);
      return run(() => get(id));
    },

    pdf: (id: number) => pdfOf(sqlite, id, options.pdf, now(), run),
    previewHtml: (id: number) => run(() => documentHtml(sqlite, id, now())),

    convert: (id: number, to: KontorDocument['kind'], warehouse: number | string | null) =>
      run(() => get(convertDocument(sqlite, id, to, { warehouse }, now()))),

    recordPayment: (input: PaymentInput) => run(() => getPayment(sqlite, recordPayment(sqlite, input, now()))),
    allocatePayment: (paymentId: number, allocations: PaymentInput['allocations']) =>
      run(() => {
        allocatePayment(sqlite, paymentId, allocations, now());
        return getPayment(sqlite, paymentId);
      }),
    getPayment: (id: number) => run(() => getPayment(sqlite, id)),
    listPayments: (query: { buyerContactId: number | null; limit: number }) => run(() => listPayments(sqlite, query)),

    aging: (today: string | null, buyerContactId: number | null = null) => run(() => aging(sqlite, today ?? todayIso(now()), buyerContactId)),
    statement: (buyer: { contactId: number | null; name: string | null }, from: string, to: string) => run(() => statement(sqlite, buyer, from, to)),

    setRate: (input: { unit: string; quote: string; date: string; rate: string }) => run(() => setRate(sqlite, input, now())),
    listRates: (query: { currency: string | null; limit: number }) => run(() => listRates(sqlite, query)),
    importEcbXml: (text: string) => run(() => importEcbXml(sqlite, text, now())),
    importRatesCsv: (text: string) => run(() => importRatesCsv(sqlite, text, now())),

    creditNote: (invoiceId: number, lineIds: readonly number[] | null, returnToStock: boolean, warehouse: number | string | null) =>
      run(() => get(creditNoteFor(sqlite, invoiceId, { lineIds, returnToStock, warehouse }, now()))),
  };
}

/** Never stored: saveDraft replaces it with the credited invoice's buyer. */
const placeholderBuyer: BuyerSnapshot = {
  contactId: null,
  name: '-',
  organisationName: null,
  country: 'DE',
  billingAddress: null,
  shippingAddress: null,
  taxIds: [],
  isBusiness: true,
  email: null,
  phone: null,
  currency: null,
  paymentTermsDays: null,
  language: null,
};

export type InvoicingService = ReturnType<typeof createInvoicingService>;
