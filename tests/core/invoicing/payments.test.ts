import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors.ts';
import { BUYERS, openInvoicingKontor, type InvoicingKontor } from './support.ts';

const ecb = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'ecb', name), 'utf8');

let t: InvoicingKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

const payment = (over: Partial<Parameters<InvoicingKontor['invoicing']['recordPayment']>[0]>) => ({
  buyerContactId: null,
  buyerName: null,
  receivedOn: '2026-04-15',
  amount: '0',
  currency: 'EUR',
  bankFee: null,
  method: 'bank',
  reference: null,
  allocations: [],
  ...over,
});

describe('exchange rates', () => {
  it('imports the ECB daily and historical XML and the ECB CSV', async () => {
    t = await openInvoicingKontor();
    expect(await t.invoicing.importEcbXml(ecb('eurofxref-daily.xml'))).toEqual({ skippedCurrencies: [], days: 1, rates: 4, from: '2026-03-02', to: '2026-03-02' });
    expect(await t.invoicing.importEcbXml(ecb('eurofxref-hist.xml'))).toEqual({ skippedCurrencies: [], days: 3, rates: 6, from: '2026-03-02', to: '2026-04-15' });
    expect(await t.invoicing.importRatesCsv(ecb('eurofxref.csv'))).toEqual({ skippedCurrencies: ['BGN'], days: 1, rates: 2, from: '2026-03-02', to: '2026-03-02' });
    // The ECB history still lists currencies that no longer exist; their rates are reported, not imported.
    expect(await t.invoicing.importRatesCsv('Date, USD, CYP,\n2 January 2007, 1.3170, 0.5782,')).toMatchObject({ skippedCurrencies: ['CYP'], rates: 1 });
    const rates = await t.invoicing.listRates({ currency: 'GBP', limit: 10 });
    expect(rates).toEqual([{ unit: 'EUR', quote: 'GBP', date: '2026-03-02', rate: '0.83215', source: 'ecb' }]);
  });

  it('imports any pair from a long CSV and a rate typed by hand', async () => {
    t = await openInvoicingKontor();
    expect(await t.invoicing.importRatesCsv('date,unit,quote,rate\n2026-03-02,EUR,MAD,10.8421\n2026-03-03,EUR,MAD,"10.85"'.replace('"10.85"', '10.85'))).toMatchObject({ rates: 2 });
    expect(await t.invoicing.setRate({ unit: 'usd', quote: 'MAD', date: '2026-03-02', rate: '9,87' })).toEqual({ unit: 'USD', quote: 'MAD', date: '2026-03-02', rate: '9.87', source: 'manual' });
  });

  it('refuses a file that is not the ECB’s, naming the wrong rows, and writes nothing', async () => {
    t = await openInvoicingKontor();
    expect((await refusal(t.invoicing.importEcbXml('<rss><channel/></rss>'))).details?.issues?.[0]?.key).toBe('invoices.rates.notEcb');
    expect((await refusal(t.invoicing.importEcbXml('<gesmes:Envelope><Cube>'))).details?.issues?.[0]?.key).toMatch(/invoices\.rates\.(notXml|notEcb)/);
    const bad = ecb('eurofxref-daily.xml').replace("rate='162.50'", "rate='abc'");
    const error = await refusal(t.invoicing.importEcbXml(bad));
    expect(error.details?.issues).toEqual([expect.objectContaining({ key: 'invoices.rates.badRate', params: { date: '2026-03-02', currency: 'JPY', rate: 'abc' } })]);
    const csv = await refusal(t.invoicing.importRatesCsv('date,unit,quote,rate\n2026-03-02,EUR,USD,1.1\nyesterday,EUR,USD,1.2'));
    expect(csv.details?.issues?.[0]).toMatchObject({ path: 'rows.2', params: { row: 3 } });
    expect(await t.invoicing.listRates({ currency: null, limit: 10 })).toEqual([]);
  });
});

describe('a foreign-currency invoice', () => {
  it('refuses to issue without a rate for the issue date, naming the pair', async () => {
    t = await openInvoicingKontor();
    const doc = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.us.contactId, lines: [{ name: 'Kilim', quantity: '1', unitPrice: '1000.00' }] });
    expect(doc.currency).toBe('USD');
    const error = await refusal(t.invoicing.issue(doc.id, '2026-03-02'));
    expect(error.details?.issues?.[0]).toMatchObject({ key: 'invoices.rates.missing', params: { from: 'USD', to: 'EUR', date: '2026-03-02' } });
  });

  it('the accounting.md example: USD 1,000 at 1.10 → EUR 909.09; paid at 1.05 → EUR 952.38, gain EUR 43.29', async () => {
    t = await openInvoicingKontor();
    await t.invoicing.importEcbXml(ecb('eurofxref-hist.xml'));
    const draft = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.us.contactId, lines: [{ name: 'Kilim', quantity: '1', unitPrice: '1000.00' }] });
    const invoice = await t.invoicing.issue(draft.id, '2026-03-02');
    expect(invoice.taxes.map((g) => g.category)).toEqual(['G']); // export: no VAT
    expect(invoice.exchangeRate).toEqual({ unit: 'EUR', quote: 'USD', rate: '1.1', date: '2026-03-02', source: 'ecb' });
    expect([invoice.grossMinor, invoice.grossBaseMinor]).toEqual([100000, 90909]);

    const paid = await t.invoicing.recordPayment(payment({ amount: '1000.00', currency: 'USD', receivedOn: '2026-04-15', allocations: [{ documentId: invoice.id, amount: '1000.00' }] }));
    expect(paid.amountBaseMinor).toBe(95238);
    expect(paid.allocations).toEqual([{ documentId: invoice.id, number: invoice.number, amountMinor: 100000, settledBaseMinor: 90909, receivedBaseMinor: 95238, fxGainMinor: 4329 }]);
    expect((await t.invoicing.get(invoice.id)).paymentStatus).toBe('paid');
  });

  it('paid in two parts at two rates: the parts settle exactly the booked receivable', async () => {
    t = await openInvoicingKontor();
    await t.invoicing.importEcbXml(ecb('eurofxref-hist.xml'));
    const draft = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.us.contactId, lines: [{ name: 'Kilim', quantity: '1', unitPrice: '1000.00' }] });
    const invoice = await t.invoicing.issue(draft.id, '2026-03-02');
    const first = await t.invoicing.recordPayment(payment({ amount: '333.33', currency: 'USD', receivedOn: '2026-04-14', allocations: [{ documentId: invoice.id, amount: '333.33' }] }));
    const second = await t.invoicing.recordPayment(payment({ amount: '666.67', currency: 'USD', receivedOn: '2026-04-15', allocations: [{ documentId: invoice.id, amount: '666.67' }] }));
    const settled = [first, second].map((p) => p.allocations[0]?.settledBaseMinor ?? 0);
    expect(settled[0]).toBe(30303); // 333.33 / 1.10 = 303.027 → 303.03
    expect(settled[0]! + settled[1]!).toBe(90909);
    expect(first.allocations[0]?.receivedBaseMinor).toBe(31411); // 333.33 / 1.0612 = 314.107 → 314.11
    expect(second.allocations[0]?.receivedBaseMinor).toBe(63492); // 666.67 / 1.05 = 634.924 → 634.92
  });
});

describe('payments', () => {
  async function twoInvoices(k: InvoicingKontor) {
    k.product('RUG-1', { priceMinor: 10000 });
    const a = await k.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    const b = await k.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '2' }] });
    return [await k.invoicing.issue(a.id, '2026-03-02'), await k.invoicing.issue(b.id, '2026-03-05')] as const;
  }

  it('a partial payment, then one payment over two invoices with a bank fee, the rest kept as credit and used later', async () => {
    t = await openInvoicingKontor();
    const [a, b] = await twoInvoices(t);
    expect([a.grossMinor, b.grossMinor]).toEqual([11900, 23800]);

    await t.invoicing.recordPayment(payment({ amount: '50.00', allocations: [{ documentId: a.id, amount: '50.00' }] }));
    expect(await t.invoicing.get(a.id)).toMatchObject({ paymentStatus: 'partlyPaid', paidMinor: 5000, openMinor: 6900 });

    // 69.00 + 238.00 = 307.00 due; the buyer sends 400.00, the bank keeps 12.50.
    const p = await t.invoicing.recordPayment(
      payment({ amount: '400.00', bankFee: '12.50', allocations: [{ documentId: a.id, amount: '69.00' }, { documentId: b.id, amount: '238.00' }] }),
    );
    expect(p).toMatchObject({ buyerContactId: BUYERS.de.contactId, bankFeeMinor: 1250, unallocatedMinor: 9300 });
    expect((await t.invoicing.get(a.id)).paymentStatus).toBe('paid');
    expect((await t.invoicing.get(b.id)).paymentStatus).toBe('paid');

    const c = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    const issuedC = await t.invoicing.issue(c.id, '2026-03-06');
    const after = await t.invoicing.allocatePayment(p.id, [{ documentId: issuedC.id, amount: '93.00' }]);
    expect(after.unallocatedMinor).toBe(0);
    expect(await t.invoicing.get(issuedC.id)).toMatchObject({ paymentStatus: 'partlyPaid', openMinor: 2600 });
  });

  it('refuses to allocate more than is open, more than was paid, or to another buyer’s invoice — and writes nothing', async () => {
    t = await openInvoicingKontor();
    const [a, b] = await twoInvoices(t);
    const other = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.fr.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    const issuedOther = await t.invoicing.issue(other.id, '2026-03-06');
    const tooMuch = await refusal(t.invoicing.recordPayment(payment({ amount: '500.00', allocations: [{ documentId: a.id, amount: '120.00' }] })));
    expect(tooMuch.details?.issues?.[0]).toMatchObject({ path: 'allocations.0.amount', key: 'invoices.payment.moreThanOpen' });
    const over = await refusal(t.invoicing.recordPayment(payment({ amount: '100.00', allocations: [{ documentId: a.id, amount: '100.00' }, { documentId: b.id, amount: '1.00' }] })));
    expect(over.details?.issues?.[0]?.key).toBe('invoices.payment.overAllocated');
    const wrongBuyer = await refusal(
      t.invoicing.recordPayment(payment({ amount: '300.00', allocations: [{ documentId: a.id, amount: '119.00' }, { documentId: issuedOther.id, amount: '10.00' }] })),
    );
    expect(wrongBuyer.details?.issues?.[0]).toMatchObject({ path: 'allocations.1.documentId', key: 'invoices.payment.otherBuyer' });
    expect(t.sqlite.prepare('SELECT count(*) FROM payment').pluck().get()).toBe(0);
    expect((await t.invoicing.get(a.id)).paidMinor).toBe(0);
  });

  it('payments and allocations are append-only in SQLite', async () => {
    t = await openInvoicingKontor();
    const [a] = await twoInvoices(t);
    await t.invoicing.recordPayment(payment({ amount: '10.00', allocations: [{ documentId: a.id, amount: '10.00' }] }));
    expect(() => t?.sqlite.prepare('UPDATE payment SET amount_minor = 1').run()).toThrow(/append-only/);
    expect(() => t?.sqlite.prepare('DELETE FROM payment_allocation').run()).toThrow(/append-only/);
  });
});

describe('receivables', () => {
  it('ages open invoices by due date and lists a customer statement with a running balance', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { priceMinor: 10000 });
    const issue = async (date: string, due: string, qty: string) => {
      const d = await t!.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, dueDate: due, lines: [{ sku: 'RUG-1', quantity: qty }] });
      return t!.invoicing.issue(d.id, date);
    };
    const old = await issue('2026-01-05', '2026-01-20', '1'); // 119.00, 100 days late on 2026-04-30
    const mid = await issue('2026-03-01', '2026-03-31', '2'); // 238.00, 30 days late
    await issue('2026-04-20', '2026-05-20', '1'); // 119.00, not yet due
    await t.invoicing.recordPayment(payment({ receivedOn: '2026-04-02', amount: '38.00', allocations: [{ documentId: mid.id, amount: '38.00' }] }));

    const rows = await t.invoicing.aging('2026-04-30');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.buckets).toEqual({ current: 11900, '1-30': 20000, '31-60': 0, '61-90': 0, '91-120': 11900, '120+': 0 });
    expect(rows[0]?.totalMinor).toBe(43800);
    expect(rows[0]?.invoices.find((i) => i.id === old.id)).toMatchObject({ daysLate: 100, bucket: '91-120' });

    const overdue = await t.client.call('invoices.list', { filter: 'overdue', today: '2026-04-30' });
    expect(overdue.rows.map((r) => r.number)).toEqual([old.number, mid.number]); // most overdue first

    const [s] = await t.invoicing.statement({ contactId: BUYERS.de.contactId, name: null }, '2026-03-01', '2026-04-30');
    expect(s).toMatchObject({ currency: 'EUR', openingMinor: 11900, closingMinor: 43800, unallocatedCreditMinor: 0 });
    expect(s?.lines.map((l) => [l.date, l.kind, l.debitMinor, l.creditMinor, l.balanceMinor])).toEqual([
      ['2026-03-01', 'invoice', 23800, 0, 35700],
      ['2026-04-02', 'payment', 0, 3800, 31900],
      ['2026-04-20', 'invoice', 11900, 0, 43800],
    ]);
  });
});

describe('list totals', () => {
  it('the counts kept by triggers agree with counting the rows, for every filter, after issues, payments, credit notes and deletions', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { priceMinor: 10000 });
    const ids: number[] = [];
    for (const [kind, due] of [['invoice', '2026-03-10'], ['invoice', '2026-05-01'], ['invoice', '2026-03-20'], ['quote', null], ['proforma', null]] as const) {
      const d = await t.draft({ kind, buyerContactId: BUYERS.de.contactId, dueDate: due, lines: [{ sku: 'RUG-1', quantity: '1' }] });
      ids.push((await t.invoicing.issue(d.id, '2026-03-02')).id);
    }
    const extra = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    await t.invoicing.deleteDraft(extra.id);
    await t.invoicing.recordPayment(payment({ amount: '119.00', allocations: [{ documentId: ids[0]!, amount: '119.00' }] }));
    await t.invoicing.recordPayment(payment({ amount: '19.00', allocations: [{ documentId: ids[1]!, amount: '19.00' }] }));
    const cn = await t.invoicing.creditNote(ids[2]!, null, false, null);
    await t.invoicing.issue(cn.id, '2026-03-03');

    const today = '2026-04-01';
    const direct: Record<string, string> = {
      all: '1',
      draft: "status = 'draft'",
      issued: "status = 'issued'",
      unpaid: "kind = 'invoice' AND status = 'issued' AND payment_status = 'unpaid'",
      partlyPaid: "kind = 'invoice' AND status = 'issued' AND payment_status = 'partlyPaid'",
      paid: "kind = 'invoice' AND status = 'issued' AND payment_status = 'paid'",
      overdue: `kind = 'invoice' AND status = 'issued' AND payment_status <> 'paid' AND due_date < '${today}'`,
    };
    for (const [filter, where] of Object.entries(direct)) {
      for (const kind of [null, 'invoice', 'quote'] as const) {
        const page = await t.client.call('invoices.list', { filter: filter as 'all', kind, today });
        const expected = t.sqlite.prepare(`SELECT count(*) FROM document WHERE ${where}${kind ? ` AND kind = '${kind}'` : ''}`).pluck().get();
        expect({ filter, kind, total: page.total }).toEqual({ filter, kind, total: expected });
        expect(page.rows.length).toBe(expected);
      }
    }
    // In June the partly paid invoice due on 1 May is overdue; the paid and the fully credited ones are not.
    expect((await t.client.call('invoices.list', { filter: 'overdue', today: '2026-06-01' })).rows.map((r) => r.id)).toEqual([ids[1]]);
  });
});
