import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { KontorClient } from '../../shared/client.ts';
import { validProfile } from '../support/companyFixtures.ts';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

// The invoices screens (renderer/src/invoices) in browser mode: a quote typed at the keyboard,
// turned into an invoice that ships the goods, its PDF, a partial payment and a credit note that
// brings goods back, with stock and balances checked through the core at each step, and the
// journal they posted to at the end.

const SCREENSHOTS = 'test-results/screenshots';
/** Issuing renders the PDF in Chromium; on a loaded two-core machine that alone took over 5 s. */
const ISSUE_TIMEOUT_MS = 20_000;

async function setUp(kontorServer: KontorServer, language: 'en' | 'ar' = 'en'): Promise<void> {
  const client = kontorServer.client;
  await client.call('company.save', { ...validProfile(), defaultLanguage: 'en' });
  await client.call('app.setPreferences', { language, theme: 'light' });
  await client.call('products.create', {
    sku: 'KILIM-BLUE',
    texts: { en: { title: 'Kilim, indigo, 120×180' } },
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 18900 }] }],
  });
  await client.call('stock.receive', { sku: 'KILIM-BLUE', quantity: '10', unitCost: '80.00', warehouse: 'MAIN', occurredAt: '2026-01-05' });
  // A French consumer already in contacts; the importer is created from the editor.
  await client.call('contacts.create', {
    kind: 'person',
    name: 'Claire Martin',
    addresses: [{ kind: 'billing', line1: 'Rue Neuve 3', postalCode: '69001', city: 'Lyon', country: 'FR' }],
  });
}

async function open(page: Page, kontorServer: KontorServer, route: string): Promise<void> {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/${route}`);
}

async function onHand(client: KontorClient): Promise<number> {
  const page = await client.call('stock.levels', { warehouse: 'MAIN' });
  return page.rows.find((r) => r.sku === 'KILIM-BLUE')?.onHandMilli ?? 0;
}

function idFromUrl(page: Page): number {
  return Number(/documents\/(\d+)$/.exec(page.url())?.[1]);
}

test('quote → invoice → PDF → partial payment → credit note, with stock and balances at each step', async ({ page, kontorServer }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await setUp(kontorServer);
  const client = kontorServer.client;

  // A quote typed at the keyboard: the buyer picked from contacts (the search field has the focus),
  // the SKU search fills the line, the core prices it live.
  await open(page, kontorServer, 'invoices/documents/new/quote');
  const picker = page.getByTestId('buyer-contact');
  await expect(picker).toBeFocused();
  await picker.pressSequentially('claire');
  await expect(page.getByRole('option', { name: /Claire Martin/ })).toBeVisible();
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await expect(page.getByTestId('buyer-summary')).toContainText('Claire Martin');
  await expect(page.getByTestId('buyer-summary')).toContainText('Consumer');
  await expect(page.getByTestId('line-0-sku')).toBeFocused();
  await page.getByTestId('line-0-sku').fill('KILIM-BLUE');
  await page.getByTestId('line-0-qty').fill('4');
  // A French consumer pays German VAT (4 × 189.00 + 19 %).
  await expect(page.getByTestId('live-total')).toHaveText(/899[.,]64/);

  // The real buyer is a French importer not yet in contacts: created from the editor with its VAT
  // number, and used at once. With the VAT number it is an intra-EU supply: no VAT.
  await picker.click();
  await picker.fill('Maison Dupont');
  await expect(page.getByRole('option', { name: /Maison Dupont/ })).toHaveCount(0);
  await page.getByTestId('buyer-new-contact').click();
  const dialog = page.getByTestId('buyer-new-contact-dialog');
  await expect(dialog.getByTestId('new-contact-name')).toHaveValue('Maison Dupont');
  await dialog.getByTestId('new-contact-name').fill('Maison Dupont SARL');
  await dialog.getByTestId('new-contact-country').fill('FR');
  await dialog.getByTestId('new-contact-vat').fill('FR 40 303 265 045');
  await dialog.getByTestId('new-contact-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('buyer-summary')).toContainText('Maison Dupont SARL');
  await expect(page.getByTestId('buyer-tax-id')).toContainText('FR40303265045');
  await expect(page.getByTestId('live-total')).toHaveText(/756[.,]00/);
  const dupont = (await client.call('contacts.list', { search: 'dupont' })).rows[0];
  expect(dupont).toMatchObject({ name: 'Maison Dupont SARL' });
  await page.getByTestId('line-0-discount').press('Enter');
  await expect(page.getByTestId('line-1')).toBeVisible();
  await expect(page.getByTestId('line-1-sku')).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-editor.png`, fullPage: true });
  await page.getByTestId('issue').click();
  await expect(page.getByTestId('document-view')).toBeVisible({ timeout: ISSUE_TIMEOUT_MS });
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/QUO-\d{4}-00001/);
  const quoteId = idFromUrl(page);
  expect((await client.call('invoices.get', { id: quoteId })).buyer).toMatchObject({ contactId: dupont?.id, name: 'Maison Dupont SARL', country: 'FR' });
  expect(await onHand(client)).toBe(10_000);

  // Quote → invoice draft (shipping from MAIN) → issued: four rugs leave the warehouse.
  await page.getByTestId('to-invoice').click();
  await expect(page.getByTestId('document-editor')).toBeVisible();
  await expect(page.getByTestId('warehouse')).toHaveValue('MAIN');
  await page.getByTestId('issue').click();
  await expect(page.getByTestId('document-view')).toBeVisible({ timeout: ISSUE_TIMEOUT_MS });
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/INV-\d{4}-00001/);
  const invoiceId = idFromUrl(page);
  const invoice = await client.call('invoices.get', { id: invoiceId });
  expect(invoice).toMatchObject({ sourceId: quoteId, grossMinor: 75600, openMinor: 75600, paymentStatus: 'unpaid' });
  expect(invoice.taxes).toEqual([expect.objectContaining({ category: 'K', taxMinor: 0 })]);
  expect(await onHand(client)).toBe(6_000);
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-view.png`, fullPage: true });

  // The PDF downloaded is the one stored at issue.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(invoice.pdfSha256);

  // A partial payment of 300.00 against it.
  await page.getByTestId('record-payment').click();
  await expect(page.getByTestId('payments-panel')).toBeVisible();
  await expect(page.getByTestId('payment-payer')).toHaveValue('Maison Dupont SARL');
  await page.getByTestId('payment-amount').fill('300.00');
  await page.getByTestId(`allocate-${invoice.number}`).fill('300.00');
  await page.getByTestId('record-payment-submit').click();
  await expect(page.getByTestId('payments-list')).toContainText(invoice.number ?? '');
  expect(await client.call('invoices.get', { id: invoiceId })).toMatchObject({ paidMinor: 30000, openMinor: 45600, paymentStatus: 'partlyPaid' });

  // A credit note for the whole invoice, goods back to stock: the open amount goes to zero and
  // what was paid beyond the rest is the buyer's credit.
  await page.goto(`${kontorServer.origin}/#/invoices/documents/${invoiceId}`);
  await page.getByTestId('credit-note').click();
  await expect(page.getByTestId('document-editor')).toBeVisible();
  await page.getByTestId('line-0-qty').fill('1');
  await expect(page.getByTestId('live-total')).toHaveText(/189[.,]00/);
  await page.getByTestId('issue').click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/CN-\d{4}-00001/, { timeout: ISSUE_TIMEOUT_MS });
  expect(await onHand(client)).toBe(7_000);
  expect(await client.call('invoices.get', { id: invoiceId })).toMatchObject({ creditedMinor: 18900, paidMinor: 30000, openMinor: 26700, paymentStatus: 'partlyPaid' });

  // The list shows all three with their states.
  await page.goto(`${kontorServer.origin}/#/invoices/documents`);
  await expect(page.getByTestId('document-count')).toHaveText('Documents: 3');
  await page.getByTestId('document-filter').getByText('Partly paid').click();
  await expect(page.getByTestId('document-count')).toHaveText('Documents: 1');
  await page.getByTestId('document-filter').getByText('All').click();
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-list.png`, fullPage: true });

  // The contact's page shows the quote, the invoice, the payment and the credit note in its
  // timeline, and opens its statement: invoice 756.00 − payment 300.00 − credit note 189.00 = 267.00.
  await page.goto(`${kontorServer.origin}/#/contacts/${dupont?.id}`);
  const timeline = page.getByTestId('contact-timeline');
  // Numbers sit in Unicode isolates (U+2068 … U+2069) inside the translated sentence.
  await expect(timeline).toContainText(/Quotation \u2068QUO-\d{4}-00001\u2069: €756[.,]00/);
  await expect(timeline).toContainText(/Invoice \u2068INV-\d{4}-00001\u2069: €756[.,]00 · Partly paid/);
  await expect(timeline).toContainText(/Payment of €300[.,]00 received on .* \(Bank transfer\) → \u2068INV-\d{4}-00001/);
  await expect(timeline).toContainText(/Credit note \u2068CN-\d{4}-00001\u2069: €189[.,]00/);
  await page.screenshot({ path: `${SCREENSHOTS}/contact-timeline-invoices.png`, fullPage: true });
  await page.getByTestId('contact-documents').click();
  await page.getByTestId('contact-statement').click();
  await expect(page.getByTestId('statement-closing')).toHaveText(/267[.,]00/);

  // The journal says the same: receivable 267.00, intra-EU revenue 756.00 − 189.00, bank 300.00.
  const year = new Date().getFullYear();
  const tb = await client.call('ledger.trialBalance', { from: `${year}-01-01`, to: `${year}-12-31` });
  const closing = Object.fromEntries(tb.rows.map((r) => [r.account, r.closingMinor]));
  expect(closing).toMatchObject({ '1400': 26700, '8125': -56700, '1200': 30000 });
});

test('the invoice list and a document in Arabic, right to left', async ({ page, kontorServer }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await setUp(kontorServer, 'ar');
  const client = kontorServer.client;
  const atlas = await client.call('contacts.create', {
    kind: 'organisation',
    name: 'شركة الأطلس للتجارة',
    language: 'ar',
    addresses: [{ kind: 'billing', line1: 'شارع محمد الخامس 10', postalCode: '20000', city: 'الدار البيضاء', country: 'MA' }],
    taxIds: [{ scheme: 'MA_ICE', value: '001561191000066' }],
  });

  // The editor opened from the contact's page starts with that buyer, in the buyer's language.
  await open(page, kontorServer, `invoices/documents/new/invoice?contact=${atlas.id}`);
  await expect(page.getByTestId('buyer-summary')).toContainText('شركة الأطلس للتجارة');
  await expect(page.getByTestId('buyer-tax-id')).toContainText('001561191000066');
  await page.getByTestId('line-0-sku').fill('KILIM-BLUE');
  await page.getByTestId('line-0-qty').fill('2');
  await expect(page.getByTestId('live-total')).toHaveText(/378/); // export outside the EU: no VAT
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-editor-ar.png`, fullPage: true });

  const draft = await client.call('invoices.saveDraft', { kind: 'invoice', buyerContactId: atlas.id, warehouse: 'MAIN', lines: [{ sku: 'KILIM-BLUE', quantity: '2' }] });
  expect(draft.language).toBe('ar');
  await client.call('invoices.issue', { id: draft.id });
  await page.goto(`${kontorServer.origin}/#/invoices/documents`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('document-count')).toContainText('1');
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-list-ar.png`, fullPage: true });
  await page.goto(`${kontorServer.origin}/#/invoices/documents/${draft.id}`);
  await expect(page.getByTestId('document-view')).toBeVisible();
  await page.getByRole('button', { name: 'معاينة' }).click();
  await expect(page.getByTestId('document-preview')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-view-ar.png`, fullPage: true });
});
