import type { TaxCase } from '../../../../shared/ledger/postingKeys.ts';

/** One tax group of a sales document, in its currency and as booked in the base currency. */
export interface SalesTaxGroup {
  taxCase: TaxCase;
  rateBp: number;
  netMinor: number;
  vatMinor: number;
  netBaseMinor: number;
  vatBaseMinor: number;
}

/** An issued invoice or credit note as the reports read it (credit notes with positive amounts). */
export interface SalesDocument {
  kind: 'invoice' | 'creditNote';
  number: string;
  /** YYYY-MM-DD */
  date: string;
  dueDate: string | null;
  customerName: string;
  customerCountry: string | null;
  customerVatId: string | null;
  marketplace: string | null;
  currency: string;
  rate: string;
  taxes: readonly SalesTaxGroup[];
  status: 'open' | 'partlyPaid' | 'paid' | 'credited';
}

/** An invoice not fully paid at a date, for the AR aging. */
export interface OpenItem {
  customerName: string;
  number: string;
  date: string;
  dueDate: string;
  currency: string;
  openMinor: number;
  openBaseMinor: number;
}

/**
 * What the invoice reports need from invoicing, and nothing more: invoiceSourceFor.ts reads the
 * invoice tables; `invoiceSourceOf` serves plain data (tests, importers).
 */
export interface InvoiceSource {
  /** Invoices and credit notes dated in the period, by date then number. */
  salesDocuments(from: string, to: string): Iterable<SalesDocument>;
  /** Invoices with an amount still open at the end of `at`, by customer then due date. */
  openItems(at: string): Iterable<OpenItem>;
}

/** An in-memory source over plain data: tests, and a bridge for importers. */
export function invoiceSourceOf(documents: readonly SalesDocument[], openItemsAt: (at: string) => readonly OpenItem[]): InvoiceSource {
  return {
    salesDocuments: (from, to) => documents.filter((d) => d.date >= from && d.date <= to).sort((a, b) => a.date.localeCompare(b.date) || a.number.localeCompare(b.number)),
    openItems: (at) => [...openItemsAt(at)].sort((a, b) => a.customerName.localeCompare(b.customerName) || a.dueDate.localeCompare(b.dueDate)),
  };
}
