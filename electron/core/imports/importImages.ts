import { rm, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { IMAGE_MAX_BYTES, MAX_IMAGES_PER_PRODUCT } from '../../../shared/catalog/images.ts';
import { ValidationError } from '../../../shared/errors.ts';
import type { ImportImages } from '../../../shared/imports/result.ts';
import type { ImageMimeType } from '../../../shared/catalog/images.ts';
import type { ImportUndoResult } from '../../../shared/imports/runs.ts';
import { checkImageBytes, imagePath, storeImageFiles, thumbPath, type CheckedImage } from '../catalog/images.ts';
import { undoImport } from './undo.ts';
import { downloadImage, isUrl, type ImageFailure } from './imageDownload.ts';

/**
 * The images named in an import's image column, brought in through the catalog's image pipeline
 * (type judged by the bytes, size and dimensions checked, copied into the data directory under
 * their SHA-256, thumbnail made): local files while the import runs, inside its transaction;
 * URLs later, by the `catalog.fetchImages` job, when the machine is online. Every source that
 * fails keeps the reason (a translation key and its values) and, for URLs, when to try again.
 */

interface SourceRow {
  id: number;
  product_id: number;
  source: string;
  row: number | null;
  attempts: number;
  import_run_id: number | null;
}

/** Minutes until a failed download is tried again, by the number of attempts so far; then it is left failed. */
const RETRY_MINUTES = [5, 30, 120, 720, 1440];
/** When the host could not be reached at all (offline): tried again soon, and not counted as an attempt. */
const OFFLINE_RETRY_MINUTES = 10;
export const MAX_FETCH_ATTEMPTS = RETRY_MINUTES.length;

/** An absolute path or a file: URL as written; a relative path inside the spreadsheet's folder. */
export function localImagePath(source: string, baseDir: string | null): string | ImageFailure {
  if (/^file:\/\//i.test(source)) {
    try {
      return fileURLToPath(source);
    } catch {
      return { key: 'imports.image.path', message: `${source} is not a file path Kontor can read.`, params: { source } };
    }
  }
  if (isAbsolute(source)) return source;
  if (baseDir === null) {
    return {
      key: 'imports.image.noFolder',
      message: `${source} is a path relative to the spreadsheet's folder, which Kontor does not know for a file opened in the window; write absolute paths or import with the command line (kontor import products).`,
      params: { source },
    };
  }
  return resolve(baseDir, source);
}

function failureOf(error: unknown, source: string): ImageFailure {
  if (error instanceof ValidationError) {
    const issue = error.details?.issues?.[0];
    if (issue) return { key: issue.key, message: issue.message, params: { ...(issue.params ?? {}), source } };
  }
  throw error;
}

async function readLocal(path: string, source: string): Promise<Buffer | ImageFailure> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { key: 'imports.image.notFile', message: `${path} is not a file.`, params: { source, path } };
    if (info.size > IMAGE_MAX_BYTES) {
      return { key: 'catalog.image.tooLarge', message: `${path} is ${(info.size / 1024 / 1024).toFixed(1)} MB; an image may have 20 MB at most.`, params: { source, fileName: basename(path), bytes: info.size } };
    }
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { key: 'imports.image.fileMissing', message: `There is no file ${path}.`, params: { source, path } };
    if (code === 'EACCES' || code === 'EPERM') return { key: 'imports.image.fileDenied', message: `Kontor may not read ${path}.`, params: { source, path } };
    throw error;
  }
}

function statements(sqlite: Database) {
  return {
    existing: sqlite.prepare('SELECT id FROM product_image WHERE product_id = ? AND sha256 = ?').pluck(),
    count: sqlite.prepare('SELECT count(*) FROM product_image WHERE product_id = ?').pluck(),
    insert: sqlite.prepare(
      'INSERT INTO product_image (product_id, position, sha256, mime_type, width, height, bytes, original_name, created_at) VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM product_image WHERE product_id = ?), ?, ?, ?, ?, ?, ?, ?)',
    ),
    fetched: sqlite.prepare("UPDATE product_image_source SET status = 'fetched', image_id = ?, error = NULL, error_key = NULL, error_params = NULL, retry_at = NULL, attempts = attempts + 1 WHERE id = ?"),
    failed: sqlite.prepare("UPDATE product_image_source SET status = 'failed', error = ?, error_key = ?, error_params = ?, attempts = ?, retry_at = ? WHERE id = ?"),
  };
}

/** Adds a checked picture last to the product's images in the caller's transaction; the one already there when it is a duplicate. */
function attach(s: ReturnType<typeof statements>, productId: number, image: CheckedImage, originalName: string, now: string): { imageId: number } | ImageFailure {
  const existing = s.existing.get(productId, image.sha256) as number | undefined;
  if (existing !== undefined) return { imageId: existing };
  if ((s.count.get(productId) as number) >= MAX_IMAGES_PER_PRODUCT) {
    return { key: 'catalog.image.tooMany', message: `The product already has ${MAX_IMAGES_PER_PRODUCT} images, the most a product can have.`, params: { maximum: MAX_IMAGES_PER_PRODUCT } };
  }
  const info = s.insert.run(productId, productId, image.sha256, image.mimeType, image.width, image.height, image.bytes.length, originalName.slice(0, 255), now);
  return { imageId: Number(info.lastInsertRowid) };
}

/** Files this import wrote into the media folder, removed again when its transaction rolls back. */
export interface WrittenMedia {
  sha256: string;
  paths: string[];
}

/**
 * The local files among the run's pending image sources, attached inside the import's open
 * transaction: a rollback (cancel, failure) takes the rows with it, and `discardMedia` the files.
 * A file that is missing or not a usable picture fails on its own, with the reason; the products
 * are imported all the same.
 */
export async function attachLocalImages(
  sqlite: Database,
  options: { dataDir: string; baseDir: string | null; runId: number; signal?: AbortSignal | undefined; progress?: ((done: number, total: number, message: string) => void) | undefined },
  written: WrittenMedia[],
): Promise<void> {
  const rows = (sqlite.prepare("SELECT id, product_id, source, row, attempts, import_run_id FROM product_image_source WHERE import_run_id = ? AND status = 'pending' ORDER BY id").all(options.runId) as SourceRow[]).filter(
    (r) => !isUrl(r.source),
  );
  const s = statements(sqlite);
  const now = new Date().toISOString();
  const fail = (row: SourceRow, failure: ImageFailure) => s.failed.run(failure.message, failure.key, JSON.stringify(failure.params), row.attempts + 1, null, row.id);
  for (const [i, row] of rows.entries()) {
    options.progress?.(i, rows.length, 'images');
    options.signal?.throwIfAborted();
    const path = localImagePath(row.source, options.baseDir);
    if (typeof path !== 'string') {
      fail(row, path);
      continue;
    }
    const bytes = await readLocal(path, row.source);
    if (!Buffer.isBuffer(bytes)) {
      fail(row, bytes);
      continue;
    }
    let image: CheckedImage;
    try {
      image = await checkImageBytes(basename(path), bytes);
    } catch (error) {
      fail(row, failureOf(error, row.source));
      continue;
    }
    options.signal?.throwIfAborted();
    written.push({ sha256: image.sha256, paths: await storeImageFiles(options.dataDir, image) });
    const attached = attach(s, row.product_id, image, basename(path), now);
    if ('imageId' in attached) s.fetched.run(attached.imageId, row.id);
    else fail(row, attached);
  }
  options.progress?.(rows.length, rows.length, 'images');
}

/** After a rollback: the files an import wrote that no image row refers to. */
export async function discardMedia(sqlite: Database, written: readonly WrittenMedia[]): Promise<void> {
  const used = sqlite.prepare('SELECT EXISTS (SELECT 1 FROM product_image WHERE sha256 = ?)').pluck();
  for (const media of written) {
    if (used.get(media.sha256) === 1) continue;
    await Promise.all(media.paths.map((path) => rm(path, { force: true })));
  }
}

/**
 * Undoes an import and then deletes the picture files of the products it removed, when no other
 * product uses them (the rows went with the products; the files are outside the transaction).
 */
export async function undoImportWithMedia(sqlite: Database, dataDir: string, runId: number): Promise<ImportUndoResult> {
  const images = sqlite
    .prepare("SELECT DISTINCT i.sha256, i.mime_type FROM product_image i JOIN import_change c ON c.product_id = i.product_id WHERE c.run_id = ? AND c.action = 'create'")
    .all(runId) as { sha256: string; mime_type: ImageMimeType }[];
  const result = undoImport(sqlite, runId);
  await discardMedia(
    sqlite,
    images.map((i) => ({ sha256: i.sha256, paths: [imagePath(dataDir, i.sha256, i.mime_type), thumbPath(dataDir, i.sha256)] })),
  );
  return result;
}

/** What became of a run's images, for its result: counts, and the failures naming row and source. */
export function runImages(sqlite: Database, runId: number, limit = 200): ImportImages {
  const counts = sqlite.prepare('SELECT status, count(*) AS n FROM product_image_source WHERE import_run_id = ? GROUP BY status').all(runId) as { status: string; n: number }[];
  const n = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  const failures = sqlite
    .prepare(
      `SELECT s.row, p.sku, s.source, s.error_key, s.error, s.error_params, s.attempts, s.retry_at FROM product_image_source s JOIN product p ON p.id = s.product_id
       WHERE s.import_run_id = ? AND s.status = 'failed' ORDER BY s.row, s.id LIMIT ?`,
    )
    .all(runId, limit) as { row: number | null; sku: string; source: string; error_key: string | null; error: string | null; error_params: string | null; attempts: number; retry_at: string | null }[];
  return {
    attached: n('fetched'),
    pending: n('pending'),
    failed: n('failed'),
    failures: failures.map((f) => ({
      row: f.row ?? 0,
      sku: f.sku,
      source: f.source,
      key: f.error_key ?? 'imports.image.failed',
      message: f.error ?? '',
      params: f.error_params === null ? {} : (JSON.parse(f.error_params) as Record<string, string | number>),
      retryAt: f.retry_at,
    })),
  };
}

const DUE_SQL = `(status = 'pending' AND (source LIKE 'http://%' OR source LIKE 'https://%')) OR (status = 'failed' AND retry_at IS NOT NULL AND retry_at <= ?)`;

/** Whether the fetch job has work now (two index walks). */
export function imagesDue(sqlite: Database, now = new Date()): boolean {
  return sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM product_image_source WHERE ${DUE_SQL})`).pluck().get(now.toISOString()) === 1;
}

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Sources handled in one run; the rest wait for the next. */
  limit?: number;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
  now?: () => Date;
}

export interface FetchSummary {
  tried: number;
  attached: number;
  failed: number;
  /** Failed because the host could not be reached at all: the machine is probably offline. */
  unreachable: number;
}

/**
 * Downloads the image URLs that are due (recorded and never tried, or failed and due again),
 * one after the other, and attaches each in its own short transaction. The image counts as the
 * import's: the product's revision moves on, and so does the import's record of it when nothing
 * else changed the product since, so the import can still be undone.
 */
export async function fetchDueImages(deps: { sqlite: Database; dataDir: string }, options: FetchOptions = {}): Promise<FetchSummary> {
  const { sqlite, dataDir } = deps;
  const clock = options.now ?? (() => new Date());
  const due = sqlite
    .prepare(`SELECT id, product_id, source, row, attempts, import_run_id FROM product_image_source WHERE ${DUE_SQL} ORDER BY id LIMIT ?`)
    .all(clock().toISOString(), options.limit ?? 500) as SourceRow[];
  const s = statements(sqlite);
  const revision = sqlite.prepare('SELECT revision FROM product WHERE id = ?').pluck();
  const bump = sqlite.prepare('UPDATE product SET revision = revision + 1, updated_at = ? WHERE id = ?');
  const bumpChange = sqlite.prepare('UPDATE import_change SET revision_after = revision_after + 1 WHERE run_id = ? AND product_id = ? AND revision_after = ?');
  const summary: FetchSummary = { tried: 0, attached: 0, failed: 0, unreachable: 0 };
  const fail = (row: SourceRow, failure: ImageFailure, unreachable: boolean) => {
    const now = clock();
    const attempts = unreachable ? row.attempts : row.attempts + 1;
    // Offline is not the image's fault: tried again soon, whatever the count. Otherwise later and later, then no more.
    const minutes = unreachable ? OFFLINE_RETRY_MINUTES : attempts >= MAX_FETCH_ATTEMPTS ? undefined : RETRY_MINUTES[attempts - 1];
    const retryAt = minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000).toISOString();
    s.failed.run(failure.message, failure.key, JSON.stringify(failure.params), attempts, retryAt, row.id);
    summary.failed++;
    if (unreachable) summary.unreachable++;
  };
  for (const [i, row] of due.entries()) {
    options.progress?.(i, due.length, 'images');
    options.signal?.throwIfAborted();
    summary.tried++;
    const downloaded = await downloadImage(row.source, { timeoutMs: options.timeoutMs ?? 30_000, maxBytes: options.maxBytes ?? IMAGE_MAX_BYTES, signal: options.signal });
    if (!downloaded.ok) {
      fail(row, { ...downloaded.failure, params: { ...downloaded.failure.params, source: row.source } }, downloaded.unreachable);
      continue;
    }
    const name = decodeURIComponent(new URL(row.source).pathname.split('/').pop() || 'image');
    let image: CheckedImage;
    try {
      image = await checkImageBytes(name, downloaded.bytes);
    } catch (error) {
      fail(row, failureOf(error, row.source), false);
      continue;
    }
    const paths = await storeImageFiles(dataDir, image);
    const outcome = sqlite
      .transaction(() => {
        const current = revision.get(row.product_id) as number | undefined;
        // The product was deleted meanwhile: its sources went with it (ON DELETE CASCADE).
        if (current === undefined) return 'gone' as const;
        const attached = attach(s, row.product_id, image, name, clock().toISOString());
        if (!('imageId' in attached)) return attached;
        s.fetched.run(attached.imageId, row.id);
        bump.run(clock().toISOString(), row.product_id);
        if (row.import_run_id !== null) bumpChange.run(row.import_run_id, row.product_id, current);
        return 'attached' as const;
      })
      .immediate();
    if (outcome === 'attached') summary.attached++;
    else {
      if (outcome !== 'gone') fail(row, outcome, false);
      await discardMedia(sqlite, [{ sha256: image.sha256, paths }]);
    }
  }
  options.progress?.(due.length, due.length, 'images');
  return summary;
}

