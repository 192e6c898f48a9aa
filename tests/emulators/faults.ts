import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Fault knobs shared by the emulators. Randomness is seeded, so a failing test fails the same way
 * again. `itemErrorRate` picks items by a hash of seed and SKU: the same SKU always fails the same
 * way, as a real validation error would.
 */
export interface Faults {
  seed: number;
  /** Share of items answered with a per-item platform error (final, not retryable). */
  itemErrorRate: number;
  /** Share of requests answered 503 before doing anything. */
  serverErrorRate: number;
  /** Share of requests whose socket is destroyed before any answer (ECONNRESET at the client). */
  resetRate: number;
  /** Share of requests delayed by `slowMs`. */
  slowRate: number;
  slowMs: number;
  /** After this many items were written, every connection is dropped and the server stops. */
  dieAfterItems: number | null;
}

export const NO_FAULTS: Faults = { seed: 1, itemErrorRate: 0, serverErrorRate: 0, resetRate: 0, slowRate: 0, slowMs: 0, dieAfterItems: null };

/** mulberry32: small, fast, good enough for test noise. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashUnit(seed: number, text: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1_000_000) / 1_000_000;
}

export interface FaultCounters {
  requests: number;
  serverErrors: number;
  resets: number;
  slow: number;
}

/** Applies request-level faults; answers true when the request was consumed by one. */
export async function requestFault(faults: Faults, random: () => number, counters: FaultCounters, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (faults.slowRate > 0 && random() < faults.slowRate) {
    counters.slow++;
    await new Promise((r) => setTimeout(r, faults.slowMs));
  }
  if (faults.resetRate > 0 && random() < faults.resetRate) {
    counters.resets++;
    req.socket.destroy();
    return true;
  }
  if (faults.serverErrorRate > 0 && random() < faults.serverErrorRate) {
    counters.serverErrors++;
    res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '1' });
    res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
    return true;
  }
  return false;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

export async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * What an image really is, judged by its bytes as the platforms do (sharp reads the header):
 * format and size in pixels, or null when it is no image at all.
 */
export async function inspectImage(bytes: Buffer): Promise<{ format: string; width: number; height: number } | null> {
  const { default: sharp } = await import('sharp');
  try {
    const meta = await sharp(bytes).metadata();
    return meta.format && meta.width && meta.height ? { format: meta.format, width: meta.width, height: meta.height } : null;
  } catch {
    return null;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function parseFaults(args: Record<string, string | undefined>): Partial<Faults> {
  const num = (k: string): number | undefined => (args[k] === undefined ? undefined : Number(args[k]));
  const out: Partial<Faults> = {};
  const set = <K extends keyof Faults>(key: K, value: Faults[K] | undefined): void => {
    if (value !== undefined && !Number.isNaN(value)) out[key] = value;
  };
  set('seed', num('seed'));
  set('itemErrorRate', num('item-error-rate'));
  set('serverErrorRate', num('5xx-rate'));
  set('resetRate', num('reset-rate'));
  set('slowRate', num('slow-rate'));
  set('slowMs', num('slow-ms'));
  set('dieAfterItems', num('die-after'));
  return out;
}
