import { KontorError } from '../../../shared/errors.ts';
import type { Handlers } from '../dispatcher.ts';
import type { BuyerSource } from './buyers.ts';

/** The buyer a contact makes, for the editor's buyer picker: the same snapshot a draft takes. */
export function buyerHandlers(buyers: BuyerSource): Pick<Handlers, 'invoices.buyerFromContact'> {
  return {
    async 'invoices.buyerFromContact'({ contactId }) {
      const snapshot = await buyers.snapshot(contactId);
      if (snapshot === null) throw new KontorError('NOT_FOUND', `There is no contact with id ${contactId}.`, { id: contactId, key: 'contacts.notFound' });
      return snapshot;
    },
  };
}
