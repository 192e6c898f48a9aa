import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CallError, CallResult } from '../../shared/errors.ts';
import type { Dispatcher } from '../core/dispatcher.ts';
import type { EventHub } from '../core/events.ts';
import { contentTypeFor, isInside } from '../core/files/staticFiles.ts';
import type { Logger } from '../core/logger.ts';

/**
 * Browser mode: the renderer served over HTTP on 127.0.0.1, talking to the same dispatcher the
 * Electron app uses. Anything on this machine can reach a loopback port — other users' processes,
 * and every web page the user visits (through the browser) — so every API request must prove it
 * comes from the page we printed the URL for:
 *
 *  - a per-launch secret in the `x-kontor-secret` header (the page gets it from the URL fragment,
 *    which browsers never send to a server or put in a Referer);
 *  - the Host header must name this server, so a DNS-rebinding page (evil.example → 127.0.0.1)
 *    is refused even before the secret is checked;
 *  - an Origin or Sec-Fetch-Site header, when present, must say "same origin".
 *
 * Plain `node:http`: the whole surface is two API routes and static files.
 */

export interface WebServerKontor {
  dispatcher: Dispatcher;
  events: Pick<EventHub, 'subscribe'>;
}

export interface WebServerOptions {
  kontor: WebServerKontor;
  /** The built renderer (`out/renderer`); must contain index.html. */
  staticDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Only loopback; the option exists so a call site states it. */
  host?: '127.0.0.1';
  /** Defaults to 32 random bytes, base64url. Tests pass their own. */
  secret?: string;
  log: Logger;
  /** How often the event stream sends a comment so proxies and idle timers keep it open. */
  heartbeatMs?: number;
  /** Largest accepted `POST /api/call` body. */
  maxBodyBytes?: number;
}

export interface WebServer {
  /** Where to point a browser: `http://127.0.0.1:PORT/#secret=…`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, without the secret. */
  readonly origin: string;
  readonly port: number;
  readonly secret: string;
  /** Ends event streams, stops accepting connections and resolves once the server is closed. */
  close(): Promise<void>;
}

/** A problem starting the server that its message fully explains (a taken port, no build, …). */
export class WebServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebServerError';
  }
}

export const SECRET_HEADER = 'x-kontor-secret';
export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

const HOST = '127.0.0.1';
/** How long `close()` lets in-flight requests finish before cutting their connections. */
const CLOSE_GRACE_MS = 2_000;
/** An event stream whose client stopped reading is dropped rather than buffered without end. */
const MAX_EVENT_BACKLOG_BYTES = 4 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Same-origin only: no other site may embed our scripts, images or JSON.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};


const OPEN_THE_PRINTED_URL = 'Open the address printed by `npm run web` (it ends in #secret=…) in this browser tab.';

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { kontor, log } = options;
  // Typed as the one allowed value, but callers in plain JS (or with a cast) could pass anything.
  const host: string = options.host ?? HOST;
  if (host !== HOST) {
    throw new WebServerError(`The Kontor web server listens on ${HOST} only, not ${host}: it must never be reachable from the network.`);
  }
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new WebServerError(`The port must be a whole number from 0 to 65535 (0 picks a free one), not ${String(options.port)}.`);
  }
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  // 22 base64url characters are 128 bits; shorter would be guessable, other characters would not
  // survive the URL fragment and the header unchanged.
  if (!/^[A-Za-z0-9_-]{22,}$/.test(secret)) {
    throw new WebServerError('The secret must be at least 22 base64url characters (A–Z, a–z, 0–9, "-", "_").');
  }
  const secretDigest = sha256(secret);
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const staticDir = path.resolve(options.staticDir);
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new WebServerError(`${path.join(staticDir, 'index.html')} does not exist: build the renderer first (npm run build, or npm run web -- --build).`);
  }
  // Symlinks inside the build are followed, but only to files that still lie inside it.
  const realStaticDir = await realpath(staticDir);

  // Filled in once listening; requests cannot arrive before that.
  let port = 0;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  const eventStreams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      log.error(`web server: ${req.method ?? '?'} ${pathOf(req.url)} failed`, error);
      if (!res.headersSent) {
        sendJson(res, 500, failure('INTERNAL', `Kontor's web server hit an unexpected problem: ${messageOf(error)}`));
      } else {
        res.destroy();
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '';
    const isApi = isApiPath(rawUrl);

    // DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 still sends
    // `Host: evil.example:PORT`. Checked for every path, not just the API.
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) {
      log.warn(`web server: refused a request for host ${JSON.stringify(hostHeader)} (DNS rebinding or a wrong address)`);
      refuse(res, isApi, 421, 'UNAUTHORIZED', `Kontor only answers requests addressed to ${HOST}:${port} or localhost:${port}.`);
      return;
    }
    if (!rawUrl.startsWith('/')) {
      refuse(res, isApi, 400, 'VALIDATION', 'The request target must be a path.');
      return;
    }
    if (isApi) {
      await handleApi(req, res, pathOf(rawUrl));
    } else {
      await serveStatic(req, res, pathOf(rawUrl));
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    // A browser names the page that made the request; only our own page may call.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
      log.warn(`web server: refused an API request from origin ${JSON.stringify(origin)}`);
      sendJson(res, 403, failure('UNAUTHORIZED', `Kontor does not answer requests from other web pages (${origin}).`));
      return;
    }
    // Fetch metadata: also catches cross-site requests that carry no Origin (e.g. a GET).
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      log.warn(`web server: refused a ${site} API request`);
      sendJson(res, 403, failure('UNAUTHORIZED', 'Kontor does not answer requests from other web pages.'));
      return;
    }
    if (!secretMatches(req.headers[SECRET_HEADER])) {
      const missing = req.headers[SECRET_HEADER] === undefined;
      sendJson(
        res,
        401,
        failure(
          'UNAUTHORIZED',
          missing
            ? `This request does not carry Kontor's access key. ${OPEN_THE_PRINTED_URL}`
            : `This page's access key is not the one of the running Kontor (was it restarted?). ${OPEN_THE_PRINTED_URL}`,
        ),
      );
      return;
    }

    if (pathname === '/api/call') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return handleCall(req, res);
    }
    if (pathname === '/api/events') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return streamEvents(req, res);
    }
    sendJson(res, 404, failure('NOT_FOUND', `There is no API route ${pathname}; use POST /api/call or GET /api/events.`));
  }

  function secretMatches(given: string | string[] | undefined): boolean {
    if (typeof given !== 'string' || given === '') return false;
    // Hashing first gives equal lengths, which timingSafeEqual needs, without leaking the length.
    return timingSafeEqual(sha256(given), secretDigest);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/json') {
      closeAfterResponse(res);
      sendJson(res, 415, failure('VALIDATION', 'POST /api/call takes a JSON body (Content-Type: application/json).'));
      return;
    }
    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      closeAfterResponse(res);
      sendJson(
        res,
        413,
        failure('VALIDATION', `The request is larger than ${formatBytes(maxBodyBytes)}, the most Kontor accepts in one call.`),
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      sendJson(res, 400, failure('VALIDATION', `The request body is not valid JSON: ${messageOf(error)}`));
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      sendJson(res, 400, failure('VALIDATION', 'The request body must be a JSON object {"name": …, "input": …}.'));
      return;
    }
    const { name, input } = parsed as { name?: unknown; input?: unknown };
    // The dispatcher answers unknown names and bad input itself, as it does for IPC.
    const result = await kontor.dispatcher.dispatch(name, input);
    sendJson(res, 200, result);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    // The stream lives as long as the tab; no idle timeout may cut it.
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Tells any buffering proxy (none expected on loopback, but cheap) to pass events through.
      'X-Accel-Buffering': 'no',
    });
    eventStreams.add(res);

    const write = (chunk: string): void => {
      if (res.writableEnded || res.destroyed) return;
      if (res.writableLength > MAX_EVENT_BACKLOG_BYTES) {
        log.warn('web server: an event stream stopped reading; closing it (the page reconnects)');
        res.destroy();
        return;
      }
      res.write(chunk);
    };

    const unsubscribe = kontor.events.subscribe((event) => write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      eventStreams.delete(res);
    });
    // Sent at once so the client knows the stream is open (and the headers are flushed).
    write(': connected\n\n');
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');

    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // A malformed %-escape is the client's mistake; the status says so, nothing to log.
      sendText(res, 400, 'Bad request: the path is not valid percent-encoding.');
      return;
    }
    // Split on both separators: on Windows a decoded `\` would be a path separator too.
    const segments = decoded.split(/[/\\]+/).filter((s) => s !== '');
    if (decoded.includes('\0') || segments.some((s) => s === '..' || s === '.')) {
      log.warn(`web server: refused the path ${JSON.stringify(pathname)} (it tries to leave the app's directory)`);
      sendText(res, 400, 'Bad request: the path may not contain "." or ".." segments.');
      return;
    }
    if (segments.length === 0) return serveFile(req, res, path.join(staticDir, 'index.html'));

    const candidate = path.join(staticDir, ...segments);
    if (!isInside(candidate, staticDir) || segments.some((s) => s.startsWith('.') || path.isAbsolute(s) || /^[A-Za-z]:/.test(s))) {
      sendText(res, 404, 'Not found.');
      return;
    }
    const info = await statOrNull(candidate);
    if (info?.isFile()) {
      if (!isInside(await realpath(candidate), realStaticDir)) {
        log.warn(`web server: refused ${JSON.stringify(pathname)}, a link that points outside the app's directory`);
        sendText(res, 404, 'Not found.');
        return;
      }
      return serveFile(req, res, candidate);
    }
    // Browsers ask for /favicon.ico on their own; without one in the build, "nothing" is the
    // answer, not a 404 error in the console of every page.
    if (segments.length === 1 && segments[0] === 'favicon.ico') {
      res.statusCode = 204;
      res.setHeader('Cache-Control', 'no-cache');
      res.end();
      return;
    }
    // A missing file (it has an extension) is a 404: answering index.html for a script would only
    // produce a confusing MIME-type error in the console. Anything else is a client-side route.
    if (path.extname(segments[segments.length - 1] ?? '') !== '') {
      sendText(res, 404, 'Not found.');
      return;
    }
    return serveFile(req, res, path.join(staticDir, 'index.html'));
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
    const info = await stat(file);
    const relative = path.relative(staticDir, file).split(path.sep).join('/');
    res.statusCode = 200;
    res.setHeader('Content-Type', contentTypeFor(file));
    res.setHeader('Content-Length', info.size);
    // index.html names the hashed bundles of this build; a cached copy would load the last one.
    // Vite's hashed files under assets/ never change content, so those may be kept.
    res.setHeader(
      'Cache-Control',
      relative === 'index.html' ? 'no-store' : relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(createReadStream(file), res);
    } catch (error) {
      // The browser went away mid-file (a reload, a closed tab): nothing to answer, nothing wrong.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      throw error;
    }
  }

  // --- listen -------------------------------------------------------------------------------

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new WebServerError(`Port ${requestedPort} on ${HOST} is already in use: pick another with --port, or leave it out for a free one.`)
          : error,
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port: requestedPort, host: HOST, exclusive: true });
  });
  // Errors after start-up (e.g. a client resetting its connection mid-response) are logged, not fatal.
  server.on('error', (error) => log.error('web server error', error));
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code !== 'ECONNRESET') log.warn(`web server: a malformed request was refused (${error.code ?? error.message})`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);
  const origin = `http://${HOST}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    port,
    secret,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        // Open event streams would keep server.close() waiting for ever.
        for (const stream of eventStreams) stream.end();
        const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close((error) => {
          clearTimeout(cutOff);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

// --- helpers ----------------------------------------------------------------------------------

function isApiPath(rawUrl: string): boolean {
  const pathname = pathOf(rawUrl);
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** The path part of a request target, without query; still percent-encoded. */
function pathOf(rawUrl: string | undefined): string {
  const url = rawUrl ?? '';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}


async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not there (or a file used as a directory): a client-side route or a 404, decided by the caller.
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Reads the body up to `limit` bytes; stops reading (and says so) beyond it. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * After refusing a body we did not read, the connection is closed once the answer is sent:
 * draining megabytes only to keep the connection alive is not worth it.
 */
function closeAfterResponse(res: ServerResponse): void {
  res.setHeader('Connection', 'close');
}

function failure(code: CallError['code'], message: string): CallResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** API refusals answer a CallResult the transport can show; page refusals plain text. */
function refuse(res: ServerResponse, isApi: boolean, status: number, code: CallError['code'], message: string): void {
  if (isApi) sendJson(res, status, failure(code, message));
  else sendText(res, status, message);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendJson(res, 405, failure('VALIDATION', `This route only answers ${allow}.`));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
