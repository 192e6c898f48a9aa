import { IMAGE_MAX_BYTES } from '../../../shared/catalog/images.ts';

/** Why an image of an import could not be brought in: a key of the imports namespace, its English sentence and what fills it. */
export interface ImageFailure {
  key: string;
  message: string;
  params: Record<string, string | number>;
}

export interface DownloadOptions {
  /** For the whole request, headers and body. */
  timeoutMs: number;
  maxBytes?: number;
  signal?: AbortSignal | undefined;
}

/** The error codes of a machine that is offline or cannot reach the host at all (DNS, routing, refused). */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNREFUSED', 'ECONNRESET', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Fetches an image URL with Node's fetch: the status must be 2xx, the body at most `maxBytes`
 * (the Content-Length is believed when it says more, and the body is cut off when it turns out
 * longer), all of it within `timeoutMs`. The bytes are not judged here: the catalog's image
 * pipeline decides whether they are a picture.
 */
export async function downloadImage(url: string, options: DownloadOptions): Promise<{ ok: true; bytes: Buffer; unreachable?: never } | { ok: false; failure: ImageFailure; unreachable: boolean }> {
  const maxBytes = options.maxBytes ?? IMAGE_MAX_BYTES;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const fail = (key: string, message: string, params: Record<string, string | number> = {}, unreachable = false) => ({
    ok: false as const,
    failure: { key, message, params: { url, ...params } },
    unreachable,
  });
  try {
    const response = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'image/jpeg, image/png, image/webp, image/*;q=0.8' } });
    if (!response.ok) {
      await response.body?.cancel();
      return fail('imports.image.http', `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} instead of an image.`, { status: response.status });
    }
    const announced = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(announced) && announced > maxBytes) {
      await response.body?.cancel();
      return fail('imports.image.tooLarge', `${url} is ${(announced / 1024 / 1024).toFixed(1)} MB; an image may have ${Math.round(maxBytes / 1024 / 1024)} MB at most.`, { bytes: announced, maxMb: Math.round(maxBytes / 1024 / 1024) });
    }
    const chunks: Buffer[] = [];
    let length = 0;
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        length += chunk.byteLength;
        if (length > maxBytes) {
          await response.body.cancel().catch(() => undefined); // already failing: the cut-off is the reason given
          return fail('imports.image.tooLarge', `${url} sends more than ${Math.round(maxBytes / 1024 / 1024)} MB; an image may have ${Math.round(maxBytes / 1024 / 1024)} MB at most.`, { bytes: length, maxMb: Math.round(maxBytes / 1024 / 1024) });
        }
        chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      }
    }
    return { ok: true, bytes: Buffer.concat(chunks, length) };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) return fail('imports.image.timeout', `${url} did not answer within ${Math.round(options.timeoutMs / 1000)} s.`, { seconds: Math.round(options.timeoutMs / 1000) });
    const code = networkCode(error);
    return fail('imports.image.network', `${url} could not be reached (${code ?? (error instanceof Error ? error.message : String(error))}).`, { reason: code ?? 'network' }, code !== null && UNREACHABLE.has(code));
  }
}

/** fetch wraps the socket's error as `cause` (sometimes twice). */
function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
