import type { Pacer, Permit } from './pacing.ts';

/**
 * Why a request to a platform failed, as the engine needs to know it: whether trying again can
 * help (throttled, 5xx, timeout, reset) and how long to wait first.
 */
export type RemoteErrorKind = 'auth' | 'throttled' | 'server' | 'network' | 'timeout' | 'rejected';

export class RemoteCallError extends Error {
  readonly kind: RemoteErrorKind;
  readonly status: number | null;
  /** The platform's own code (THROTTLED, woocommerce_rest_authentication_error…) or a transport code (ECONNRESET). */
  readonly code: string;
  readonly retryAfterMs: number | null;

  constructor(kind: RemoteErrorKind, code: string, message: string, options: { status?: number | null; retryAfterMs?: number | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RemoteCallError';
    this.kind = kind;
    this.code = code;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Text (JSON), a multipart form (staged uploads) or raw bytes (WordPress media). */
  body?: string | FormData | Uint8Array;
  /** Cost points the pacer takes before sending (1 for platforms paced by concurrency). */
  cost?: number;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
  /** Lets the caller report the platform's bucket status before the slot is given back. */
  permit: Permit;
}

export interface HttpClient {
  /** Sends once (no retries here: the engine decides); transport failures become RemoteCallError. */
  send(request: HttpRequest, signal: AbortSignal): Promise<HttpReply>;
  readonly pacer: Pacer;
  readonly stats: { requests: number };
}

export function createHttpClient(pacer: Pacer, options: { timeoutMs?: number } = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const stats = { requests: 0 };
  return {
    pacer,
    stats,
    async send(request, signal) {
      const permit = await pacer.acquire(request.cost ?? 1, signal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const both = AbortSignal.any([signal, timeout]);
      stats.requests++;
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers ?? {},
          ...(request.body === undefined ? {} : { body: request.body instanceof Uint8Array ? new Blob([request.body]) : request.body }),
          signal: both,
        });
        const text = await response.text();
        return { status: response.status, headers: response.headers, text, permit };
      } catch (error) {
        permit.release();
        if (signal.aborted) throw signal.reason as Error;
        if (timeout.aborted) {
          throw new RemoteCallError('timeout', 'TIMEOUT', `No answer within ${Math.round(timeoutMs / 1000)} s from ${new URL(request.url).host}.`, { cause: error });
        }
        const code = transportCode(error);
        throw new RemoteCallError('network', code, `The connection to ${new URL(request.url).host} failed (${code}).`, { cause: error });
      }
    },
  };
}

/** undici wraps the socket error in `cause`: ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET… */
function transportCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'NETWORK';
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The common HTTP statuses as error kinds; platform code refines them from the body. */
export function kindOfStatus(status: number): RemoteErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  return 'rejected';
}
