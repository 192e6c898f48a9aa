import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { ProductInput } from '../../shared/catalog/product.ts';
import { gtinCheckDigit } from '../../shared/validation/gtin.ts';
import { validProfile } from '../support/companyFixtures.ts';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

// The catalog and stock screens (renderer/src/products, renderer/src/stock) in browser mode:
// a product with variants made through the UI, goods received, transferred and counted, a barcode
// scan, and the product list paging 2,000 products from the core while staying virtualised.

const SCREENSHOTS = 'test-results/screenshots';

/** A valid GTIN-13 under Morocco's GS1 prefix 611: `n` picks the item number. */
function gtin13(n: number): string {
  const body = `611100${String(n).padStart(6, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

async function setUp(kontorServer: KontorServer, language: 'en' | 'ar' = 'en'): Promise<void> {
  await kontorServer.client.call('company.save', validProfile());
  await kontorServer.client.call('app.setPreferences', { language, theme: 'light' });
}

async function open(page: Page, kontorServer: KontorServer, route: string): Promise<void> {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/${route}`);
}

/** Adds values to a Mantine TagsInput: type, Enter, for each. */
async function addTags(input: Locator, values: readonly string[]): Promise<void> {
  await input.click();
  for (const value of values) {
    await input.pressSequentially(value);
    await input.press('Enter');
  }
}

function grid(page: Page, name: string): Locator {
  return page.getByRole('grid', { name, exact: true });
}

test('a product with 2 × 3 variants is created, received, transferred, counted and found by its barcode', async ({ page, kontorServer }) => {
  test.setTimeout(90_000);
  await setUp(kontorServer);
  const client = kontorServer.client;
  await open(page, kontorServer, 'products');
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  await expect(page.getByTestId('not-built')).toHaveCount(0);
  await expect(page.getByTestId('product-count')).toHaveText('0 products');

  // N (outside any input) opens "New product".
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New product' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('SKU', { exact: true }).fill('KILIM');
  await dialog.getByLabel('Title (English)').fill('Kilim cushion cover');
  await dialog.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/#\/products\/\d+$/);
  const parentId = Number(/products\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByRole('heading', { name: 'KILIM', level: 1 })).toBeVisible();

  // Variants: Size S, M, L × Colour Indigo, Saffron.
  await page.getByRole('tab', { name: 'Variants' }).click();
  await page.getByLabel('Option 1', { exact: true }).fill('Size');
  await addTags(page.getByRole('combobox', { name: 'Values of option 1' }), ['S', 'M', 'L']);
  await page.getByRole('button', { name: 'Add option' }).click();
  await page.getByLabel('Option 2', { exact: true }).fill('Colour');
  await addTags(page.getByRole('combobox', { name: 'Values of option 2' }), ['Indigo', 'Saffron']);
  await page.getByRole('button', { name: 'Create variants (6 combinations)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '6 variants created.' })).toBeVisible();
  const variants = grid(page, 'Variants');
  await expect(variants).toHaveAttribute('aria-rowcount', '7');
  await expect(variants.getByRole('row').nth(1)).toContainText('KILIM-S-INDIGO');

  const parent = await client.call('products.get', { id: parentId });
  expect(parent.kind).toBe('parent');
  expect(parent.variants.map((v) => v.sku)).toEqual([
    'KILIM-S-INDIGO',
    'KILIM-S-SAFFRON',
    'KILIM-M-INDIGO',
    'KILIM-M-SAFFRON',
    'KILIM-L-INDIGO',
    'KILIM-L-SAFFRON',
  ]);
  const variant = parent.variants.find((v) => v.sku === 'KILIM-M-INDIGO');
  if (!variant) throw new Error('KILIM-M-INDIGO was not created');

  // The GTIN the scanner will read, typed into the variant table.
  const gtin = gtin13(4711);
  const gtinInput = page.getByLabel('GTIN of KILIM-M-INDIGO');
  await gtinInput.fill(gtin);
  await gtinInput.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'GTIN of KILIM-M-INDIGO saved.' })).toBeVisible();
  expect((await client.call('products.get', { id: variant.id })).gtin).toBe(gtin);

  // Receive 10 into MAIN.
  await page.getByRole('link', { name: 'Stock', exact: true }).click();
  await expect(page).toHaveURL(/#\/stock\/levels$/);
  await page.getByRole('tab', { name: 'Receive goods' }).click();
  const receive = page.getByTestId('receive-form');
  await receive.getByLabel('SKU or GTIN').fill('KILIM-M-INDIGO');
  await receive.getByLabel('Quantity').fill('10');
  await receive.getByLabel('Unit cost (EUR)').fill('12,50');
  await receive.getByLabel('Supplier').fill('Atelier Fès');
  await receive.getByLabel('Reference').fill('DN-2024-17');
  await receive.getByRole('button', { name: 'Receive' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Received +10 KILIM-M-INDIGO into MAIN.' })).toBeVisible();
  await expect(page.getByTestId('recent-movements')).toContainText('KILIM-M-INDIGO');

  // A second warehouse, through the UI.
  await page.getByRole('tab', { name: 'Warehouses' }).click();
  const warehouseForm = page.getByTestId('warehouse-form');
  await warehouseForm.getByLabel('Code').fill('FBA-DE');
  await warehouseForm.getByLabel('Name').fill('Amazon FBA Germany');
  await warehouseForm.getByLabel('Kind').selectOption('marketplace');
  await warehouseForm.getByRole('button', { name: 'Add warehouse' }).click();
  await expect(page.getByTestId('warehouse-list')).toContainText('FBA-DE');

  // Transfer 4 of them there.
  await page.getByRole('tab', { name: 'Transfer' }).click();
  const transfer = page.getByTestId('transfer-form');
  await transfer.getByLabel('SKU or GTIN').fill('KILIM-M-INDIGO');
  await expect(transfer.getByTestId('sku-stock')).toContainText('MAIN: 10');
  await transfer.getByLabel('From warehouse').selectOption('MAIN');
  await transfer.getByLabel('To warehouse').selectOption('FBA-DE');
  await transfer.getByLabel('Quantity').fill('4');
  await transfer.getByRole('button', { name: 'Transfer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Moved 4 KILIM-M-INDIGO from MAIN to FBA-DE.' })).toBeVisible();

  // Count MAIN: 5 on the shelf where the books say 6, and post the difference.
  await page.getByRole('tab', { name: 'Stocktake' }).click();
  await page.getByTestId('stocktake-warehouse').selectOption('MAIN');
  await page.getByRole('button', { name: 'Start counting' }).click();
  await expect(page).toHaveURL(/#\/stock\/stocktake\/\d+$/);
  const count = page.getByTestId('count-form');
  // The scanner fills the SKU in: the GTIN typed at a scanner's pace, then Enter.
  await page.getByTestId('stocktake-sheet').getByRole('heading').click();
  await page.keyboard.type(gtin);
  await page.keyboard.press('Enter');
  await expect(count.getByLabel('SKU or GTIN')).toHaveValue('KILIM-M-INDIGO');
  await expect(count.getByLabel('Counted')).toBeFocused();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  const lines = grid(page, 'Counted lines');
  const line = lines.getByRole('row').filter({ hasText: 'KILIM-M-INDIGO' });
  await expect(line.getByRole('gridcell').nth(1)).toHaveText('6');
  await expect(line.getByRole('gridcell').nth(2)).toHaveText('5');
  await expect(line.getByRole('gridcell').nth(3)).toHaveText('−1');
  await expect(page.getByTestId('stocktake-impact')).toHaveText('-€12.50');
  await page.getByRole('button', { name: 'Post differences' }).click();
  await page.getByTestId('stocktake-confirm').click();
  await expect(page.getByTestId('stocktake-status')).toHaveText('Posted');

  // The books, straight from the core.
  const levels = await client.call('stock.levels', { productIds: [variant.id] });
  expect(levels.rows.map((l) => [l.warehouseCode, l.onHandMilli])).toEqual([
    ['FBA-DE', 4000],
    ['MAIN', 5000],
  ]);
  const history = await client.call('stock.movements', { sku: 'KILIM-M-INDIGO' });
  expect(history.rows.map((m) => [m.kind, m.warehouseCode, m.quantityMilli])).toEqual([
    ['adjustment', 'MAIN', -1000],
    ['transfer_in', 'FBA-DE', 4000],
    ['transfer_out', 'MAIN', -4000],
    ['receipt', 'MAIN', 10_000],
  ]);
  expect(history.rows[3]).toMatchObject({ supplier: 'Atelier Fès', reference: 'DN-2024-17', unitCostMinor: 1250 });

  // The same in the levels and movement screens.
  await page.getByRole('tab', { name: 'Levels' }).click();
  const levelGrid = grid(page, 'Stock levels');
  await expect(levelGrid).toHaveAttribute('aria-rowcount', '3');
  await expect(levelGrid.getByRole('row').filter({ hasText: 'FBA-DE' })).toContainText('4');
  await levelGrid.getByRole('row').filter({ hasText: 'MAIN' }).click();
  await levelGrid.press('Enter');
  await expect(page).toHaveURL(/#\/stock\/movements\/KILIM-M-INDIGO$/);
  const movements = grid(page, 'Movements of KILIM-M-INDIGO');
  await expect(movements).toHaveAttribute('aria-rowcount', '5');
  await expect(movements.getByRole('row').nth(1)).toContainText('Adjustment');
  await expect(movements.getByRole('row').nth(4)).toContainText('Receipt');

  // Scanning the GTIN on the product list opens the variant.
  await page.getByRole('link', { name: 'Products', exact: true }).click();
  await expect(page.getByTestId('product-count')).toHaveText('1 product');
  await page.getByRole('heading', { name: 'Products', level: 1 }).click();
  await page.keyboard.type(gtin);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/products/${variant.id}$`));
  await expect(page.getByRole('heading', { name: 'KILIM-M-INDIGO', level: 1 })).toBeVisible();
  await expect(page.getByTestId('product-editor')).toContainText('Variant of');
});

test('typing at a person’s pace is not a scan', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  const code = gtin13(815);
  await kontorServer.client.call('products.create', { sku: 'SLOW-1', gtin: code, texts: { en: { title: 'Slow' } } });
  await open(page, kontorServer, 'products');
  await expect(page.getByTestId('product-count')).toHaveText('1 product');
  await page.getByRole('heading', { name: 'Products', level: 1 }).click();
  await page.keyboard.type(code, { delay: 90 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
  await expect(page).toHaveURL(/#\/products$/);
});

/** Products for the list test: every 7th archived, titles from a few families, prices spread out. */
function bulkProduct(i: number): ProductInput {
  const words = ['Saffron tin', 'Argan oil', 'Tajine', 'Kilim', 'Pouf', 'Lantern', 'Babouche'];
  return {
    sku: `BULK-${String(i).padStart(5, '0')}`,
    status: i % 7 === 0 ? 'archived' : 'active',
    texts: { en: { title: `${words[i % words.length] ?? 'Item'} ${i}` } },
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 1000 + ((i * 7919) % 90_000) }] }],
  };
}

test('the product list pages 2,000 products from the core, sorts and filters, and stays virtualised', async ({ page, kontorServer }) => {
  test.setTimeout(180_000);
  await setUp(kontorServer);
  const client = kontorServer.client;
  const TOTAL = 2000;
  for (let start = 1; start <= TOTAL; start += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, k) => client.call('products.create', bulkProduct(start + k))));
  }

  // Every products.list the window sends, to check it asks for pages, not for everything.
  const asked: { offset: number; limit: number }[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/call')) return;
    const body = request.postDataJSON() as { name: string; input: { offset: number; limit: number } };
    if (body.name === 'products.list') asked.push(body.input);
  });

  await open(page, kontorServer, 'products');
  const products = grid(page, 'Products');
  await expect(page.getByTestId('product-count')).toHaveText('2,000 products');
  await expect(products).toHaveAttribute('aria-rowcount', '2001');
  await expect(products.getByRole('row').nth(1)).toContainText('BULK-00001');
  expect(await products.getByRole('row').count()).toBeLessThan(80);
  expect(Math.max(...asked.map((a) => a.limit))).toBeLessThanOrEqual(100);

  // Scrolled to the end: the last rows arrive, still only a window of rows in the DOM.
  await products.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = products.getByRole('row').filter({ hasText: 'BULK-02000' });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-rowindex', '2001');
  expect(await products.getByRole('row').count()).toBeLessThan(80);
  // Only the pages at the two ends were fetched, not the 1,800 rows in between.
  const fetched = new Set(asked.map((a) => a.offset));
  expect(fetched.size).toBeLessThan(8);

  // Scrolling through the middle in steps shows every window it stops at.
  for (const fraction of [0.25, 0.5, 0.75]) {
    await products.evaluate((el: { scrollTop: number; scrollHeight: number }, f: number) => {
      el.scrollTop = el.scrollHeight * f;
    }, fraction);
    await expect(products.locator('[role="row"][aria-busy]')).toHaveCount(0);
    expect(await products.getByRole('row').count()).toBeLessThan(80);
  }

  // Sorting is the core's: the cheapest of all 2,000 first, then the dearest.
  const prices = (await client.call('products.list', { limit: 500, sort: { field: 'price', direction: 'asc' } })).rows;
  const cheapest = prices[0]?.sku ?? '';
  const priceHeader = products.getByRole('columnheader', { name: /^Price EUR/ });
  await priceHeader.getByRole('button').click();
  await expect(priceHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(products.getByRole('row').nth(1)).toContainText(cheapest);
  await priceHeader.getByRole('button').click();
  await expect(priceHeader).toHaveAttribute('aria-sort', 'descending');
  const dearest = (await client.call('products.list', { limit: 1, sort: { field: 'price', direction: 'desc' } })).rows[0]?.sku ?? '';
  await expect(products.getByRole('row').nth(1)).toContainText(dearest);

  const titleHeader = products.getByRole('columnheader', { name: /^Title/ });
  await titleHeader.getByRole('button').click();
  await expect(titleHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(products.getByRole('row').nth(1)).toContainText('Argan oil');

  // Filters: full-text search, then status.
  await page.getByRole('textbox', { name: 'SKU, GTIN, title…' }).fill('saffron');
  const saffron = Array.from({ length: TOTAL }, (_, k) => k + 1).filter((i) => i % 7 === 0).length;
  await expect(page.getByTestId('product-count')).toHaveText(`${saffron} products`);
  const statusFilter = page.getByRole('group', { name: 'Status' });
  await statusFilter.getByText('Archived').click();
  // Every 7th product is a saffron tin and archived: the two filters select the same ones.
  await expect(page.getByTestId('product-count')).toHaveText(`${saffron} products`);
  await statusFilter.getByText('Archived').click();
  await statusFilter.getByText('Active').click();
  await expect(page.getByTestId('product-count')).toHaveText('0 products');
  await expect(products).toContainText('No product matches these filters.');
  await page.getByRole('button', { name: 'Reset filters' }).click();
  await expect(page.getByTestId('product-count')).toHaveText('2,000 products');
});

test('prices and reorder points are edited in the grid; bulk changes need a confirmation; chosen columns stay chosen', async ({ page, kontorServer }) => {
  test.setTimeout(60_000);
  await setUp(kontorServer);
  const client = kontorServer.client;
  for (let i = 1; i <= 5; i++) {
    await client.call('products.create', {
      sku: `EDIT-${i}`,
      status: 'active',
      texts: { en: { title: `Editable ${i}` } },
      prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 1000 * i }] }],
    });
  }
  await open(page, kontorServer, 'products');
  const products = grid(page, 'Products');
  await expect(page.getByTestId('product-count')).toHaveText('5 products');

  // Inline price: click, type (decimal comma is fine), Enter.
  await page.getByTestId('price-EDIT-2').click();
  await page.getByTestId('price-EDIT-2-input').fill('24,90');
  await page.getByTestId('price-EDIT-2-input').press('Enter');
  await expect(page.getByTestId('price-EDIT-2')).toHaveText('€24.90');
  const edit2 = await client.call('products.getBySku', { sku: 'EDIT-2' });
  expect(edit2.prices[0]?.tiers[0]?.amountMinor).toBe(2490);

  // A bad amount stays in the input, with the reason beside it.
  await page.getByTestId('price-EDIT-3').click();
  await page.getByTestId('price-EDIT-3-input').fill('12.345');
  await page.getByTestId('price-EDIT-3-input').press('Enter');
  await expect(page.getByRole('tooltip')).toHaveText('Price: EUR has at most 2 decimals.');
  await page.getByTestId('price-EDIT-3-input').press('Escape');

  // Someone else changed EDIT-4 meanwhile: the save is refused, the row reloaded, the person told.
  const edit4 = await client.call('products.getBySku', { sku: 'EDIT-4' });
  await client.call('products.update', { id: edit4.id, revision: edit4.revision, brand: 'Changed elsewhere' });
  await page.getByTestId('price-EDIT-4').click();
  await page.getByTestId('price-EDIT-4-input').fill('99');
  await page.getByTestId('price-EDIT-4-input').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'EDIT-4 was changed elsewhere' })).toBeVisible();
  await expect(page.getByTestId('price-EDIT-4')).toHaveText('€40.00');
  // With the reloaded revision the edit goes through.
  await page.getByTestId('price-EDIT-4').click();
  await page.getByTestId('price-EDIT-4-input').fill('99');
  await page.getByTestId('price-EDIT-4-input').press('Enter');
  await expect(page.getByTestId('price-EDIT-4')).toHaveText('€99.00');

  // Reorder point in MAIN, from the keyboard: select the row, Shift+F2.
  await products.getByRole('row').filter({ hasText: 'EDIT-1' }).getByRole('gridcell').nth(3).click();
  await products.focus();
  await page.keyboard.press('Shift+F2');
  const reorder = page.getByTestId('reorder-EDIT-1-form');
  await reorder.getByLabel('Reorder point').fill('3');
  await reorder.getByLabel('Reorder quantity').fill('12');
  await reorder.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('reorder-EDIT-1')).toHaveText('3');
  const edit1 = await client.call('products.getBySku', { sku: 'EDIT-1' });
  const rule = await client.call('stock.levels', { productIds: [edit1.id], warehouse: 'MAIN' });
  expect(rule.rows[0]).toMatchObject({ reorderPointMilli: 3000, reorderQuantityMilli: 12_000 });

  // Bulk: EDIT-1 by its checkbox, then Shift+click EDIT-3: three products.
  await page.getByRole('checkbox', { name: 'Select EDIT-1' }).click();
  await page.getByRole('checkbox', { name: 'Select EDIT-3' }).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('product-count')).toHaveText('5 products · 3 selected');
  // Space toggles the active row: EDIT-5 joins.
  await products.getByRole('row').filter({ hasText: 'EDIT-5' }).getByRole('gridcell').nth(3).click();
  await products.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('product-count')).toHaveText('5 products · 4 selected');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('product-count')).toHaveText('5 products · 3 selected');

  await page.getByRole('button', { name: 'Change selected (3)' }).click();
  await page.getByRole('menuitem', { name: 'Change prices by percent…' }).click();
  const bulk = page.getByRole('dialog', { name: 'Change prices by percent' });
  await bulk.getByLabel('Change in %').fill('10');
  await bulk.getByLabel('Rounding').selectOption('.99');
  await expect(bulk.getByTestId('bulk-confirm-text')).toHaveText('This changes 3 selected products (and the variants of selected parents), all at once.');
  await bulk.getByRole('button', { name: 'Change 3 products' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 products changed, 3 prices.' })).toBeVisible();
  // 10.00 → 11.00 → 10.99; 24.90 → 27.39 → 26.99; 30.00 → 33.00 → 32.99. EDIT-4 and EDIT-5 untouched.
  await expect(page.getByTestId('price-EDIT-1')).toHaveText('€10.99');
  await expect(page.getByTestId('price-EDIT-2')).toHaveText('€26.99');
  await expect(page.getByTestId('price-EDIT-3')).toHaveText('€32.99');
  await expect(page.getByTestId('price-EDIT-5')).toHaveText('€50.00');

  await page.getByRole('button', { name: 'Change selected (3)' }).click();
  await page.getByRole('menuitem', { name: 'Set status…' }).click();
  const status = page.getByRole('dialog', { name: 'Set the status' });
  await status.getByLabel('Status').selectOption('archived');
  await status.getByRole('button', { name: 'Change 3 products' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 products changed.' })).toBeVisible();
  const archived = await client.call('products.list', { status: ['archived'] });
  expect(archived.rows.map((r) => r.sku)).toEqual(['EDIT-1', 'EDIT-2', 'EDIT-3']);

  // Columns: hide GTIN; it stays hidden after a reload.
  await expect(products.getByRole('columnheader', { name: 'GTIN' })).toBeVisible();
  await page.getByTestId('column-chooser').click();
  await page.getByRole('checkbox', { name: 'GTIN' }).click();
  await page.keyboard.press('Escape');
  await expect(products.getByRole('columnheader', { name: 'GTIN' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('product-count')).toHaveText('5 products');
  await expect(grid(page, 'Products').getByRole('columnheader', { name: 'GTIN' })).toHaveCount(0);
});

test('the editor saves texts per language, trade data in metric with imperial on request, prices with tiers, and shows problems at their fields', async ({ page, kontorServer }) => {
  test.setTimeout(60_000);
  await setUp(kontorServer);
  const client = kontorServer.client;
  const created = await client.call('products.create', { sku: 'TAJINE-30', texts: { en: { title: 'Tajine 30 cm' } } });
  await open(page, kontorServer, `products/${created.id}`);
  await expect(page.getByRole('heading', { name: 'TAJINE-30', level: 1 })).toBeVisible();

  // The Arabic tab is written right to left.
  await page.getByTestId('text-tab-ar').click();
  const arabicTitle = page.getByTestId('title-ar');
  await expect(arabicTitle).toHaveCSS('direction', 'rtl');
  await arabicTitle.fill('طاجين 30 سم');

  await page.getByRole('tab', { name: 'Trade data' }).click();
  await page.getByTestId('field-netWeightG').fill('2,5');
  await page.getByTestId('field-grossWeightG').fill('2');
  await page.getByTestId('field-lengthMm').fill('30');
  await page.getByTestId('field-widthMm').fill('30');
  await page.getByTestId('field-heightMm').fill('18.5');
  await expect(page.getByTestId('dimensions-summary')).toHaveText('30 × 30 × 18.5 cm');
  await page.getByTestId('imperial-toggle').click();
  await expect(page.getByTestId('dimensions-summary')).toHaveText('30 × 30 × 18.5 cm · 11.81 × 11.81 × 7.28 in');
  await expect(page.getByText('5.51 lb')).toBeVisible();

  await page.getByRole('tab', { name: 'Prices' }).click();
  await page.getByTestId('add-price').click();
  await page.getByTestId('price-0-tier-0-amount').fill('39.90');
  await page.getByRole('button', { name: 'Add quantity tier' }).click();
  await page.getByLabel('Price 1 – From quantity').nth(1).fill('10');
  await page.getByTestId('price-0-tier-1-amount').fill('35');

  // Gross below net: the core refuses, the problem is shown at the gross weight.
  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('form-problems')).toContainText('Gross weight: The gross weight (2000 g) is less than the net weight (2500 g)');
  await expect(page.getByRole('tab', { name: 'Trade data' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('field-grossWeightG')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('field-grossWeightG').fill('3,2');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'TAJINE-30 saved.' })).toBeVisible();

  const saved = await client.call('products.get', { id: created.id });
  expect(saved).toMatchObject({
    netWeightG: 2500,
    grossWeightG: 3200,
    lengthMm: 300,
    widthMm: 300,
    heightMm: 185,
    texts: { en: { title: 'Tajine 30 cm' }, ar: { title: 'طاجين 30 سم' } },
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 3990 }, { minQuantityMilli: 10_000, amountMinor: 3500 }] }],
  });

  // Edited elsewhere since: the next save says so and offers a reload.
  await client.call('products.update', { id: saved.id, revision: saved.revision, brand: 'Safi' });
  await page.getByRole('tab', { name: 'General' }).click();
  await page.getByLabel('Brand').fill('Fès');
  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('conflict')).toBeVisible();
  await page.getByRole('button', { name: 'Reload the product' }).click();
  await expect(page.getByLabel('Brand')).toHaveValue('Safi');
});

/**
 * A catalogue worth looking at, made through the client (not the demo job, so the screenshots do
 * not depend on it): categories and titles in the four catalog languages, a rug with custom
 * attributes, argan oil with two variants, a few dozen other articles, stock in two warehouses with
 * reorder rules, and an open count.
 */
async function screenshotData(kontorServer: KontorServer): Promise<void> {
  const client = kontorServer.client;
  await client.call('company.save', validProfile());
  const rugs = await client.call('catalog.categories.create', {
    code: 'RUGS',
    names: { en: 'Rugs', fr: 'Tapis', de: 'Teppiche', ar: 'زرابي' },
    attributes: [
      { code: 'material', type: 'choice', required: true, choices: ['wool', 'cotton', 'cactus silk'], labels: { en: 'Material', fr: 'Matière', de: 'Material', ar: 'المادة' } },
      { code: 'pile_height_mm', type: 'number', labels: { en: 'Pile height (mm)', fr: 'Hauteur du velours (mm)', de: 'Florhöhe (mm)', ar: 'ارتفاع الوبر (مم)' } },
    ],
  });
  const ceramics = await client.call('catalog.categories.create', { code: 'CERAMICS', names: { en: 'Ceramics', fr: 'Céramique', de: 'Keramik', ar: 'خزف' } });
  const cosmetics = await client.call('catalog.categories.create', { code: 'COSMETICS', names: { en: 'Cosmetics', fr: 'Cosmétiques', de: 'Kosmetik', ar: 'مستحضرات التجميل' } });
  const argan = await client.call('catalog.categories.create', { code: 'ARGAN', parentId: cosmetics.id, names: { en: 'Argan oil', fr: "Huile d'argan", de: 'Arganöl', ar: 'زيت أركان' } });
  await client.call('warehouses.create', { code: 'FBA-DE', name: 'Amazon FBA Leipzig', kind: 'marketplace', country: 'DE' });

  const rug = await client.call('products.create', {
    sku: 'RUG-BO-200x300',
    status: 'active',
    categoryId: rugs.id,
    texts: {
      en: { title: 'Beni Ourain rug 200 × 300 cm', description: 'Hand-knotted in the Middle Atlas from undyed sheep wool; cream ground with a dark brown lozenge pattern.' },
      fr: { title: 'Tapis Béni Ouarain 200 × 300 cm', description: 'Noué main dans le Moyen Atlas en laine de mouton non teinte.' },
      de: { title: 'Beni-Ourain-Teppich 200 × 300 cm', description: 'Im Mittleren Atlas handgeknüpft aus ungefärbter Schafwolle.' },
      ar: { title: 'زربية بني وراين 200 × 300 سم', description: 'منسوجة يدويًا في الأطلس المتوسط من صوف الغنم غير المصبوغ.' },
    },
    brand: 'Atlas Tapis',
    tags: ['berber', 'wool', 'handmade'],
    gtin: gtin13(45001),
    hsCode: '5701.10',
    originCountry: 'MA',
    netWeightG: 18_000,
    grossWeightG: 19_500,
    lengthMm: 3000,
    widthMm: 2000,
    heightMm: 25,
    costPrice: { amountMinor: 42_000, currency: 'EUR' },
    prices: [
      { priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 89_000 }] },
      { priceList: 'WHOLESALE', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 69_000 }, { minQuantityMilli: 5000, amountMinor: 64_000 }] },
    ],
    attributes: { material: 'wool', pile_height_mm: 25 },
  });
  const { default: sharp } = await import('sharp');
  for (const [name, background] of [['front.png', '#efe6d2'], ['detail.png', '#5b4636'], ['rolled.png', '#c9b79c']] as const) {
    const bytes = await sharp({ create: { width: 400, height: 300, channels: 3, background } }).png().toBuffer();
    await client.call('products.addImage', { productId: rug.id, fileName: name, dataBase64: bytes.toString('base64') });
  }
  const oil = await client.call('products.create', {
    sku: 'ARGAN-OIL',
    status: 'active',
    categoryId: argan.id,
    texts: {
      en: { title: 'Argan oil, cold-pressed, organic' },
      fr: { title: "Huile d'argan pressée à froid, bio" },
      de: { title: 'Arganöl, kaltgepresst, bio' },
      ar: { title: 'زيت أركان معصور على البارد، عضوي' },
    },
    unit: 'pcs',
    hsCode: '1515.90',
    originCountry: 'MA',
    prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 1490 }] }],
  });
  const { product: withVariants } = await client.call('products.generateVariants', {
    productId: oil.id,
    revision: oil.revision,
    options: [{ name: 'Size', values: ['100 ml', '250 ml'] }],
  });
  for (const [i, v] of withVariants.variants.entries()) {
    await client.call('products.update', {
      id: v.id,
      revision: v.revision,
      gtin: gtin13(46000 + i),
      prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: i === 0 ? 1490 : 2990 }] }],
    });
  }

  const families = [
    { sku: 'POUF', en: 'Leather pouf', fr: 'Pouf en cuir', de: 'Lederpouf', ar: 'بوف جلدي', category: null },
    { sku: 'LANT', en: 'Brass lantern', fr: 'Lanterne en laiton', de: 'Messinglaterne', ar: 'فانوس نحاسي', category: null },
    { sku: 'PLATE', en: 'Safi plate', fr: 'Assiette de Safi', de: 'Safi-Teller', ar: 'صحن آسفي', category: ceramics.id },
    { sku: 'SOAP', en: 'Black soap', fr: 'Savon noir', de: 'Schwarze Seife', ar: 'الصابون البلدي', category: cosmetics.id },
  ];
  for (let i = 1; i <= 36; i++) {
    const f = families[i % families.length];
    if (!f) continue;
    const size = 20 + (i % 6) * 5;
    const input: ProductInput = {
      sku: `${f.sku}-${String(i).padStart(3, '0')}`,
      status: i % 9 === 0 ? 'draft' : i % 13 === 0 ? 'archived' : 'active',
      texts: {
        en: { title: `${f.en} ${size} cm` },
        fr: { title: `${f.fr} ${size} cm` },
        de: { title: `${f.de} ${size} cm` },
        ar: { title: `${f.ar} ${size} سم` },
      },
      categoryId: f.category,
      gtin: gtin13(1000 + i),
      prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 1490 + i * 250 }] }],
    };
    await client.call('products.create', input);
  }
  const sellable = (await client.call('products.list', { visibility: 'sellable', limit: 30 })).rows;
  for (const [i, p] of sellable.entries()) {
    await client.call('stock.receive', { productId: p.id, warehouse: 'MAIN', quantity: String(5 + ((i * 7) % 40)), unitCost: `${8 + (i % 5)}.50`, supplier: 'Coopérative Tifawin', reference: `BL-24${String(i).padStart(2, '0')}` });
    if (i % 3 === 0) await client.call('stock.transfer', { productId: p.id, from: 'MAIN', to: 'FBA-DE', quantity: '3', reference: 'FBA inbound FBA15XK2' });
    if (i % 4 === 0) await client.call('stock.setReorderRule', { productId: p.id, warehouse: 'MAIN', reorderPoint: String(10 + (i % 3) * 5), reorderQuantity: '24' });
  }
  const take = await client.call('stocktake.create', { warehouse: 'MAIN', note: 'Inventaire de fin de trimestre' });
  // A count close to the books, as a real one is: a few pieces more or less here and there.
  const main = await client.call('stock.levels', { warehouse: 'MAIN', productIds: sellable.slice(0, 10).map((p) => p.id) });
  const counted = main.rows.map((l, i) => ({ productId: l.productId, counted: String(Math.max(0, l.onHandMilli / 1000 + ([0, -1, 0, 2, 0, -3, 0, 0, 1, 0][i] ?? 0))) }));
  await client.call('stocktake.setCounts', { id: take.id, counts: counted });
}

for (const language of ['en', 'ar'] as const) {
  test(`screenshots of the catalog and stock screens (${language})`, async ({ page, kontorServer }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await screenshotData(kontorServer);
    await kontorServer.client.call('app.setPreferences', { language, theme: 'light' });
    await page.setViewportSize({ width: 1440, height: 900 });
    const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}-${language}.png` });

    await open(page, kontorServer, 'products');
    const products = page.getByRole('grid').first();
    await expect(products.locator('[role="row"][aria-busy]')).toHaveCount(0);
    await expect(page.getByTestId('product-count')).not.toHaveText(/…/);
    await products.getByRole('row').nth(3).click();
    await products.getByRole('row').nth(2).getByRole('checkbox').click();
    await products.getByRole('row').nth(3).getByRole('checkbox').click();
    await shot('products-list');
    await page.getByTestId('bulk-menu').click();
    await page.getByRole('menuitem').nth(2).click();
    await page.getByTestId('bulk-percent').fill('8');
    await page.getByTestId('bulk-rounding').selectOption('.99');
    await expect(page.getByTestId('bulk-example')).toBeVisible();
    await shot('products-bulk');
    await page.keyboard.press('Escape');

    const rug = await kontorServer.client.call('products.getBySku', { sku: 'RUG-BO-200x300' });
    await page.goto(`${kontorServer.origin}/#/products/${rug.id}`);
    await expect(page.getByTestId('product-editor')).toBeVisible();
    await shot('products-editor');
    await page.getByRole('tab').nth(1).click();
    await page.getByTestId('imperial-toggle').click();
    await expect(page.getByTestId('dimensions-summary')).toContainText(' in');
    await shot('products-trade');
    await page.getByTestId('tab-images').click();
    await expect(page.getByTestId('image-list').locator('img')).toHaveCount(3);
    await shot('products-images');
    const argan = await kontorServer.client.call('products.getBySku', { sku: 'ARGAN-OIL' });
    await page.goto(`${kontorServer.origin}/#/products/${argan.id}`);
    await page.getByTestId('tab-variants').click();
    await expect(page.getByTestId('variant-grid')).toBeVisible();
    await shot('products-variants');

    await page.goto(`${kontorServer.origin}/#/stock/levels`);
    await expect(page.getByTestId('levels-grid').locator('[role="row"][aria-busy]')).toHaveCount(0);
    await expect(page.getByTestId('levels-count')).not.toHaveText(/…/);
    await shot('stock-levels');
    await page.goto(`${kontorServer.origin}/#/stock/receive`);
    await page.getByTestId('receive-sku').fill('PLATE-002');
    await page.getByTestId('receive-quantity').fill('12');
    await expect(page.getByTestId('sku-stock')).toBeVisible();
    await shot('stock-receive');
    const openCount = (await kontorServer.client.call('stocktake.list', { status: 'open' }))[0];
    await page.goto(`${kontorServer.origin}/#/stock/stocktake/${openCount?.id ?? 0}`);
    // The typed quantity is an unsaved line: leaving asks first.
    await page.getByTestId('unsaved-leave').click();
    await expect(page.getByTestId('stocktake-sheet')).toBeVisible();
    await shot('stock-stocktake');
    // The first sellable product by SKU: received, then partly transferred.
    await page.goto(`${kontorServer.origin}/#/stock/movements/ARGAN-OIL-100-ML`);
    await expect(page.getByTestId('movements-grid')).toBeVisible();
    await shot('stock-movements');

    // The list once more in the dark scheme: selected and active rows must stay readable.
    await kontorServer.client.call('app.setPreferences', { theme: 'dark' });
    await page.goto(`${kontorServer.origin}/#/products`);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(page.getByRole('grid').first().locator('[role="row"][aria-busy]')).toHaveCount(0);
    await page.getByRole('grid').first().getByRole('row').nth(4).click();
    await page.getByRole('grid').first().getByRole('row').nth(2).getByRole('checkbox').click();
    await shot('products-list-dark');
  });
}

test('images are uploaded, shown as thumbnails, reordered (the first is the main image) and removed', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  const client = kontorServer.client;
  const created = await client.call('products.create', { sku: 'BOWL-1', texts: { en: { title: 'Bowl' } } });
  const { default: sharp } = await import('sharp');
  const picture = (background: string) => sharp({ create: { width: 160, height: 120, channels: 3, background } }).png().toBuffer();
  await open(page, kontorServer, `products/${created.id}`);
  await page.getByTestId('tab-images').click();

  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('add-images').click();
  await (await chooser).setFiles([
    { name: 'indigo.png', mimeType: 'image/png', buffer: await picture('#243a73') },
    { name: 'saffron.png', mimeType: 'image/png', buffer: await picture('#f4c430') },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
  ]);
  await expect(page.getByRole('status').filter({ hasText: '2 images added.' })).toBeVisible();
  // The text file is refused before it is sent, and said so.
  await expect(page.getByRole('alert').filter({ hasText: 'notes.txt is not a JPEG, PNG or WebP image.' }).first()).toBeVisible();
  const images = page.getByTestId('image-list');
  await expect(images.locator('img')).toHaveCount(2);
  await expect(page.getByTestId('image-1')).toContainText('Main image');
  await expect(page.getByTestId('image-1')).toContainText('indigo.png');

  // Saffron becomes the main image.
  await page.getByTestId('image-2').getByRole('button', { name: 'Move earlier' }).click();
  await expect(page.getByTestId('image-1')).toContainText('saffron.png');
  let stored = await client.call('products.get', { id: created.id });
  expect(stored.images.map((i) => [i.originalName, i.isMain])).toEqual([
    ['saffron.png', true],
    ['indigo.png', false],
  ]);

  await page.getByTestId('image-2').getByRole('button', { name: 'Remove image' }).click();
  await expect(images.locator('img')).toHaveCount(1);
  stored = await client.call('products.get', { id: created.id });
  expect(stored.images.map((i) => i.originalName)).toEqual(['saffron.png']);

  // The images changed the product's revision; the editor keeps it, so the next save goes through.
  await page.getByRole('tab', { name: 'General' }).click();
  await page.getByLabel('Brand').fill('Safi');
  await page.getByTestId('product-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'BOWL-1 saved.' })).toBeVisible();
});

test('a stock count is imported from a pasted sheet, problems are named by line and SKU, and a count can be cancelled', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  const client = kontorServer.client;
  for (const sku of ['CSV-A', 'CSV-B']) {
    const p = await client.call('products.create', { sku, texts: { en: { title: sku } } });
    await client.call('stock.receive', { productId: p.id, warehouse: 'MAIN', quantity: '10', unitCost: '2.00' });
  }
  await open(page, kontorServer, 'stock/stocktake');
  await page.getByRole('button', { name: 'Start counting' }).click();
  await expect(page.getByTestId('stocktake-status')).toHaveText('Open');

  await page.getByTestId('stocktake-import').click();
  const text = page.getByTestId('import-text');
  // A malformed line is reported with its number before anything is sent.
  await text.fill('SKU;counted\nCSV-A;9\nCSV-B\n');
  await page.getByTestId('import-apply').click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('Line 3 should hold a SKU and a counted quantity.');
  // An unknown SKU is refused by the core and named.
  await text.fill('SKU;counted\nCSV-A;9\nNOPE;4\n');
  await page.getByTestId('import-apply').click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('NOPE: There is no product with SKU NOPE.');
  await text.fill('SKU;counted\nCSV-A;9\nCSV-B;12\n');
  await expect(page.getByTestId('import-summary')).toHaveText('2 lines ready to import.');
  await page.getByTestId('import-apply').click();
  await expect(page.getByRole('status').filter({ hasText: '2 counts imported.' })).toBeVisible();
  const lines = grid(page, 'Counted lines');
  await expect(lines.getByRole('row').filter({ hasText: 'CSV-B' }).getByRole('gridcell').nth(3)).toHaveText('+2');

  // A line is corrected in the grid (F2), then the whole count dropped.
  await lines.getByRole('row').filter({ hasText: 'CSV-A' }).click();
  await lines.focus();
  await page.keyboard.press('F2');
  await page.getByTestId('count-CSV-A-input').fill('10');
  await page.getByTestId('count-CSV-A-input').press('Enter');
  await expect(lines.getByRole('row').filter({ hasText: 'CSV-A' }).getByRole('gridcell').nth(3)).toHaveText('0');
  await page.getByRole('button', { name: 'Cancel count' }).click();
  await page.getByTestId('stocktake-confirm').click();
  await expect(page.getByTestId('stocktake-status')).toHaveText('Cancelled');
  const levels = await client.call('stock.levels', { warehouse: 'MAIN' });
  expect(levels.rows.map((l) => l.onHandMilli)).toEqual([10_000, 10_000]);
});
