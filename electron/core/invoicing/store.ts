import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { LANGUAGES, type Language } from '../../../shared/contract/app.ts';
import { KontorError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import {
  BuyerSnapshotSchema,
  SellerSnapshotSchema,
  type BuyerSnapshot,
  type DocumentKind,
  type KontorDocument,
  type PaymentStatus,
  type SellerSnapshot,
} from '../../../shared/invoicing/documents.ts';
import { formatRate } from '../../../shared/invoicing/fx.ts';
import type { LineTaxOverride, TaxCase, TaxCategory, TaxClass } from '../../../shared/invoicing/tax.ts';
import type { KontorSchema } from '../db/schema.ts';
import { cached } from '../stock/resolve.ts';
import type { ResolvedLine } from './lines.ts';

export type DocumentRow = Selectable<KontorSchema['document']>;
export type LineRow = Selectable<KontorSchema['document_line']>;

export function fail(path: string, key: string, message: string, params?: Record<string, string | number>): never {
  const issue: FieldIssue = params ? { path, key, message, params } : { path, key, message };
  throw new ValidationError([issue]);
}

export function notFound(what: string): never {
  throw new KontorError('NOT_FOUND', what);
}

export interface CompanyRow {
  legal_name: string;
  trade_name: string | null;
  country: string;
  base_currency: string;
  fiscal_year_start_month: number;
  fiscal_year_start_day: number;
  default_language: string;
  email: string | null;
  phone: string | null;
  website: string | null;
}

export function companyOf(sqlite: Database): CompanyRow {
  const row = cached(sqlite, 'SELECT * FROM company WHERE id = 1').get() as CompanyRow | undefined;
  if (!row) fail('', 'invoices.noCompany', 'Fill in the company profile first: documents need the seller’s name, address and tax numbers.');
  return row;
}

export function languageOr(value: string | null | undefined, fallback: Language): Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : fallback;
}

/** The seller as it stands now, to freeze into a document at issue. */
export function sellerSnapshot(sqlite: Database): SellerSnapshot {
  const c = companyOf(sqlite);
  const address = cached(
    sqlite,
    "SELECT line1, line2, postal_code, city, region, country FROM company_address ORDER BY kind = 'registered' DESC, position LIMIT 1",
  ).get() as { line1: string; line2: string | null; postal_code: string | null; city: string; region: string | null; country: string } | undefined;
  const taxIds = cached(sqlite, 'SELECT scheme, value FROM company_tax_id ORDER BY position').all() as { scheme: string; value: string }[];
  const banks = cached(sqlite, 'SELECT bank_name, account_holder, iban, bic, currency FROM company_bank_account ORDER BY position').all() as {
    bank_name: string | null;
    account_holder: string | null;
    iban: string;
    bic: string | null;
    currency: string;
  }[];
  return SellerSnapshotSchema.parse({
    legalName: c.legal_name,
    tradeName: c.trade_name,
    country: c.country,
    address: address
      ? { recipient: null, line1: address.line1, line2: address.line2, postalCode: address.postal_code, city: address.city, region: address.region, country: address.country }
      : null,
    taxIds,
    email: c.email,
    phone: c.phone,
    website: c.website,
    bankAccounts: banks.map((b) => ({ bankName: b.bank_name, accountHolder: b.account_holder, iban: b.iban, bic: b.bic, currency: b.currency })),
  });
}

export function documentRow(sqlite: Database, id: number): DocumentRow {
  const row = cached(sqlite, 'SELECT * FROM document WHERE id = ?').get(id) as DocumentRow | undefined;
  if (!row) notFound(`There is no document #${id}.`);
  return row;
}

export function documentByNumber(sqlite: Database, number: string): DocumentRow {
  const row = cached(sqlite, 'SELECT * FROM document WHERE number = ?').get(number.trim()) as DocumentRow | undefined;
  if (!row) notFound(`There is no document numbered ${number}.`);
  return row;
}

export function lineRows(sqlite: Database, documentId: number): LineRow[] {
  return cached(sqlite, 'SELECT * FROM document_line WHERE document_id = ? ORDER BY position').all(documentId) as LineRow[];
}

export function resolvedOf(row: LineRow): ResolvedLine & { id: number } {
  return {
    id: row.id,
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    unit: row.unit,
    quantityMilli: row.quantity_milli,
    unitPriceMinor: row.unit_price_minor,
    discountBp: row.discount_bp,
    taxClass: row.tax_class as TaxClass,
    supply: row.supply === 'services' ? 'services' : 'goods',
    taxOverride: row.tax_override === null ? null : (JSON.parse(row.tax_override) as LineTaxOverride),
    taxCase: row.tax_case as TaxCase,
    taxCategory: row.tax_category as TaxCategory,
    taxRateBp: row.tax_rate_bp,
    taxMention: row.tax_mention,
    netMinor: row.net_minor,
    creditOfLineId: row.credit_of_line_id,
  };
}

/**
 * The frozen buyer, linked to the contact the document belongs to now: a merge moves the link
 * (buyer_contact_id) but never rewrites the frozen copy, which keeps the id it was taken from.
 */
export function buyerOf(row: Pick<DocumentRow, 'buyer' | 'buyer_contact_id'>): BuyerSnapshot {
  return { ...BuyerSnapshotSchema.parse(JSON.parse(row.buyer)), contactId: row.buyer_contact_id };
}

export function openMinorOf(row: Pick<DocumentRow, 'kind' | 'status' | 'gross_minor' | 'paid_minor' | 'credited_minor'>): number {
  if (row.kind !== 'invoice' || row.status !== 'issued') return 0;
  return Math.max(0, row.gross_minor - row.paid_minor - row.credited_minor);
}

export function paymentStatusOf(gross: number, paid: number, credited: number): PaymentStatus {
  if (paid + credited <= 0) return 'unpaid';
  return paid + credited >= gross ? 'paid' : 'partlyPaid';
}

export function isOverdue(row: Pick<DocumentRow, 'kind' | 'status' | 'due_date' | 'gross_minor' | 'paid_minor' | 'credited_minor'>, today: string): boolean {
  return row.kind === 'invoice' && row.status === 'issued' && row.due_date !== null && row.due_date < today && openMinorOf(row) > 0;
}

export function todayIso(now: Date): string {
  // The local calendar date: a document issued at 00:30 in Casablanca is dated that day.
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function toDocument(sqlite: Database, row: DocumentRow, today: string): KontorDocument {
  const series = cached(sqlite, 'SELECT code FROM document_series WHERE id = ?').pluck().get(row.series_id) as string;
  const taxes = cached(sqlite, 'SELECT category, rate_bp, base_minor, tax_minor, mention FROM document_tax WHERE document_id = ? ORDER BY rate_bp DESC, category').all(
    row.id,
  ) as { category: TaxCategory; rate_bp: number; base_minor: number; tax_minor: number; mention: string | null }[];
  return {
    id: row.id,
    kind: row.kind as DocumentKind,
    status: row.status === 'issued' ? 'issued' : 'draft',
    number: row.number,
    series,
    language: languageOr(row.language, 'en'),
    currency: row.currency,
    baseCurrency: row.base_currency,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    buyer: buyerOf(row),
    seller: row.seller === null ? null : SellerSnapshotSchema.parse(JSON.parse(row.seller)),
    warehouseId: row.warehouse_id,
    warehouseCode: row.warehouse_id === null ? null : (cached(sqlite, 'SELECT code FROM warehouse WHERE id = ?').pluck().get(row.warehouse_id) as string),
    returnToStock: row.return_to_stock === 1,
    sourceId: row.source_id,
    creditOfId: row.credit_of_id,
    exchangeRate:
      row.fx_rate_scaled === null || row.fx_unit === null || row.fx_quote === null
        ? null
        : { unit: row.fx_unit, quote: row.fx_quote, rate: formatRate(row.fx_rate_scaled), date: row.fx_rate_date ?? '', source: row.fx_source ?? '' },
    netMinor: row.net_minor,
    taxMinor: row.tax_minor,
    grossMinor: row.gross_minor,
    netBaseMinor: row.net_base_minor,
    taxBaseMinor: row.tax_base_minor,
    grossBaseMinor: row.gross_base_minor,
    paidMinor: row.paid_minor,
    creditedMinor: row.credited_minor,
    openMinor: openMinorOf(row),
    paymentStatus: row.payment_status as PaymentStatus,
    overdue: isOverdue(row, today),
    terms: row.terms,
    notes: row.notes,
    pdfSha256: row.pdf_sha256,
    lines: lineRows(sqlite, row.id).map((l) => {
      const r = resolvedOf(l);
      return {
        id: r.id,
        position: l.position,
        productId: r.productId,
        sku: r.sku,
        name: r.name,
        description: r.description,
        unit: r.unit,
        quantityMilli: r.quantityMilli,
        unitPriceMinor: r.unitPriceMinor,
        discountBp: r.discountBp,
        taxClass: r.taxClass,
        supply: r.supply,
        taxCase: r.taxCase,
        taxCategory: r.taxCategory,
        taxRateBp: r.taxRateBp,
        taxMention: r.taxMention,
        netMinor: r.netMinor,
        creditOfLineId: r.creditOfLineId,
        stockMovementId: l.stock_movement_id,
      };
    }),
    taxes: taxes.map((t) => ({ category: t.category, rateBp: t.rate_bp, baseMinor: t.base_minor, taxMinor: t.tax_minor, mention: t.mention })),
    revision: row.revision,
  };
}
