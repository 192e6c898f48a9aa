import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { BuyerSnapshot, DraftData, KontorDocument } from '../../../shared/invoicing/documents.ts';
import type { KontorSchema } from '../db/schema.ts';
import { exclusive } from '../stock/resolve.ts';
import type { BuyerSource } from './buyers.ts';
import { convertDocument, creditNoteFor } from './convert.ts';
import { deleteDraft, saveDraft, type SaveDraft } from './drafts.ts';
import { issueDocument } from './issue.ts';
import { documentRow, fail, toDocument, todayIso } from './store.ts';

export interface InvoicingOptions {
  buyers: BuyerSource;
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
    if (input.buyer !== null) return input.buyer;
    fail('buyer', 'invoices.buyer.required', 'Choose the buyer.');
  }

  return {
    get: (id: number) => run(() => get(id)),

    async saveDraft(input: SaveDraft): Promise<KontorDocument> {
      // A credit note's buyer is its invoice's; saveDraft takes it from there.
      const buyer = input.kind === 'credit_note' && input.buyer === null && input.buyerContactId === null ? placeholderBuyer : await buyerFor(input);
      return run(() => get(saveDraft(sqlite, input, buyer, now())));
    },

    deleteDraft: (id: number) => run(() => deleteDraft(sqlite, id)),

    async issue(id: number, issueDate: string | null): Promise<KontorDocument> {
      const contactId = await run(() => documentRow(sqlite, id).buyer_contact_id);
      // The contact as it is now is what gets frozen; a document without a contact keeps its written buyer.
      const buyer = contactId === null ? null : await options.buyers.snapshot(contactId);
      return run(() => get(issueDocument(sqlite, id, { issueDate, buyer, now: now() }).id));
    },

    convert: (id: number, to: KontorDocument['kind'], warehouse: number | string | null) =>
      run(() => get(convertDocument(sqlite, id, to, { warehouse }, now()))),

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
};

export type InvoicingService = ReturnType<typeof createInvoicingService>;
