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

  // A quote typed at the keyboard: the SKU search fills the line, the core prices it live.
  await open(page, kontorServer, 'invoices/documents/new/quote');
  await page.getByTestId('buyer-name').fill('Maison Dupont SARL');
  await page.getByTestId('buyer-country').fill('FR');
  await page.getByTestId('line-0-sku').fill('KILIM-BLUE');
  await page.getByTestId('line-0-qty').fill('4');
  // No VAT number yet: a French consumer pays German VAT (4 × 189.00 + 19 %).
  await expect(page.getByTestId('live-total')).toHaveText(/899[.,]64/);
  await page.getByTestId('buyer-vat').fill('FR40303265045');
  // With the VAT number it becomes an intra-EU supply: no VAT.
  await expect(page.getByTestId('live-total')).toHaveText(/756[.,]00/);
  await page.getByTestId('line-0-discount').press('Enter');
  await expect(page.getByTestId('line-1')).toBeVisible();
  await expect(page.getByTestId('line-1-sku')).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-editor.png`, fullPage: true });
  await page.getByTestId('issue').click();
  await expect(page.getByTestId('document-view')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/QUO-\d{4}-00001/);
  const quoteId = idFromUrl(page);
  expect(await onHand(client)).toBe(10_000);

  // Quote → invoice draft (shipping from MAIN) → issued: four rugs leave the warehouse.
  await page.getByTestId('to-invoice').click();
  await expect(page.getByTestId('document-editor')).toBeVisible();
  await expect(page.getByTestId('warehouse')).toHaveValue('MAIN');
  await page.getByTestId('issue').click();
  await expect(page.getByTestId('document-view')).toBeVisible();
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
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/CN-\d{4}-00001/);
  expect(await onHand(client)).toBe(7_000);
  expect(await client.call('invoices.get', { id: invoiceId })).toMatchObject({ creditedMinor: 18900, paidMinor: 30000, openMinor: 26700, paymentStatus: 'partlyPaid' });

  // The list shows all three with their states.
  await page.goto(`${kontorServer.origin}/#/invoices/documents`);
  await expect(page.getByTestId('document-count')).toHaveText('Documents: 3');
  await page.getByTestId('document-filter').getByText('Partly paid').click();
  await expect(page.getByTestId('document-count')).toHaveText('Documents: 1');
  await page.getByTestId('document-filter').getByText('All').click();
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-list.png`, fullPage: true });

  // The statement: invoice 756.00 − payment 300.00 − credit note 189.00 = 267.00.
  await page.goto(`${kontorServer.origin}/#/invoices/statement`);
  await page.getByTestId('statement-buyer').fill('Maison Dupont SARL');
  await page.getByTestId('statement-show').click();
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
  const draft = await client.call('invoices.saveDraft', {
    kind: 'invoice',
    language: 'ar',
    buyer: { name: 'شركة الأطلس للتجارة', country: 'MA' },
    warehouse: 'MAIN',
    lines: [{ sku: 'KILIM-BLUE', quantity: '2' }],
  });
  await client.call('invoices.issue', { id: draft.id });
  await open(page, kontorServer, 'invoices/documents');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('document-count')).toContainText('1');
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-list-ar.png`, fullPage: true });
  await page.goto(`${kontorServer.origin}/#/invoices/documents/${draft.id}`);
  await expect(page.getByTestId('document-view')).toBeVisible();
  await page.getByRole('button', { name: 'معاينة' }).click();
  await expect(page.getByTestId('document-preview')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/invoice-view-ar.png`, fullPage: true });
});
