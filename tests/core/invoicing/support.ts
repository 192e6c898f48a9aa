import type { Database } from 'better-sqlite3';
import type { BuyerSnapshot, BuyerSnapshotInput, DraftInput } from '../../../shared/invoicing/documents.ts';
import { BuyerSnapshotSchema, DraftInputSchema } from '../../../shared/invoicing/documents.ts';
import { createChromiumRenderer } from '../../../electron/core/invoicing/pdf/chromiumRenderer.ts';
import { fixedBuyers } from '../../../electron/core/invoicing/buyers.ts';
import { createInvoicingService, type InvoicingService } from '../../../electron/core/invoicing/service.ts';
import { recordMovements } from '../../../electron/core/stock/recordMovements.ts';
import { insertProduct } from '../../support/catalogRows.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

export interface InvoicingKontor extends TestKontor {
  sqlite: Database;
  invoicing: InvoicingService;
  /** A stocked product with a retail price in EUR; answers its id. */
  product(sku: string, options?: { unit?: string; priceMinor?: number; taxClass?: string; title?: string; stockMilli?: number; costMinor?: number }): number;
  draft(input: Omit<DraftInput, 'lines'> & { lines: DraftInput['lines'] }): ReturnType<InvoicingService['saveDraft']>;
  setClock(iso: string): void;
}

export function buyer(input: Partial<BuyerSnapshotInput> & { name: string; country: string }): BuyerSnapshot {
  return BuyerSnapshotSchema.parse({
    billingAddress: { line1: '1 Market Street', city: 'Somewhere', country: input.country },
    ...input,
  });
}

export const BUYERS = {
  /** A French business with a VAT number: intra-EU supply from Germany. */
  fr: buyer({ contactId: 1, name: 'Maison Dupont SARL', country: 'FR', taxIds: [{ scheme: 'EU_VAT', value: 'FR40303265045' }], paymentTermsDays: 14 }),
  /** A German business. */
  de: buyer({ contactId: 2, name: 'Kaufhaus Berger GmbH', country: 'DE', taxIds: [{ scheme: 'EU_VAT', value: 'DE129273398' }] }),
  /** An American importer: export. */
  us: buyer({ contactId: 3, name: 'Desert Rose Imports LLC', country: 'US', currency: 'USD' }),
};

export const SELLER_PROFILE = {
  legalName: 'Teppichhaus Atlas GmbH',
  country: 'DE',
  baseCurrency: 'EUR',
  fiscalYearStart: { month: 1, day: 1 },
  defaultLanguage: 'en' as 'en' | 'fr' | 'de' | 'ar',
  email: 'office@atlas-teppich.de',
  phone: '+49 30 1234567',
  addresses: [{ kind: 'registered' as const, line1: 'Oranienstraße 12', postalCode: '10999', city: 'Berlin', country: 'DE' }],
  bankAccounts: [{ bankName: 'Berliner Sparkasse', accountHolder: 'Teppichhaus Atlas GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', currency: 'EUR' }],
  taxIds: [
    { scheme: 'EU_VAT' as const, value: 'DE136695976' },
    { scheme: 'DE_STEUERNUMMER' as const, value: '21/815/08150' },
  ],
};

export async function openInvoicingKontor(profile: Partial<typeof SELLER_PROFILE> = {}): Promise<InvoicingKontor> {
  const t = await openTestKontor();
  await t.client.call('company.save', { ...SELLER_PROFILE, ...profile });
  // Documents link to contact(id) with a foreign key: the fixed buyers exist as contacts, with their ids.
  for (const b of Object.values(BUYERS)) {
    const created = await t.client.call('contacts.create', {
      kind: 'organisation',
      name: b.name,
      addresses: b.billingAddress === null ? [] : [{ kind: 'billing', line1: b.billingAddress.line1, city: b.billingAddress.city, country: b.billingAddress.country }],
      taxIds: b.taxIds,
      currency: b.currency,
      paymentTerms: { kind: 'net', days: b.paymentTermsDays ?? 30 },
    });
    if (created.id !== b.contactId) throw new Error(`contact ${b.name} got id ${created.id}, the fixture expects ${b.contactId}`);
  }
  const sqlite = t.kontor.database.sqlite;
  let clock = new Date('2026-03-02T09:00:00.000Z');
  const pdf = createChromiumRenderer();
  const invoicing = createInvoicingService(t.kontor.database.db, sqlite, { buyers: fixedBuyers(Object.values(BUYERS)), pdf, now: () => clock });
  return {
    ...t,
    async close() {
      await pdf.close();
      await t.close();
    },
    sqlite,
    invoicing,
    setClock: (iso) => (clock = new Date(iso)),
    product(sku, options = {}) {
      const id = insertProduct(sqlite, { sku, unit: options.unit ?? 'pcs' });
      sqlite.prepare("INSERT INTO product_text (product_id, language, title) VALUES (?, 'en', ?)").run(id, options.title ?? `Rug ${sku}`);
      sqlite
        .prepare("INSERT INTO product_price (product_id, price_list_id, currency, amount_minor) SELECT ?, id, 'EUR', ? FROM price_list WHERE code = 'RETAIL'")
        .run(id, options.priceMinor ?? 10000);
      if (options.taxClass) sqlite.prepare('INSERT INTO product_tax (product_id, tax_class) VALUES (?, ?)').run(id, options.taxClass);
      if (options.stockMilli) {
        const warehouseId = sqlite.prepare("SELECT id FROM warehouse WHERE code = 'MAIN'").pluck().get() as number;
        recordMovements(sqlite, [
          { kind: 'receipt', productId: id, warehouseId, quantityMilli: options.stockMilli, unitCostMinor: options.costMinor ?? 4000, occurredAt: '2026-01-01T00:00:00.000Z' },
        ]);
      }
      return id;
    },
    draft: (input) => invoicing.saveDraft(DraftInputSchema.parse(input)),
  };
}
