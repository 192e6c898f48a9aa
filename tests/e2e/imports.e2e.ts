import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { validProfile } from '../support/companyFixtures.ts';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

// The import wizard in browser mode: a small CSV with one bad row goes through file → columns →
// check → import (skipping the bad row) → result, and the error report downloads.

const SCREENSHOTS = 'test-results/screenshots';

const CSV = [
  'Référence;Nom;Prix;EAN',
  'IMP-TAPIS;Tapis berbère;1.234,50;6111000450017',
  'IMP-THE;Théière en cuivre;25,90;',
  'IMP-BAD;Prix faux;douze;6111000450018',
].join('\r\n');

async function setUp(kontorServer: KontorServer, language: 'en' | 'ar'): Promise<void> {
  await kontorServer.client.call('company.save', validProfile());
  await kontorServer.client.call('app.setPreferences', { language, theme: 'light' });
}

async function openImports(page: Page, kontorServer: KontorServer): Promise<void> {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/imports`);
}

async function chooseFile(page: Page): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name: 'produits.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
}

test('the wizard imports the valid rows of a small CSV, lists the bad one and hands out the error report', async ({ page, kontorServer }) => {
  test.setTimeout(90_000);
  await setUp(kontorServer, 'en');
  await openImports(page, kontorServer);
  await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
  await chooseFile(page);

  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Columns matched by their headers')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Imports into: Référence' })).toHaveValue('SKU');
  await expect(page.getByRole('combobox', { name: 'Imports into: Prix' })).toHaveValue(/^Price RETAIL/);

  await page.getByTestId('import-check').click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-count-create')).toHaveText('New: 2');
  await expect(page.getByTestId('import-count-errors')).toHaveText('Rows with errors: 1');
  const issues = page.getByTestId('import-issues');
  await expect(issues).toContainText('douze');
  await expect(issues).toContainText('is not an amount in');
  await expect(issues).toContainText('6111000450018');
  // All or nothing cannot go ahead with an error row.
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/imports-preview-en.png`, fullPage: true });

  await page.getByTestId('import-skip-invalid').click();
  await page.getByTestId('import-commit').click();
  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toContainText('Imported: 2 new, 0 changed, 0 unchanged.');
  await expect(result).toContainText('Skipped rows: 4');

  const download = page.waitForEvent('download');
  await page.getByTestId('import-report').click();
  expect((await download).suggestedFilename()).toMatch(/^import-errors-.*\.xlsx$/);

  const rug = await kontorServer.client.call('products.getBySku', { sku: 'IMP-TAPIS' });
  expect(rug.prices[0]?.tiers[0]?.amountMinor).toBe(123_450);
  await expect(kontorServer.client.call('products.getBySku', { sku: 'IMP-BAD' })).rejects.toThrow();
  await expect(page.getByTestId('import-history')).toContainText('produits.csv');
});

test('the wizard in Arabic reads right to left and translates the problems', async ({ page, kontorServer }) => {
  test.setTimeout(90_000);
  await setUp(kontorServer, 'ar');
  await openImports(page, kontorServer);
  await chooseFile(page);
  await expect(page.getByTestId('import-mapping')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('import-issues')).toContainText('ليس مبلغًا');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/imports-preview-ar.png`, fullPage: true });
});

test('the result of an import with an image column says which images were attached, which wait and which failed, in English and Arabic', async ({ page: firstPage, kontorServer }) => {
  let page = firstPage;
  test.setTimeout(120_000);
  const { default: sharp } = await import('sharp');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { makeTempDir } = await import('../support/tempDir.ts');
  const folder = makeTempDir();
  const picture = join(folder, 'tapis.png');
  writeFileSync(picture, await sharp({ create: { width: 160, height: 120, channels: 3, background: '#a33' } }).png().toBuffer());
  const csv = [
    'Référence;Nom;Prix;Images',
    `IMG-TAPIS;Tapis berbère;120,00;${picture}`,
    'IMG-THE;Théière;25,90;photos/theiere.jpg',
    'IMG-HUILE;Huile d’argan;14,00;http://127.0.0.1:65000/huile.jpg',
  ].join('\r\n');
  for (const language of ['en', 'ar'] as const) {
    await setUp(kontorServer, language);
    // A fresh tab per language: the app takes its secret from the address once per page.
    if (language === 'ar') page = await page.context().newPage();
    await openImports(page, kontorServer);
    await page.locator('input[type="file"]').setInputFiles({ name: `images-${language}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv.replaceAll('IMG-', `IMG-${language.toUpperCase()}-`), 'utf8') });
    await expect(page.getByTestId('import-mapping')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('import-check').click();
    await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('import-commit').click();
    const images = page.getByTestId('import-images');
    await expect(images).toBeVisible({ timeout: 30_000 });
    if (language === 'en') {
      await expect(images).toContainText('Images: 1 attached, 1 URLs waiting to be fetched, 1 failed.');
      await expect(page.getByTestId('import-images-failures')).toContainText('photos/theiere.jpg');
      await expect(page.getByTestId('import-images-failures')).toContainText('relative to the spreadsheet’s folder');
      // The history keeps the counts and shows the failures again.
      await page.getByTestId('import-history').getByRole('button', { name: 'Images' }).click();
      await expect(page.getByRole('dialog')).toContainText('photos/theiere.jpg');
      await page.keyboard.press('Escape');
    } else {
      await expect(page.getByTestId('import-images-failures')).toContainText('مسار نسبي');
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/imports-images-${language}.png`, fullPage: true });
  }
  const rug = await kontorServer.client.call('products.getBySku', { sku: 'IMG-EN-TAPIS' });
  expect(rug.images).toHaveLength(1);
});

test('an XLSX with two sheets: the wizard offers both by name, and the chosen one is read', async ({ page, kontorServer }) => {
  test.setTimeout(90_000);
  await setUp(kontorServer, 'en');
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Notes & sources').addRow(['Catalogue printemps, à relire']);
  const products = workbook.addWorksheet('Produits');
  products.addRow(['Référence', 'Nom', 'Prix']);
  products.addRow(['XL-POUF', 'Pouf en cuir', 89.5]);
  products.addRow(['XL-PLAT', 'Plat en céramique', 34]);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await openImports(page, kontorServer);
  await page.locator('input[type="file"]').setInputFiles({ name: 'catalogue.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });

  await expect(page.getByTestId('import-mapping')).toBeVisible({ timeout: 20_000 });
  const sheet = page.getByRole('combobox', { name: 'Sheet' });
  await expect(sheet).toHaveValue('Notes & sources');
  await sheet.click();
  await expect(page.getByRole('option', { name: 'Notes & sources' })).toBeVisible();
  await page.getByRole('option', { name: 'Produits' }).click();
  await expect(page.getByRole('combobox', { name: 'Imports into: Référence' })).toHaveValue('SKU', { timeout: 20_000 });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/imports-xlsx-sheets-en.png`, fullPage: true });

  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-count-create')).toHaveText('New: 2');
  await expect(page.getByTestId('import-count-errors')).toHaveText('Rows with errors: 0');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported: 2 new, 0 changed, 0 unchanged.', { timeout: 30_000 });
  const pouf = await kontorServer.client.call('products.getBySku', { sku: 'XL-POUF' });
  expect(pouf.prices[0]?.tiers[0]?.amountMinor).toBe(8950);
});
