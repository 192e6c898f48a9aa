import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { CompanyProfileInput } from '../../shared/company/profile.ts';
import { expect, gotoApp, test } from './fixtures.ts';

// The company profile screen in browser mode: first start, saving, reloading, validation,
// Arabic (right-to-left), the demo company, and screenshots for review and the README.

/** Picks an option in a Mantine Select: open it, type to search (if it is searchable), click the option. */
async function pickOption(page: Page, input: Locator, search: string, option: string | RegExp): Promise<void> {
  await input.click();
  if (search !== '') await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

/** A labelled input; exact, so "Tax ID" does not also find "Tax ID type". */
function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(label, { exact: true });
}

function group(page: Page, name: string): Locator {
  return page.getByRole('group', { name, exact: true });
}

function section(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
  return path;
}

const VALID_IBAN = 'DE89370400440532013000';
const WRONG_IBAN = 'DE89370400440532013001'; // last digit changed: the check digits no longer match

async function startSetUp(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Welcome to Kontor' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up my company' }).click();
  await expect(page.getByRole('heading', { name: 'Company profile', level: 1 })).toBeVisible();
}

/** The required minimum: legal name, country, base currency and the registered address. */
async function fillMinimum(page: Page): Promise<void> {
  const company = section(page, 'Company');
  await field(company, 'Legal name').fill('Weberei Albrecht GmbH');
  await pickOption(page, field(company, 'Country'), 'Germany', 'Germany');
  await pickOption(page, field(company, 'Base currency'), 'EUR', /^EUR – Euro$/);
  const address = group(page, 'Address 1');
  await field(address, 'Street and number').fill('Hauptstraße 12');
  await field(address, 'City').fill('Bielefeld');
}

test('first start opens the company set-up', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  await expect(page).toHaveURL(/#\/settings\/company$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Kontor' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Set up my company' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Explore with the demo company' })).toBeVisible();
  // The settings entry of the sidebar is the current page.
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  expect(await kontorServer.client.call('company.get', {})).toBeNull();
});

test('a filled-in profile is saved and is there after a reload', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  await startSetUp(page);
  await fillMinimum(page);

  const company = section(page, 'Company');
  await field(company, 'Trade name').fill('Albrecht Textil');
  await pickOption(page, field(company, 'Fiscal year starts (month)'), '', 'April');
  await field(company, 'Fiscal year starts (day)').fill('1');
  const contact = section(page, 'Contact');
  await field(contact, 'Email').fill('Info@Albrecht-Textil.de');
  await field(contact, 'Phone').fill('030 901820');
  await field(contact, 'Website').fill('albrecht-textil.de');

  const address = group(page, 'Address 1');
  await field(address, 'Postal code').fill('33602');
  await field(address, 'Region').fill('Nordrhein-Westfalen');
  // The address took the company's country.
  await expect(field(address, 'Country')).toHaveValue('Germany');

  await page.getByRole('button', { name: 'Add bank account' }).click();
  const bank = group(page, 'Bank account 1');
  await field(bank, 'IBAN').fill('DE89 3704 0044 0532 0130 00');
  await field(bank, 'BIC').fill('deutdeff');
  await field(bank, 'Bank name').fill('Deutsche Bank');
  await field(bank, 'Account holder').fill('Weberei Albrecht GmbH');
  // A new account starts in the base currency.
  await expect(field(bank, 'Account currency')).toHaveValue('EUR – Euro');

  await page.getByRole('button', { name: 'Add tax ID' }).click();
  const tax = group(page, 'Tax ID 1');
  await expect(field(tax, 'Tax ID type')).toHaveValue('EU VAT ID');
  await field(tax, 'Tax ID').fill('DE 136 695 976');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Company profile saved.' })).toBeVisible();

  const saved = await kontorServer.client.call('company.get', {});
  expect(saved).toMatchObject({
    legalName: 'Weberei Albrecht GmbH',
    tradeName: 'Albrecht Textil',
    country: 'DE',
    baseCurrency: 'EUR',
    fiscalYearStart: { month: 4, day: 1 },
    defaultLanguage: 'en',
    email: 'Info@albrecht-textil.de',
    phone: '+4930901820',
    website: 'https://albrecht-textil.de',
    addresses: [
      {
        kind: 'registered',
        line1: 'Hauptstraße 12',
        line2: null,
        postalCode: '33602',
        city: 'Bielefeld',
        region: 'Nordrhein-Westfalen',
        country: 'DE',
      },
    ],
    bankAccounts: [
      { iban: VALID_IBAN, bic: 'DEUTDEFF', bankName: 'Deutsche Bank', accountHolder: 'Weberei Albrecht GmbH', currency: 'EUR' },
    ],
    taxIds: [{ scheme: 'EU_VAT', value: 'DE136695976' }],
  });

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Company profile', level: 1 })).toBeVisible();
  await expect(field(company, 'Legal name')).toHaveValue('Weberei Albrecht GmbH');
  await expect(field(company, 'Trade name')).toHaveValue('Albrecht Textil');
  await expect(field(company, 'Country')).toHaveValue('Germany');
  await expect(field(company, 'Base currency')).toHaveValue('EUR – Euro');
  await expect(field(company, 'Fiscal year starts (month)')).toHaveValue('April');
  // Stored as +4930901820, shown the way it is written internationally.
  await expect(field(contact, 'Phone')).toHaveValue('+49 30 901820');
  await expect(field(contact, 'Website')).toHaveValue('https://albrecht-textil.de');
  await expect(field(address, 'Street and number')).toHaveValue('Hauptstraße 12');
  await expect(field(address, 'City')).toHaveValue('Bielefeld');
  await expect(field(address, 'Country')).toHaveValue('Germany');
  // Shown in groups of four, as on a bank statement; stored without spaces (checked above).
  await expect(field(bank, 'IBAN')).toHaveValue('DE89 3704 0044 0532 0130 00');
  await expect(field(bank, 'BIC')).toHaveValue('DEUTDEFF');
  await expect(field(tax, 'Tax ID')).toHaveValue('DE136695976');
});

test('an invalid IBAN is explained at the IBAN field and nothing is saved', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  await startSetUp(page);
  await fillMinimum(page);
  await page.getByRole('button', { name: 'Add bank account' }).click();
  const bank = group(page, 'Bank account 1');
  const iban = field(bank, 'IBAN');
  await iban.fill(WRONG_IBAN);
  await iban.blur();

  // Leaving the field is enough to see the problem, in words, next to the field.
  const message = /The IBAN’s check digits are wrong: check for a mistyped character\./;
  await expect(iban).toHaveAttribute('aria-invalid', 'true');
  await expect(iban).toHaveAccessibleDescription(message);
  await expect(bank.getByText(message)).toBeVisible();

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('form-problems')).toContainText('Bank account 1 – IBAN');
  await expect(iban).toBeFocused();
  expect(await kontorServer.client.call('company.get', {})).toBeNull();

  // In another language the same problem reads in that language.
  await page.getByRole('banner').getByLabel('Language').selectOption('fr');
  await expect(group(page, 'Compte bancaire 1').getByText('Les chiffres de contrôle de l’IBAN sont faux')).toBeVisible();
  // What was typed is still there.
  await expect(field(group(page, 'Compte bancaire 1'), 'IBAN')).toHaveValue(WRONG_IBAN);
  expect(await kontorServer.client.call('company.get', {})).toBeNull();
});

test('a problem the core finds is shown at its field, and the input is kept', async ({ page, kontorServer }) => {
  // Two registered addresses pass every single field's check; only the profile as a whole is
  // wrong. The form's schema says so before saving; the same words come back from the core.
  await gotoApp(page, kontorServer);
  await startSetUp(page);
  await fillMinimum(page);
  await page.getByRole('button', { name: 'Add address' }).click();
  const second = group(page, 'Address 2');
  await pickOption(page, field(second, 'Address type'), '', 'Registered office');
  await field(second, 'Street and number').fill('Lager 3');
  await field(second, 'City').fill('Gütersloh');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('addresses-error')).toHaveText('Give exactly one registered office address.');
  await expect(field(second, 'City')).toHaveValue('Gütersloh');
  expect(await kontorServer.client.call('company.get', {})).toBeNull();
});

test('Arabic turns the whole window right-to-left', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'ltr');
  // The sidebar starts where the reading starts: left of the page title in LTR, right of it in RTL.
  const sidebar = page.getByTestId('sidebar');
  const title = page.getByRole('heading', { level: 1 });
  const sidebarLeftOfTitle = async () => {
    const s = await sidebar.boundingBox();
    const h = await title.boundingBox();
    if (!s || !h) throw new Error('sidebar or title not laid out');
    return s.x + s.width <= h.x ? 'left' : h.x + h.width <= s.x ? 'right' : 'overlapping';
  };
  expect(await sidebarLeftOfTitle()).toBe('left');

  await page.getByRole('banner').getByLabel('Language').selectOption('ar');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: 'مرحبًا بك في كونتور' })).toBeVisible();
  await expect.poll(sidebarLeftOfTitle).toBe('right');
  expect(await kontorServer.client.call('app.getPreferences', {})).toMatchObject({ language: 'ar' });

  // The choice is kept: a reload opens in Arabic again.
  await page.reload();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('navigation', { name: 'التنقل الرئيسي' })).toBeVisible();
});

test('the demo company is created by a background job and then shown', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  await page.getByRole('button', { name: 'Explore with the demo company' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The demo company is ready.' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Company profile', level: 1 })).toBeVisible();
  const profile = await kontorServer.client.call('company.get', {});
  expect(profile).not.toBeNull();
  await expect(field(section(page, 'Company'), 'Legal name')).toHaveValue(profile!.legalName);
  const jobs = await kontorServer.client.call('jobs.list', { limit: 5 });
  expect(jobs[0]).toMatchObject({ kind: 'demo.generate', status: 'succeeded' });
});

/** A realistic profile for the screenshots: a Moroccan textile exporter with a euro account. */
const SCREENSHOT_PROFILE: CompanyProfileInput = {
  legalName: 'Atlas Tissage SARL',
  tradeName: 'Atlas Tissage',
  country: 'MA',
  baseCurrency: 'MAD',
  fiscalYearStart: { month: 1, day: 1 },
  defaultLanguage: 'fr',
  email: 'contact@atlas-tissage.ma',
  phone: '+212 535 641 200',
  website: 'www.atlas-tissage.ma',
  addresses: [
    { kind: 'registered', line1: '14, Rue Ibn Khaldoun', line2: 'Quartier Industriel Sidi Brahim', postalCode: '30000', city: 'Fès', region: 'Fès-Meknès', country: 'MA' },
    { kind: 'warehouse', line1: 'Zone Franche, Lot 27', postalCode: '90000', city: 'Tanger', region: 'Tanger-Tétouan-Al Hoceïma', country: 'MA' },
  ],
  bankAccounts: [
    { bankName: 'Attijariwafa bank', accountHolder: 'Atlas Tissage SARL', iban: 'MA64011519000001205000534921', bic: 'BCMAMAMC', currency: 'MAD' },
    { bankName: 'Deutsche Bank', accountHolder: 'Atlas Tissage SARL', iban: VALID_IBAN, bic: 'DEUTDEFF', currency: 'EUR' },
  ],
  taxIds: [
    { scheme: 'MA_ICE', value: '001561191000066' },
    { scheme: 'MA_IF', value: '40123456' },
    { scheme: 'MA_RC', value: '12345 Fès' },
  ],
};

for (const language of ['en', 'ar'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot of the company profile (${language}, ${theme})`, async ({ page, kontorServer }) => {
      await kontorServer.client.call('company.save', SCREENSHOT_PROFILE);
      await kontorServer.client.call('app.setPreferences', { language, theme });
      await page.setViewportSize({ width: 1440, height: 900 });
      await gotoApp(page, kontorServer);
      // With a company, the app opens on the dashboard; the profile is one hash away.
      await page.goto(`${kontorServer.origin}/#/settings/company`);
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', theme);
      await expect(page.getByTestId('company-form')).toBeVisible();
      await expect(page.getByTestId('address-2')).toBeVisible();
      await screenshot(page, `company-profile-${language}-${theme}`);
      // Viewport-sized too: what a person sees on opening the screen (resources/screenshots/ has a reviewed copy).
      await screenshot(page, `company-profile-${language}-${theme}-viewport`, false);
    });
  }
}
