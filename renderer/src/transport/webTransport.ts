import type { Transport } from '../../../shared/client.ts';
import type { KontorEvent } from '../../../shared/contract/index.ts';
import { isCallError, type CallError, type CallResult } from '../../../shared/errors.ts';

/**
 * Browser mode's transport: HTTP to the local server started by `npm run web`
 * (electron/web/server.ts). Every request carries the per-launch secret, which the page receives
 * in the URL fragment (`#secret=…`): fragments never reach the server's logs or a Referer. It is
 * kept in sessionStorage so a reload works, and removed from the address bar so it is not
 * bookmarked or shared by accident.
 *
 * Events come from `GET /api/events`, a Server-Sent Events stream read with fetch (EventSource
 * cannot send the secret header). One stream serves all listeners; it reconnects with backoff.
 */

export const SECRET_STORAGE_KEY = 'kontor.webSecret';
const SECRET_HEADER = 'x-kontor-secret';

export const MISSING_SECRET_MESSAGE =
  'This page was opened without its access key. Open the address printed by `npm run web` (it ends in #secret=…).';
export const UNREACHABLE_MESSAGE =
  "Kontor's local server is not reachable. Is `npm run web` still running? Start it again and open the address it prints.";

// This file is also compiled and run under Node (tests/web drive it against the real server), so
// it names the few browser objects it uses structurally instead of relying on the DOM library.
interface LocationLike {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}
interface HistoryLike {
  readonly state: unknown;
  replaceState(data: unknown, unused: string, url?: string | null): void;
}
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
type Log = Pick<Console, 'warn' | 'error'>;

export interface WebTransportOptions {
  /** Prefix for `/api/…`; '' (the default) is the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  location?: LocationLike;
  history?: HistoryLike;
  /** Where the secret survives a reload; null for none. Defaults to sessionStorage. */
  storage?: StorageLike | null;
  /** First and longest wait before reconnecting the event stream. */
  reconnectDelayMs?: { initial: number; max: number };
  log?: Log;
}

/** Kept for the page's lifetime in case sessionStorage is unavailable (e.g. a sandboxed frame). */
let secretInMemory: string | undefined;

export function createWebTransport(options: WebTransportOptions = {}): Transport {
  const browser = globalThis as unknown as { location?: LocationLike; history?: HistoryLike };
  const log: Log = options.log ?? console;
  const baseUrl = options.baseUrl ?? '';
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const storage = options.storage !== undefined ? options.storage : defaultStorage(log);
  const delays = options.reconnectDelayMs ?? { initial: 500, max: 10_000 };

  const secret = resolveSecret(options.location ?? browser.location, options.history ?? browser.history, storage, log);

  // --- calls -------------------------------------------------------------------------------

  async function call(name: string, input: unknown): Promise<CallResult<unknown>> {
    if (secret === undefined) return failure({ code: 'UNAUTHORIZED', message: MISSING_SECRET_MESSAGE });
    let body: string;
    try {
      body = JSON.stringify({ name, input });
    } catch (error) {
      return failure({ code: 'INTERNAL', message: `The input of ${name} cannot be sent as JSON: ${messageOf(error)}` });
    }
    let response: Response;
    try {
      response = await fetchFn(`${baseUrl}/api/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
        body,
        cache: 'no-store',
        redirect: 'error',
      });
    } catch (error) {
      return failure({ code: 'INTERNAL', message: UNREACHABLE_MESSAGE, details: { cause: messageOf(error) } });
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (error) {
      // A SyntaxError is a strange answer; anything else means the connection broke mid-answer.
      if (!(error instanceof SyntaxError)) {
        return failure({ code: 'INTERNAL', message: UNREACHABLE_MESSAGE, details: { cause: messageOf(error) } });
      }
      payload = undefined;
    }
    if (isCallResult(payload)) return payload;
    return failure({
      code: 'INTERNAL',
      message: `Kontor's local server answered ${name} with something that is not a result (HTTP ${response.status}).`,
    });
  }

  // --- events ------------------------------------------------------------------------------

  const listeners = new Set<(event: KontorEvent) => void>();
  let stream: AbortController | undefined;

  function fanOut(event: KontorEvent): void {
    for (const listener of listeners) {
      // One broken listener must not keep the others from hearing about a job.
      try {
        listener(event);
      } catch (error) {
        log.error('A Kontor event listener failed:', error);
      }
    }
  }

  async function runStream(signal: AbortSignal): Promise<void> {
    if (secret === undefined) {
      log.error(`Kontor events are off: ${MISSING_SECRET_MESSAGE}`);
      return;
    }
    let delay = delays.initial;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const response = await fetchFn(`${baseUrl}/api/events`, {
          headers: { accept: 'text/event-stream', [SECRET_HEADER]: secret },
          cache: 'no-store',
          redirect: 'error',
          signal,
        });
        if (response.status === 401 || response.status === 403 || response.status === 421) {
          // Retrying cannot help: the secret or the address is wrong until the page is reopened.
          log.error(`Kontor refused the event stream: ${await errorMessageOf(response)}`);
          return;
        }
        if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
        delay = delays.initial;
        failures = 0;
        await readEventStream(response.body, fanOut, log);
        // The server ended the stream (it is shutting down or restarting): reconnect below.
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        // The first failure says what happened; repeating it every few seconds would flood the console.
        if (failures === 1 || failures % 20 === 0) {
          log.warn(`Kontor's event stream is disconnected (${messageOf(error)}); reconnecting.`);
        }
      }
      await sleep(delay, signal);
      delay = Math.min(delay * 2, delays.max);
    }
  }

  function subscribe(listener: (event: KontorEvent) => void): () => void {
    listeners.add(listener);
    if (stream === undefined) {
      const controller = new AbortController();
      stream = controller;
      runStream(controller.signal).catch((error: unknown) => log.error("Kontor's event stream stopped:", error));
    }
    return () => {
      if (!listeners.delete(listener) || listeners.size > 0) return;
      stream?.abort();
      stream = undefined;
    };
  }

  return { call, subscribe };
}

/**
 * Reads a Server-Sent Events body until it ends, handing each `data:` message (a JSON
 * KontorEvent) to `onEvent`. Comments (`: heartbeat`) and unknown fields are skipped.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: KontorEvent) => void,
  log: Log = console,
): Promise<void> {
  const parser = createSseParser((data) => {
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch (error) {
      log.error(`Kontor sent an event that is not JSON (${messageOf(error)}); it is skipped.`);
      return;
    }
    if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') {
      log.error('Kontor sent an event without a type; it is skipped.');
      return;
    }
    onEvent(event as KontorEvent);
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
  } finally {
    reader.releaseLock();
  }
}

/** The line-level part of the SSE format: fields per line, a blank line ends a message. */
export function createSseParser(onMessage: (data: string, eventName: string) => void): { push(text: string): void } {
  let buffer = '';
  let data: string[] = [];
  let eventName = '';

  const line = (text: string): void => {
    if (text === '') {
      const name = eventName || 'message';
      const payload = data.join('\n');
      const hasData = data.length > 0;
      data = [];
      eventName = '';
      // Our server sends unnamed messages only; a named one would be meant for some other reader.
      if (hasData && name === 'message') onMessage(payload, name);
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
    // `id` and `retry` do not matter here: reconnection is this transport's own.
  };

  return {
    push(text) {
      buffer += text;
      for (;;) {
        const end = buffer.search(/[\r\n]/);
        if (end === -1) return;
        // A lone `\r` at the end may be the first half of `\r\n`: wait for the next chunk.
        if (buffer[end] === '\r' && end === buffer.length - 1) return;
        const terminatorLength = buffer[end] === '\r' && buffer[end + 1] === '\n' ? 2 : 1;
        line(buffer.slice(0, end));
        buffer = buffer.slice(end + terminatorLength);
      }
    },
  };
}

// --- the secret ------------------------------------------------------------------------------

function resolveSecret(
  location: LocationLike | undefined,
  history: HistoryLike | undefined,
  storage: StorageLike | null,
  log: Log,
): string | undefined {
  const fromAddress = location ? takeSecretFromAddress(location, history) : undefined;
  if (fromAddress !== undefined) {
    // A secret in the address is always the newest: the server may have restarted since the last one.
    secretInMemory = fromAddress;
    if (storage) {
      try {
        storage.setItem(SECRET_STORAGE_KEY, fromAddress);
      } catch (error) {
        log.warn(`Kontor cannot keep its access key for reloads (${messageOf(error)}); after a reload, open the printed address again.`);
      }
    }
    return fromAddress;
  }
  if (storage) {
    try {
      return storage.getItem(SECRET_STORAGE_KEY) || undefined;
    } catch (error) {
      log.warn(`Kontor cannot read its stored access key (${messageOf(error)}).`);
    }
  }
  // Only without working storage: another transport on this page may have taken the secret already.
  return secretInMemory;
}

/** Reads `secret` from the fragment and removes it (only it) from the address bar. */
function takeSecretFromAddress(location: LocationLike, history: HistoryLike | undefined): string | undefined {
  const fragment = location.hash.startsWith('#') ? location.hash.slice(1) : location.hash;
  if (!fragment.includes('secret=')) return undefined;
  const params = new URLSearchParams(fragment);
  const secret = params.get('secret');
  if (secret === null) return undefined;
  params.delete('secret');
  const rest = params.toString();
  history?.replaceState(history.state, '', `${location.pathname}${location.search}${rest === '' ? '' : `#${rest}`}`);
  return secret === '' ? undefined : secret;
}

function defaultStorage(log: Log): StorageLike | null {
  try {
    return (globalThis as unknown as { sessionStorage?: StorageLike }).sessionStorage ?? null;
  } catch (error) {
    // Touching sessionStorage throws in sandboxed frames and with storage blocked.
    log.warn(`Kontor cannot use sessionStorage (${messageOf(error)}); a reload will need the printed address again.`);
    return null;
  }
}

// --- helpers ---------------------------------------------------------------------------------

function isCallResult(value: unknown): value is CallResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; error?: unknown };
  // JSON drops an undefined `value`, so `{ok: true}` alone is a result too.
  return result.ok === true || (result.ok === false && isCallError(result.error));
}

async function errorMessageOf(response: Response): Promise<string> {
  try {
    const payload: unknown = await response.json();
    if (isCallResult(payload) && !payload.ok) return payload.error.message;
  } catch (error) {
    return `HTTP ${response.status} (${messageOf(error)})`;
  }
  return `HTTP ${response.status}`;
}

function failure(error: CallError): CallResult<never> {
  return { ok: false, error };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
