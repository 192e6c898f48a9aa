/**
 * Browser-mode fixtures for Playwright tests in tests/e2e.
 *
 *   import { expect, gotoApp, test } from './fixtures.ts';
 *
 *   test('saves the profile', async ({ page, kontorServer }) => {
 *     await gotoApp(page, kontorServer);
 *     // … drive the UI …
 *     expect(await kontorServer.client.call('company.get', {})).toMatchObject({ legalName: '…' });
 *   });
 *
 * `kontorServer` (test-scoped: every test gets its own) is
 *
 *   url       `http://127.0.0.1:PORT/#secret=…` — what `npm run web` prints; open it with gotoApp
 *   origin    `http://127.0.0.1:PORT`
 *   secret    the per-launch secret the API wants in the `x-kontor-secret` header
 *   dataDir   a fresh temporary data directory (removed after the test)
 *   client    a KontorClient talking to the same core in-process, for setting up and asserting
 *             state without going through the UI
 *
 * The core is opened in this (the test worker's) process with openKontor, exactly as
 * `npm run web` does; the server serves `out/renderer` (run `npm run build` first), or the
 * directory in KONTOR_E2E_STATIC_DIR. Server and core are closed after the test; if the test
 * failed, the core's log is attached to the report.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';
import { createInProcessTransport } from '../../electron/core/inProcessTransport.ts';
import { openKontor } from '../../electron/core/kontor.ts';
import { memoryLogger } from '../../electron/core/logger.ts';
import { startWebServer } from '../../electron/web/server.ts';
import { createClient, type KontorClient } from '../../shared/client.ts';

export { expect } from '@playwright/test';

export interface KontorServer {
  /** `http://127.0.0.1:PORT/#secret=…`, the address `npm run web` prints. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The value of the `x-kontor-secret` header. */
  secret: string;
  /** This test's own, fresh data directory. */
  dataDir: string;
  /** The same core, in-process: for arranging and checking state beside the UI. */
  client: KontorClient;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The built renderer to serve; fails with what to do when it is missing. */
export function staticDir(): string {
  const fromEnv = process.env.KONTOR_E2E_STATIC_DIR;
  const dir = fromEnv ? resolve(fromEnv) : join(ROOT, 'out', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(
      fromEnv
        ? `KONTOR_E2E_STATIC_DIR is ${dir}, but it has no index.html.`
        : `${join(dir, 'index.html')} is missing: run npm run build first (browser tests serve the built renderer).`,
    );
  }
  return dir;
}

const appVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export const test = base.extend<{ kontorServer: KontorServer }>({
  // Playwright reads the fixtures a fixture needs from this destructuring; it needs none.
  // eslint-disable-next-line no-empty-pattern
  kontorServer: async ({}, use, testInfo) => {
    const dir = staticDir();
    const dataDir = mkdtempSync(join(tmpdir(), 'kontor-e2e-'));
    const log = memoryLogger();
    const kontor = await openKontor({ dataDir, appVersion, mode: 'web', log }).catch((error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    });
    try {
      const server = await startWebServer({ kontor, staticDir: dir, host: '127.0.0.1', log });
      try {
        await use({
          url: server.url,
          origin: server.origin,
          secret: server.secret,
          dataDir,
          client: createClient(createInProcessTransport(kontor)),
        });
      } finally {
        await server.close();
      }
    } finally {
      await kontor.close();
      if (testInfo.status !== testInfo.expectedStatus && log.lines.length > 0) {
        await testInfo.attach('kontor.log', {
          body: log.lines.map((l) => `${l.level}\t${l.message}`).join('\n'),
          contentType: 'text/plain',
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

/**
 * Opens the app as a user would (the printed URL, secret in the fragment) and waits until the
 * app has taken the secret and removed it from the address bar — i.e. its transport is set up.
 */
export async function gotoApp(page: Page, kontorServer: Pick<KontorServer, 'url' | 'origin'>): Promise<void> {
  const response = await page.goto(kontorServer.url);
  if (!response?.ok()) {
    throw new Error(`Opening ${kontorServer.origin}/ answered HTTP ${response?.status() ?? '(no response)'}.`);
  }
  try {
    await page.waitForURL((url) => !url.hash.includes('secret='), { timeout: 10_000 });
  } catch (error) {
    throw new Error(
      `The app did not take the secret from the address bar within 10 s (the URL is still ${page.url()}): ` +
        'does the renderer create its transport (pickTransport) at start-up?',
      { cause: error },
    );
  }
}
