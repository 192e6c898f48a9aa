import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Handlers } from '../dispatcher.ts';
import type { KontorSchema } from '../db/schema.ts';
import { listDocuments } from './read.ts';
import { createInvoicingService, type InvoicingOptions } from './service.ts';
import { exclusive } from '../stock/resolve.ts';
import { todayIso } from './store.ts';

type InvoicingCall =
  | 'invoices.list'
  | 'invoices.get'
  | 'invoices.saveDraft'
  | 'invoices.preview'
  | 'invoices.deleteDraft'
  | 'invoices.issue'
  | 'invoices.convert'
  | 'invoices.creditNote'
  | 'invoices.pdf'
  | 'invoices.previewHtml'
  | 'invoices.payments.record'
  | 'invoices.payments.allocate'
  | 'invoices.payments.list'
  | 'invoices.aging'
  | 'invoices.statement'
  | 'invoices.rates.list'
  | 'invoices.rates.set'
  | 'invoices.rates.importEcb'
  | 'invoices.rates.importCsv';

export function invoicingHandlers(db: Kysely<KontorSchema>, sqlite: Database, options: InvoicingOptions): Pick<Handlers, InvoicingCall> {
  const s = createInvoicingService(db, sqlite, options);
  const now = options.now ?? (() => new Date());
  return {
    'invoices.list': (query) => exclusive(db, () => listDocuments(sqlite, query, todayIso(now()))),
    'invoices.get': ({ id }) => s.get(id),
    'invoices.saveDraft': (input) => s.saveDraft(input),
    'invoices.preview': (input) => s.preview(input),
    'invoices.deleteDraft': ({ id }) => s.deleteDraft(id),
    // Issued through the contract, a document gets its PDF at once.
    'invoices.issue': ({ id, issueDate }) => s.issue(id, issueDate, { pdf: true }),
    'invoices.convert': ({ id, to, warehouse }) => s.convert(id, to, warehouse),
    'invoices.creditNote': ({ invoiceId, lineIds, returnToStock, warehouse }) => s.creditNote(invoiceId, lineIds, returnToStock, warehouse),
    'invoices.pdf': async ({ id }) => {
      const pdf = await s.pdf(id);
      return { number: pdf.number, sha256: pdf.sha256, dataBase64: Buffer.from(pdf.data).toString('base64') };
    },
    'invoices.previewHtml': async ({ id }) => ({ html: await s.previewHtml(id) }),
    'invoices.payments.record': (input) => s.recordPayment(input),
    'invoices.payments.allocate': ({ paymentId, allocations }) => s.allocatePayment(paymentId, allocations),
    'invoices.payments.list': (query) => s.listPayments(query),
    'invoices.aging': ({ today, buyerContactId }) => s.aging(today, buyerContactId),
    'invoices.statement': ({ buyerContactId, buyerName, from, to }) => s.statement({ contactId: buyerContactId, name: buyerName }, from, to),
    'invoices.rates.list': (query) => s.listRates(query),
    'invoices.rates.set': (input) => s.setRate(input),
    'invoices.rates.importEcb': ({ xml }) => s.importEcbXml(xml),
    'invoices.rates.importCsv': ({ csv }) => s.importRatesCsv(csv),
  };
}
