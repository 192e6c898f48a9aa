import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crossRate } from '../../../shared/invoicing/crossRate.ts';
import { convert, parseRate } from '../../../shared/invoicing/fx.ts';
import { BUYERS, openInvoicingKontor, SELLER_PROFILE, type InvoicingKontor } from './support.ts';

// Cross rates (electron/core/invoicing/rates.ts findRate, shared/invoicing/crossRate.ts): a
// Moroccan company (books in MAD) invoices in USD; the ECB gives EUR/USD, Bank Al-Maghrib's EUR/MAD
// is typed by hand; the invoice takes USD → EUR → MAD and keeps the rate it used.

const ecb = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'ecb', name), 'utf8');
const rate = (text: string): number => parseRate(text) as number;

describe('crossRate', () => {
  it('divides the legs, whichever way round each is quoted, and rounds once to 8 decimals', () => {
    // 1 EUR = 1.10 USD, 1 EUR = 10.80 MAD → 1 USD = 10.80 / 1.10 = 9.818181818… MAD.
    const usd = { unit: 'EUR', quote: 'USD', scaled: rate('1.10') };
    const mad = { unit: 'EUR', quote: 'MAD', scaled: rate('10.80') };
    expect(crossRate('EUR', usd, mad, 'USD', 'MAD')).toEqual({ unit: 'USD', quote: 'MAD', scaled: 981_818_182 });
    expect(crossRate('EUR', mad, usd, 'MAD', 'USD')).toEqual({ unit: 'MAD', quote: 'USD', scaled: 10_185_185 }); // 1.10 / 10.80 = 0.101851851…
    // A leg quoted the other way round: 1 MAD = 0.0925 EUR is 10.8108… MAD per EUR.
    const madPerEur = { unit: 'MAD', quote: 'EUR', scaled: rate('0.0925') };
    expect(crossRate('EUR', usd, madPerEur, 'USD', 'MAD')?.scaled).toBe(982_800_983); // (1 / 0.0925) / 1.10 = 9.828009828…
    // Legs that do not relate the pivot to the currency named make no rate.
    expect(crossRate('EUR', usd, mad, 'GBP', 'MAD')).toBeNull();
  });

  it('gives the same base amount as converting through the pivot, within the 8-decimal rounding of the rate', () => {
    const usd = { unit: 'EUR', quote: 'USD', scaled: rate('1.0876') };
    const mad = { unit: 'EUR', quote: 'MAD', scaled: rate('10.8421') };
    const cross = crossRate('EUR', usd, mad, 'USD', 'MAD');
    if (cross === null) throw new Error('no cross rate');
    for (const amount of [1, 99, 100_000, 123_456_789]) {
      const twoSteps = convert(convert(amount, 'USD', 'EUR', usd), 'EUR', 'MAD', mad);
      // Two roundings (to cents of EUR, then MAD) against one: at most a cent of EUR × 10.84 apart.
      expect(Math.abs(convert(amount, 'USD', 'MAD', cross) - twoSteps)).toBeLessThanOrEqual(6);
    }
  });
});

const MOROCCAN_PROFILE = {
  legalName: 'Coopérative Tissage Atlas SARL',
  country: 'MA',
  baseCurrency: 'MAD',
  addresses: [{ kind: 'registered' as const, line1: '12 Rue Ibn Batouta', postalCode: '40000', city: 'Marrakech', country: 'MA' }],
  bankAccounts: [{ bankName: 'Attijariwafa Bank', accountHolder: 'Coopérative Tissage Atlas', iban: 'MA64011519000001205000534921', bic: 'BCMAMAMC', currency: 'MAD' }],
  taxIds: [
    { scheme: 'MA_ICE', value: '001561191000066' },
    { scheme: 'MA_IF', value: '40123456' },
  ] as unknown as typeof SELLER_PROFILE.taxIds,
};

let t: InvoicingKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function usdInvoice(k: InvoicingKontor) {
  return k.client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: BUYERS.us.contactId, lines: [{ name: 'Kilim', quantity: '1', unitPrice: '1000.00' }] });
}

describe('an invoice in USD for a company keeping its books in MAD', () => {
  it('takes USD → EUR → MAD from the ECB’s EUR/USD and a typed EUR/MAD, and keeps the rate it used', async () => {
    const k = (t = await openInvoicingKontor(MOROCCAN_PROFILE));
    await k.client.call('invoices.rates.importEcb', { xml: ecb('eurofxref-daily.xml') }); // 1 EUR = 1.1000 USD on 2026-03-02
    await k.client.call('invoices.rates.set', { unit: 'EUR', quote: 'MAD', date: '2026-02-27', rate: '10.80' }); // the Friday before
    const draft = await usdInvoice(k);
    expect(draft.currency).toBe('USD'); // the buyer's currency
    const issued = await k.client.call('invoices.issue', { id: draft.id, issueDate: '2026-03-02' });
    expect(issued.exchangeRate).toEqual({
      unit: 'USD',
      quote: 'MAD',
      rate: '9.81818182',
      date: '2026-02-27', // the older leg
      source: 'cross via EUR: 1 EUR = 1.1 USD ecb 2026-03-02; 1 EUR = 10.8 MAD manual 2026-02-27',
    });
    // USD 1,000.00 (export: no VAT) × 9.81818182 = MAD 9,818.18.
    expect(issued).toMatchObject({ grossMinor: 100_000, grossBaseMinor: 981_818, netBaseMinor: 981_818, taxBaseMinor: 0 });
    expect(k.sqlite.prepare('SELECT fx_unit, fx_quote, fx_rate_scaled, fx_source FROM document WHERE id = ?').get(issued.id)).toMatchObject({
      fx_unit: 'USD',
      fx_quote: 'MAD',
      fx_rate_scaled: 981_818_182,
    });
    // Later rates change nothing on the issued invoice.
    await k.client.call('invoices.rates.set', { unit: 'EUR', quote: 'MAD', date: '2026-02-27', rate: '11.00' });
    expect((await k.client.call('invoices.get', { id: issued.id })).exchangeRate?.rate).toBe('9.81818182');
  });

  it('prefers a direct USD/MAD rate to a cross rate', async () => {
    const k = (t = await openInvoicingKontor(MOROCCAN_PROFILE));
    await k.client.call('invoices.rates.importEcb', { xml: ecb('eurofxref-daily.xml') });
    await k.client.call('invoices.rates.set', { unit: 'EUR', quote: 'MAD', date: '2026-03-02', rate: '10.80' });
    await k.client.call('invoices.rates.set', { unit: 'USD', quote: 'MAD', date: '2026-03-02', rate: '9.9' });
    const issued = await k.client.call('invoices.issue', { id: (await usdInvoice(k)).id, issueDate: '2026-03-02' });
    expect(issued.exchangeRate).toMatchObject({ unit: 'USD', quote: 'MAD', rate: '9.9', source: 'manual' });
    expect(issued.grossBaseMinor).toBe(990_000);
  });

  it('refuses to issue when a leg is missing, names the currencies, and leaves the draft and the series untouched', async () => {
    const k = (t = await openInvoicingKontor(MOROCCAN_PROFILE));
    await k.client.call('invoices.rates.importEcb', { xml: ecb('eurofxref-daily.xml') }); // no MAD at the ECB
    const draft = await usdInvoice(k);
    const refused = await k.client.tryCall('invoices.issue', { id: draft.id, issueDate: '2026-03-02' });
    expect(!refused.ok && refused.error.details?.issues).toEqual([
      expect.objectContaining({ path: 'currency', key: 'invoices.rates.missing', params: { from: 'USD', to: 'MAD', date: '2026-03-02' } }),
    ]);
    expect(await k.client.call('invoices.get', { id: draft.id })).toMatchObject({ status: 'draft', number: null });
    expect(k.sqlite.prepare('SELECT count(*) FROM document_counter').pluck().get()).toBe(0);
    // A leg older than a week does not count either.
    await k.client.call('invoices.rates.set', { unit: 'EUR', quote: 'MAD', date: '2026-02-20', rate: '10.80' });
    expect((await k.client.tryCall('invoices.issue', { id: draft.id, issueDate: '2026-03-02' })).ok).toBe(false);
  });

  it('pays a USD invoice in USD at a later cross rate: the realised FX gain in MAD', async () => {
    const k = (t = await openInvoicingKontor(MOROCCAN_PROFILE));
    await k.client.call('invoices.rates.importEcb', { xml: ecb('eurofxref-daily.xml') });
    await k.client.call('invoices.rates.set', { unit: 'EUR', quote: 'MAD', date: '2026-03-02', rate: '10.80' });
    const issued = await k.client.call('invoices.issue', { id: (await usdInvoice(k)).id, issueDate: '2026-03-02' });
    // Two weeks later the dollar is stronger: 1 EUR = 1.05 USD, 1 EUR = 10.80 MAD → 1 USD = 10.28571429 MAD.
    await k.client.call('invoices.rates.set', { unit: 'EUR', quote: 'USD', date: '2026-03-16', rate: '1.05' });
    await k.client.call('invoices.rates.set', { unit: 'EUR', quote: 'MAD', date: '2026-03-16', rate: '10.80' });
    const payment = await k.client.call('invoices.payments.record', {
      receivedOn: '2026-03-16',
      amount: '1000.00',
      currency: 'USD',
      allocations: [{ documentId: issued.id, amount: '1000.00' }],
    });
    expect(payment).toMatchObject({ amountBaseMinor: 1_028_571 });
    // Received MAD 10,285.71 for a receivable of MAD 9,818.18: a gain of MAD 467.53.
    expect(payment.allocations[0]).toMatchObject({ settledBaseMinor: 981_818, receivedBaseMinor: 1_028_571, fxGainMinor: 46_753 });
  });
});
