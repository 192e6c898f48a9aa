/**
 * The desktop app, launched for real: first start shows the company set-up, the profile is saved,
 * and a second launch on the same data folder shows it again. On the way, checks what the page
 * can reach: no Node (sandbox), a bridge with exactly `call` and `subscribe`, no new windows.
 *
 * Needs the built app (`npm run build`) and an Electron binary. Machines that installed electron
 * with ELECTRON_SKIP_BINARY_DOWNLOAD=1 have none: there the test is skipped and says why.
 * ELECTRON_OVERRIDE_DIST_PATH may point at a local Electron build instead. On Linux without a
 * display, run under xvfb-run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { NO_BINARY, electronExecutable } from './electronBinary.ts';

const ROOT = join(import.meta.dirname, '../..');
test.skip(electronExecutable() === undefined, NO_BINARY);

/** The bridge as the page sees it; `globalThis` because these files are typed without the DOM. */
type Bridge = { call(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> };

async function launch(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('out/main/index.js is missing: run npm run build first.');
  // The app folder, as `electron .` and the packaged app run it (name and version from package.json).
  const env = { ...process.env };
  delete env.ELECTRON_RENDERER_URL; // the built renderer over app://, never a dev server
  const app = await electron.launch({ args: [ROOT, '--data-dir', dataDir], cwd: ROOT, env: env as Record<string, string> });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

/** A Mantine Select (searchable) or a native <select>: type to filter, then pick the first option that matches. */
async function choose(page: Page, label: string, option: string, index = 0): Promise<void> {
  const field = page.getByLabel(label, { exact: true }).nth(index);
  if ((await field.locator('xpath=self::select').count()) > 0) {
    const labels = await field.locator('option').allTextContents();
    await field.selectOption({ label: labels.find((l) => l.includes(option)) ?? option });
    return;
  }
  await field.click();
  await field.fill(option);
  await page.getByRole('option', { name: option }).first().click();
}

async function savedProfile(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const bridge = (globalThis as unknown as { kontorBridge: Bridge }).kontorBridge;
    const result = await bridge.call('company.get', {});
    return result.ok ? result.value : result.error;
  });
}

test('the company profile set up on first start is there after a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kontor-electron-'));
  let app: ElectronApplication | undefined;
  try {
    let page: Page;
    ({ app, page } = await launch(dataDir));

    // The page is web content: no Node, no require, no Electron internals.
    const reach = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      const bridge = g.kontorBridge as Record<string, unknown> | undefined;
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        Buffer: typeof g.Buffer,
        ipcRenderer: typeof g.ipcRenderer,
        origin: String((g.location as { origin: string }).origin),
        bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
        bridgeTypes: bridge ? [typeof bridge.call, typeof bridge.subscribe] : null,
      };
    });
    expect(reach).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
      origin: 'app://kontor',
      bridgeKeys: ['call', 'subscribe'],
      bridgeTypes: ['function', 'function'],
    });

    // The bridge reaches this launch's core, and only through the contract.
    const calls = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as { kontorBridge: Bridge }).kontorBridge;
      return { info: await bridge.call('app.info', {}), unknown: await bridge.call('db.exec', { sql: 'DROP TABLE company' }) };
    });
    expect(calls.info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir } });
    expect(calls.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });

    // No second window, whatever the page asks for.
    expect(await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('app://kontor/index.html') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);

    // First start: the welcome screen offers the set-up.
    await page.getByRole('button', { name: 'Set up my company' }).click();
    await page.getByLabel('Legal name').fill('Atlas Export SARL');
    await page.getByLabel('Trade name').fill('Atlas');
    await choose(page, 'Country', 'Morocco');
    await choose(page, 'Base currency', 'MAD');
    await page.getByLabel('Street and number').fill('12 rue de Fès');
    await page.getByLabel('Postal code').fill('20250');
    await page.getByLabel('City').fill('Casablanca');
    // The first address is the registered office; its country may already follow the company's.
    const addressCountry = page.getByLabel('Country', { exact: true }).nth(1);
    if ((await addressCountry.count()) > 0 && (await addressCountry.inputValue()) === '') await choose(page, 'Country', 'Morocco', 1);
    await page.getByRole('button', { name: 'Save' }).click();

    await expect.poll(() => savedProfile(page)).toMatchObject({ legalName: 'Atlas Export SARL', tradeName: 'Atlas', country: 'MA' });
    await app.close();
    app = undefined;

    // Second start, same data folder: the profile is there.
    ({ app, page } = await launch(dataDir));
    expect(await savedProfile(page)).toMatchObject({ legalName: 'Atlas Export SARL' });
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/settings/company';
    });
    await expect(page.getByLabel('Legal name')).toHaveValue('Atlas Export SARL');
    await expect(page.getByLabel('Trade name')).toHaveValue('Atlas');
    await expect(page.getByLabel('City')).toHaveValue('Casablanca');
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
