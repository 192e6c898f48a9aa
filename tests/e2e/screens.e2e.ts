import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { validProfile } from '../support/companyFixtures.ts';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

// The catalog settings (categories with attributes, price lists, languages), the stock forms
// beyond receive and transfer (ship, adjust, return, correct), valuation at a past date, stock
// settings, the product list's thumbnails and the unsaved-changes question, in browser mode.

const SCREENSHOTS = 'test-results/screenshots';

async function setUp(kontorServer: KontorServer, language: 'en' | 'ar' = 'en'): Promise<void> {
  await kontorServer.client.call('company.save', validProfile());
  await kontorServer.client.call('app.setPreferences', { language, theme: 'light' });
}

async function open(page: Page, kontorServer: KontorServer, route: string): Promise<void> {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/${route}`);
}

async function picture(colour: string, format: 'png' | 'jpeg' = 'png'): Promise<string> {
  const image = sharp({ create: { width: 400, height: 300, channels: 3, background: colour } });
  return (await image[format]().toBuffer()).toString('base64');
}

/** The product a stock test moves: RUG-1, 10 received on 10 January 2025 at 100.00 each. */
async function stockedRug(kontorServer: KontorServer): Promise<number> {
  const client = kontorServer.client;
  const product = await client.call('products.create', { sku: 'RUG-1', status: 'active', unit: 'pcs', texts: { en: { title: 'Beni Ourain rug' } } });
  await client.call('stock.receive', { sku: 'RUG-1', warehouse: 'MAIN', quantity: '10', unitCost: '100.00', occurredAt: '2025-01-10', supplier: 'Atelier Fès' });
  return product.id;
}

async function onHand(kontorServer: KontorServer, productId: number): Promise<number> {
  const page = await kontorServer.client.call('stock.levels', { productIds: [productId] });
  return page.rows.reduce((sum, r) => sum + r.onHandMilli, 0) / 1000;
}

test('a category with a choice attribute is made in the settings, inherited by a subcategory and filled in on a product', async ({ page, kontorServer }) => {
  test.setTimeout(60_000);
  await setUp(kontorServer);
  const client = kontorServer.client;
  await open(page, kontorServer, 'settings/catalog');
  await expect(page.getByRole('tab', { name: 'Catalog', exact: true })).toHaveAttribute('aria-selected', 'true');

  // Bad input first: a code with a space and no name. Both named, nothing written.
  await page.getByTestId('category-new').click();
  const form = page.getByTestId('category-form');
  await form.getByTestId('category-code').fill('floor rugs');
  await form.getByTestId('category-save').click();
  await expect(form.getByText('A category code may contain letters A–Z, digits, - and _ only.')).toBeVisible();
  await expect(form.getByText('Name the category in at least one language.')).toBeVisible();
  expect(await client.call('catalog.categories.list', {})).toEqual([]);

  await form.getByTestId('category-code').fill('RUGS');
  await form.getByTestId('category-name-en').fill('Rugs');
  await form.getByTestId('category-name-ar').fill('سجاد');
  await form.getByTestId('attribute-add').click();
  await form.getByLabel('Code of attribute 1').fill('material');
  await form.getByLabel('Type of attribute 1').selectOption('choice');
  await form.getByRole('checkbox', { name: 'Required' }).check();
  const values = form.getByRole('combobox', { name: 'Values of attribute 1' });
  await values.click();
  for (const v of ['Wool', 'Cotton']) {
    await values.pressSequentially(v);
    await values.press('Enter');
  }
  await form.getByLabel('Label 1 (English)').fill('Material');
  await form.getByLabel('Label 1 (French)').fill('Matière');
  await expect(form.getByTestId('category-dirty')).toBeVisible();
  await form.getByTestId('category-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Category RUGS saved.' })).toBeVisible();
  const [rugs] = await client.call('catalog.categories.list', {});
  expect(rugs).toMatchObject({
    code: 'RUGS',
    names: { en: 'Rugs', ar: 'سجاد' },
    attributes: [{ code: 'material', type: 'choice', required: true, choices: ['Wool', 'Cotton'], labels: { en: 'Material', fr: 'Matière' } }],
  });

  // A subcategory inherits the attribute: shown read-only in its form.
  await page.getByTestId('category-new-sub').click();
  await form.getByTestId('category-code').fill('KILIMS');
  await form.getByTestId('category-name-en').fill('Kilims');
  await expect(form.getByTestId('inherited-attributes')).toContainText('Material');
  await form.getByTestId('category-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Category KILIMS saved.' })).toBeVisible();
  const kilims = (await client.call('catalog.categories.list', {})).find((c) => c.code === 'KILIMS');
  expect(kilims).toMatchObject({ parentId: rugs?.id, depth: 1, inheritedAttributes: [expect.objectContaining({ code: 'material' })] });

  // From the keyboard: ↑ to Rugs in the tree, Enter into its form, Ctrl+S saves.
  await page.getByRole('treeitem', { name: /Kilims/ }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('treeitem', { name: /Rugs/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('category-code')).toBeFocused();
  await form.getByTestId('category-name-fr').fill('Tapis');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Category RUGS saved.' }).last()).toBeVisible();
  await expect.poll(async () => (await client.call('catalog.categories.list', {}))[0]?.names.fr).toBe('Tapis');

  // Used on a product: the editor asks for it and stores the choice.
  const product = await client.call('products.create', { sku: 'KIL-1', status: 'draft', unit: 'pcs', texts: { en: { title: 'Kilim' } } });
  await page.goto(`${kontorServer.origin}/#/products/${product.id}`);
  await page.getByLabel('Category', { exact: true }).click();
  await page.getByRole('option', { name: 'Kilims' }).click();
  await page.getByRole('combobox', { name: 'Material' }).click();
  await page.getByRole('option', { name: 'Wool' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'KIL-1 saved.' })).toBeVisible();
  expect(await client.call('products.get', { id: product.id })).toMatchObject({ categoryId: kilims?.id, attributes: { material: 'Wool' } });

  // Deleting: refused while a subcategory exists, then while a product is filed, with the way out.
  await page.goto(`${kontorServer.origin}/#/settings/catalog`);
  await page.getByRole('treeitem', { name: /Rugs/ }).click();
  await form.getByTestId('category-delete').click();
  await page.getByTestId('category-delete-confirm').click();
  await expect(page.getByTestId('category-refusal')).toContainText('This category has subcategories; move or delete them first.');
  await page.getByRole('treeitem', { name: /Kilims/ }).click();
  await form.getByTestId('category-delete').click();
  await page.getByTestId('category-delete-confirm').click();
  await expect(page.getByTestId('category-refusal')).toContainText('Category KILIMS still has 1 products filed in it.');
  expect((await client.call('catalog.categories.list', {})).map((c) => c.code)).toEqual(['RUGS', 'KILIMS']);
  await page.getByTestId('category-unfile-delete').click();
  await expect(page.getByRole('status').filter({ hasText: 'Category KILIMS deleted.' })).toBeVisible();
  expect(await client.call('products.get', { id: product.id })).toMatchObject({ categoryId: null });
});

test('a price list is added with its own currency and the retail list renamed; a taken code is refused', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  const client = kontorServer.client;
  await open(page, kontorServer, 'settings/catalog');
  await page.getByTestId('catalog-settings-price-lists').click();

  const create = page.getByTestId('price-list-new');
  await create.getByTestId('price-list-code').fill('retail');
  await create.getByTestId('price-list-name').fill('Retail again');
  await create.getByTestId('price-list-create').click();
  await expect(create.getByText('There is already a price list with code RETAIL.')).toBeVisible();
  await create.getByTestId('price-list-name').fill('');
  await create.getByTestId('price-list-code').fill('WHOLESALE-EU');
  await create.getByTestId('price-list-create').click();
  await expect(create.getByText('Name is required.')).toBeVisible();
  expect(await client.call('catalog.priceLists.list', {})).toHaveLength(2);

  await create.getByTestId('price-list-name').fill('Wholesale EU');
  await create.getByTestId('price-list-kind').selectOption('wholesale');
  await create.getByTestId('price-list-currency').selectOption('EUR');
  await create.getByTestId('price-list-create').click();
  await expect(page.getByRole('status').filter({ hasText: 'Price list WHOLESALE-EU added.' })).toBeVisible();
  await expect(page.getByTestId('price-list-WHOLESALE-EU')).toBeVisible();

  await page.getByLabel('Name of price list RETAIL').fill('Retail shop');
  await page.getByLabel('Currency of price list RETAIL').selectOption('MAD');
  await page.getByTestId('price-lists-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Price lists saved.' })).toBeVisible();
  expect((await client.call('catalog.priceLists.list', {})).map((l) => [l.code, l.name, l.kind, l.currency])).toEqual([
    ['RETAIL', 'Retail shop', 'retail', 'MAD'],
    ['WHOLESALE', 'Wholesale', 'wholesale', null],
    ['WHOLESALE-EU', 'Wholesale EU', 'wholesale', 'EUR'],
  ]);

  // In the product editor a new price starts in its list's currency.
  const product = await client.call('products.create', { sku: 'VASE-1', status: 'draft', unit: 'pcs', texts: { en: { title: 'Vase' } } });
  await page.goto(`${kontorServer.origin}/#/products/${product.id}`);
  await page.getByRole('tab', { name: 'Prices' }).click();
  await page.getByTestId('add-price').click();
  await expect(page.locator('#product-prices-0-priceList')).toHaveValue('RETAIL');
  await expect(page.locator('#product-prices-0-currency')).toHaveValue('MAD');
  await page.locator('#product-prices-0-priceList').selectOption('WHOLESALE-EU');
  await expect(page.locator('#product-prices-0-currency')).toHaveValue('EUR');
});

test('catalog languages: Spanish is added and saved; a language still used by texts cannot be dropped', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  const client = kontorServer.client;
  await client.call('products.create', { sku: 'TAJ-1', status: 'active', unit: 'pcs', texts: { en: { title: 'Tajine' }, de: { title: 'Tajine aus Ton' } } });
  await open(page, kontorServer, 'settings/catalog');
  await page.getByTestId('catalog-settings-languages').click();
  await page.getByTestId('language-add-select').selectOption('es');
  await page.getByTestId('language-add').click();
  await page.getByTestId('languages-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Catalog languages saved.' })).toBeVisible();
  expect(await client.call('catalog.languages.get', {})).toEqual({ languages: ['en', 'fr', 'de', 'ar', 'es'] });

  await page.getByTestId('language-remove-de').click();
  await page.getByTestId('languages-save').click();
  await expect(page.getByTestId('languages-problem')).toContainText('de is still used by product texts');
  expect(await client.call('catalog.languages.get', {})).toEqual({ languages: ['en', 'fr', 'de', 'ar', 'es'] });
});

test('ship, return, correction and adjustment change on hand as expected; bad input is refused and nothing written', async ({ page, kontorServer }) => {
  test.setTimeout(60_000);
  await setUp(kontorServer);
  const productId = await stockedRug(kontorServer);
  const client = kontorServer.client;

  // Ship 3: 10 → 7. Shipping 100 first is refused, naming the stock on hand.
  await open(page, kontorServer, 'stock/ship');
  const ship = page.getByTestId('ship-form');
  await ship.getByTestId('ship-sku').fill('RUG-1');
  await ship.getByTestId('ship-quantity').fill('100');
  await ship.getByTestId('ship-submit').click();
  await expect(ship.getByText('Not enough RUG-1 in MAIN: 10 pcs on hand, 100 pcs requested.', { exact: false })).toBeVisible();
  expect(await onHand(kontorServer, productId)).toBe(10);
  await ship.getByTestId('ship-quantity').fill('3');
  await ship.getByTestId('ship-reference').fill('Order 4711');
  await ship.getByTestId('ship-submit').click();
  await expect(page.getByRole('status').filter({ hasText: 'Shipped 3 RUG-1 from MAIN.' })).toBeVisible();
  expect(await onHand(kontorServer, productId)).toBe(7);

  // Return 1 against that shipment: 7 → 8, at the shipment's cost.
  await page.getByRole('tab', { name: 'Return' }).click();
  const ret = page.getByTestId('return-form');
  await ret.getByTestId('return-sku').fill('RUG-1');
  const shipment = (await client.call('stock.movements', { sku: 'RUG-1' })).rows.find((m) => m.kind === 'shipment');
  await expect(ret.getByTestId('return-shipment').locator('option')).toHaveCount(2);
  await ret.getByTestId('return-shipment').selectOption(String(shipment?.id));
  await ret.getByTestId('return-quantity').fill('5');
  await ret.getByTestId('return-submit').click();
  await expect(ret.getByText(`At most 3 pcs of RUG-1 can still be returned against shipment #${shipment?.id}.`)).toBeVisible();
  expect(await onHand(kontorServer, productId)).toBe(7);
  await ret.getByTestId('return-quantity').fill('1');
  await ret.getByTestId('return-reason').fill('Wrong colour');
  await ret.getByTestId('return-submit').click();
  await expect(page.getByRole('status').filter({ hasText: 'Took back 1 RUG-1 into MAIN.' })).toBeVisible();
  expect(await onHand(kontorServer, productId)).toBe(8);
  const returned = (await client.call('stock.movements', { sku: 'RUG-1' })).rows[0];
  expect(returned).toMatchObject({ kind: 'return', returnOfId: shipment?.id, quantityMilli: 1000, valueMinor: 10_000 });

  // Correct the return from the movement history: 8 → 7, the return marked as corrected.
  await page.goto(`${kontorServer.origin}/#/stock/movements/RUG-1`);
  await page.getByTestId(`correct-${returned?.id}`).click();
  await expect(page).toHaveURL(new RegExp(`#/stock/correct/RUG-1@${returned?.id}$`));
  const correct = page.getByTestId('correct-form');
  await expect(correct.getByTestId('correct-preview')).toContainText(`Reverses #${returned?.id} (Return): \u2066−1\u2069 in MAIN.`);
  await correct.getByTestId('correct-reason').fill('Booked twice');
  await correct.getByTestId('correct-submit').click();
  await expect(page.getByRole('status').filter({ hasText: `Movement #${returned?.id} reversed by a new movement.` })).toBeVisible();
  expect(await onHand(kontorServer, productId)).toBe(7);
  // The corrected movement can no longer be chosen.
  await expect(correct.getByRole('radio', { name: `Reverse movement #${returned?.id}` })).toBeDisabled();

  // Adjust: without a reason refused (field named), then −1 broken: 7 → 6.
  await page.getByRole('tab', { name: 'Adjust' }).click();
  const adjust = page.getByTestId('adjust-form');
  await adjust.getByTestId('adjust-sku').fill('RUG-1');
  await adjust.getByTestId('adjust-quantity').fill('-1');
  await adjust.getByTestId('adjust-submit').click();
  await expect(adjust.getByText('Reason is required.')).toBeVisible();
  expect(await onHand(kontorServer, productId)).toBe(7);
  await adjust.getByTestId('adjust-reason').fill('Broken in the warehouse');
  await adjust.getByTestId('adjust-submit').click();
  await expect(page.getByRole('status').filter({ hasText: 'Adjusted RUG-1 in MAIN by −1.' })).toBeVisible();
  expect(await onHand(kontorServer, productId)).toBe(6);
});

test('valuation now and at a past date, by product and by warehouse, with the method shown', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  const productId = await stockedRug(kontorServer);
  const client = kontorServer.client;
  await client.call('stock.receive', { productId, warehouse: 'MAIN', quantity: '10', unitCost: '130.00', occurredAt: '2025-02-01' });
  await client.call('warehouses.create', { code: 'FBA-DE', name: 'Amazon FBA Germany', kind: 'marketplace', country: 'DE' });
  await client.call('stock.transfer', { productId, from: 'MAIN', to: 'FBA-DE', quantity: '5' });
  await client.call('stock.ship', { productId, warehouse: 'MAIN', quantity: '4' });

  await open(page, kontorServer, 'stock/valuation');
  // Now: 16 left at the average of 115.00 → 1,840.00.
  await expect(page.getByTestId('valuation-method')).toHaveText('Moving weighted average cost (MWAC)');
  await expect(page.getByTestId('valuation-total')).toContainText('1,840.00');
  // The end of 10 January 2025: only the first receipt, 10 × 100.00.
  await page.getByTestId('valuation-date').fill('2025-01-10');
  await page.getByTestId('valuation-show').click();
  await expect(page.getByTestId('valuation-total')).toContainText('1,000.00');
  await expect(page.getByTestId('valuation-at')).toContainText('2025');
  await expect(page.getByRole('grid', { name: 'Stock value per product' })).toContainText('RUG-1');
  // By warehouse, now: MAIN 11, FBA-DE 5, the value split by quantity and adding up.
  await page.getByRole('button', { name: 'Back to now' }).click();
  await page.getByText('By warehouse').click();
  const grid = page.getByRole('grid', { name: 'Stock value per product and warehouse' });
  await expect(grid.getByRole('row').filter({ hasText: 'FBA-DE' })).toContainText('575.00');
  await expect(grid.getByRole('row').filter({ hasText: 'MAIN' })).toContainText('1,265.00');
});

test('stock settings: negative stock allowed, and the valuation method is fixed once stock has moved', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  await open(page, kontorServer, 'settings/stock');
  await page.getByTestId('stock-method-fifo').check();
  await page.getByTestId('stock-settings-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Stock settings saved.' }).last()).toBeVisible();
  expect(await kontorServer.client.call('stock.settings.get', {})).toEqual({ allowNegativeStock: false, valuationMethod: 'fifo' });

  await stockedRug(kontorServer);
  await page.getByTestId('stock-allow-negative').click();
  await page.getByTestId('stock-method-average').check();
  await page.getByTestId('stock-settings-save').click();
  await expect(page.getByTestId('stock-settings-problem')).toContainText('Stock has already moved, so the valuation method cannot change any more.');
  expect(await kontorServer.client.call('stock.settings.get', {})).toEqual({ allowNegativeStock: false, valuationMethod: 'fifo' });
  await page.getByTestId('stock-method-fifo').check();
  await page.getByTestId('stock-settings-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Stock settings saved.' }).last()).toBeVisible();
  expect(await kontorServer.client.call('stock.settings.get', {})).toEqual({ allowNegativeStock: true, valuationMethod: 'fifo' });
});

test('leaving the product editor with unsaved edits asks first: staying keeps the edits, leaving drops them', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  const product = await kontorServer.client.call('products.create', { sku: 'LAMP-1', status: 'draft', unit: 'pcs', texts: { en: { title: 'Brass lamp' } } });
  await open(page, kontorServer, `products/${product.id}`);
  const title = page.getByLabel('Title (English)');
  await title.fill('Brass lamp, hand-chased');

  // The sidebar link: asked, "Stay" keeps the screen, the address and the edit.
  await page.getByTestId('nav-stock').click();
  const prompt = page.getByRole('dialog', { name: 'Unsaved changes' });
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Stay and keep editing' }).click();
  await expect(prompt).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/products/${product.id}$`));
  await expect(title).toHaveValue('Brass lamp, hand-chased');

  // The back button is held the same way.
  await page.goBack();
  await expect(prompt).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(prompt).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/products/${product.id}$`));
  await expect(title).toHaveValue('Brass lamp, hand-chased');

  // Reloading the window: the browser's own beforeunload question; dismissed, nothing is lost.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.type();
    void dialog.dismiss();
  });
  await page.evaluate('location.reload()').catch(() => undefined);
  await expect.poll(() => asked).toBe('beforeunload');
  await expect(title).toHaveValue('Brass lamp, hand-chased');

  // Alt+3 (Stock): asked again; leaving goes there and nothing was saved.
  await title.focus();
  await page.keyboard.press('Alt+3');
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page).toHaveURL(/#\/stock\/levels$/);
  expect((await kontorServer.client.call('products.get', { id: product.id })).texts.en?.title).toBe('Brass lamp');

  // Nothing edited: no question.
  await page.goto(`${kontorServer.origin}/#/products/${product.id}`);
  await expect(title).toHaveValue('Brass lamp');
  await page.getByTestId('nav-stock').click();
  await expect(page).toHaveURL(/#\/stock\/levels$/);
});

test("the product list shows each product's main image as a thumbnail, a variant its parent's", async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  const client = kontorServer.client;
  const lamp = await client.call('products.create', { sku: 'LAMP-1', status: 'active', unit: 'pcs', texts: { en: { title: 'Brass lamp' } } });
  await client.call('products.create', { sku: 'BARE-1', status: 'active', unit: 'pcs', texts: { en: { title: 'No picture' } } });
  await client.call('products.addImage', { productId: lamp.id, fileName: 'lamp.png', dataBase64: await picture('#c8a040') });
  await open(page, kontorServer, 'products');
  const thumb = page.getByTestId('thumb-LAMP-1');
  await expect(thumb).toBeVisible();
  await expect(thumb).toHaveAttribute('src', /^data:image\/webp;base64,/);
  await expect(thumb).toHaveAttribute('alt', 'Main image of LAMP-1');
  expect(await thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByTestId('thumb-BARE-1')).toHaveCount(0);
});

for (const language of ['en', 'ar'] as const) {
  test(`screenshots of the catalog settings, stock forms and valuation (${language})`, async ({ page, kontorServer }) => {
    test.setTimeout(90_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await setUp(kontorServer, language);
    const client = kontorServer.client;
    const home = await client.call('catalog.categories.create', {
      code: 'HOME',
      names: { en: 'Home textiles', fr: 'Textile maison', de: 'Heimtextilien', ar: 'منسوجات منزلية' },
      attributes: [
        { code: 'material', type: 'choice', required: true, choices: ['Wool', 'Cotton', 'Linen'], labels: { en: 'Material', fr: 'Matière', de: 'Material', ar: 'الخامة' } },
      ],
    });
    const rugs = await client.call('catalog.categories.create', {
      parentId: home.id,
      code: 'RUGS',
      names: { en: 'Rugs', fr: 'Tapis', de: 'Teppiche', ar: 'سجاد' },
      attributes: [
        { code: 'pile_height_mm', type: 'number', labels: { en: 'Pile height (mm)', fr: 'Hauteur du velours (mm)', de: 'Florhöhe (mm)', ar: 'ارتفاع الوبر (مم)' } },
        { code: 'colour', type: 'text', labels: { en: 'Colour', fr: 'Couleur', de: 'Farbe', ar: 'اللون' } },
      ],
    });
    await client.call('catalog.categories.create', { parentId: home.id, code: 'CUSHIONS', names: { en: 'Cushions', fr: 'Coussins', de: 'Kissen', ar: 'وسائد' } });
    await client.call('catalog.categories.create', { code: 'CERAMICS', names: { en: 'Ceramics', fr: 'Céramique', de: 'Keramik', ar: 'خزف' } });
    await client.call('catalog.priceLists.create', { code: 'WHOLESALE-EU', name: 'Wholesale EU', kind: 'wholesale', currency: 'EUR' });
    const colours = ['#b5651d', '#3b5b92', '#c8a040', '#7a2e2e', '#2e7a5a', '#6b4f8a'];
    const skus = ['RUG-BO-200', 'RUG-AZ-160', 'KIL-CU-45', 'POUF-LE-01', 'TAJ-CL-30', 'LAMP-BR-02'];
    const titles = ['Beni Ourain rug 200 × 300', 'Azilal rug 160 × 230', 'Kilim cushion cover', 'Leather pouf', 'Clay tajine 30 cm', 'Brass lantern'];
    for (const [i, sku] of skus.entries()) {
      const p = await client.call('products.create', {
        sku,
        status: 'active',
        unit: 'pcs',
        categoryId: i < 2 ? rugs.id : null,
        texts: { en: { title: titles[i] ?? sku } },
        ...(i < 2 ? { attributes: { material: 'Wool' } } : {}),
        prices: [{ priceList: 'RETAIL', currency: 'EUR', tiers: [{ minQuantityMilli: 1000, amountMinor: 4_900 + i * 3_150 }] }],
      });
      if (i !== 4) await client.call('products.addImage', { productId: p.id, fileName: `${sku}.jpg`, dataBase64: await picture(colours[i] ?? '#888', 'jpeg') });
      await client.call('stock.receive', { sku, warehouse: 'MAIN', quantity: String(20 + i * 7), unitCost: `${35 + i * 12}.50`, occurredAt: '2025-01-10', supplier: 'Atelier Fès' });
      await client.call('stock.receive', { sku, warehouse: 'MAIN', quantity: '10', unitCost: `${41 + i * 12}.00`, occurredAt: '2025-03-02', supplier: 'Atelier Fès' });
      await client.call('stock.ship', { sku, warehouse: 'MAIN', quantity: String(3 + i), reference: `Order 10${i}` });
    }

    await gotoApp(page, kontorServer);
    await page.setViewportSize({ width: 1440, height: 900 });
    const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}-${language}.png`, animations: 'disabled', caret: 'hide' });

    await page.goto(`${kontorServer.origin}/#/settings/catalog`);
    await page.getByRole('treeitem').nth(1).click();
    await expect(page.getByTestId('category-form')).toBeVisible();
    await shot('categories');
    await page.getByTestId('catalog-settings-price-lists').click();
    await expect(page.getByTestId('price-lists')).toBeVisible();
    await shot('price-lists');
    await page.getByTestId('catalog-settings-languages').click();
    await expect(page.getByTestId('catalog-languages')).toBeVisible();
    await shot('catalog-languages');
    await page.goto(`${kontorServer.origin}/#/settings/stock`);
    await expect(page.getByTestId('stock-allow-negative')).toBeVisible();
    await shot('stock-settings');

    await page.goto(`${kontorServer.origin}/#/stock/ship/RUG-BO-200`);
    await expect(page.getByTestId('sku-stock')).toBeVisible();
    await page.getByTestId('ship-quantity').fill('2');
    await page.getByTestId('ship-submit').click();
    await expect(page.getByTestId('recent-movements')).toBeVisible();
    await shot('stock-ship');
    await page.goto(`${kontorServer.origin}/#/stock/adjust/KIL-CU-45`);
    await expect(page.getByTestId('sku-stock')).toBeVisible();
    await shot('stock-adjust');
    await page.goto(`${kontorServer.origin}/#/stock/return/RUG-BO-200`);
    await expect(page.getByTestId('return-shipment').locator('option')).toHaveCount(3);
    await shot('stock-return');
    await page.goto(`${kontorServer.origin}/#/stock/correct/RUG-BO-200`);
    await expect(page.getByTestId('correct-movements')).toBeVisible();
    await page.getByTestId('correct-movements').getByRole('radio').first().check();
    await shot('stock-correct');
    // A movement chosen is an unsaved edit: leaving asks.
    await page.goto(`${kontorServer.origin}/#/stock/valuation`);
    await page.getByTestId('unsaved-leave').click();
    await expect(page.getByTestId('valuation-total')).toBeVisible();
    await shot('stock-valuation');
    await page.getByTestId('valuation-date').fill('2025-01-31');
    await page.getByTestId('valuation-show').click();
    await expect(page.getByTestId('valuation-at')).toContainText('2025');
    await shot('stock-valuation-past');
    await page.goto(`${kontorServer.origin}/#/stock/levels`);
    await expect(page.getByTestId('reserved-note')).toBeVisible();
    await shot('stock-levels');

    await page.goto(`${kontorServer.origin}/#/products`);
    await expect(page.getByTestId('thumb-RUG-BO-200')).toBeVisible();
    await shot('products-thumbnails');
    await page.getByRole('link', { name: 'RUG-BO-200' }).click();
    await page.getByTestId('title-en').fill('Beni Ourain rug, 200 × 300 cm');
    await page.getByTestId('nav-stock').click();
    await expect(page.getByTestId('unsaved-prompt').getByTestId('unsaved-stay')).toBeVisible();
    await shot('unsaved-prompt');
  });
}
