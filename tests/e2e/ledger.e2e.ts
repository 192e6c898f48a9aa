import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { validProfile } from '../support/companyFixtures.ts';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

// The Ledger page and the Dashboard in browser mode: stock movements made through the contract
// post to the journal, which the journal browser and the trial balance show; an export runs as a
// background job to the end; the dashboard draws the stock and the sales charts from the journal's sources.

const SCREENSHOTS = 'test-results/screenshots';

async function setUp(kontorServer: KontorServer, language: 'en' | 'ar' = 'en', sales = false): Promise<void> {
  const c = kontorServer.client;
  await c.call('company.save', validProfile());
  await c.call('app.setPreferences', { language, theme: 'light' });
  const year = new Date().getUTCFullYear();
  const at = (month: number, day: number) => new Date(Date.UTC(year, month, day, 9)).toISOString();
  const now = new Date();
  const months = Math.min(now.getUTCMonth(), 5);
  for (const [sku, title] of [
    ['RUG-BO-200', 'Beni Ourain rug 200 × 300'],
    ['TAGINE-30', 'Fès tagine 30 cm'],
    ['ARGAN-100', 'Argan oil 100 ml'],
  ] as const) {
    await c.call('products.create', { sku, texts: { en: { title } } });
  }
  await c.call('stock.receive', { sku: 'RUG-BO-200', warehouse: 'MAIN', quantity: '12', unitCost: '420', supplier: 'Coopérative Aït Bouguemez', occurredAt: at(0, 8) });
  await c.call('stock.receive', { sku: 'TAGINE-30', warehouse: 'MAIN', quantity: '200', unitCost: '9.50', occurredAt: at(0, 9) });
  await c.call('stock.receive', { sku: 'ARGAN-100', warehouse: 'MAIN', quantity: '480', unitCost: '3.20', occurredAt: at(0, 10) });
  for (let m = 1; m <= months; m++) {
    await c.call('stock.ship', { sku: 'RUG-BO-200', warehouse: 'MAIN', quantity: '1', reference: `SO-${m}01`, occurredAt: at(m, 3) });
    await c.call('stock.ship', { sku: 'TAGINE-30', warehouse: 'MAIN', quantity: String(20 + m * 5), reference: `SO-${m}02`, occurredAt: at(m, 12) });
    await c.call('stock.ship', { sku: 'ARGAN-100', warehouse: 'MAIN', quantity: String(40 + m * 10), reference: `SO-${m}03`, occurredAt: at(m, 20) });
  }
  await c.call('stock.setReorderRule', { sku: 'RUG-BO-200', warehouse: 'MAIN', reorderPoint: '10', reorderQuantity: '6' });
  await c.call('ledger.entries.postManual', { date: at(0, 2).slice(0, 10), description: 'Opening bank balance', lines: [{ account: '1200', debit: '25000' }, { account: '1600', credit: '25000' }] });

  if (sales) await invoiceSales(kontorServer, at, Math.min(months, 3));
}

/**
 * A domestic sale, an intra-EU supply and an export in USD each month, issued through the contract
 * (each prints its PDF, which takes a while under load); the first two months are paid.
 */
async function invoiceSales(kontorServer: KontorServer, at: (month: number, day: number) => string, months: number): Promise<void> {
  test.setTimeout(120_000);
  const c = kontorServer.client;
  const de = { name: 'Kaufhaus Berger GmbH', country: 'DE' };
  const fr = { name: 'Maison Dupont SARL', country: 'FR', taxIds: [{ scheme: 'EU_VAT' as const, value: 'FR40303265045' }] };
  const us = { name: 'Desert Rose Imports LLC', country: 'US' };
  for (let m = 1; m <= months; m++) {
    const date = at(m, 5).slice(0, 10);
    await c.call('invoices.rates.set', { unit: 'EUR', quote: 'USD', date, rate: String(1.05 + m / 100) });
    const sale = async (buyer: { name: string; country: string }, lines: { sku: string; quantity: string; unitPrice: string }[], currency: string | null = null) => {
      const draft = await c.call('invoices.saveDraft', { kind: 'invoice', buyer, currency, lines });
      return c.call('invoices.issue', { id: draft.id, issueDate: date });
    };
    const domestic = await sale(de, [{ sku: 'RUG-BO-200', quantity: '1', unitPrice: '1250.00' }, { sku: 'TAGINE-30', quantity: String(10 + m * 4), unitPrice: '24.00' }]);
    const intraEu = await sale(fr, [{ sku: 'ARGAN-100', quantity: String(60 + m * 20), unitPrice: '8.90' }]);
    await sale(us, [{ sku: 'RUG-BO-200', quantity: String(1 + (m % 2)), unitPrice: '1400.00' }], 'USD');
    if (m <= 2) {
      for (const doc of [domestic, intraEu]) {
        const amount = (doc.grossMinor / 100).toFixed(2);
        await c.call('invoices.payments.record', { receivedOn: at(m, 25).slice(0, 10), amount, currency: 'EUR', allocations: [{ documentId: doc.id, amount }] });
      }
    }
  }
}

async function open(page: Page, kontorServer: KontorServer, route: string): Promise<void> {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/${route}`);
}

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('journal, trial balance and an export with progress to the end', async ({ page, kontorServer }) => {
  await setUp(kontorServer, 'en', true);
  await open(page, kontorServer, 'ledger/journal');
  await expect(page.getByTestId('journal-count')).toContainText('lines');
  await expect(page.getByRole('grid', { name: 'Journal lines' })).toContainText('Bestand Waren');
  await page.screenshot({ path: `${SCREENSHOTS}/ledger-journal-en.png` });

  await page.getByRole('tab', { name: 'Trial balance' }).click();
  await expect(page.getByTestId('trial-balance')).toContainText('Total');
  await expect(page.getByText('Debits equal credits.')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/ledger-trial-balance-en.png` });

  await page.getByTestId('open-export').click();
  await page.getByTestId('export-report').selectOption('vat-summary');
  await expect(page.getByTestId('invoices-note')).toBeVisible();
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-done')).toContainText('Export finished');
  await page.getByTestId('export-report').selectOption('general-ledger');
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-done')).toContainText('general-ledger_');
  await expect(page.getByRole('button', { name: 'Show in folder' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/ledger-export-en.png` });

  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await expect(page.getByTestId('posting-map')).toContainText('Cost of goods sold');
  await page.screenshot({ path: `${SCREENSHOTS}/ledger-accounts-en.png`, fullPage: true });
});

test('dashboard: stock charts, sales by month, marketplace and country, top products and overdue receivables', async ({ page, kontorServer }) => {
  await setUp(kontorServer, 'en', true);
  await open(page, kontorServer, 'dashboard');
  await expect(page.getByTestId('stock-value')).toContainText('€');
  for (const chart of ['sales-by-month', 'sales-by-marketplace', 'sales-by-country', 'top-products']) {
    await expect(page.getByTestId(chart).locator('svg.recharts-surface')).toBeVisible();
  }
  await expect(page.getByTestId('sales-by-country')).toContainText('Germany');
  await expect(page.getByTestId('top-products')).toContainText('RUG-BO-200');
  await expect(page.getByTestId('overdue')).toContainText('invoices overdue');
  await expect(page.getByTestId('stock-value-chart').locator('svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('low-stock')).toContainText('RUG-BO-200');
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-en.png`, fullPage: true });
});

test('Arabic: the ledger and the dashboard read right to left', async ({ page, kontorServer }) => {
  await setUp(kontorServer, 'ar', true);
  await open(page, kontorServer, 'ledger/trial-balance');
  await expect(page.getByTestId('trial-balance')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/ledger-trial-balance-ar.png` });
  await page.goto(`${kontorServer.origin}/#/dashboard`);
  await expect(page.getByTestId('stock-value-chart').locator('svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('sales-by-month').locator('svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('sales-by-country')).toContainText('ألمانيا');
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-ar.png`, fullPage: true });
});

test('a manual entry posted through the dialog, then reversed from its row', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  await open(page, kontorServer, 'ledger/journal');
  await expect(page.getByTestId('journal-count')).toContainText('lines');
  const before = await kontorServer.client.call('ledger.journal', { journal: 'MISC' });
  await page.getByRole('button', { name: 'New entry…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manual journal entry' });
  await dialog.getByLabel('Description').fill('Bank charges for March');
  await dialog.getByRole('combobox', { name: 'Account' }).nth(0).selectOption('4970');
  await dialog.getByRole('textbox', { name: 'Debit' }).nth(0).fill('12,50');
  await dialog.getByRole('combobox', { name: 'Account' }).nth(1).selectOption('1200');
  await dialog.getByRole('textbox', { name: 'Credit' }).nth(1).fill('12.50');
  await dialog.getByRole('button', { name: 'Post entry' }).click();
  await expect(dialog).toBeHidden();
  const after = await kontorServer.client.call('ledger.journal', { journal: 'MISC' });
  expect(after.total).toBe(before.total + 2);
  expect(after.rows.at(-1)).toMatchObject({ description: 'Bank charges for March', creditMinor: 1250, account: '1200' });

  // The grid is virtualised: narrow it to the MISC journal so the new entry is in view.
  await page.getByRole('combobox', { name: 'Journal' }).selectOption('MISC');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('journal-count')).toHaveText(`${after.total} lines`);
  await page.getByRole('button', { name: `Reverse Miscellaneous ${after.rows.at(-1)!.number}` }).first().click();
  await page.getByRole('dialog').getByLabel('Reason').fill('booked twice');
  await page.getByRole('button', { name: 'Post reversal' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  const reversed = await kontorServer.client.call('ledger.journal', { journal: 'MISC' });
  expect(reversed.total).toBe(before.total + 4);
  expect(reversed.rows.at(-1)).toMatchObject({ sourceKind: 'reversal', debitMinor: 1250, account: '1200' });
  await page.screenshot({ path: `${SCREENSHOTS}/ledger-reversed-en.png` });
});
