import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { ContactInput } from '../../shared/contacts/contact.ts';
import { validProfile } from '../support/companyFixtures.ts';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

// The contacts screens (renderer/src/contacts) in browser mode: a contact created with the keyboard,
// found by search (accents and Arabic folded), a duplicate detected while typing and in the list of
// likely duplicates, and merged; then screenshots in English and Arabic.

const SCREENSHOTS = 'test-results/screenshots';

async function setUp(kontorServer: KontorServer, language: 'en' | 'ar' = 'en'): Promise<void> {
  await kontorServer.client.call('company.save', validProfile());
  await kontorServer.client.call('app.setPreferences', { language, theme: 'light' });
}

async function open(page: Page, kontorServer: KontorServer, route: string): Promise<void> {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/${route}`);
}

const atlas: ContactInput = {
  kind: 'organisation',
  name: 'تعاونية الأطلس للزرابي',
  role: 'supplier',
  addresses: [{ kind: 'billing', line1: 'شارع محمد الخامس 10', postalCode: '30000', city: 'فاس', country: 'MA' }],
  phones: [{ number: '+212 522 123456' }],
  taxIds: [{ scheme: 'MA_ICE', value: '001561191000066' }],
  paymentTerms: { kind: 'prepayment' },
};

test('a contact is created with the keyboard, found, detected as a duplicate and merged', async ({ page, kontorServer }) => {
  test.setTimeout(90_000);
  await setUp(kontorServer);
  const client = kontorServer.client;
  await client.call('contacts.create', atlas);
  await client.call('contacts.create', { kind: 'organisation', name: 'Société Générale des Tapis', addresses: [{ kind: 'billing', line1: '3 quai Perrache', postalCode: '69002', city: 'Lyon', country: 'FR' }] });
  await open(page, kontorServer, 'contacts');
  await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
  await expect(page.getByTestId('not-built')).toHaveCount(0);
  await expect(page.getByTestId('contact-count')).toHaveText('2 contacts');

  // N opens the form with the name focused; Ctrl+Enter saves.
  await page.keyboard.press('n');
  await expect(page.getByTestId('contact-form')).toBeVisible();
  await expect(page.getByTestId('contact-name')).toBeFocused();
  await page.keyboard.type('Weberei Hansen GmbH');
  await page.getByTestId('contact-email-0').fill('einkauf@hansen-weberei.de');
  await page.getByTestId('contact-phone-0').fill('040 1234567');
  await page.getByTestId('contact-add-tax-id').click();
  await page.keyboard.type('DE 136 695 976');
  await expect(page.getByTestId('vies-note')).toContainText('needs an internet connection');
  await page.keyboard.press('Control+Enter');
  await expect(page).toHaveURL(/#\/contacts\/\d+$/);
  await expect(page.getByTestId('contact-title')).toHaveText('Weberei Hansen GmbH');
  const hansenId = Number(/contacts\/(\d+)$/.exec(page.url())?.[1]);
  const saved = await client.call('contacts.get', { id: hansenId });
  // The national number was read in the company's country (DE) and stored in E.164.
  expect(saved).toMatchObject({ phones: [{ number: '+49401234567' }], taxIds: [{ scheme: 'EU_VAT', value: 'DE136695976' }] });
  await expect(page.getByTestId('contact-timeline')).toContainText('Contact created');

  // A refused field is named in the form and nothing is written.
  await page.goto(`${kontorServer.origin}/#/contacts/new`);
  await page.getByTestId('contact-name').fill('Broken Buyer Ltd');
  await page.getByTestId('contact-email-0').fill('buyer@nowhere');
  await page.getByTestId('contact-save').click();
  await expect(page.getByTestId('contact-form-problem')).toBeVisible();
  await expect(page.getByText('The part after @ must be a domain')).toBeVisible();
  expect((await client.call('contacts.list', {})).total).toBe(3);

  // Find: accents and Arabic without the article or hamza.
  await page.goto(`${kontorServer.origin}/#/contacts`);
  const grid = page.getByRole('grid', { name: 'Contacts', exact: true });
  await page.getByTestId('contact-search').fill('societe');
  await expect(page.getByTestId('contact-count')).toHaveText('1 contact');
  await expect(grid).toContainText('Société Générale des Tapis');
  await page.getByTestId('contact-search').fill('اطلس');
  await expect(page.getByTestId('contact-count')).toHaveText('1 contact');
  await expect(grid).toContainText('تعاونية الأطلس للزرابي');
  await page.getByTestId('contact-search').fill('hansen');
  await expect(grid).toContainText('Weberei Hansen GmbH');
  await expect(grid).not.toContainText('تعاونية');
  await expect(page.getByTestId('contact-count')).toHaveText('1 contact');
  await page.getByTestId('contact-search').press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/contacts/${hansenId}$`));

  // A duplicate is shown while typing: the same name once the legal form is set aside.
  await page.goto(`${kontorServer.origin}/#/contacts/new`);
  await page.getByTestId('contact-name').fill('WEBEREI HANSEN G.m.b.H.');
  const hints = page.getByTestId('duplicate-hints');
  await expect(hints).toContainText('Weberei Hansen GmbH');
  await expect(hints).toContainText('same name');
  await page.getByTestId('contact-phone-0').fill('+49 40 1234567');
  await expect(hints).toContainText('same phone');
  await page.getByTestId('contact-email-0').fill('info@hansen-weberei.de');
  await page.getByTestId('contact-save').click();
  await expect(page).toHaveURL(/#\/contacts\/\d+$/);
  const secondId = Number(/contacts\/(\d+)$/.exec(page.url())?.[1]);

  // The list of likely duplicates has the pair; merging keeps the first and moves the second's details.
  await page.goto(`${kontorServer.origin}/#/contacts/duplicates`);
  const pairs = page.getByTestId('duplicate-pairs');
  await expect(pairs).toContainText('WEBEREI HANSEN G.m.b.H.');
  await pairs.getByTestId('pair-merge').first().click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog).toContainText('Weberei Hansen GmbH');
  await dialog.getByTestId('merge-keep-0').check();
  await dialog.getByTestId('merge-confirm').click();
  await expect(page.getByText('No likely duplicates.')).toBeVisible();
  expect((await client.tryCall('contacts.get', { id: secondId })).ok).toBe(false);
  const merged = await client.call('contacts.get', { id: hansenId });
  expect(merged.emails.map((e) => e.address)).toEqual(['einkauf@hansen-weberei.de', 'info@hansen-weberei.de']);
  await page.goto(`${kontorServer.origin}/#/contacts/${hansenId}`);
  // The merged name sits in Unicode isolates inside the sentence (see renderer/src/contacts/bidi.ts).
  await expect(page.getByTestId('contact-timeline')).toContainText(/Merged with \u2068WEBEREI HANSEN G\.m\.b\.H\.\u2069/);
});

test('a Google Contacts file is checked, then imported', async ({ page, kontorServer }) => {
  await setUp(kontorServer);
  await open(page, kontorServer, 'contacts/import');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-choose').click();
  await (await chooser).setFiles({ name: 'google-contacts.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/contacts/google-contacts.csv') });
  // Reading and checking the file goes through the core: slower on a busy machine than a click.
  await expect(page.getByTestId('import-sample')).toContainText('Anke Hansen', { timeout: 20_000 });
  await expect(page.getByText('Google Contacts CSV')).toBeVisible();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result')).toContainText('5 contacts created');
  expect((await kontorServer.client.call('contacts.list', {})).total).toBe(5);
});

async function screenshotData(kontorServer: KontorServer): Promise<number> {
  const client = kontorServer.client;
  await client.call('contacts.import.run', { fileName: 'google-contacts.csv', dataBase64: readFileSync('tests/fixtures/contacts/google-contacts.csv').toString('base64') });
  await client.call('contacts.import.run', { fileName: 'outlook-contacts.csv', dataBase64: readFileSync('tests/fixtures/contacts/outlook-contacts.csv').toString('base64') });
  await client.call('contacts.import.run', { fileName: 'contacts-4.0.vcf', dataBase64: readFileSync('tests/fixtures/contacts/contacts-4.0.vcf').toString('base64') });
  const hansen = (await client.call('contacts.search', { text: 'Weberei Hansen' }))[0]!;
  const full = await client.call('contacts.get', { id: hansen.id });
  const { id, revision, people: _p, organisationName: _o, createdAt: _c, updatedAt: _u, ...fields } = full;
  await client.call('contacts.update', {
    ...fields,
    id,
    revision,
    role: 'both',
    language: 'de',
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 45 },
    creditLimit: { amountMinor: 5_000_000, currency: 'EUR' },
    taxIds: [{ scheme: 'EU_VAT', value: 'DE136695976' }],
    addresses: [...fields.addresses, { kind: 'shipping', recipient: 'Lager Nord', line1: 'Kai 3', postalCode: '20457', city: 'Hamburg', country: 'DE' }],
    source: 'trade_fair',
    sourceDetail: 'Heimtextil 2026',
    marketplaceIds: [{ marketplace: 'alibaba', buyerId: 'hansen-buyer-77' }],
  });
  await client.call('contacts.create', { kind: 'organisation', name: 'WEBEREI HANSEN G.m.b.H.', emails: [{ address: 'info@hansen-weberei.de' }], phones: [{ number: '+49 40 1234567' }], addresses: [{ kind: 'billing', line1: 'Speicherstadt 12', postalCode: '20457', city: 'Hamburg', country: 'DE' }] });
  return hansen.id;
}

for (const language of ['en', 'ar'] as const) {
  test(`screenshots of the contacts screens (${language})`, async ({ page, kontorServer }) => {
    test.setTimeout(90_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await setUp(kontorServer, language);
    const hansenId = await screenshotData(kontorServer);
    await page.setViewportSize({ width: 1440, height: 900 });
    const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}-${language}.png` });

    await open(page, kontorServer, 'contacts');
    await expect(page.getByTestId('contact-grid').locator('[role="row"][aria-busy]')).toHaveCount(0);
    await expect(page.getByTestId('contact-count')).not.toHaveText(/…/);
    await shot('contacts-list');
    await page.goto(`${kontorServer.origin}/#/contacts/${hansenId}`);
    await expect(page.getByTestId('contact-timeline')).toBeVisible();
    await shot('contacts-detail');
    await page.goto(`${kontorServer.origin}/#/contacts/new`);
    await page.getByTestId('contact-name').fill('Weberei Hanssen');
    await page.getByTestId('contact-phone-0').fill('040 1234567');
    await expect(page.getByTestId('duplicate-hints')).toBeVisible();
    await shot('contacts-form');
    await page.goto(`${kontorServer.origin}/#/contacts/duplicates`);
    await expect(page.getByTestId('duplicate-pairs')).toBeVisible();
    await shot('contacts-duplicates');
    await page.getByTestId('pair-merge').first().click();
    await expect(page.getByTestId('merge-confirm')).toBeEnabled();
    await shot('contacts-merge');
    await page.keyboard.press('Escape');
    await page.goto(`${kontorServer.origin}/#/contacts/import`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-choose').click();
    await (await chooser).setFiles({ name: 'bad-contacts.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/contacts/bad-contacts.csv') });
    await expect(page.getByTestId('import-issues')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/contacts-import-${language}.png`, fullPage: true });
  });
}
