import { z } from 'zod';
import { CurrencyCodeSchema } from '../company/profile.ts';
import {
  DOCUMENT_KINDS,
  DocumentListQuerySchema,
  DocumentPageSchema,
  DocumentSchema,
  DraftInputSchema,
  IsoDateSchema,
  PAYMENT_METHODS,
} from '../invoicing/documents.ts';
import { WarehouseRefSchema } from '../stock/schemas.ts';
import { optionalText } from '../validation/zod.ts';
import { defineCall } from './define.ts';

const Id = z.object({ id: z.number().int().positive() }).strict();
const Amount = z.string().trim().min(1, { error: 'Enter an amount.' });

const AllocationSchema = z.object({ documentId: z.number().int().positive(), amount: Amount });

export const PaymentInputSchema = z
  .object({
    buyerContactId: z.number().int().positive().nullish().transform((v) => v ?? null),
    buyerName: optionalText(200),
    receivedOn: IsoDateSchema,
    amount: Amount,
    currency: CurrencyCodeSchema,
    bankFee: z.string().trim().nullish().transform((v) => v || null),
    method: z.enum(PAYMENT_METHODS).default('bank'),
    reference: optionalText(200),
    allocations: z.array(AllocationSchema).max(200).default([]),
  })
  .strict();

export const PaymentSchema = z.object({
  id: z.number().int(),
  buyerContactId: z.number().int().nullable(),
  buyerName: z.string(),
  receivedOn: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  bankFeeMinor: z.number().int(),
  method: z.string(),
  reference: z.string().nullable(),
  amountBaseMinor: z.number().int(),
  feeBaseMinor: z.number().int(),
  baseCurrency: z.string(),
  unallocatedMinor: z.number().int(),
  allocations: z.array(
    z.object({
      documentId: z.number().int(),
      number: z.string(),
      amountMinor: z.number().int(),
      settledBaseMinor: z.number().int(),
      receivedBaseMinor: z.number().int(),
      fxGainMinor: z.number().int(),
    }),
  ),
});

const RateSchema = z.object({ unit: z.string(), quote: z.string(), date: z.string(), rate: z.string(), source: z.string() });
const ImportSummarySchema = z.object({ skippedCurrencies: z.array(z.string()), days: z.number().int(), rates: z.number().int(), from: z.string().nullable(), to: z.string().nullable() });

const BUCKETS = z.object({
  current: z.number().int(),
  '1-30': z.number().int(),
  '31-60': z.number().int(),
  '61-90': z.number().int(),
  '91-120': z.number().int(),
  '120+': z.number().int(),
});

const AgingRowSchema = z.object({
  buyerContactId: z.number().int().nullable(),
  buyerName: z.string(),
  currency: z.string(),
  buckets: BUCKETS,
  totalMinor: z.number().int(),
  invoices: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      issueDate: z.string(),
      dueDate: z.string(),
      openMinor: z.number().int(),
      daysLate: z.number().int(),
      bucket: z.enum(['current', '1-30', '31-60', '61-90', '91-120', '120+']),
    }),
  ),
});

const StatementSchema = z.object({
  buyerName: z.string(),
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  openingMinor: z.number().int(),
  lines: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['invoice', 'credit_note', 'payment']),
      reference: z.string(),
      debitMinor: z.number().int(),
      creditMinor: z.number().int(),
      balanceMinor: z.number().int(),
      dueDate: z.string().nullable(),
    }),
  ),
  closingMinor: z.number().int(),
  unallocatedCreditMinor: z.number().int(),
});

export const PdfSchema = z.object({ number: z.string(), sha256: z.string(), dataBase64: z.string() });

export const invoicingCalls = {
  'invoices.list': defineCall({ input: DocumentListQuerySchema, output: DocumentPageSchema, summary: 'A page of quotes, proformas, invoices and credit notes, newest first, filtered by status.' }),
  'invoices.get': defineCall({ input: Id, output: DocumentSchema, summary: 'One document with its lines, tax summary and payment state.' }),
  'invoices.saveDraft': defineCall({
    input: DraftInputSchema.extend({ id: z.number().int().positive().optional(), revision: z.number().int().optional() }),
    output: DocumentSchema,
    summary: 'Creates or edits a draft; lines are resolved (name, price, tax) and totals computed.',
  }),
  'invoices.preview': defineCall({
    input: DraftInputSchema,
    output: z.object({
      currency: z.string(),
      lines: z.array(
        z
          .object({
            name: z.string(),
            unit: z.string(),
            unitPriceMinor: z.number().int(),
            netMinor: z.number().int(),
            taxCategory: z.string(),
            taxRateBp: z.number().int(),
            taxMention: z.string().nullable(),
          })
          .nullable(),
      ),
      taxes: z.array(z.object({ category: z.string(), rateBp: z.number().int(), baseMinor: z.number().int(), taxMinor: z.number().int() })),
      netMinor: z.number().int(),
      taxMinor: z.number().int(),
      grossMinor: z.number().int(),
      issues: z.array(z.object({ path: z.string(), key: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
    }),
    summary: 'Live totals of a draft as the editor holds it: names, prices and VAT resolved, problems listed, nothing saved.',
  }),
  'invoices.deleteDraft': defineCall({ input: Id, output: z.void(), summary: 'Deletes a draft (an issued document is never deleted).' }),
  'invoices.issue': defineCall({
    input: z.object({ id: z.number().int().positive(), issueDate: IsoDateSchema.nullish().transform((v) => v ?? null) }).strict(),
    output: DocumentSchema,
    summary: 'Issues a draft: number, frozen copy, exchange rate, stock shipment, then immutable.',
  }),
  'invoices.convert': defineCall({
    input: z.object({ id: z.number().int().positive(), to: z.enum(DOCUMENT_KINDS), warehouse: WarehouseRefSchema.nullish().transform((v) => v ?? null) }).strict(),
    output: DocumentSchema,
    summary: 'A new draft from an issued quote or proforma (quote → proforma → invoice).',
  }),
  'invoices.creditNote': defineCall({
    input: z
      .object({
        invoiceId: z.number().int().positive(),
        lineIds: z.array(z.number().int().positive()).nullish().transform((v) => v ?? null),
        returnToStock: z.boolean().default(false),
        warehouse: WarehouseRefSchema.nullish().transform((v) => v ?? null),
      })
      .strict(),
    output: DocumentSchema,
    summary: 'A credit note draft for an issued invoice, in full or for the lines named.',
  }),
  'invoices.pdf': defineCall({ input: Id, output: PdfSchema, summary: 'The PDF of an issued document: stored at issue, the same bytes every time.' }),
  'invoices.previewHtml': defineCall({ input: Id, output: z.object({ html: z.string() }), summary: 'The HTML a document prints as, for the editor’s preview.' }),
  'invoices.payments.record': defineCall({ input: PaymentInputSchema, output: PaymentSchema, summary: 'Records a payment received and allocates it to invoices; the rest is kept as credit.' }),
  'invoices.payments.allocate': defineCall({
    input: z.object({ paymentId: z.number().int().positive(), allocations: z.array(AllocationSchema).min(1).max(200) }).strict(),
    output: PaymentSchema,
    summary: 'Allocates the unallocated rest of a payment (the buyer’s credit) to invoices.',
  }),
  'invoices.payments.list': defineCall({
    input: z.object({ buyerContactId: z.number().int().positive().nullish().transform((v) => v ?? null), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(PaymentSchema),
    summary: 'Payments received, newest first.',
  }),
  'invoices.aging': defineCall({
    input: z
      .object({
        today: IsoDateSchema.nullish().transform((v) => v ?? null),
        /** One contact's open invoices only. */
        buyerContactId: z.number().int().positive().nullish().transform((v) => v ?? null),
      })
      .strict(),
    output: z.array(AgingRowSchema),
    summary: 'Open invoices per buyer and currency in buckets by days past the due date.',
  }),
  'invoices.statement': defineCall({
    input: z
      .object({
        buyerContactId: z.number().int().positive().nullish().transform((v) => v ?? null),
        buyerName: optionalText(200),
        from: IsoDateSchema,
        to: IsoDateSchema,
      })
      .strict(),
    output: z.array(StatementSchema),
    summary: 'A customer statement: invoices, credit notes and payments with a running balance, per currency.',
  }),
  'invoices.rates.list': defineCall({
    input: z.object({ currency: CurrencyCodeSchema.nullish().transform((v) => v ?? null), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(RateSchema),
    summary: 'Exchange rates, newest first.',
  }),
  'invoices.rates.set': defineCall({
    input: z.object({ unit: z.string(), quote: z.string(), date: IsoDateSchema, rate: z.string() }).strict(),
    output: RateSchema,
    summary: 'Enters an exchange rate by hand: 1 unit = rate quote on that date.',
  }),
  'invoices.rates.importEcb': defineCall({
    input: z.object({ xml: z.string().max(50_000_000) }).strict(),
    output: ImportSummarySchema,
    summary: 'Imports the ECB reference rates from eurofxref-daily.xml or eurofxref-hist.xml.',
  }),
  'invoices.rates.importCsv': defineCall({
    input: z.object({ csv: z.string().max(50_000_000) }).strict(),
    output: ImportSummarySchema,
    summary: 'Imports exchange rates from CSV (date,unit,quote,rate, or the ECB layout).',
  }),
};
