/**
 * Every column in the database that holds a contact's id. Merging two contacts repoints each of
 * them from the merged contact to the kept one, in one transaction; deleting a contact is refused
 * while a `blocksDelete` reference points at it. A table that refers to contact(id) and is not
 * listed here fails tests/core/contacts/references.test.ts, so a new table (invoices, payments,
 * quotes) adds one line here.
 */
export interface ContactReference {
  table: string;
  column: string;
  /**
   * The contact's own details (tags, emails…) where the kept contact may already have the same
   * row: such rows are dropped instead of moved. Without it, a collision aborts the merge.
   */
  duplicates?: 'drop';
  /** Rows are ordered by a `position` column: moved rows go after the kept contact's own. */
  positioned?: boolean;
  /** A document or movement naming the contact: the contact cannot be deleted while one exists. */
  blocksDelete?: boolean;
  /** What a person calls these rows, for the merge log and the delete refusal. */
  label: string;
}

export const CONTACT_REFERENCES: readonly ContactReference[] = [
  { table: 'contact', column: 'organisation_id', label: 'people' },
  { table: 'contact_address', column: 'contact_id', positioned: true, label: 'addresses' },
  { table: 'contact_email', column: 'contact_id', positioned: true, duplicates: 'drop', label: 'emails' },
  { table: 'contact_phone', column: 'contact_id', positioned: true, duplicates: 'drop', label: 'phones' },
  { table: 'contact_tax_id', column: 'contact_id', positioned: true, duplicates: 'drop', label: 'taxIds' },
  { table: 'contact_tag', column: 'contact_id', duplicates: 'drop', label: 'tags' },
  { table: 'contact_marketplace_id', column: 'contact_id', label: 'marketplaceIds' },
  { table: 'contact_event', column: 'contact_id', label: 'events' },
  { table: 'contact_merge', column: 'kept_id', label: 'merges' },
  // Both sides of a "not a duplicate" pair; a pair that ends up naming one contact twice is dropped by the merge.
  { table: 'contact_distinct', column: 'a_id', duplicates: 'drop', label: 'distinctPairs' },
  { table: 'contact_distinct', column: 'b_id', duplicates: 'drop', label: 'distinctPairs' },
  { table: 'stock_receipt_supplier', column: 'contact_id', blocksDelete: true, label: 'stockReceipts' },
  // The link only: an issued document's frozen buyer copy keeps the name and id it was issued with
  // (migration 014-buyers frees this one column from the freeze trigger).
  { table: 'document', column: 'buyer_contact_id', blocksDelete: true, label: 'documents' },
  { table: 'payment', column: 'buyer_contact_id', blocksDelete: true, label: 'payments' },
];
