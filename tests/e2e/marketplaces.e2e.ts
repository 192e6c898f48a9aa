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
