import { z } from 'zod';
import { LANGUAGES } from '../contract/app.ts';
import { CountryCodeSchema, CurrencyCodeSchema } from '../company/profile.ts';
import { QuantityInputSchema, WarehouseRefSchema } from '../stock/schemas.ts';
import { TAX_ID_SCHEMES } from '../validation/taxIds.ts';
import { optionalText, requiredText } from '../validation/zod.ts';
import { isIsoDate } from './numbering.ts';
import { TAX_CASES, TAX_CATEGORIES, TAX_CLASSES } from './tax.ts';

/**
 * Quotes, proformas, invoices and credit notes as the API sees them. Amounts answered are integers
 * in minor units of the document's currency (`…Minor`) or of the company's base currency
 * (`…BaseMinor`); quantities in thousandths (`…Milli`); rates in hundredths of a percent (`…Bp`).
 * Inputs take decimals as people type them ("12,5", "19.90"); the core parses them.
 */

export const DOCUMENT_KINDS = ['quote', 'proforma', 'invoice', 'credit_note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ['draft', 'issued'] as const;
export const PAYMENT_STATUSES = ['unpaid', 'partlyPaid', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** What a list filters on: the stored status, the payment state, or overdue (computed from the due date). */
export const DOCUMENT_FILTERS = ['all', 'draft', 'issued', 'unpaid', 'partlyPaid', 'paid', 'overdue'] as const;

export const PAYMENT_METHODS = ['bank', 'card', 'cash', 'cheque', 'paypal', 'letterOfCredit', 'other'] as const;

export const IsoDateSchema = z
  .string()
  .trim()
  .refine(isIsoDate, { error: 'Enter a date as YYYY-MM-DD.', params: { key: 'invoices.date' } });

// ---- frozen snapshots --------------------------------------------------------------------------

export const SnapshotAddressSchema = z.object({
  recipient: z.string().nullable().default(null),
  line1: z.string(),
  line2: z.string().nullable().default(null),
  postalCode: z.string().nullable().default(null),
  city: z.string(),
  region: z.string().nullable().default(null),
  country: z.string(),
});
export type SnapshotAddress = z.infer<typeof SnapshotAddressSchema>;

const TaxIdSnapshotSchema = z.object({ scheme: z.enum(TAX_ID_SCHEMES), value: z.string() });

/**
 * The buyer as printed on a document. Taken from the contact when a draft is saved and frozen when
 * it is issued: later edits of the contact never reach an issued document.
 */
export const BuyerSnapshotSchema = z.object({
  contactId: z.number().int().nullable().default(null),
  name: requiredText(200),
  organisationName: z.string().nullable().default(null),
  country: CountryCodeSchema,
  billingAddress: SnapshotAddressSchema.nullable().default(null),
  shippingAddress: SnapshotAddressSchema.nullable().default(null),
  taxIds: z.array(TaxIdSnapshotSchema).default([]),
  /** A business rather than a consumer: where services are supplied outside the EU. */
  isBusiness: z.boolean().default(true),
  email: z.string().nullable().default(null),
  phone: z.string().nullable().default(null),
  /** The currency the buyer is invoiced in unless a document says otherwise. */
  currency: z.string().nullable().default(null),
  /** The language the buyer reads (any ISO 639 code); a new document is written in it when the app has it. */
  language: z.string().nullable().default(null),
  /** Payment terms in days from the issue date; null: the document's own due date or 30 days. */
  paymentTermsDays: z.number().int().min(0).max(365).nullable().default(null),
});
export type BuyerSnapshot = z.output<typeof BuyerSnapshotSchema>;
export type BuyerSnapshotInput = z.input<typeof BuyerSnapshotSchema>;

export const SellerSnapshotSchema = z.object({
  legalName: z.string(),
  tradeName: z.string().nullable(),
  country: z.string(),
  address: SnapshotAddressSchema.nullable(),
  taxIds: z.array(TaxIdSnapshotSchema),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  bankAccounts: z.array(
    z.object({ bankName: z.string().nullable(), accountHolder: z.string().nullable(), iban: z.string(), bic: z.string().nullable(), currency: z.string() }),
  ),
});
export type SellerSnapshot = z.infer<typeof SellerSnapshotSchema>;

// ---- lines ---------------------------------------------------------------------------------------

export const LineTaxOverrideSchema = z.object({
  category: z.enum(TAX_CATEGORIES),
  /** "19", "5,5": percent. */
  rate: z.string().trim(),
  mention: optionalText(300),
});

export const LineInputSchema = z.object({
  /** A catalog product by SKU; or a free line with only a name. */
  sku: z.string().trim().max(64).nullish().transform((v) => v || null),
  name: optionalText(500),
  description: optionalText(2000),
  quantity: QuantityInputSchema,
  /** In the document's currency: "19.90". Left out: the product's retail price in that currency. */
  unitPrice: z.string().trim().nullish().transform((v) => v || null),
  /** "10" or "2,5": percent. */
  discount: z.string().trim().nullish().transform((v) => v || null),
  taxClass: z.enum(TAX_CLASSES).nullish().transform((v) => v ?? null),
  supply: z.enum(['goods', 'services']).nullish().transform((v) => v ?? null),
  taxOverride: LineTaxOverrideSchema.nullish().transform((v) => v ?? null),
  /** Credit notes: the invoice line credited. */
  creditOfLineId: z.number().int().positive().nullish().transform((v) => v ?? null),
});
export type LineInput = z.input<typeof LineInputSchema>;

export const DraftInputSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  /** A contact (issue 4) or, until contacts exist, the buyer written out. */
  buyerContactId: z.number().int().positive().nullish().transform((v) => v ?? null),
  buyer: BuyerSnapshotSchema.nullish().transform((v) => v ?? null),
  language: z.enum(LANGUAGES).nullish().transform((v) => v ?? null),
  currency: CurrencyCodeSchema.nullish().transform((v) => v ?? null),
  /** The series to number from; the kind's default series when left out. */
  series: z.string().trim().nullish().transform((v) => v || null),
  issueDate: IsoDateSchema.nullish().transform((v) => v ?? null),
  dueDate: IsoDateSchema.nullish().transform((v) => v ?? null),
  /** Invoices: the warehouse the goods ship from at issue. Credit notes: where returned goods go. */
  warehouse: WarehouseRefSchema.nullish().transform((v) => v ?? null),
  returnToStock: z.boolean().default(false),
  creditOfId: z.number().int().positive().nullish().transform((v) => v ?? null),
  terms: optionalText(2000),
  notes: optionalText(2000),
  lines: z.array(LineInputSchema).max(1000),
});
export type DraftInput = z.input<typeof DraftInputSchema>;
export type DraftData = z.output<typeof DraftInputSchema>;

// ---- answers -------------------------------------------------------------------------------------

export const DocumentLineSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  productId: z.number().int().nullable(),
  sku: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  quantityMilli: z.number().int(),
  unitPriceMinor: z.number().int(),
  discountBp: z.number().int(),
  taxClass: z.enum(TAX_CLASSES),
  supply: z.enum(['goods', 'services']),
  taxCase: z.enum(TAX_CASES),
  taxCategory: z.enum(TAX_CATEGORIES),
  taxRateBp: z.number().int(),
  taxMention: z.string().nullable(),
  netMinor: z.number().int(),
  creditOfLineId: z.number().int().nullable(),
  stockMovementId: z.number().int().nullable(),
});
export type DocumentLine = z.infer<typeof DocumentLineSchema>;

export const TaxSummarySchema = z.object({
  category: z.enum(TAX_CATEGORIES),
  rateBp: z.number().int(),
  baseMinor: z.number().int(),
  taxMinor: z.number().int(),
  mention: z.string().nullable(),
});
export type TaxSummary = z.infer<typeof TaxSummarySchema>;

export const ExchangeRateOnDocumentSchema = z.object({
  unit: z.string(),
  quote: z.string(),
  rate: z.string(),
  date: z.string(),
  source: z.string(),
});

export const DocumentSchema = z.object({
  id: z.number().int(),
  kind: z.enum(DOCUMENT_KINDS),
  status: z.enum(DOCUMENT_STATUSES),
  number: z.string().nullable(),
  series: z.string(),
  language: z.enum(LANGUAGES),
  currency: z.string(),
  baseCurrency: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  buyer: BuyerSnapshotSchema,
  seller: SellerSnapshotSchema.nullable(),
  warehouseId: z.number().int().nullable(),
  warehouseCode: z.string().nullable(),
  returnToStock: z.boolean(),
  sourceId: z.number().int().nullable(),
  creditOfId: z.number().int().nullable(),
  exchangeRate: ExchangeRateOnDocumentSchema.nullable(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  grossMinor: z.number().int(),
  netBaseMinor: z.number().int().nullable(),
  taxBaseMinor: z.number().int().nullable(),
  grossBaseMinor: z.number().int().nullable(),
  paidMinor: z.number().int(),
  creditedMinor: z.number().int(),
  openMinor: z.number().int(),
  paymentStatus: z.enum(PAYMENT_STATUSES),
  overdue: z.boolean(),
  terms: z.string().nullable(),
  notes: z.string().nullable(),
  pdfSha256: z.string().nullable(),
  lines: z.array(DocumentLineSchema),
  taxes: z.array(TaxSummarySchema),
  revision: z.number().int(),
});
export type KontorDocument = z.infer<typeof DocumentSchema>;

export const DocumentRowSchema = z.object({
  id: z.number().int(),
  kind: z.enum(DOCUMENT_KINDS),
  status: z.enum(DOCUMENT_STATUSES),
  number: z.string().nullable(),
  buyerName: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  currency: z.string(),
  grossMinor: z.number().int(),
  openMinor: z.number().int(),
  paymentStatus: z.enum(PAYMENT_STATUSES),
  overdue: z.boolean(),
});
export type DocumentRow = z.infer<typeof DocumentRowSchema>;

export const DocumentListQuerySchema = z.object({
  kind: z.enum(DOCUMENT_KINDS).nullish().transform((v) => v ?? null),
  filter: z.enum(DOCUMENT_FILTERS).default('all'),
  search: z.string().trim().max(100).nullish().transform((v) => v || null),
  /** Only the documents of this contact (its quotes, invoices…; with 'overdue': its overdue list). */
  buyerContactId: z.number().int().positive().nullish().transform((v) => v ?? null),
  /** The date "overdue" is judged against; today when left out. */
  today: IsoDateSchema.nullish().transform((v) => v ?? null),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type DocumentListQuery = z.input<typeof DocumentListQuerySchema>;

export const DocumentPageSchema = z.object({ total: z.number().int(), rows: z.array(DocumentRowSchema) });
export type DocumentPage = z.infer<typeof DocumentPageSchema>;
