import { expect, gotoApp, test } from './fixtures.ts';

// The frame around every area: sidebar navigation, Alt+digit shortcuts, hash routes that
// survive a reload, and the Settings → Data screen.

test('the sidebar and Alt+digit shortcuts move between areas, and a reload keeps the area', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link')).toHaveCount(9);

  await nav.getByRole('link', { name: 'Products' }).click();
  await expect(page).toHaveURL(/#\/products$/);
  await expect(nav.getByRole('link', { name: 'Products' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Not built yet/)).toHaveCount(0);

  await page.keyboard.press('Alt+5');
  await expect(page).toHaveURL(/#\/invoices(\/|$)/);
  await expect(page.getByRole('heading', { name: 'Invoices', level: 1 })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Invoices' })).toHaveAttribute('aria-keyshortcuts', 'Alt+5');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Invoices', level: 1 })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Invoices' })).toHaveAttribute('aria-current', 'page');

  await page.keyboard.press('Alt+9');
  await expect(page).toHaveURL(/#\/settings\/company$/);

  // The shortcut is named in the link's tooltip (isolated left-to-right for Arabic: U+2066 … U+2069).
  await nav.getByRole('link', { name: 'Stock' }).hover();
  await expect(page.getByRole('tooltip')).toHaveText(/^Shortcut: \u2066?Alt\+3\u2069?$/);
});

test('the sidebar links are reachable with the keyboard', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  const dashboard = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dashboard' });
  // Tab from the top of the page: the header's two selects, then the first sidebar link.
  const focused = page.locator(':focus');
  const focusedText = async () => ((await focused.count()) > 0 ? await focused.first().textContent() : null);
  for (let i = 0; i < 10 && (await focusedText()) !== 'Dashboard'; i++) {
    await page.keyboard.press('Tab');
  }
  await expect(dashboard).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/dashboard$/);
});

test('the data screen shows where the data is and backs it up with progress', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page).toHaveURL(/#\/settings\/data$/);
  const info = page.getByTestId('data-info');
  await expect(info).toContainText(kontorServer.dataDir);
  // One grid row per table (plus the header row).
  const tables = Object.keys((await kontorServer.client.call('app.info', {})).rowCounts).length;
  await expect(page.getByRole('grid', { name: 'Rows per table' })).toHaveAttribute('aria-rowcount', String(tables + 1));

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup finished.' })).toBeVisible({ timeout: 20_000 });
  const history = page.getByRole('grid', { name: 'Recent background jobs' });
  await expect(history.getByRole('row').filter({ hasText: 'Database backup' }).first()).toContainText('Finished');
  const jobs = await kontorServer.client.call('jobs.list', { limit: 5 });
  expect(jobs[0]).toMatchObject({ kind: 'database.backup', status: 'succeeded' });
});

test('preferences change the colour scheme and are stored in the core', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  await page.getByRole('tab', { name: 'Preferences' }).click();
  await page.getByLabel('Colour scheme', { exact: true }).last().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect.poll(async () => (await kontorServer.client.call('app.getPreferences', {})).theme).toBe('dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
});
