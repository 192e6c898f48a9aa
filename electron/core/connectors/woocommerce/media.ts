import { RemoteCallError, kindOfStatus, retryAfterMs, type HttpClient } from '../engine/http.ts';
import { ImageUnavailable, type singleFlight } from '../engine/mediaLibrary.ts';
import type { ImageSource, MediaLibrary } from '../types.ts';

export interface ImageFailure {
  code: string;
  message: string;
}

/** Uploads at once: each is one PHP request on the host, like a batch. */
const PARALLEL_UPLOADS = 2;

/**
 * Puts the images the site does not hold yet into its WordPress media library: one
 * `POST /wp-json/wp/v2/media` per file, the bytes as the body with Content-Type and
 * `Content-Disposition: attachment; filename="…"` (WP_REST_Attachments_Controller::upload_from_data),
 * authenticated as a WordPress user with an application password (the WooCommerce keys do not
 * reach wp/v2). Each attachment id is remembered at once under the image's SHA-256. Answers the
 * images WordPress refused with its own code and message; a refused password is thrown as `auth`
 * (the job pauses), 5xx other than a refused file and transport faults as retryable.
 */
export async function ensureWooMedia(
  siteUrl: string,
  login: { username: string; password: string } | null,
  http: HttpClient,
  media: MediaLibrary,
  images: readonly ImageSource[],
  signal: AbortSignal,
  inFlight: ReturnType<typeof singleFlight<ImageFailure | null>>,
): Promise<Map<string, ImageFailure>> {
  const failures = new Map<string, ImageFailure>();
  const wanted = new Map<string, ImageSource>();
  for (const image of images) if (!wanted.has(image.sha256) && media.known(image.sha256) === null) wanted.set(image.sha256, image);
  if (wanted.size === 0) return failures;
  if (!login) {
    for (const image of wanted.values()) {
      failures.set(image.sha256, {
        code: 'kontor.mediaLogin',
        message: 'images go to the WordPress media library, which needs a WordPress user and application password: add them to the account.',
      });
    }
    return failures;
  }
  const url = `${siteUrl.replace(/\/+$/, '')}/wp-json/wp/v2/media`;
  const authorization = `Basic ${Buffer.from(`${login.username}:${login.password.replaceAll(' ', '')}`).toString('base64')}`;
  const queue = [...wanted.values()];
  const worker = async (): Promise<void> => {
    for (let image = queue.shift(); image; image = queue.shift()) {
      const failure = await inFlight.run(image.sha256, () => upload(image));
      if (failure) failures.set(image.sha256, failure);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, worker));
  return failures;

  async function upload(image: ImageSource): Promise<ImageFailure | null> {
    // Another batch may have finished it while this one waited.
    if (media.known(image.sha256) !== null) return null;
    let bytes: Buffer;
    try {
      bytes = await media.read(image);
    } catch (error) {
      if (!(error instanceof ImageUnavailable)) throw error;
      return { code: 'kontor.imageMissing', message: error.message };
    }
    const reply = await http.send(
      {
        method: 'POST',
        url,
        headers: {
          authorization,
          accept: 'application/json',
          'content-type': image.mimeType,
          'content-disposition': `attachment; filename="${image.fileName.replace(/["\\\r\n]/g, '_')}"`,
        },
        body: bytes,
      },
      signal,
    );
    reply.permit.release();
    let body: { id?: unknown; code?: unknown; message?: unknown } = {};
    try {
      body = JSON.parse(reply.text) as typeof body;
    } catch {
      body = {};
    }
    if (reply.status === 201 && typeof body.id === 'number') {
      media.remember(image.sha256, String(body.id));
      return null;
    }
    const code = typeof body.code === 'string' ? body.code : `HTTP_${reply.status}`;
    const message = typeof body.message === 'string' ? body.message : reply.text.slice(0, 200) || `HTTP ${reply.status}`;
    const kind = kindOfStatus(reply.status);
    if (kind === 'auth') throw new RemoteCallError('auth', code, `WordPress refused the media login (user ${login?.username ?? ""}): ${message}`, { status: reply.status });
    // WordPress answers a refused file type with 500 rest_upload_sideload_error: the file's fault, not the server's.
    if ((kind === 'server' && code !== 'rest_upload_sideload_error') || kind === 'throttled') {
      throw new RemoteCallError(kind, code, `WordPress answered HTTP ${reply.status} to a media upload: ${message}`, { status: reply.status, retryAfterMs: retryAfterMs(reply.headers) });
    }
    return { code, message };
  }
}

/** The WordPress login for images, checked with one cheap request (GET /wp/v2/users/me); a refusal is thrown as `auth`. */
export async function checkMediaLogin(siteUrl: string, login: { username: string; password: string }, http: HttpClient, signal: AbortSignal): Promise<void> {
  const reply = await http.send(
    {
      method: 'GET',
      url: `${siteUrl.replace(/\/+$/, '')}/wp-json/wp/v2/users/me`,
      headers: { accept: 'application/json', authorization: `Basic ${Buffer.from(`${login.username}:${login.password.replaceAll(' ', '')}`).toString('base64')}` },
    },
    signal,
  );
  reply.permit.release();
  if (reply.status === 200) return;
  let message = `HTTP ${reply.status}`;
  let code = `HTTP_${reply.status}`;
  try {
    const body = JSON.parse(reply.text) as { code?: unknown; message?: unknown };
    if (typeof body.message === 'string') message = body.message;
    if (typeof body.code === 'string') code = body.code;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  throw new RemoteCallError(kindOfStatus(reply.status), code, `WordPress refused the media login (user ${login.username}): ${message}`, { status: reply.status });
}
