import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests, two projects:
 *
 *  - `chromium`: browser mode (tests/e2e) — the built renderer served by electron/web/server.ts,
 *    driven in a real Chromium. Playwright cannot download its own browsers here, so it uses the
 *    system's (Debian's /usr/bin/chromium; KONTOR_CHROMIUM points elsewhere).
 *  - `electron`: the desktop app (tests/electron), launched with Playwright's Electron support.
 *
 * Both need `npm run build` first (out/renderer; the Electron tests also out/main and out/preload).
 */
const CI = Boolean(process.env.CI);

const CHROMIUM_ARGS = [
  // Containers and CI runners usually cannot give Chromium its sandbox.
  '--no-sandbox',
  '--disable-gpu',
  // No traffic besides the page under test: no updates, sync, field trials or QUIC probing.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results/artifacts',
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Two cores: one browser (or Electron) per core.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.KONTOR_CHROMIUM ?? '/usr/bin/chromium',
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
      testMatch: '**/*.electron.ts',
    },
  ],
});
