import type { Locator, Page } from '@playwright/test';
import { expect, gotoApp, test, type KontorServer } from './fixtures.ts';

// The virtualised data grid (renderer/src/components/DataGrid.tsx) with 100,000 generated rows,
// on its test bench at #/dev/grid (only with ?dev in the URL; not in the navigation).

async function openBench(page: Page, kontorServer: KontorServer): Promise<Locator> {
  await gotoApp(page, kontorServer);
  // Same tab, same origin: the secret stays in sessionStorage across this navigation.
  await page.goto(`${kontorServer.origin}/?dev#/dev/grid`);
  const grid = page.getByRole('grid', { name: 'Data grid test bench' });
  await expect(grid).toBeVisible();
  return grid;
}

function activeRow(grid: Locator): Locator {
  return grid.locator('[role="row"][aria-selected="true"]');
}

test('renders 100,000 rows with only the visible ones in the DOM', async ({ page, kontorServer }) => {
  const grid = await openBench(page, kontorServer);
  // The header row plus 100,000 data rows, as assistive technology should announce it.
  await expect(grid).toHaveAttribute('aria-rowcount', '100001');
  await expect(grid.getByRole('row').nth(1)).toContainText('SKU-000001');
  expect(await grid.getByRole('row').count()).toBeLessThan(100);

  // Scrolled to the very end, the last row is there, and still only a window of rows exists.
  // (Typed structurally: the tests are compiled without the DOM library.)
  await grid.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = grid.getByRole('row').filter({ hasText: 'SKU-100000' });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-rowindex', '100001');
  expect(await grid.getByRole('row').count()).toBeLessThan(100);
  await expect(grid.getByText('SKU-000001', { exact: true })).toHaveCount(0);
});

test('arrow keys, Page Up/Down, Home/End move the active row and Enter opens it', async ({ page, kontorServer }) => {
  const grid = await openBench(page, kontorServer);
  await grid.focus();
  await expect(grid).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await expect(activeRow(grid)).toHaveAttribute('aria-rowindex', '2');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(activeRow(grid)).toContainText('SKU-000003');
  await expect(grid).toHaveAttribute('aria-activedescendant', (await activeRow(grid).getAttribute('id'))!);
  await page.keyboard.press('ArrowUp');
  await expect(activeRow(grid)).toContainText('SKU-000002');
  await expect(page.getByTestId('grid-bench-status')).toContainText('Active row: SKU-000002');

  await page.keyboard.press('PageDown');
  const afterPage = Number(await activeRow(grid).getAttribute('aria-rowindex'));
  expect(afterPage).toBeGreaterThan(5);
  await page.keyboard.press('PageUp');
  await expect(activeRow(grid)).toContainText('SKU-000002');

  await page.keyboard.press('End');
  await expect(activeRow(grid)).toContainText('SKU-100000');
  await expect(activeRow(grid)).toBeInViewport();
  await page.keyboard.press('ArrowDown'); // already at the end: stays
  await expect(activeRow(grid)).toContainText('SKU-100000');

  await page.keyboard.press('Home');
  await expect(activeRow(grid)).toContainText('SKU-000001');
  await expect(activeRow(grid)).toBeInViewport();

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('grid-bench-opened')).toHaveText('Opened row SKU-000001.');
});

test('a click on a column header sorts all 100,000 rows', async ({ page, kontorServer }) => {
  const grid = await openBench(page, kontorServer);
  const skuHeader = grid.getByRole('columnheader', { name: 'SKU' });
  await expect(skuHeader).toHaveAttribute('aria-sort', 'none');
  await skuHeader.getByRole('button').click();
  await expect(skuHeader).toHaveAttribute('aria-sort', 'ascending');
  await skuHeader.getByRole('button').click();
  await expect(skuHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(grid.getByRole('row').nth(1)).toContainText('SKU-100000');
});

test('in Arabic the columns run right to left', async ({ page, kontorServer }) => {
  await kontorServer.client.call('app.setPreferences', { language: 'ar' });
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/?dev#/dev/grid`);
  const grid = page.getByRole('grid');
  const firstRow = grid.getByRole('row').nth(1);
  const first = await firstRow.getByRole('gridcell').nth(0).boundingBox();
  const second = await firstRow.getByRole('gridcell').nth(1).boundingBox();
  expect(first!.x).toBeGreaterThan(second!.x);
});

test('the test bench is not there without ?dev', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  await page.goto(`${kontorServer.origin}/#/dev/grid`);
  // Not a route without ?dev: the app goes to its start (the set-up on a first start).
  await expect(page).toHaveURL(/#\/settings\/company$/);
  await expect(page.getByRole('grid', { name: 'Data grid test bench' })).toHaveCount(0);
});
