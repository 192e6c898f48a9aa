import { afterEach, describe, expect, it } from 'vitest';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import { BUYERS, openInvoicingKontor, type InvoicingKontor } from './support.ts';

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

describe('drafts', () => {
  it('resolves SKUs to names and prices, decides the tax and totals the EN 16931 way', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { priceMinor: 99, title: 'Beni Ourain rug' });
    t.product('SAFFRON', { priceMinor: 199, taxClass: 'reduced', unit: 'kg', title: 'Saffron' });
    const doc = await t.draft({
      kind: 'invoice',
      buyerContactId: BUYERS.de.contactId,
      lines: [
        { sku: 'RUG-1', quantity: '1' },
        { sku: 'RUG-1', quantity: 1 },
        { sku: 'RUG-1', quantity: '1' },
        { sku: 'SAFFRON', quantity: '2,5' },
        { name: 'Freight', quantity: '1', unitPrice: '25.00', supply: 'services' },
      ],
    });
    expect(doc.status).toBe('draft');
    expect(doc.number).toBeNull();
    expect(doc.lines.map((l) => [l.name, l.netMinor, l.taxRateBp])).toEqual([
      ['Beni Ourain rug', 99, 1900],
      ['Beni Ourain rug', 99, 1900],
      ['Beni Ourain rug', 99, 1900],
      ['Saffron', 498, 700],
      ['Freight', 2500, 1900],
    ]);
    // 19 %: (2.97 + 25.00) × 19 % = 5.3143 → 5.31; 7 %: 4.98 × 7 % = 0.3486 → 0.35.
    expect(doc.taxes.map((g) => [g.rateBp, g.baseMinor, g.taxMinor])).toEqual([
      [1900, 2797, 531],
      [700, 498, 35],
    ]);
    expect([doc.netMinor, doc.taxMinor, doc.grossMinor]).toEqual([3295, 566, 3861]);
  });

  it('names every wrong line in one refusal and writes nothing', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1');
    const error = await refusal(
      t.draft({
        kind: 'invoice',
        buyerContactId: BUYERS.de.contactId,
        lines: [
          { sku: 'NOPE', quantity: '1' },
          { sku: 'RUG-1', quantity: '0' },
          { name: 'Service', quantity: '1' },
          { sku: 'RUG-1', quantity: '1', discount: '150' },
        ],
      }),
    );
    expect(error.details?.issues?.map((i) => [i.path, i.key])).toEqual([
      ['lines.0.sku', 'invoices.line.unknownSku'],
      ['lines.1.quantity', 'invoices.line.quantity'],
      ['lines.2.unitPrice', 'invoices.line.unitPriceRequired'],
      ['lines.3.discount', 'invoices.line.discount'],
    ]);
    expect(t.sqlite.prepare('SELECT count(*) FROM document').pluck().get()).toBe(0);
  });

  it('a draft can be edited and deleted; a stale edit is refused', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1');
    const doc = await t.draft({ kind: 'quote', buyerContactId: BUYERS.fr.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    const edited = await t.invoicing.saveDraft({ ...(await editable(doc.id)), id: doc.id, revision: doc.revision });
    expect(edited.revision).toBe(doc.revision + 1);
    const stale = await refusal(t.invoicing.saveDraft({ ...(await editable(doc.id)), id: doc.id, revision: doc.revision }));
    expect(stale.details?.issues?.[0]?.key).toBe('invoices.stale');
    await t.invoicing.deleteDraft(doc.id);
    await expect(t.invoicing.get(doc.id)).rejects.toBeInstanceOf(KontorError);
  });
});

async function editable(id: number) {
  if (!t) throw new Error('no kontor');
  const doc = await t.invoicing.get(id);
  return {
    kind: doc.kind,
    buyerContactId: doc.buyer.contactId,
    buyer: null,
    language: doc.language,
    currency: doc.currency,
    series: null,
    issueDate: null,
    dueDate: null,
    warehouse: null,
    returnToStock: false,
    creditOfId: null,
    terms: 'Delivery EXW Berlin',
    notes: null,
    lines: doc.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      description: null,
      quantity: l.quantityMilli / 1000,
      unitPrice: null,
      discount: null,
      taxClass: null,
      supply: null,
      taxOverride: null,
      creditOfLineId: null,
    })),
  };
}

describe('issuing', () => {
  it('numbers per series and fiscal year, freezes buyer and seller, and sets the due date from the terms', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1');
    const a = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.fr.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    const b = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.fr.contactId, lines: [{ sku: 'RUG-1', quantity: '2' }] });
    const q = await t.draft({ kind: 'quote', buyerContactId: BUYERS.fr.contactId, lines: [{ sku: 'RUG-1', quantity: '2' }] });
    const issuedA = await t.invoicing.issue(a.id, '2026-03-02');
    const issuedQ = await t.invoicing.issue(q.id, '2026-03-02');
    const issuedB = await t.invoicing.issue(b.id, '2026-12-31');
    const c = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.fr.contactId, lines: [{ sku: 'RUG-1', quantity: '2' }] });
    const issuedC = await t.invoicing.issue(c.id, '2027-01-04');
    expect([issuedA.number, issuedB.number, issuedQ.number, issuedC.number]).toEqual(['INV-2026-00001', 'INV-2026-00002', 'QUO-2026-00001', 'INV-2027-00001']);
    expect(issuedA.seller?.legalName).toBe('Teppichhaus Atlas GmbH');
    expect(issuedA.seller?.taxIds).toContainEqual({ scheme: 'EU_VAT', value: 'DE136695976' });
    expect(issuedA.buyer.name).toBe('Maison Dupont SARL');
    // Intra-EU supply to a French business: no VAT, the mention in the document's language.
    expect(issuedA.taxes).toEqual([{ category: 'K', rateBp: 0, baseMinor: 10000, taxMinor: 0, mention: 'VAT-exempt intra-Community supply of goods (§ 4 Nr. 1b i. V. m. § 6a UStG).' }]);
    expect(issuedA.dueDate).toBe('2026-03-16'); // 14 days, the buyer's terms
  });

  it('refuses a date before the last document of the series, and a second issue', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1');
    const a = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    const b = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    await t.invoicing.issue(a.id, '2026-03-10');
    const backdated = await refusal(t.invoicing.issue(b.id, '2026-03-09'));
    expect(backdated.details?.issues?.[0]).toMatchObject({ key: 'invoices.issue.backdated', params: { last: '2026-03-10', date: '2026-03-09' } });
    // The refused issue used no number: the next one is 2.
    expect((await t.invoicing.issue(b.id, '2026-03-10')).number).toBe('INV-2026-00002');
    expect((await refusal(t.invoicing.issue(a.id, null))).details?.issues?.[0]?.key).toBe('invoices.alreadyIssued');
  });

  it('a failed issue leaves no gap: the number is taken back with the transaction', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { stockMilli: 1000 });
    const tooMuch = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, warehouse: 'MAIN', lines: [{ sku: 'RUG-1', quantity: '5' }] });
    const error = await refusal(t.invoicing.issue(tooMuch.id, '2026-03-02'));
    expect(error.details?.issues?.[0]?.path).toMatch(/^lines\.0\./);
    expect((await t.invoicing.get(tooMuch.id)).status).toBe('draft');
    const ok = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '5' }] });
    expect((await t.invoicing.issue(ok.id, '2026-03-02')).number).toBe('INV-2026-00001');
  });
});

describe('an issued document is immutable in SQLite itself', () => {
  it('refuses UPDATE and DELETE of the document, its lines and its tax summary, but lets payments change', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1');
    const doc = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    const issued = await t.invoicing.issue(doc.id, '2026-03-02');
    const s = t.sqlite;
    const frozen = /an issued document cannot be (changed|deleted)/;
    expect(() => s.prepare('UPDATE document SET gross_minor = 1 WHERE id = ?').run(doc.id)).toThrow(frozen);
    expect(() => s.prepare("UPDATE document SET buyer_name = 'Someone else' WHERE id = ?").run(doc.id)).toThrow(frozen);
    expect(() => s.prepare("UPDATE document SET status = 'draft', number = NULL WHERE id = ?").run(doc.id)).toThrow(frozen);
    expect(() => s.prepare('DELETE FROM document WHERE id = ?').run(doc.id)).toThrow(frozen);
    expect(() => s.prepare('UPDATE document_line SET unit_price_minor = 1 WHERE document_id = ?').run(doc.id)).toThrow(frozen);
    expect(() => s.prepare('DELETE FROM document_line WHERE document_id = ?').run(doc.id)).toThrow(frozen);
    expect(() =>
      s
        .prepare(
          `INSERT INTO document_line (document_id, position, name, unit, quantity_milli, unit_price_minor, tax_class, supply, tax_case, tax_category, tax_rate_bp, net_minor)
           VALUES (?, 99, 'x', 'pcs', 1000, 1, 'standard', 'goods', 'domestic', 'S', 1900, 1)`,
        )
        .run(doc.id),
    ).toThrow(frozen);
    expect(() => s.prepare('UPDATE document_tax SET tax_minor = 0 WHERE document_id = ?').run(doc.id)).toThrow(frozen);
    expect(() => s.prepare('DELETE FROM document_tax WHERE document_id = ?').run(doc.id)).toThrow(frozen);
    // The receivable state may change.
    s.prepare("UPDATE document SET paid_minor = 100, payment_status = 'partlyPaid' WHERE id = ?").run(doc.id);
    expect((await t.invoicing.get(doc.id)).number).toBe(issued.number);
    await expect(t.invoicing.deleteDraft(doc.id)).rejects.toBeInstanceOf(ValidationError);
  });

  it('later edits of the product do not reach the issued document', async () => {
    t = await openInvoicingKontor();
    const id = t.product('RUG-1', { title: 'Kilim, blue' });
    const doc = await t.draft({ kind: 'invoice', buyerContactId: BUYERS.de.contactId, lines: [{ sku: 'RUG-1', quantity: '1' }] });
    await t.invoicing.issue(doc.id, '2026-03-02');
    t.sqlite.prepare("UPDATE product_text SET title = 'Renamed' WHERE product_id = ?").run(id);
    t.sqlite.prepare("UPDATE company SET legal_name = 'New Name GmbH'").run();
    const again = await t.invoicing.get(doc.id);
    expect(again.lines[0]?.name).toBe('Kilim, blue');
    expect(again.seller?.legalName).toBe('Teppichhaus Atlas GmbH');
  });
});

describe('live totals for the editor', () => {
  it('answers each line resolved, the problems of the others, and totals of the good ones, writing nothing', async () => {
    t = await openInvoicingKontor();
    t.product('RUG-1', { priceMinor: 99 });
    const preview = await t.client.call('invoices.preview', {
      kind: 'invoice',
      buyer: BUYERS.de,
      lines: [{ sku: 'RUG-1', quantity: '3' }, { sku: 'NOPE', quantity: '1' }, { name: 'Freight', quantity: '1', unitPrice: '10' }],
    });
    expect(preview.lines.map((l) => l && [l.name, l.netMinor, l.taxRateBp])).toEqual([['Rug RUG-1', 297, 1900], null, ['Freight', 1000, 1900]]);
    expect(preview.issues.map((i) => i.path)).toEqual(['lines.1.sku']);
    expect([preview.netMinor, preview.taxMinor, preview.grossMinor]).toEqual([1297, 246, 1543]);
    expect(t.sqlite.prepare('SELECT count(*) FROM document').pluck().get()).toBe(0);
  });
});

describe('list prices', () => {
  it('takes the highest quantity tier reached, or the first tier below it', async () => {
    t = await openInvoicingKontor();
    const id = t.product('SAFFRON', { unit: 'kg', priceMinor: 120000 });
    t.sqlite
      .prepare("INSERT INTO product_price (product_id, price_list_id, currency, min_quantity_milli, amount_minor) SELECT ?, id, 'EUR', 10000, 99000 FROM price_list WHERE code = 'RETAIL'")
      .run(id);
    const preview = await t.client.call('invoices.preview', {
      kind: 'quote',
      buyer: BUYERS.de,
      lines: [{ sku: 'SAFFRON', quantity: '0,25' }, { sku: 'SAFFRON', quantity: '9,999' }, { sku: 'SAFFRON', quantity: '10' }],
    });
    expect(preview.lines.map((l) => l?.unitPriceMinor)).toEqual([120000, 120000, 99000]);
  });
});
