import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.ts';
import { updateHandlers } from '../../../electron/core/updates/updates.ts';
import { createUpdateController, type UpdateController } from '../../../electron/main/updater/updateController.ts';
import { makeTempDir, openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { createTestUpdater, serveRelease, sha512, type ReleaseServer } from './testUpdater.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = makeTempDir('kontor-updater-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function server(release: Parameters<typeof serveRelease>[0]): Promise<ReleaseServer> {
  const s = await serveRelease(release);
  cleanups.push(() => s.close());
  return s;
}

function controllerFor(version: string, url: string, publisherName?: string) {
  const dir = tempDir();
  const { updater, app } = createTestUpdater(version, dir, url, publisherName);
  const installs: unknown[] = [];
  // The real quitAndInstall would run the downloaded installer; record the call instead.
  updater.quitAndInstall = (...args: unknown[]) => void installs.push(args);
  const log = memoryLogger();
  const controller: UpdateController = createUpdateController({ updater, settings: { automatic: false, channel: 'stable' }, log });
  cleanups.push(() => controller.stop());
  return { controller, updater, app, installs, log, pendingDir: join(app.baseCachePath, 'kontor-updater', 'pending') };
}

const installer = randomBytes(300_000);

describe('auto-update (electron-updater driven through a test app adapter)', () => {
  test('a newer version is found, downloaded with its sha512 checked, and installed on request', async () => {
    const s = await server({ version: '1.1.0', installer, releaseNotes: 'Faster product list.\nDATEV export.' });
    const { controller, updater, installs, pendingDir } = controllerFor('1.0.0', s.url, 'Kontor SARL');
    const askedPublishers: string[][] = [];
    // The Windows signature check asks for the publisherName from app-update.yml (set, so it is not skipped).
    updater.verifyUpdateCodeSignature = (names: string[]) => {
      askedPublishers.push(names);
      return Promise.resolve(null);
    };
    expect(controller.state()).toEqual({ state: 'idle' });
    await controller.check();
    const settled = await controller.settled();
    expect(settled).toEqual({ state: 'ready', version: '1.1.0', releaseNotes: 'Faster product list.\nDATEV export.' });
    expect(askedPublishers).toEqual([['Kontor SARL']]);
    const files = readdirSync(pendingDir).filter((f) => f.endsWith('.exe'));
    expect(files).toHaveLength(1);
    expect(sha512(readFileSync(join(pendingDir, files[0] ?? '')))).toBe(sha512(installer));
    expect(s.requests).toContain('/Kontor-Setup-1.1.0.exe');
    expect(controller.install()).toEqual({ restarting: true, reason: null });
    expect(installs).toHaveLength(1);
  });

  test('the same version is not downloaded', async () => {
    const s = await server({ version: '1.0.0', installer, releaseNotes: '' });
    const { controller, installs } = controllerFor('1.0.0', s.url);
    const state = await controller.check();
    expect(state).toMatchObject({ state: 'up-to-date' });
    expect(s.requests.filter((r) => r.endsWith('.exe'))).toEqual([]);
    expect(controller.install()).toEqual({ restarting: false, reason: 'not-ready' });
    expect(installs).toEqual([]);
  });

  test('a tampered installer fails its sha512 check and nothing is installed', async () => {
    const tampered = Buffer.from(installer);
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
    const s = await server({ version: '1.1.0', installer, served: tampered, releaseNotes: '' });
    const { controller, installs, pendingDir } = controllerFor('1.0.0', s.url);
    await controller.check();
    const state = await controller.settled();
    expect(state).toMatchObject({ state: 'error', kind: 'checksum', message: expect.stringContaining('sha512') as unknown });
    expect(existsSync(pendingDir) ? readdirSync(pendingDir).filter((f) => f.endsWith('.exe')) : []).toEqual([]);
    expect(controller.install()).toEqual({ restarting: false, reason: 'not-ready' });
    expect(installs).toEqual([]);
  });

  test('a server that is down gives a clear message and the check itself does not fail', async () => {
    const s = await serveRelease({ version: '1.1.0', installer, releaseNotes: '' });
    const url = s.url;
    await s.close();
    const { controller, log } = controllerFor('1.0.0', url);
    const state = await controller.check();
    expect(state).toMatchObject({ state: 'error', kind: 'offline', message: expect.stringContaining('could not be reached') as unknown });
    expect(state).toMatchObject({ message: expect.stringContaining('Kontor keeps working') as unknown });
    expect(log.lines.some((l) => l.level === 'warn' && l.message.startsWith('update failed'))).toBe(true);
    expect(controller.install()).toEqual({ restarting: false, reason: 'not-ready' });
  });
});

describe('restart to update (the core decides)', () => {
  let t: TestKontor | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  test('never restarts while a job (import, export, upload, backup) is running; answers unsupported without an updater', async () => {
    t = await openTestKontor();
    const installs: number[] = [];
    const port = {
      state: () => ({ state: 'ready' as const, version: '9.9.9', releaseNotes: null }),
      check: () => Promise.resolve({ state: 'ready' as const, version: '9.9.9', releaseNotes: null }),
      install: () => (installs.push(1), { restarting: true, reason: null }),
      settingsChanged: () => undefined,
    };
    let running = [{ id: 7, kind: 'imports.products', status: 'running' }];
    const jobs = { list: () => Promise.resolve(running as never) };
    const handlers = updateHandlers({ db: t.kontor.database.db, jobs, appVersion: () => Promise.resolve('1.0.0'), port });
    expect(await handlers['updates.install']({})).toEqual({ restarting: false, reason: 'busy' });
    expect(installs).toEqual([]);
    running = [];
    expect(await handlers['updates.install']({})).toEqual({ restarting: true, reason: null });
    expect(installs).toEqual([1]);

    // Browser mode and tests have no updater.
    expect(await t.client.call('updates.status', {})).toMatchObject({ update: { state: 'unsupported' }, settings: { automatic: true, channel: 'stable' } });
    expect(await t.client.call('updates.install', {})).toEqual({ restarting: false, reason: 'unsupported' });
    expect(await t.client.call('updates.setSettings', { channel: 'beta', automatic: false })).toEqual({ automatic: false, channel: 'beta' });
  });
});
