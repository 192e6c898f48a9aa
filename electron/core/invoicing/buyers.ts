import type { BuyerSnapshot } from '../../../shared/invoicing/documents.ts';

/**
 * Where the invoicing core gets a buyer's snapshot from. The contacts core (issue 4) provides the
 * real one; until it is wired, documents carry the buyer written out, and a contact id is refused.
 * It is called before the issuing transaction starts (it may be asynchronous and use Kysely), and
 * the answer is frozen into the document inside that transaction.
 */
export interface BuyerSource {
  snapshot(contactId: number): Promise<BuyerSnapshot | null>;
}

/** The source while no contacts core is wired: knows no contact. */
export const noContacts: BuyerSource = {
  snapshot: () => Promise.resolve(null),
};

/** A source over fixed snapshots, for tests and the demo. */
export function fixedBuyers(snapshots: readonly BuyerSnapshot[]): BuyerSource {
  const byId = new Map(snapshots.filter((s) => s.contactId !== null).map((s) => [s.contactId as number, s]));
  return { snapshot: (id) => Promise.resolve(byId.get(id) ?? null) };
}

/** The buyer's EU VAT number, if it has one: it decides intra-EU supplies and reverse charge. */
export function euVatIdOf(buyer: BuyerSnapshot): string | null {
  return buyer.taxIds.find((t) => t.scheme === 'EU_VAT')?.value ?? null;
}
