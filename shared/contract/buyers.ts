import { z } from 'zod';
import { BuyerSnapshotSchema } from '../invoicing/documents.ts';
import { defineCall } from './define.ts';

/** Invoices and contacts joined: the buyer a contact makes on a document. */
export const buyerCalls = {
  'invoices.buyerFromContact': defineCall({
    input: z.object({ contactId: z.number().int().positive() }).strict(),
    output: BuyerSnapshotSchema,
    summary: 'The buyer a contact makes on a new document (country, tax IDs, terms, language, currency), as a draft would take it.',
  }),
};
