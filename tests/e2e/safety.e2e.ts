import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_COMPANY } from '../../electron/core/demo/demoCompany.ts';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

const SCREENSHOTS = 'test-results/screenshots';

async function open(page: Page, kontorServer: KontorServer, route: string): Promise<void> {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/${route}`);
}

test('back up now from the settings, see it listed; verify the audit trail', async ({ page, kontorServer }) => {
  await kontorServer.client.call('company.save', DEMO_COMPANY);
  // The demo company's language is French; these checks read English.
  await kontorServer.client.call('app.setPreferences', { language: 'en' });
  await open(page, kontorServer, 'settings/backups');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-list').getByRole('row')).toHaveCount(2);
  expect((await kontorServer.client.call('backup.status', {})).backups.map((b) => b.reason)).toEqual(['manual']);

  await page.goto(`${kontorServer.origin}/#/settings/audit`);
  await page.getByTestId('audit-verify').click();
  await expect(page.getByText(/The trail is intact: \d+ records/)).toBeVisible();
  await expect(page.getByTestId('audit-list')).toContainText('company');
});

test('with sign-in on, the app asks for it; a staff member cannot open user management', async ({ page, kontorServer }) => {
  const { client } = kontorServer;
  await client.call('company.save', DEMO_COMPANY);
  await client.call('app.setPreferences', { language: 'en' });
  await client.call('users.create', { username: 'olga', displayName: 'Olga', role: 'owner', password: 'owner password' });
  await client.call('users.create', { username: 'sami', displayName: 'Sami', role: 'staff', password: 'staff password' });
  // The in-process client and the page share the one session of this core: sign out, then in through the page.
  await client.call('session.signOut', {});
  await gotoApp(page, kontorServer);
  await expect(page.getByRole('heading', { name: 'Sign in to Kontor' })).toBeVisible();
  await page.getByTestId('sign-in-username').fill('sami');
  await page.getByTestId('sign-in-password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password');
  await page.getByTestId('sign-in-password').fill('staff password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Kontor' })).toHaveCount(0);
  await page.goto(`${kontorServer.origin}/#/settings/users`);
  await expect(page.getByText('Only an owner manages users.')).toBeVisible();
  expect(await client.tryCall('users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

for (const language of ['en', 'ar'] as const) {
  test(`screenshots of the data-safety screens (${language})`, async ({ page, kontorServer }) => {
    test.setTimeout(120_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { client } = kontorServer;
    await client.call('company.save', DEMO_COMPANY);
    await client.call('app.setPreferences', { language, theme: 'light' });
    await client.call('backup.now', {});
    await client.call('backup.now', {});
    await page.setViewportSize({ width: 1440, height: 900 });
    const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}-${language}.png`, fullPage: true });

    await open(page, kontorServer, 'settings/backups');
    await expect(page.getByTestId('backup-list').getByRole('row')).toHaveCount(3);
    await shot('safety-backups');
    await page.goto(`${kontorServer.origin}/#/settings/audit`);
    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-list')).toBeVisible();
    await shot('safety-audit');
    await page.goto(`${kontorServer.origin}/#/settings/updates`);
    await expect(page.getByTestId('update-state')).toBeVisible();
    await shot('safety-updates');
    await page.goto(`${kontorServer.origin}/#/settings/users`);
    await client.call('users.create', { username: 'olga', displayName: 'Olga Benali', role: 'owner', password: 'owner password' });
    await client.call('users.create', { username: 'anne', displayName: 'Anne Keller', role: 'accountant', password: 'accountant pw' });
    await page.reload();
    await expect(page.getByTestId('user-list')).toBeVisible();
    await shot('safety-users');
    await client.call('session.signOut', {});
    await page.reload();
    await expect(page.getByTestId('sign-in-username')).toBeVisible();
    await shot('safety-sign-in');
  });
}
