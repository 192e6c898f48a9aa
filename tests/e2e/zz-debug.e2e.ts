import { expect, gotoApp, test } from './fixtures.ts';
test('debug', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  await page.getByRole('button', { name: 'Set up my company' }).click();
  await expect(page.getByRole('heading', { name: 'Company profile', level: 1 })).toBeVisible();
  console.log(await page.locator('main').ariaSnapshot());
  console.log(await page.locator('label').first().evaluate((e) => e.outerHTML));
});
