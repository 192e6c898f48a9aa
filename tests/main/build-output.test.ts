/**
 * The built app, checked as files, since no Electron binary runs here (see shared/architecture.md,
 * "Electron pitfalls"): a sandboxed preload that is an ES module, requires a package, or a main
 * bundle that swallowed the native SQLite module would all build fine and fail only when launched.
 *
 * Builds once (support/ensureBuilt.ts) when out/ is missing or older than the sources.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Script, createContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../shared/contract/index.ts';
import { BRIDGE_KEY, CALL_CHANNEL, EVENT_CHANNEL } from '../../electron/preload/channels.ts';
import { BUILT, OUT, ensureBuilt, filesUnder } from './support/ensureBuilt.ts';

const PRELOAD = BUILT.preload;
const MAIN = BUILT.main;
const JOB_WORKER = BUILT.jobWorker;
const RENDERER_HTML = BUILT.rendererHtml;

/** A sandboxed preload runs on every page load; past this, look at what the contract pulls in. */
// The preload imports no schemas: it stays a few kilobytes. Growth means something pulled in a library.
const PRELOAD_BUDGET_BYTES = 16 * 1024;

beforeAll(ensureBuilt, 180_000);

const read = (file: string) => readFileSync(file, 'utf8');

describe('out/preload/index.cjs (sandboxed preload)', () => {
  it('exists where webPreferences.preload points, as .cjs', () => {
    expect(existsSync(PRELOAD)).toBe(true);
    expect(existsSync(join(OUT, 'preload/index.mjs'))).toBe(false);
    expect(read(MAIN)).toContain('"../preload/index.cjs"');
  });

  it('is a CommonJS script: no import/export statements, no import.meta, no dynamic import()', () => {
    const code = read(PRELOAD);
    // Compiling as a classic script fails on any ES module syntax, whatever its formatting.
    expect(() => new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: PRELOAD })).not.toThrow();
    expect(code).not.toMatch(/^\s*(import|export)\s[^(]/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  it('requires nothing but electron (its dependencies are bundled)', () => {
    const code = read(PRELOAD);
    const calls = code.match(/\brequire\s*\(/g) ?? [];
    const literal = [...code.matchAll(/\brequire\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2]);
    expect(calls.length).toBe(literal.length);
    expect(new Set(literal)).toEqual(new Set(['electron']));
  });

  it(`stays under ${PRELOAD_BUDGET_BYTES / 1024} KiB`, () => {
    expect(statSync(PRELOAD).size).toBeLessThan(PRELOAD_BUDGET_BYTES);
  });

  it('runs with only electron to require and exposes exactly call and subscribe', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: 'answered' });
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => {
          listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
        },
        removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
          listeners.get(channel)?.delete(listener);
        },
      },
    };
    const sandboxRequire = (id: string): unknown => {
      if (id === 'electron') return electron;
      throw new Error(`the preload required ${JSON.stringify(id)}, which a sandboxed preload cannot`);
    };
    // Web globals only: the renderer's own, no Node built-ins (no process, Buffer, fs).
    const context = createContext({ console, URL, TextEncoder, TextDecoder, setTimeout, clearTimeout, queueMicrotask });
    const module = { exports: {} };
    const wrapper = new Script(`(function (exports, require, module, __filename, __dirname) {${read(PRELOAD)}\n})`, {
      filename: PRELOAD,
    }).runInContext(context) as (...args: unknown[]) => void;
    wrapper(module.exports, sandboxRequire, module, PRELOAD, join(OUT, 'preload'));

    expect([...exposed.keys()]).toEqual([BRIDGE_KEY]);
    const bridge = exposed.get(BRIDGE_KEY) as {
      call(name: unknown, input: unknown): Promise<unknown>;
      subscribe(listener: (event: unknown) => void): () => void;
    };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'subscribe']);

    // A name that is not even a string is answered here; names are checked against the contract
    // in the main process (tests/main/callGate.test.ts, the dispatcher tests).
    for (const name of [42, null, undefined, {}, ['app.info']]) {
      await expect(bridge.call(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    expect(invoked).toEqual([]);

    for (const name of CALL_NAMES) {
      await expect(bridge.call(name, { probe: name })).resolves.toEqual({ ok: true, value: 'answered' });
    }
    expect(invoked).toEqual(CALL_NAMES.map((name) => [CALL_CHANNEL, name, { probe: name }]));

    const heard: unknown[] = [];
    const unsubscribe = bridge.subscribe((event) => heard.push(event));
    const event = { type: 'job.updated', job: { id: 1 } };
    for (const listener of listeners.get(EVENT_CHANNEL) ?? []) listener({ sender: 'the ipc event' }, event);
    expect(heard).toEqual([event]);
    unsubscribe();
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });
});

describe('out/main', () => {
  it('has the main entry and the job worker side by side, and main finds the worker there', () => {
    expect(existsSync(MAIN)).toBe(true);
    expect(existsSync(JOB_WORKER)).toBe(true);
    // Resolved against out/main/index.js at run time; the bundler must leave it as is.
    expect(read(MAIN)).toMatch(/new URL\(\s*["']\.\/jobWorker\.js["']\s*,\s*import\.meta\.url\s*\)/);
  });

  it('leaves better-sqlite3 external (its native prebuild loads from node_modules, unpacked from the asar)', () => {
    const files = filesUnder(join(OUT, 'main'));
    const code = files.filter((f) => f.endsWith('.js')).map((f) => ({ file: relative(OUT, f), text: read(f) }));
    expect(code.some(({ text }) => /from\s*["']better-sqlite3["']|require\(\s*["']better-sqlite3["']\s*\)/.test(text))).toBe(true);
    for (const { file, text } of code) {
      expect(text, file).not.toContain('better_sqlite3.node');
      expect(text, file).not.toMatch(/prebuilds\/[\w-]+\.node/);
    }
    expect(files.filter((f) => f.endsWith('.node'))).toEqual([]);
  });

  it('imports electron only in index.js, never in code a job worker thread loads', () => {
    expect(read(MAIN)).toMatch(/from\s*["']electron["']/);
    // Worker threads have no Electron API: a shared chunk that imported it would kill every job.
    for (const file of filesUnder(join(OUT, 'main')).filter((f) => f.endsWith('.js') && f !== MAIN)) {
      expect(read(file), relative(OUT, file)).not.toMatch(/(from\s*|import\s*\(\s*|require\(\s*)["']electron["']/);
    }
  });
});

describe('out/renderer/index.html', () => {
  it('exists and has no inline script (the CSP allows none)', () => {
    const html = read(RENDERER_HTML);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, attributes = '', body = ''] of scripts) {
      expect(attributes, tag).toMatch(/\bsrc\s*=/);
      expect(body.trim(), tag).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('loads its assets from its own origin', () => {
    const html = read(RENDERER_HTML);
    for (const [, url] of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)) {
      expect(url, 'an asset URL').not.toMatch(/^(https?:)?\/\//i);
    }
  });
});
