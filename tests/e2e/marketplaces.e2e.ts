import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { ProductInput } from '../../shared/catalog/product.ts';
import { startShopifyEmulator, type ShopifyEmulator } from '../emulators/shopify/server.ts';
import { validProfile } from '../support/companyFixtures.ts';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

// The Marketplaces screens in browser mode against the Shopify emulator: an account added through
// the UI and tested, the upload wizard from selection to the per-item report, and the grid.

const SCREENSHOTS = 'test-results/screenshots';

function product(n: number, title: string | null): ProductInput {
  return {
    sku: `RUG-${n}`,
    status: 'active',
    texts: title === null ? { fr: { title: `Tapis ${n}` } } : { en: { title } },
    unit: 'pcs',
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 12_000 + n }] }],
  };
}

async function setUp(kontorServer: KontorServer, language: 'en' | 'ar'): Promise<void> {
  await kontorServer.client.call('company.save', validProfile());
  await kontorServer.client.call('app.setPreferences', { language, theme: 'light' });
  for (let n = 1; n <= 5; n++) await kontorServer.client.call('products.create', product(n, n === 3 ? null : `Beni Ourain rug ${n}`));
}

async function open(page: Page, kontorServer: KontorServer, route: string): Promise<void> {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/${route}`);
}

let emulator: ShopifyEmulator | undefined;
test.afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

test('add a Shopify account, check, upload with a per-item report, see the listing grid', async ({ page, kontorServer }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  emulator = await startShopifyEmulator({ restoreRate: 1000 });
  await setUp(kontorServer, 'en');
  await open(page, kontorServer, 'marketplaces/accounts');

  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByLabel('Name').fill('Shopify EU');
  await page.getByLabel('Shop address').fill(emulator.url);
  await page.getByLabel('Admin API access token').fill('shpat_emulator_token_0001');
  await page.getByRole('button', { name: 'Save account' }).click();
  await expect(page.getByTestId('accounts')).toContainText('Shopify EU');
  await expect(page.getByTestId('accounts')).toContainText('Credentials stored (encrypted)');
  await expect(page.getByText('shpat_emulator_token_0001')).toHaveCount(0);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connected: Connected to Kontor Emulator.')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-accounts-en.png` });

  await page.getByRole('tab', { name: 'Upload', exact: true }).click();
  await page.getByRole('button', { name: 'Check products' }).click();
  await expect(page.getByText('4 of 5 products are ready for Shopify EU.')).toBeVisible();
  await expect(page.getByTestId('validation-problems')).toContainText('RUG-3');
  await expect(page.getByTestId('validation-problems')).toContainText('Shopify needs a title in the account’s language.');
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-check-en.png` });

  await page.getByRole('button', { name: 'Upload 5 products' }).click();
  await expect(page.getByTestId('upload-report')).toContainText('Finished');
  await expect(page.getByTestId('upload-items')).toContainText('RUG-3');
  await expect(page.getByTestId('upload-items')).toContainText('VALIDATION');
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-report-en.png` });
  expect(emulator.products.size).toBe(4);

  await page.getByRole('tab', { name: 'Listings' }).click();
  await expect(page.getByTestId('listing-grid')).toContainText('Listed');
  await expect(page.getByTestId('listing-grid')).toContainText('Failed');
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-grid-en.png` });

  await page.getByRole('button', { name: 'Edit overrides' }).first().click();
  await page.getByRole('dialog').getByLabel('Title').fill('Beni Ourain rug for Shopify');
  await page.getByRole('dialog').getByLabel('Stock held back (units)').fill('2');
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-override-en.png` });
  await page.getByRole('button', { name: 'Save overrides' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const [account] = await kontorServer.client.call('marketplaces.accounts.list', {});
  const rug1 = await kontorServer.client.call('products.getBySku', { sku: 'RUG-1' });
  expect(await kontorServer.client.call('marketplaces.overrides.get', { accountId: account?.id ?? 0, productId: rug1.id })).toMatchObject({ title: 'Beni Ourain rug for Shopify', quantityBuffer: 2 });
});

test('the report and grid in Arabic, right to left', async ({ page, kontorServer }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  emulator = await startShopifyEmulator({ restoreRate: 1000 });
  await setUp(kontorServer, 'ar');
  const account = await kontorServer.client.call('marketplaces.accounts.create', {
    platform: 'shopify',
    name: 'Shopify MA',
    settings: { shopUrl: emulator.url },
    credentials: { accessToken: 'shpat_emulator_token_0001' },
    rules: { currency: 'EUR', language: 'en' },
  });
  const upload = await kontorServer.client.call('marketplaces.uploads.start', { accountId: account.id, selection: { filter: '', status: 'active' } });
  await open(page, kontorServer, `marketplaces/uploads/${upload.id}`);
  await expect(page.getByTestId('upload-report')).toContainText('منتهٍ');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-report-ar.png` });
  await page.getByRole('tab', { name: 'العروض' }).click();
  await expect(page.getByTestId('listing-grid')).toContainText('معروض');
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-grid-ar.png` });
});

/** Waits until an upload started by a call has finished. */
async function finished(kontorServer: KontorServer, id: number): Promise<void> {
  await expect.poll(async () => (await kontorServer.client.call('marketplaces.uploads.get', { id })).status, { timeout: 30_000 }).toBe('finished');
}

test('sync prices only, and remove a listing from the grid', async ({ page, kontorServer }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  emulator = await startShopifyEmulator({ restoreRate: 1000 });
  await setUp(kontorServer, 'en');
  const account = await kontorServer.client.call('marketplaces.accounts.create', {
    platform: 'shopify',
    name: 'Shopify EU',
    settings: { shopUrl: emulator.url },
    credentials: { accessToken: 'shpat_emulator_token_0001' },
    rules: { currency: 'EUR', language: 'en' },
  });
  await finished(kontorServer, (await kontorServer.client.call('marketplaces.uploads.start', { accountId: account.id, selection: { filter: '', status: 'active' } })).id);
  const rug2 = await kontorServer.client.call('products.getBySku', { sku: 'RUG-2' });
  await kontorServer.client.call('products.bulkUpdate', { ids: [rug2.id], set: { priceChange: { percent: 10, rounding: '.99' } } });
  const titleBefore = [...emulator.products.values()].find((p) => p.handle === 'k-rug--2')?.title;

  await open(page, kontorServer, 'marketplaces/accounts');
  await page.getByTestId(`account-menu-${account.id}`).click();
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-account-menu-en.png` });
  await page.getByRole('menuitem', { name: 'Sync prices only' }).click();
  await expect(page.getByText('Sending 1 changed price(s) to Shopify EU; nothing else of the products is sent.')).toBeVisible();
  await expect.poll(() => [...(emulator as ShopifyEmulator).products.values()].find((p) => p.handle === 'k-rug--2')?.variants[0]?.price, { timeout: 30_000 }).toBe('131.99');
  expect([...emulator.products.values()].find((p) => p.handle === 'k-rug--2')?.title).toBe(titleBefore);

  await page.getByRole('tab', { name: 'Listings' }).click();
  await expect(page.getByTestId('listing-grid')).toContainText('RUG-4');
  const row = page.getByRole('row').filter({ hasText: 'RUG-4' });
  await row.getByRole('button', { name: 'Remove from marketplace' }).click();
  await expect(page.getByText('Delete the listing of RUG-4 on Shopify EU? The product stays in Kontor.')).toBeVisible();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-remove-en.png` });
  await page.getByRole('button', { name: 'Remove listing' }).click();
  await expect(page.getByText('Removing RUG-4 from Shopify EU; see Uploads for the result.')).toBeVisible();
  await expect.poll(() => [...(emulator as ShopifyEmulator).products.values()].some((p) => p.handle === 'k-rug--4'), { timeout: 30_000 }).toBe(false);
  // The grid follows the job's end by itself.
  await expect(row).toContainText('Not listed');

  await page.getByRole('tab', { name: 'Uploads' }).click();
  await expect(page.getByText('Removal')).toBeVisible();
  await expect(page.getByText('Price sync')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-uploads-kinds-en.png` });

  await kontorServer.client.call('app.setPreferences', { language: 'ar', theme: 'light' });
  await page.goto(`${kontorServer.origin}/#/marketplaces/accounts`);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId(`account-menu-${account.id}`).click();
  await expect(page.getByRole('menuitem', { name: 'مزامنة الأسعار فقط' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-account-menu-ar.png` });
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'العروض' }).click();
  await page.getByRole('row').filter({ hasText: 'RUG-1' }).getByRole('button', { name: 'إزالة من المنصة' }).click();
  await expect(page.getByRole('button', { name: 'إزالة العرض' })).toBeVisible();
  // Past the popover's fade-in.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SCREENSHOTS}/marketplaces-remove-ar.png` });
});
