import { afterEach, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors.ts';
import { BUYERS, openInvoicingKontor, type InvoicingKontor } from './support.ts';

let t: InvoicingKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function onHand(k: InvoicingKontor, sku: string): number {
  return k.sqlite.prepare('SELECT coalesce(sum(l.on_hand_milli), 0) FROM stock_level l JOIN product p ON p.id = l.product_id WHERE p.sku = ?').pluck().get(sku) as number;
}

it('quote → proforma → invoice ships the goods at cost; a partial credit note returns part of them at that cost', async () => {
  t = await openInvoicingKontor();
  t.product('RUG-1', { priceMinor: 25000, stockMilli: 10_000, costMinor: 9000 });
  t.product('SAFFRON', { unit: 'kg', priceMinor: 120000, taxClass: 'reduced', stockMilli: 5_000, costMinor: 50000 });

  const quote = await t.draft({ kind: 'quote', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '4' }, { sku: 'SAFFRON', quantity: '1,5' }] });
  const sentQuote = await t.invoicing.issue(quote.id, '2026-03-02');
  expect(sentQuote.number).toBe('QUO-2026-00001');
  expect(onHand(t, 'RUG-1')).toBe(10_000); // a quote moves nothing

  const proforma = await t.invoicing.issue((await t.invoicing.convert(sentQuote.id, 'proforma', null)).id, '2026-03-03');
  expect(proforma).toMatchObject({ number: 'PRO-2026-00001', sourceId: sentQuote.id, grossMinor: sentQuote.grossMinor });
  await expect(t.invoicing.convert(proforma.id, 'quote', null)).rejects.toBeInstanceOf(ValidationError);

  const invoiceDraft = await t.invoicing.convert(proforma.id, 'invoice', 'MAIN');
  const invoice = await t.invoicing.issue(invoiceDraft.id, '2026-03-04');
  expect(invoice.number).toBe('INV-2026-00001');
  // 4 × 250.00 at 19 % + 1.5 kg × 1,200.00 at 7 %.
  expect(invoice.taxes.map((g) => [g.rateBp, g.baseMinor, g.taxMinor])).toEqual([
    [1900, 100000, 19000],
    [700, 180000, 12600],
  ]);
  expect(invoice.grossMinor).toBe(311600);
  expect([onHand(t, 'RUG-1'), onHand(t, 'SAFFRON')]).toEqual([6_000, 3_500]);
  const shipments = t.sqlite.prepare("SELECT quantity_milli, value_minor, reference FROM stock_movement WHERE kind = 'shipment' ORDER BY id").all();
  expect(shipments).toEqual([
    { quantity_milli: -4000, value_minor: -36000, reference: 'INV-2026-00001' },
    { quantity_milli: -1500, value_minor: -75000, reference: 'INV-2026-00001' },
  ]);
  expect(invoice.lines.every((l) => l.stockMovementId !== null)).toBe(true);

  // Two rugs come back damaged: a credit note for that line only, returned to stock.
  const rugLine = invoice.lines.find((l) => l.sku === 'RUG-1');
  const cnDraft = await t.invoicing.creditNote(invoice.id, [rugLine!.id], true, null);
  const edited = await t.invoicing.saveDraft({
    kind: 'credit_note',
    id: cnDraft.id,
    revision: cnDraft.revision,
    buyerContactId: null,
    buyer: null,
    language: null,
    currency: null,
    series: null,
    issueDate: null,
    dueDate: null,
    warehouse: null,
    returnToStock: true,
    creditOfId: invoice.id,
    terms: null,
    notes: 'Two rugs returned damaged.',
    lines: [{ sku: null, name: null, description: null, quantity: '2', unitPrice: null, discount: null, taxClass: null, supply: null, taxOverride: null, creditOfLineId: rugLine!.id }],
  });
  const creditNote = await t.invoicing.issue(edited.id, '2026-03-10');
  expect(creditNote).toMatchObject({ number: 'CN-2026-00001', creditOfId: invoice.id, netMinor: 50000, taxMinor: 9500, grossMinor: 59500 });
  expect(onHand(t, 'RUG-1')).toBe(8_000);
  const ret = t.sqlite.prepare("SELECT quantity_milli, value_minor, return_of_id FROM stock_movement WHERE kind = 'return'").get() as Record<string, number>;
  expect(ret).toMatchObject({ quantity_milli: 2000, value_minor: 18000, return_of_id: rugLine!.stockMovementId });

  const after = await t.invoicing.get(invoice.id);
  expect(after).toMatchObject({ creditedMinor: 59500, openMinor: 311600 - 59500, paymentStatus: 'partlyPaid' });

  // No more than the invoice holds: 3 rugs when only 2 are left to credit.
  const tooMany = await t.invoicing.creditNote(invoice.id, [rugLine!.id], false, null);
  const error = await t.invoicing.issue(tooMany.id, '2026-03-11').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).details?.issues?.[0]).toMatchObject({ path: 'lines.0.quantity', key: 'invoices.creditNote.tooMuchQuantity' });
});

it('the VAT of a draft is decided again at issue against the buyer as it is then', async () => {
  t = await openInvoicingKontor();
  t.product('RUG-1', { priceMinor: 10000 });
  // Saved with a buyer written out, without a VAT number: German VAT.
  const d = await t.draft({ kind: 'invoice', buyer: { name: 'Atelier Lyon', country: 'FR', isBusiness: true }, lines: [{ sku: 'RUG-1', quantity: '1' }] });
  expect(d.taxes[0]).toMatchObject({ category: 'S', rateBp: 1900 });
  // The contact gets its VAT number before issue: the invoice becomes an intra-EU supply.
  const contactDraft = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.fr.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
  t.sqlite.prepare("UPDATE document SET buyer = json_set(buyer, '$.taxIds', json('[]')) WHERE id = ?").run(contactDraft.id);
  expect((await t.invoicing.get(contactDraft.id)).buyer.taxIds).toEqual([]);
  const issued = await t.invoicing.issue(contactDraft.id, '2026-03-02');
  expect(issued.taxes[0]).toMatchObject({ category: 'K', rateBp: 0, taxMinor: 0 });
  expect(issued.buyer.taxIds).toEqual([{ scheme: 'EU_VAT', value: 'FR40303265045' }]);
});
