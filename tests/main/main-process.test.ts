/**
 * The built main process (out/main/index.js), run under plain Node with a stand-in `electron`
 * (fake-electron/), since no Electron binary exists here. What this covers that the unit tests
 * cannot: the order of start-up (data folder and sandbox before `ready`), the core really opening
 * with its job worker resolved next to the bundle, the IPC gate, the app protocol serving the built
 * renderer with its CSP, the navigation and permission guards as wired, and quitting that closes
 * the core before exiting. What it cannot cover (a real renderer, sandbox, preload loading) is
 * tests/electron's job, where a binary exists.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEV_INLINE_SCRIPT_HASHES } from '../../electron.vite.config.ts';
import { contentSecurityPolicy } from '../../electron/main/security.ts';
import { BUILT, ROOT, ensureBuilt } from './support/ensureBuilt.ts';
import type { Command } from './fake-electron/electron.ts';

const REGISTER = join(import.meta.dirname, 'fake-electron/register.ts');

beforeAll(ensureBuilt, 180_000);

type Message = { type: string; [key: string]: unknown };

interface RunningMain {
  messages: Message[];
  send(command: Command): Promise<unknown>;
  waitFor(predicate: (m: Message) => boolean, what: string, timeoutMs?: number): Promise<Message>;
  exited: Promise<number | null>;
  output(): string;
}

const running: ChildProcess[] = [];
const temporary: string[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill();
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

function startMain(args: string[], env: Record<string, string> = {}): RunningMain {
  const defaultUserData = tempDir('kontor-fake-userdata-');
  // Nothing from the developer's shell may pick the data folder or a dev server.
  const inherited: Record<string, string | undefined> = { ...process.env };
  delete inherited.ELECTRON_RENDERER_URL;
  delete inherited.KONTOR_DATA_DIR;
  const childEnv = { ...inherited, FAKE_ELECTRON_USER_DATA: defaultUserData, ...env };
  const child = fork(BUILT.main, args, {
    cwd: ROOT,
    execArgv: ['--import', REGISTER],
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const messages: Message[] = [];
  const waiters = new Set<() => void>();
  const replies = new Map<number, (message: Message) => void>();
  child.on('message', (message: Message) => {
    messages.push(message);
    if (message.type === 'reply') replies.get(message.id as number)?.(message);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  let nextId = 1;
  return {
    messages,
    exited,
    output: () => output,
    send(command) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        replies.set(id, (message) => (message.error === undefined ? resolve(message.result) : reject(new Error(JSON.stringify(message.error)))));
        child.send({ id, command });
      });
    },
    waitFor(predicate, what, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages.map((m) => m.type))}\n${output}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

const isType = (type: string) => (m: Message) => m.type === type;

describe('the built main process, on a stand-in electron', () => {
  it('starts, serves, guards, runs a job in a worker thread, and closes the core on quit', async () => {
    const dataDir = join(tempDir('kontor-fake-data-'), 'nested');
    const main = startMain(['--data-dir', dataDir]);
    const window = await main.waitFor(isType('window'), 'the main window');
    await main.waitFor(isType('loadURL'), 'the page to load');
    await main.waitFor(isType('show'), 'the window to show');
    expect(main.messages.filter((m) => m.type === 'violation')).toEqual([]);

    // Before `ready`: the data folder becomes userData, then the lock (which lives in userData).
    const types = main.messages.map((m) => m.type);
    expect(types.indexOf('setPath')).toBeLessThan(types.indexOf('singleInstanceLock'));
    expect(types.indexOf('enableSandbox')).toBeLessThan(types.indexOf('ready'));
    expect(types.indexOf('privilegedSchemes')).toBeLessThan(types.indexOf('ready'));
    expect(main.messages.find(isType('setPath'))).toMatchObject({ name: 'userData', value: dataDir });
    expect(main.messages.find(isType('singleInstanceLock'))).toMatchObject({ userData: dataDir });
    expect(main.messages.find(isType('privilegedSchemes'))).toMatchObject({
      schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }],
    });

    // The window: sandboxed, isolated, no Node, the CommonJS preload that the build emitted.
    const options = window.options as { webPreferences: Record<string, unknown>; show: boolean };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: BUILT.preload,
    });
    expect(existsSync(options.webPreferences.preload as string)).toBe(true);
    expect(main.messages.find(isType('loadURL'))).toMatchObject({ url: 'app://kontor/index.html' });
    expect(main.messages.find(isType('menu'))).toMatchObject({ labels: ['File', 'Edit', 'View', 'Window', 'Help'] });

    // The app protocol serves the built renderer, with the CSP, and nothing outside it.
    const index = (await main.send({ op: 'fetch', url: 'app://kontor/index.html' })) as {
      status: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(index.body).toBe(readFileSync(BUILT.rendererHtml, 'utf8'));
    const script = /<script[^>]*src="\.?\/?([^"]+)"/.exec(index.body)?.[1];
    expect(script).toBeDefined();
    expect(await main.send({ op: 'fetch', url: `app://kontor/${script}` })).toMatchObject({
      status: 200,
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    });
    for (const url of ['app://kontor/..%2f..%2fpackage.json', 'app://kontor/missing.js', 'app://elsewhere/index.html']) {
      expect(await main.send({ op: 'fetch', url }), url).toMatchObject({ status: 404 });
    }
    expect(await main.send({ op: 'fetch', url: 'app://kontor/index.html', method: 'POST' })).toMatchObject({ status: 405 });

    // IPC: the app's frame reaches this launch's core; other frames do not.
    expect(await main.send({ op: 'call', senderUrl: 'app://kontor/index.html', name: 'app.info', input: {} })).toMatchObject({
      ok: true,
      value: { mode: 'electron', dataDir, appVersion: '0.1.0' },
    });
    for (const senderUrl of ['https://example.com/', 'file:///tmp/x.html', null]) {
      expect(await main.send({ op: 'call', senderUrl, name: 'company.get', input: {} })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED' },
      });
    }
    expect(await main.send({ op: 'call', senderUrl: 'app://kontor/index.html', name: 'db.exec', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CALL' },
    });

    // A background job runs in a worker thread started from out/main/jobWorker.js; its progress
    // reaches the window as kontor:event.
    const started = (await main.send({
      op: 'call',
      senderUrl: 'app://kontor/index.html',
      name: 'jobs.start',
      input: { kind: 'database.backup', input: {} },
    })) as { ok: boolean; value: { id: number } };
    expect(started).toMatchObject({ ok: true });
    const finished = await main.waitFor(
      (m) =>
        m.type === 'send' &&
        m.channel === 'kontor:event' &&
        (m.payload as { job: { id: number; status: string } }).job.id === started.value.id &&
        ['succeeded', 'failed', 'interrupted', 'cancelled'].includes((m.payload as { job: { status: string } }).job.status),
      'the backup job to finish',
      30_000,
    );
    expect(finished.payload).toMatchObject({ type: 'job.updated', job: { status: 'succeeded' } });

    // Navigation and new windows: inside the app only; https goes to the system browser.
    expect(await main.send({ op: 'navigate', url: 'app://kontor/index.html#/settings' })).toEqual({ prevented: false });
    expect(await main.send({ op: 'navigate', url: 'https://example.com/help' })).toEqual({ prevented: true });
    expect(await main.send({ op: 'navigate', url: 'file:///etc/passwd' })).toEqual({ prevented: true });
    expect(await main.send({ op: 'windowOpen', url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(await main.send({ op: 'windowOpen', url: 'app://kontor/index.html' })).toEqual({ action: 'deny' });
    expect(main.messages.filter(isType('openExternal')).map((m) => m.url)).toEqual([
      'https://example.com/help',
      'https://example.com/docs',
    ]);

    // Permissions and remote requests.
    expect(await main.send({ op: 'permission', permission: 'media', requestingUrl: 'app://kontor/index.html' })).toEqual({ granted: false });
    expect(await main.send({ op: 'permissionCheck', permission: 'clipboard-sanitized-write', origin: 'app://kontor' })).toEqual({
      granted: true,
    });
    expect(await main.send({ op: 'request', url: 'https://example.com/pixel.gif' })).toEqual({ cancel: true });
    expect(await main.send({ op: 'request', url: 'app://kontor/assets/x.js' })).toEqual({ cancel: false });

    // Production sets its CSP on the app protocol only; no header rewriting is installed.
    expect(await main.send({ op: 'headersReceived', url: 'app://kontor/index.html', responseHeaders: {} })).toEqual({ listener: false });

    // A second launch on this data folder brings the window forward instead of opening another.
    await main.send({ op: 'secondInstance' });
    expect(main.messages.filter(isType('window'))).toHaveLength(1);

    // Quit: windows close (the window state is saved), the core closes, then the process exits 0.
    await main.send({ op: 'quit' });
    await main.waitFor(isType('quitDeferred'), 'will-quit to wait for the core');
    expect(await main.exited).toBe(0);
    expect(main.messages.find(isType('exit'))).toMatchObject({ code: 0 });
    expect(JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 40, y: 30, width: 1100, height: 720 },
      maximized: false,
    });
    // The core let go of the database: it opens for writing and the backup is listed.
    const db = new Sqlite(join(dataDir, 'kontor.sqlite'));
    try {
      expect(db.prepare("SELECT status FROM job WHERE kind = 'database.backup'").pluck().all()).toEqual(['succeeded']);
    } finally {
      db.close();
    }
    expect(main.messages.filter((m) => m.type === 'violation')).toEqual([]);
  }, 60_000);

  it('refuses a database that is not Kontor\'s with a dialog, exits 1 and leaves the file as it was', async () => {
    const dataDir = tempDir('kontor-fake-foreign-');
    const foreign = new Sqlite(join(dataDir, 'kontor.sqlite'));
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (\'mine\');');
    foreign.close();
    const before = readFileSync(join(dataDir, 'kontor.sqlite'));

    const main = startMain(['--data-dir', dataDir]);
    const box = await main.waitFor(isType('errorBox'), 'the error dialog');
    expect(box.title).toBe('Kontor cannot open its database');
    expect(box.content).toContain(join(dataDir, 'kontor.sqlite'));
    expect(await main.exited).toBe(1);
    expect(main.messages.filter(isType('window'))).toEqual([]);
    expect(readFileSync(join(dataDir, 'kontor.sqlite')).equals(before)).toBe(true);
  }, 30_000);

  it('takes the data folder from KONTOR_DATA_DIR too', async () => {
    const dataDir = tempDir('kontor-fake-env-');
    const main = startMain([], { KONTOR_DATA_DIR: dataDir });
    await main.waitFor(isType('show'), 'the window to show');
    expect(main.messages.find(isType('setPath'))).toMatchObject({ name: 'userData', value: dataDir });
    await main.send({ op: 'quit' });
    expect(await main.exited).toBe(0);
    expect(existsSync(join(dataDir, 'kontor.sqlite'))).toBe(true);
  }, 30_000);

  it('in development loads the dev server under the dev CSP, and only a dev server on this machine', async () => {
    const dev = 'http://localhost:5173';
    const main = startMain(['--data-dir', tempDir('kontor-fake-dev-')], { FAKE_ELECTRON_DEV: '1', ELECTRON_RENDERER_URL: dev });
    await main.waitFor(isType('show'), 'the window to show');
    expect(main.messages.find(isType('loadURL'))).toMatchObject({ url: dev });
    expect(main.messages.find(isType('menu'))).toMatchObject({ labels: ['File', 'Edit', 'View', 'Window', 'Help'] });

    const devCsp = contentSecurityPolicy({ devServerUrl: dev, devInlineScriptHashes: DEV_INLINE_SCRIPT_HASHES });
    expect(devCsp).toContain(DEV_INLINE_SCRIPT_HASHES[0]);
    expect(
      await main.send({ op: 'headersReceived', url: `${dev}/`, responseHeaders: { 'Content-Security-Policy': ['default-src *'], 'X-Other': ['1'] } }),
    ).toEqual({ listener: true, responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [devCsp] } });
    expect(await main.send({ op: 'headersReceived', url: 'https://example.com/', responseHeaders: {} })).toEqual({ listener: true });
    expect(await main.send({ op: 'request', url: 'ws://localhost:5173/?token=x' })).toEqual({ cancel: false });
    expect(await main.send({ op: 'call', senderUrl: `${dev}/`, name: 'app.info', input: {} })).toMatchObject({ ok: true });
    await main.send({ op: 'quit' });
    expect(await main.exited).toBe(0);

    const remote = startMain(['--data-dir', tempDir('kontor-fake-remote-')], {
      FAKE_ELECTRON_DEV: '1',
      ELECTRON_RENDERER_URL: 'http://example.com:5173',
    });
    await remote.waitFor(isType('show'), 'the window to show');
    expect(remote.messages.find(isType('loadURL'))).toMatchObject({ url: 'app://kontor/index.html' });
    await remote.send({ op: 'quit' });
    expect(await remote.exited).toBe(0);
  }, 30_000);

  it('quits at once as a second instance, without opening the core', async () => {
    const dataDir = tempDir('kontor-fake-second-');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'marker'), '');
    const main = startMain(['--data-dir', dataDir], { FAKE_ELECTRON_SECOND_INSTANCE: '1' });
    expect(await main.exited).toBe(0);
    expect(main.messages.filter(isType('window'))).toEqual([]);
    expect(existsSync(join(dataDir, 'kontor.sqlite'))).toBe(false);
  }, 30_000);
});
