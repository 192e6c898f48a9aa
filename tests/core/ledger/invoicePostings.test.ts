import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPeriod } from '../../../electron/core/ledger/entries.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { BUYERS, openInvoicingKontor, type InvoicingKontor } from '../invoicing/support.ts';
import { balances } from './support.ts';

/*
 * Invoicing through the real functions (issue, recordPayment, allocatePayment), and the journal
 * those calls leave behind, account by account (SKR03: the company is German).
 */

const ecb = (): string => readFileSync(join(import.meta.dirname, '..', 'invoicing', 'fixtures', 'ecb', 'eurofxref-hist.xml'), 'utf8');

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

function entries(k: InvoicingKontor) {
  return k.sqlite.prepare('SELECT journal, number, entry_date AS date, reference, source_kind AS kind FROM ledger_entry ORDER BY id').all() as {
    journal: string;
    number: number;
    date: string;
    reference: string | null;
    kind: string;
  }[];
}

/** Every entry balances (the database checks it at posting too). */
function expectAllBalanced(k: InvoicingKontor): void {
  const off = k.sqlite.prepare('SELECT entry_id FROM ledger_line GROUP BY entry_id HAVING sum(debit_minor) <> sum(credit_minor)').all();
  expect(off).toEqual([]);
}

/** The receivable of one customer (debit positive), across every entry. */
function receivableOf(k: InvoicingKontor, partyCode: string): number {
  return k.sqlite.prepare("SELECT coalesce(sum(debit_minor - credit_minor), 0) FROM ledger_line WHERE account_code = '1400' AND party_code = ?").pluck().get(partyCode) as number;
}

async function usInvoice(k: InvoicingKontor, date: string, unitPrice = '1000.00', quantity = '1') {
  const draft = await k.draft({ kind: 'invoice', buyerContactId: BUYERS.us.contactId, lines: [{ name: 'Kilim', quantity, unitPrice }] });
  return k.invoicing.issue(draft.id, date);
}

describe('invoicing posts to the journal', () => {
  it('the accounting.md example end to end: USD 1,000 at 1.10 → 909.09; paid at 1.05 → bank 952.38, gain 43.29 booked when the payment meets the invoice', async () => {
    t = await openInvoicingKontor();
    await t.invoicing.importEcbXml(ecb());
    const invoice = await usInvoice(t, '2026-03-02');
    expect(balances(t.sqlite)).toEqual({ '1400': 90_909, '8120': -90_909 });
    const line = t.sqlite.prepare("SELECT foreign_minor, foreign_currency, party_name FROM ledger_line WHERE account_code = '1400'").get();
    expect(line).toEqual({ foreign_minor: 100_000, foreign_currency: 'USD', party_name: 'Desert Rose Imports LLC' });

    await t.invoicing.recordPayment(payment({ amount: '1000.00', currency: 'USD', allocations: [{ documentId: invoice.id, amount: '1000.00' }] }));
    expect(balances(t.sqlite)).toEqual({ '1200': 95_238, '2668': -4_329, '8120': -90_909 });
    expect(entries(t)).toEqual([
      { journal: 'SALES', number: 1, date: '2026-03-02', reference: invoice.number, kind: 'invoice' },
      { journal: 'BANK', number: 1, date: '2026-04-15', reference: invoice.number, kind: 'payment' },
    ]);
  });

  it('a USD invoice paid in part at one rate, credited in part at another and paid off at a third leaves its receivable at zero to the cent', async () => {
    t = await openInvoicingKontor();
    await t.invoicing.importEcbXml(ecb());
    const draft = await t.draft({
      kind: 'invoice',
      buyerContactId: BUYERS.us.contactId,
      lines: ['A', 'B', 'C'].map((n) => ({ name: `Kilim ${n}`, quantity: '1', unitPrice: '333.33' })),
    });
    const invoice = await t.invoicing.issue(draft.id, '2026-03-02'); // USD 999.99 at 1.10 = 909.08
    await t.invoicing.recordPayment(payment({ receivedOn: '2026-04-14', amount: '333.33', currency: 'USD', allocations: [{ documentId: invoice.id, amount: '333.33' }] }));
    const cn = await t.invoicing.creditNote(invoice.id, [invoice.lines[1]!.id], false, null);
    await t.invoicing.issue(cn.id, '2026-04-15');
    await t.invoicing.recordPayment(payment({ receivedOn: '2026-04-15', amount: '333.33', currency: 'USD', allocations: [{ documentId: invoice.id, amount: '333.33' }] }));
    expect((await t.invoicing.get(invoice.id)).paymentStatus).toBe('paid');

    // By hand: invoice 909.08; paid 303.03 of it with 314.11 (gain 11.08); the credit note takes
    // 303.03 off the receivable and 317.46 off revenue (gain 14.43); the last 302.02 is paid with
    // 317.46 (gain 15.44).
    expect(receivableOf(t, `C${BUYERS.us.contactId}`)).toBe(0);
    expect(balances(t.sqlite)).toEqual({ '1200': 31_411 + 31_746, '2668': -(1_108 + 1_443 + 1_444), '8120': -90_908 + 31_746 });
    expectAllBalanced(t);
  });

  it('credit kept from an overpayment and allocated later books only its exchange difference, dated the allocation', async () => {
    t = await openInvoicingKontor();
    await t.invoicing.importEcbXml(ecb());
    const a = await usInvoice(t, '2026-03-02');
    const b = await usInvoice(t, '2026-03-02', '500.00');
    const paid = await t.invoicing.recordPayment(payment({ amount: '1500.00', currency: 'USD', allocations: [{ documentId: a.id, amount: '1000.00' }] }));
    // 1,500 at 1.05 = 1,428.57 received: 952.38 pays A (909.09, gain 43.29); 476.19 stays as credit.
    expect(receivableOf(t, `C${BUYERS.us.contactId}`)).toBe(45_455 - 47_619);
    t.setClock('2026-04-20T09:00:00.000Z');
    await t.invoicing.allocatePayment(paid.id, [{ documentId: b.id, amount: '500.00' }]);
    // B was booked at 454.55; the credit was 476.19: gain 21.64.
    expect(receivableOf(t, `C${BUYERS.us.contactId}`)).toBe(0);
    expect(balances(t.sqlite)['2668']).toBe(-(4_329 + 2_164));
    expect(entries(t).at(-1)).toEqual({ journal: 'MISC', number: 1, date: '2026-04-20', reference: b.number, kind: 'payment' });
    expectAllBalanced(t);
  });

  it('a payment in the base currency allocated to nothing sits on the receivable as credit; allocating it later posts nothing more', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { priceMinor: 10000 });
    const paid = await t.invoicing.recordPayment(payment({ buyerContactId: BUYERS.de.contactId, buyerName: 'Kaufhaus Berger GmbH', amount: '119.00' }));
    expect(t.sqlite.prepare('SELECT description FROM ledger_entry').pluck().all()).toEqual(['Payment received from Kaufhaus Berger GmbH, not yet allocated']);
    expect(receivableOf(t, `C${BUYERS.de.contactId}`)).toBe(-11_900);
    const invoice = await t.invoicing.issue((await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] })).id, '2026-04-16');
    await t.invoicing.allocatePayment(paid.id, [{ documentId: invoice.id, amount: '119.00' }]);
    expect(entries(t).map((e) => e.journal)).toEqual(['BANK', 'SALES']);
    expect(receivableOf(t, `C${BUYERS.de.contactId}`)).toBe(0);
    expect((await t.invoicing.get(invoice.id)).paymentStatus).toBe('paid');
  });

  it('quotes and proformas post nothing; an invoice posts revenue once and its goods once, through the stock writer', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { priceMinor: 25000, stockMilli: 10_000, costMinor: 9000 });
    const before = entries(t).length; // the stock receipt
    const quote = await t.invoicing.issue((await t.draft({ kind: 'quote', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '2' }] })).id, '2026-03-02');
    const proforma = await t.invoicing.issue((await t.invoicing.convert(quote.id, 'proforma', null)).id, '2026-03-02');
    expect(entries(t)).toHaveLength(before);
    const invoice = await t.invoicing.issue((await t.invoicing.convert(proforma.id, 'invoice', 'MAIN')).id, '2026-03-02');
    expect(entries(t).slice(before)).toEqual([
      { journal: 'STOCK', number: 2, date: '2026-03-02', reference: invoice.number, kind: 'stock_movement' },
      { journal: 'SALES', number: 1, date: '2026-03-02', reference: invoice.number, kind: 'invoice' },
    ]);
    // 2 × 250.00 + 19 %; 2 rugs at 90.00 cost.
    expect(balances(t.sqlite)).toEqual({ '1400': 59_500, '8400': -50_000, '1776': -9_500, '3980': 90_000 - 18_000, '1600': -90_000, '3200': 18_000 });
  });
});

describe('an exempt line (a per-line override)', () => {
  it('is refused until an account is chosen for exempt domestic revenue, naming the posting kind; then posts without VAT', async () => {
    t = await openInvoicingKontor();
    const chart = await t.client.call('ledger.chart.get', {});
    expect(chart.mapping).toContainEqual({ postingKey: 'revenue.domestic.0', account: null });
    const draft = await t.draft({
      kind: 'invoice',
      buyerContactId: BUYERS.de.contactId,
      lines: [{ name: 'Export packing service', quantity: '1', unitPrice: '80.00', taxOverride: { category: 'E', rate: '0', mention: 'Steuerfrei nach § 4 Nr. 3 UStG' } }],
    });
    const error = await refusal(t.invoicing.issue(draft.id, '2026-03-02'));
    expect(error.details?.issues).toEqual([expect.objectContaining({ key: 'ledger.mapping.missing', params: { postingKey: 'revenue.domestic.0' } })]);
    expect(await t.invoicing.get(draft.id)).toMatchObject({ status: 'draft' });

    await t.client.call('ledger.accounts.create', { code: '8100', name: 'Steuerfreie Umsätze § 4 Nr. 8 ff. UStG', kind: 'revenue' });
    await t.client.call('ledger.mapping.set', { postingKey: 'revenue.domestic.0', account: '8100' });
    await t.invoicing.issue(draft.id, '2026-03-02');
    expect(balances(t.sqlite)).toEqual({ '1400': 8_000, '8100': -8_000 });
  });
});

describe('a closed period', () => {
  it('refuses an invoice dated in it, with the issue date to fix, and writes nothing: no number used, no goods shipped, no entry', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { priceMinor: 10000, stockMilli: 5_000 });
    lockPeriod(t.sqlite, '2026-02-28');
    const draft = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, warehouse: 'MAIN', lines: [{ sku: 'RUG-1', quantity: '2' }] });
    const counted = () => ({
      entries: t!.sqlite.prepare('SELECT count(*) FROM ledger_entry').pluck().get(),
      movements: t!.sqlite.prepare('SELECT count(*) FROM stock_movement').pluck().get(),
      counters: t!.sqlite.prepare('SELECT count(*) FROM document_counter').pluck().get(),
    });
    const before = counted();

    const error = await refusal(t.invoicing.issue(draft.id, '2026-02-20'));
    expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'issueDate', key: 'ledger.locked', params: { date: '2026-02-20', lockedThrough: '2026-02-28' } })]);
    expect(counted()).toEqual(before);
    expect(await t.invoicing.get(draft.id)).toMatchObject({ status: 'draft', number: null });

    const issued = await t.invoicing.issue(draft.id, '2026-03-02');
    expect(issued.number).toBe('INV-2026-00001'); // the refused attempt used no number
  });

  it('refuses a payment received in it, with the date to fix, and leaves the invoice unpaid', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { priceMinor: 10000 });
    const invoice = await t.invoicing.issue((await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] })).id, '2026-03-02');
    lockPeriod(t.sqlite, '2026-03-31');
    const error = await refusal(t.invoicing.recordPayment(payment({ receivedOn: '2026-03-15', amount: '119.00', allocations: [{ documentId: invoice.id, amount: '119.00' }] })));
    expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'receivedOn', key: 'ledger.locked' })]);
    expect(t.sqlite.prepare('SELECT count(*) FROM payment').pluck().get()).toBe(0);
    expect(t.sqlite.prepare('SELECT count(*) FROM payment_allocation').pluck().get()).toBe(0);
    expect(await t.invoicing.get(invoice.id)).toMatchObject({ paymentStatus: 'unpaid', paidMinor: 0 });
    expect(balances(t.sqlite)).toEqual({ '1400': 11_900, '8400': -10_000, '1776': -1_900 });
  });
});
