import { RemoteCallError, kindOfStatus, type HttpClient } from '../engine/http.ts';
import { ImageUnavailable } from '../engine/mediaLibrary.ts';
import type { ImageSource, MediaLibrary } from '../types.ts';

/** One GraphQL call of the session: answers `data` (errors already turned into RemoteCallError). */
export type GraphqlCall = (query: string, variables: Record<string, unknown>, cost: number, signal: AbortSignal) => Promise<{ data?: Record<string, unknown> | null }>;

export interface ImageFailure {
  code: string;
  message: string;
}

interface StagedTarget {
  url: string;
  resourceUrl: string;
  parameters: { name: string; value: string }[];
}
interface UserError {
  code?: string | null;
  field: string[] | null;
  message: string;
}
interface FileNode {
  id: string;
  fileStatus: 'UPLOADED' | 'PROCESSING' | 'READY' | 'FAILED';
  fileErrors?: { code: string; details: string | null; message: string }[];
}

/** Staged targets and files per request: a tenth of stagedUploadsCreate's 250-input cap keeps a failed request cheap to redo. */
const CHUNK = 25;
/** Bytes go up a few at a time: enough to fill the line, few enough not to hold 20 MB files by the dozen in memory. */
const PARALLEL_UPLOADS = 4;
const POLLS = 20;

/**
 * Puts the images the shop does not hold yet into its Files, as Shopify documents for local files:
 * 1. `stagedUploadsCreate` (resource IMAGE, POST) answers a signed target per file;
 * 2. the bytes go to the target as a multipart form, its parameters first and the file last;
 * 3. `fileCreate` with the target's `resourceUrl` as `originalSource` makes the MediaImage;
 * 4. files still processing are polled (`nodes`) until READY or FAILED.
 * A READY (or still processing) file's id is remembered at once under the image's SHA-256. Answers
 * the images that failed, with the platform's own code and message; transport faults and
 * throttling are thrown, so the engine retries the batch (what was remembered is not redone).
 */
export async function ensureShopifyMedia(
  call: GraphqlCall,
  http: HttpClient,
  media: MediaLibrary,
  images: readonly ImageSource[],
  signal: AbortSignal,
  sleep: (ms: number) => Promise<void>,
  /** Images another batch of the session is putting up right now: waited for, never sent twice. */
  inFlight: Map<string, Promise<ImageFailure | null>>,
): Promise<Map<string, ImageFailure>> {
  const failures = new Map<string, ImageFailure>();
  const wanted = new Map<string, ImageSource>();
  for (const image of images) if (!wanted.has(image.sha256) && media.known(image.sha256) === null) wanted.set(image.sha256, image);
  const theirs: [string, Promise<ImageFailure | null>][] = [];
  const todo: ImageSource[] = [];
  const mine = new Map<string, { resolve: (f: ImageFailure | null) => void; reject: (e: unknown) => void }>();
  for (const image of wanted.values()) {
    const running = inFlight.get(image.sha256);
    if (running) {
      theirs.push([image.sha256, running]);
      continue;
    }
    let resolve: (f: ImageFailure | null) => void = () => undefined;
    let reject: (e: unknown) => void = () => undefined;
    const promise = new Promise<ImageFailure | null>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    // Only waiters read it; nobody waiting must not make a rejection unhandled.
    promise.catch(() => undefined);
    inFlight.set(image.sha256, promise);
    mine.set(image.sha256, { resolve, reject });
    todo.push(image);
  }
  try {
    for (let at = 0; at < todo.length; at += CHUNK) {
      const chunk = todo.slice(at, at + CHUNK);
      const staged = await stage(chunk);
      const uploaded = await mapLimit(staged, PARALLEL_UPLOADS, async ({ image, target }) => ((await send(image, target)) ? { image, target } : null));
      const created = await createFiles(uploaded.filter((u): u is { image: ImageSource; target: StagedTarget } => u !== null));
      await settle(created);
    }
    for (const [sha, deferred] of mine) deferred.resolve(failures.get(sha) ?? null);
  } catch (error) {
    for (const deferred of mine.values()) deferred.reject(error);
    throw error;
  } finally {
    for (const sha of mine.keys()) inFlight.delete(sha);
  }
  for (const [sha, running] of theirs) {
    const failure = await running;
    if (failure) failures.set(sha, failure);
  }
  return failures;

  async function stage(chunk: ImageSource[]): Promise<{ image: ImageSource; target: StagedTarget }[]> {
    const reply = await call(
      'mutation KontorStage($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } } }',
      { input: chunk.map((i) => ({ resource: 'IMAGE', filename: i.fileName, mimeType: i.mimeType, httpMethod: 'POST', fileSize: String(i.bytes) })) },
      10,
      signal,
    );
    const result = reply.data?.stagedUploadsCreate as { stagedTargets: StagedTarget[] | null; userErrors: UserError[] } | null | undefined;
    const out: { image: ImageSource; target: StagedTarget }[] = [];
    const refused = new Map<number, UserError>();
    for (const error of result?.userErrors ?? []) {
      const index = Number(error.field?.[1]);
      if (Number.isInteger(index)) refused.set(index, error);
      else for (let i = 0; i < chunk.length; i++) refused.set(i, error);
    }
    chunk.forEach((image, i) => {
      const error = refused.get(i);
      const target = result?.stagedTargets?.[i];
      if (error || !target) failures.set(image.sha256, { code: 'STAGED_UPLOAD_REFUSED', message: error?.message ?? 'Shopify gave no upload target for this image.' });
      else out.push({ image, target });
    });
    return out;
  }

  async function send(image: ImageSource, target: StagedTarget): Promise<boolean> {
    let bytes: Buffer;
    try {
      bytes = await media.read(image);
    } catch (error) {
      if (!(error instanceof ImageUnavailable)) throw error;
      failures.set(image.sha256, { code: 'kontor.imageMissing', message: error.message });
      return false;
    }
    const form = new FormData();
    for (const p of target.parameters) form.append(p.name, p.value);
    // The file goes last: the storage service reads the policy fields before the bytes.
    form.append('file', new Blob([bytes], { type: image.mimeType }), image.fileName);
    const reply = await http.send({ method: 'POST', url: target.url, body: form, cost: 0 }, signal);
    reply.permit.release();
    if (reply.status >= 200 && reply.status < 300) return true;
    const kind = kindOfStatus(reply.status);
    const storageMessage = /<Message>([^<]*)<\/Message>/.exec(reply.text)?.[1] ?? reply.text.slice(0, 200);
    const storageCode = /<Code>([^<]*)<\/Code>/.exec(reply.text)?.[1] ?? `HTTP_${reply.status}`;
    if (kind === 'server' || kind === 'throttled') throw new RemoteCallError(kind, storageCode, `Shopify's upload storage answered HTTP ${reply.status}: ${storageMessage}`, { status: reply.status });
    failures.set(image.sha256, { code: storageCode, message: `the upload storage refused it (HTTP ${reply.status}): ${storageMessage}` });
    return false;
  }

  async function createFiles(uploaded: { image: ImageSource; target: StagedTarget }[]): Promise<{ image: ImageSource; file: FileNode }[]> {
    if (uploaded.length === 0) return [];
    const reply = await call(
      'mutation KontorFiles($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { id fileStatus ... on MediaImage { id } } userErrors { code field message } } }',
      { files: uploaded.map(({ image, target }) => ({ originalSource: target.resourceUrl, contentType: 'IMAGE', filename: image.fileName, alt: '' })) },
      10,
      signal,
    );
    const result = reply.data?.fileCreate as { files: FileNode[] | null; userErrors: UserError[] } | null | undefined;
    const refused = new Map<number, UserError>();
    for (const error of result?.userErrors ?? []) {
      const index = Number(error.field?.[1]);
      if (Number.isInteger(index)) refused.set(index, error);
      else for (let i = 0; i < uploaded.length; i++) refused.set(i, error);
    }
    const out: { image: ImageSource; file: FileNode }[] = [];
    uploaded.forEach(({ image }, i) => {
      const error = refused.get(i);
      const file = result?.files?.[i];
      if (error || !file) failures.set(image.sha256, { code: error?.code ?? 'FILE_NOT_CREATED', message: error?.message ?? 'Shopify created no file for this image.' });
      else out.push({ image, file });
    });
    return out;
  }

  /** Remembers what is READY, reports what FAILED, and polls what is still being processed. */
  async function settle(created: { image: ImageSource; file: FileNode }[]): Promise<void> {
    let pending = created;
    for (let poll = 0; ; poll++) {
      const still: { image: ImageSource; file: FileNode }[] = [];
      for (const entry of pending) {
        if (entry.file.fileStatus === 'READY') media.remember(entry.image.sha256, entry.file.id);
        else if (entry.file.fileStatus === 'FAILED') {
          const error = entry.file.fileErrors?.[0];
          failures.set(entry.image.sha256, { code: error?.code ?? 'FILE_FAILED', message: error ? `${error.message}${error.details ? ` (${error.details})` : ''}` : 'Shopify could not process the image.' });
        } else still.push(entry);
      }
      if (still.length === 0) return;
      if (poll >= POLLS) {
        // Shopify attaches a file that is still processing; it shows once done. Remembered, not redone.
        for (const entry of still) media.remember(entry.image.sha256, entry.file.id);
        return;
      }
      await sleep(Math.min(2000, 100 * 2 ** Math.min(poll, 4)));
      const reply = await call(
        'query KontorFileStatus($ids: [ID!]!) { nodes(ids: $ids) { ... on MediaImage { id fileStatus fileErrors { code details message } } } }',
        { ids: still.map((s) => s.file.id) },
        1 + still.length,
        signal,
      );
      const nodes = (reply.data?.nodes ?? []) as (FileNode | null)[];
      pending = still.map((entry, i) => ({ image: entry.image, file: nodes[i] ?? entry.file }));
    }
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
