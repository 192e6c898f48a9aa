import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECRET_HEADER, startWebServer, type WebServer } from '../../electron/web/server.ts';
import { memoryLogger } from '../../electron/core/logger.ts';
import type { KontorEvent } from '../../shared/contract/index.ts';
import type { JobView } from '../../shared/contract/jobs.ts';
import type { CallError, CallResult } from '../../shared/errors.ts';
import {
  MISSING_SECRET_MESSAGE,
  SECRET_STORAGE_KEY,
  UNREACHABLE_MESSAGE,
  createSseParser,
  createWebTransport,
} from '../../renderer/src/transport/webTransport.ts';
import { makeTempDir } from '../support/tempDir.ts';
import { openTestKontor, type TestKontor } from '../support/testKontor.ts';

// A real core (fresh database per test) behind a real server on 127.0.0.1; requests go through
// node:http so paths and headers reach the server exactly as written (fetch would normalise
// `/../` and refuse to set Host).

const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuv';
const INDEX_HTML = '<!doctype html><title>Kontor stand-in</title><script type="module" src="/assets/app.js"></script>';
const OUTSIDE_SECRET = 'TOP-SECRET-OUTSIDE-THE-STATIC-DIR';

let t: TestKontor;
let site: string;
let server: WebServer;
let log: ReturnType<typeof memoryLogger>;
let activeSubscriptions = 0;

beforeEach(async () => {
  t = await openTestKontor();
  site = makeTempDir('kontor-web-test-');
  const staticDir = join(site, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("kontor");');
  writeFileSync(join(staticDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(staticDir, '.hidden'), 'hidden');
  writeFileSync(join(site, 'secret.txt'), OUTSIDE_SECRET);
  writeFileSync(join(site, 'package.json'), `{"name": "kontor", "note": "${OUTSIDE_SECRET}"}`);

  log = memoryLogger();
  activeSubscriptions = 0;
  const events = {
    // Counts live subscriptions so a test can see the stream unsubscribe when the client leaves.
    subscribe(listener: (event: KontorEvent) => void) {
      activeSubscriptions += 1;
      const unsubscribe = t.kontor.events.subscribe(listener);
      return () => {
        activeSubscriptions -= 1;
        unsubscribe();
      };
    },
  };
  server = await startWebServer({
    kontor: { dispatcher: t.kontor.dispatcher, events },
    staticDir,
    host: '127.0.0.1',
    secret: SECRET,
    log,
    heartbeatMs: 50,
    maxBodyBytes: 64 * 1024,
  });
});

afterEach(async () => {
  await server.close();
  await t.close();
  rmSync(site, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

function send(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  host?: string;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: options.host ?? '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function callApi(name: unknown, input: unknown, headers: Record<string, string> = { [SECRET_HEADER]: SECRET }): Promise<Answer> {
  return send({
    method: 'POST',
    path: '/api/call',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name, input }),
  });
}

function validProfile() {
  return {
    legalName: 'Atlas Export SARL',
    tradeName: null,
    country: 'MA',
    baseCurrency: 'MAD',
    fiscalYearStart: { month: 1, day: 1 },
    defaultLanguage: 'fr',
    email: null,
    phone: null,
    website: null,
    addresses: [{ kind: 'registered', line1: '12 rue de Fès', city: 'Casablanca', country: 'MA' }],
    bankAccounts: [],
    taxIds: [],
  };
}

function fakeJob(id: number): JobView {
  return {
    id,
    kind: 'database.backup',
    status: 'running',
    done: 1,
    total: 2,
    message: null,
    result: null,
    error: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: null,
  };
}

function errorOf(result: unknown): CallError {
  const answer = result as CallResult<unknown>;
  if (answer.ok) throw new Error(`expected a failed call, got ${JSON.stringify(answer)}`);
  return answer.error;
}

async function expectNothingWritten(): Promise<void> {
  await expect(t.client.call('company.get', {})).resolves.toBeNull();
}

describe('web server: access', () => {
  it('listens on 127.0.0.1 only, on a random port, and prints a URL with the secret in the fragment', async () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#secret=${SECRET}`);

    const reachable = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connect({ host, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    expect(await reachable('127.0.0.1')).toBe(true);
    // Every other address of this machine (IPv6 loopback, LAN, container network) must refuse.
    const others = ['::1', ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))].filter(
      (address) => address !== '127.0.0.1',
    );
    for (const address of others) expect(await reachable(address), `reachable on ${address}`).toBe(false);
  });

  it('generates a fresh 32-byte base64url secret when none is given', async () => {
    const other = await startWebServer({
      kontor: t.kontor,
      staticDir: join(site, 'static'),
      host: '127.0.0.1',
      log,
    });
    try {
      expect(other.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.secret).not.toBe(SECRET);
      expect(other.url).toBe(`${other.origin}/#secret=${other.secret}`);
    } finally {
      await other.close();
    }
  });

  it('refuses to bind anything but 127.0.0.1 and refuses a weak secret', async () => {
    await expect(
      startWebServer({ kontor: t.kontor, staticDir: join(site, 'static'), host: '0.0.0.0' as '127.0.0.1', log }),
    ).rejects.toThrow(/127\.0\.0\.1 only/);
    await expect(
      startWebServer({ kontor: t.kontor, staticDir: join(site, 'static'), host: '127.0.0.1', secret: 'short', log }),
    ).rejects.toThrow(/at least 22 base64url/);
  });

  it('fails clearly when the static directory has no index.html', async () => {
    await expect(startWebServer({ kontor: t.kontor, staticDir: site + '-missing', host: '127.0.0.1', log })).rejects.toThrow(
      /index\.html does not exist: build the renderer first/,
    );
  });

  it('answers a call without the secret with 401 UNAUTHORIZED and writes nothing', async () => {
    const answer = await callApi('company.save', validProfile(), {});
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(errorOf(answer.json()).message).toContain('npm run web');
    await expectNothingWritten();
  });

  it('answers a call with a wrong secret (same length, other length, empty) with 401', async () => {
    for (const wrong of [SECRET.replace(/.$/, 'X'), `${SECRET}x`, 'x', '']) {
      const answer = await callApi('company.save', validProfile(), { [SECRET_HEADER]: wrong });
      expect(answer.status, `secret ${JSON.stringify(wrong)}`).toBe(401);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    await expectNothingWritten();
  });

  it('refuses a request for another Host (DNS rebinding), even with the right secret', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `[::1]:${server.port}`]) {
      const answer = await send({
        method: 'POST',
        path: '/api/call',
        headers: { host, 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
        body: JSON.stringify({ name: 'company.save', input: validProfile() }),
      });
      expect(answer.status, host).toBe(421);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      const page = await send({ path: '/', headers: { host } });
      expect(page.status, host).toBe(421);
      expect(page.text).not.toContain('Kontor stand-in');
    }
    await expectNothingWritten();
    // The two names of this server are fine.
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await send({ path: '/', headers: { host } })).status, host).toBe(200);
    }
  });

  it('refuses API requests from another origin or a cross-site fetch, even with the right secret', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`]) {
      const answer = await callApi('company.save', validProfile(), { origin, [SECRET_HEADER]: SECRET });
      expect(answer.status, origin).toBe(403);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    for (const site of ['cross-site', 'same-site']) {
      const answer = await callApi('company.save', validProfile(), { 'sec-fetch-site': site, [SECRET_HEADER]: SECRET });
      expect(answer.status, site).toBe(403);
    }
    await expectNothingWritten();

    const own = await callApi('company.get', {}, { origin: server.origin, 'sec-fetch-site': 'same-origin', [SECRET_HEADER]: SECRET });
    expect(own.status).toBe(200);
    expect(own.json()).toEqual({ ok: true, value: null });
  });

  it('does not answer CORS preflights', async () => {
    const answer = await send({
      method: 'OPTIONS',
      path: '/api/call',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': SECRET_HEADER },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('web server: calls', () => {
  it('answers a valid call with the dispatcher result, and it is stored', async () => {
    const answer = await callApi('company.save', validProfile());
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json()).toMatchObject({ ok: true, value: { legalName: 'Atlas Export SARL', country: 'MA' } });
    await expect(t.client.call('company.get', {})).resolves.toMatchObject({ legalName: 'Atlas Export SARL' });
  });

  it('answers malformed input with VALIDATION and its issues (200), and writes nothing', async () => {
    const answer = await callApi('company.save', { ...validProfile(), legalName: 42 });
    expect(answer.status).toBe(200);
    const result = answer.json() as CallResult<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (result.ok) return;
    expect(result.error.details?.issues?.map((i) => i.path)).toContain('legalName');
    await expectNothingWritten();
  });

  it('answers an unknown call with UNKNOWN_CALL', async () => {
    for (const name of ['company.drop', '__proto__', 42, null]) {
      const answer = await callApi(name, {});
      expect(answer.status).toBe(200);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('answers malformed JSON and a non-object body with 400 VALIDATION', async () => {
    for (const body of ['{"name": "company.get", ', '[]', '"company.get"', 'null']) {
      const answer = await send({
        method: 'POST',
        path: '/api/call',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
        body,
      });
      expect(answer.status, body).toBe(400);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('refuses a body that is not JSON (415) and a wrong method (405)', async () => {
    const text = await send({
      method: 'POST',
      path: '/api/call',
      headers: { 'content-type': 'text/plain', [SECRET_HEADER]: SECRET },
      body: JSON.stringify({ name: 'company.save', input: validProfile() }),
    });
    expect(text.status).toBe(415);
    expect(text.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const get = await send({ path: '/api/call', headers: { [SECRET_HEADER]: SECRET } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    await expectNothingWritten();
  });

  it('refuses a body over the limit with 413 and a clear message, declared or streamed', async () => {
    const big = JSON.stringify({ name: 'company.save', input: { ...validProfile(), legalName: 'x'.repeat(70 * 1024) } });
    const declared = await callApi('company.save', { ...validProfile(), legalName: 'x'.repeat(70 * 1024) });
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(errorOf(declared.json()).message).toContain('larger than 64 KiB');

    // Chunked, without Content-Length: the limit applies while reading.
    const streamed = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/call',
          headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
          });
        },
      );
      // The server may close the connection before we finish writing; that is the point.
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      for (let i = 0; i < big.length; i += 8 * 1024) req.write(big.slice(i, i + 8 * 1024));
      req.end();
    });
    expect(streamed.status).toBe(413);
    await expectNothingWritten();
  });

  it('answers an unknown API route with 404 (and 401 without the secret)', async () => {
    const known = await send({ path: '/api/nothing', headers: { [SECRET_HEADER]: SECRET } });
    expect(known.status).toBe(404);
    expect(known.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await send({ path: '/api/nothing' })).status).toBe(401);
  });
});

describe('web server: static files', () => {
  it('serves index.html for / and for client routes, never cached, with the security headers', async () => {
    for (const path of ['/', '/company/profile', '/settings?tab=language']) {
      const answer = await send({ path });
      expect(answer.status, path).toBe(200);
      expect(answer.text).toBe(INDEX_HTML);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('puts the security headers on refusals and API answers too', async () => {
    for (const answer of [await send({ path: '/api/call', method: 'POST' }), await send({ path: '/', headers: { host: 'evil.example' } })]) {
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves assets with their content type; a missing file is a 404, not index.html', async () => {
    const js = await send({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toBe('console.log("kontor");');
    const css = await send({ path: '/assets/app.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send({ path: '/assets/missing.js' })).status).toBe(404);
    expect((await send({ path: '/.hidden' })).status).toBe(404);
    // No favicon in this build: an empty answer rather than a 404 in every browser console.
    expect((await send({ path: '/favicon.ico' })).status).toBe(204);
    expect((await send({ method: 'HEAD', path: '/assets/app.js' })).status).toBe(200);
    expect((await send({ method: 'POST', path: '/' })).status).toBe(405);
  });

  it('never serves a file outside the static directory', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/package.json',
      '/%2E%2E/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets%5c..%5c..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/..',
      '/%00/../secret.txt',
      '/index.html%00.js',
      `/${join(site, 'secret.txt')}`,
      `//${join(site, 'secret.txt')}`,
      '/%',
    ];
    for (const path of attempts) {
      const answer = await send({ path });
      expect(answer.text, path).not.toContain(OUTSIDE_SECRET);
      expect([200, 400, 404], path).toContain(answer.status);
      // A 200 may only be the app's own index.html (an unknown client route).
      if (answer.status === 200) expect(answer.text, path).toBe(INDEX_HTML);
    }
  });
});

describe('web server: events', () => {
  async function openStream(headers: Record<string, string> = { [SECRET_HEADER]: SECRET }) {
    const controller = new AbortController();
    const response = await fetch(`${server.origin}/api/events`, { headers, signal: controller.signal });
    return { response, controller };
  }

  async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean): Promise<string> {
    const decoder = new TextDecoder();
    let text = '';
    while (!done(text)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text;
  }

  it('streams events as SSE with heartbeats, and unsubscribes when the client leaves', async () => {
    const { response, controller } = await openStream();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes(': connected'));
    expect(activeSubscriptions).toBe(1);

    const event: KontorEvent = { type: 'job.updated', job: fakeJob(7) };
    t.kontor.events.emit(event);
    const text = await readUntil(reader, (s) => s.includes('\n\n') && s.includes('data:') && s.includes(': heartbeat'));
    expect(text).toContain(`data: ${JSON.stringify(event)}\n\n`);
    expect(text).toContain(': heartbeat\n\n');

    controller.abort();
    await expect.poll(() => activeSubscriptions).toBe(0);
  });

  it('refuses the stream without the secret or from another origin', async () => {
    expect((await openStream({})).response.status).toBe(401);
    expect((await openStream({ [SECRET_HEADER]: 'wrong-secret-0123456789abcdef' })).response.status).toBe(401);
    expect((await openStream({ [SECRET_HEADER]: SECRET, origin: 'https://evil.example' })).response.status).toBe(403);
    expect(activeSubscriptions).toBe(0);
  });

  it('ends open streams when the server closes', async () => {
    const { response } = await openStream();
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes(': connected'));
    await server.close();
    await readUntil(reader, () => false);
    expect(activeSubscriptions).toBe(0);
  });
});

describe('webTransport against the server', () => {
  function memoryStorage(initial: Record<string, string> = {}) {
    const items = new Map(Object.entries(initial));
    return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
  }
  function fakeAddress(hash: string) {
    const replaced: string[] = [];
    return {
      replaced,
      location: { hash, pathname: '/', search: '' },
      history: { state: null, replaceState: (_d: unknown, _u: string, url?: string | null) => void replaced.push(String(url)) },
    };
  }
  const quiet = { warn: () => {}, error: () => {} };

  it('takes the secret from the fragment, keeps it for reloads, removes it from the address bar, and calls', async () => {
    const storage = memoryStorage();
    const address = fakeAddress(`#secret=${SECRET}`);
    const transport = createWebTransport({ baseUrl: server.origin, storage, ...address, log: quiet });
    expect(address.replaced).toEqual(['/']);
    expect(storage.items.get(SECRET_STORAGE_KEY)).toBe(SECRET);

    await expect(transport.call('company.get', {})).resolves.toEqual({ ok: true, value: null });
    const invalid = await transport.call('company.save', { ...validProfile(), legalName: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    // A reload: no fragment any more, the stored secret still works.
    const reloaded = createWebTransport({ baseUrl: server.origin, storage, ...fakeAddress(''), log: quiet });
    await expect(reloaded.call('company.get', {})).resolves.toEqual({ ok: true, value: null });
  });

  it('keeps other fragment parameters and prefers a new secret over a stored one', () => {
    const storage = memoryStorage({ [SECRET_STORAGE_KEY]: 'old-secret' });
    const address = fakeAddress(`#lang=ar&secret=${SECRET}`);
    createWebTransport({ baseUrl: server.origin, storage, ...address, log: quiet });
    expect(address.replaced).toEqual(['/#lang=ar']);
    expect(storage.items.get(SECRET_STORAGE_KEY)).toBe(SECRET);
  });

  it('answers UNAUTHORIZED pointing at npm run web when the page has no secret', async () => {
    const transport = createWebTransport({ baseUrl: server.origin, storage: memoryStorage(), ...fakeAddress(''), log: quiet });
    await expect(transport.call('company.get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: MISSING_SECRET_MESSAGE },
    });
    expect(MISSING_SECRET_MESSAGE).toContain('npm run web');
  });

  it("passes on the server's 401 for a stale secret", async () => {
    const storage = memoryStorage({ [SECRET_STORAGE_KEY]: 'stale-secret-from-an-earlier-launch' });
    const transport = createWebTransport({ baseUrl: server.origin, storage, ...fakeAddress(''), log: quiet });
    const result = await transport.call('company.get', {});
    expect(errorOf(result)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(errorOf(result).message).toContain('npm run web');
  });

  it('answers INTERNAL "not reachable" when the server is gone', async () => {
    const transport = createWebTransport({ baseUrl: server.origin, storage: memoryStorage(), ...fakeAddress(`#secret=${SECRET}`), log: quiet });
    await server.close();
    await expect(transport.call('company.get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: UNREACHABLE_MESSAGE },
    });
  });

  it('fans one event stream out to every listener and closes it after the last unsubscribes', async () => {
    const transport = createWebTransport({ baseUrl: server.origin, storage: memoryStorage(), ...fakeAddress(`#secret=${SECRET}`), log: quiet });
    const a: KontorEvent[] = [];
    const b: KontorEvent[] = [];
    const offA = transport.subscribe((e) => a.push(e));
    const offB = transport.subscribe((e) => b.push(e));
    await expect.poll(() => activeSubscriptions).toBe(1);

    t.kontor.events.emit({ type: 'job.updated', job: fakeJob(1) });
    await expect.poll(() => b.length).toBe(1);
    expect(a).toEqual([{ type: 'job.updated', job: fakeJob(1) }]);

    offA();
    t.kontor.events.emit({ type: 'job.updated', job: fakeJob(2) });
    await expect.poll(() => b.length).toBe(2);
    expect(a).toHaveLength(1);

    offB();
    await expect.poll(() => activeSubscriptions).toBe(0);
  });

  it('reconnects after the server drops the stream', async () => {
    const transport = createWebTransport({
      baseUrl: server.origin,
      storage: memoryStorage(),
      ...fakeAddress(`#secret=${SECRET}`),
      reconnectDelayMs: { initial: 20, max: 100 },
      log: quiet,
    });
    const seen: number[] = [];
    const off = transport.subscribe((e) => seen.push(e.job.id));
    await expect.poll(() => activeSubscriptions).toBe(1);
    // Drop every open stream by closing the server, then bring one up again on the same port.
    const port = server.port;
    await server.close();
    await expect.poll(() => activeSubscriptions).toBe(0);
    server = await startWebServer({
      kontor: {
        dispatcher: t.kontor.dispatcher,
        events: {
          subscribe(listener) {
            activeSubscriptions += 1;
            const unsubscribe = t.kontor.events.subscribe(listener);
            return () => {
              activeSubscriptions -= 1;
              unsubscribe();
            };
          },
        },
      },
      staticDir: join(site, 'static'),
      host: '127.0.0.1',
      port,
      secret: SECRET,
      log,
    });
    await expect.poll(() => activeSubscriptions, { timeout: 5_000 }).toBe(1);
    t.kontor.events.emit({ type: 'job.updated', job: fakeJob(3) });
    await expect.poll(() => seen).toEqual([3]);
    off();
  });
});

describe('SSE parser', () => {
  it('handles CRLF split across chunks, comments, multi-line data and named events', () => {
    const messages: string[] = [];
    const parser = createSseParser((data) => messages.push(data));
    for (const chunk of [': hi\r', '\ndata: {"a"', ':1}\r', '\n\r\n', 'data: x\ndata: y\n\n', 'event: other\ndata: z\n\n', 'data:no-space\n\n']) {
      parser.push(chunk);
    }
    expect(messages).toEqual(['{"a":1}', 'x\ny', 'no-space']);
  });
});
