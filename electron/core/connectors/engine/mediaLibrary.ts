import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { imagePath } from '../../catalog/images.ts';
import type { ImageSource, MediaLibrary } from '../types.ts';

/** An image the catalog lists but whose file is missing or no longer has the bytes its name promises. */
export class ImageUnavailable extends Error {
  readonly image: ImageSource;
  constructor(image: ImageSource, why: string) {
    super(`Image ${image.position} (${image.fileName}) cannot be read from the data directory: ${why}.`);
    this.name = 'ImageUnavailable';
    this.image = image;
  }
}

/**
 * The account's remembered media in `marketplace_media`, written at once (one short statement,
 * outside any batch transaction) so a job killed right after an upload still knows the image is
 * there. Bytes come from the data directory and are checked against their SHA-256 name.
 */
export function createMediaLibrary(sqlite: Database, dataDir: string, accountId: number): MediaLibrary {
  const select = sqlite.prepare('SELECT remote_id FROM marketplace_media WHERE account_id = ? AND sha256 = ?').pluck();
  const upsert = sqlite.prepare(
    'INSERT INTO marketplace_media (account_id, sha256, remote_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, sha256) DO UPDATE SET remote_id = excluded.remote_id, created_at = excluded.created_at',
  );
  const remove = sqlite.prepare('DELETE FROM marketplace_media WHERE account_id = ? AND sha256 = ?');
  return {
    known: (sha256) => (select.get(accountId, sha256) as string | undefined) ?? null,
    remember: (sha256, remoteId) => void upsert.run(accountId, sha256, remoteId, new Date().toISOString()),
    forget: (sha256) => void remove.run(accountId, sha256),
    async read(image) {
      let bytes: Buffer;
      try {
        bytes = await readFile(imagePath(dataDir, image.sha256, image.mimeType));
      } catch (error) {
        throw new ImageUnavailable(image, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file is missing' : String(error));
      }
      if (createHash('sha256').update(bytes).digest('hex') !== image.sha256) throw new ImageUnavailable(image, 'the file was changed on disk');
      return bytes;
    },
  };
}

/**
 * One upload per image at a time within a session: batches run side by side, and two products
 * sharing a photo must not both send it. The first caller uploads; the others wait for its answer.
 */
export function singleFlight<T>() {
  const running = new Map<string, Promise<T>>();
  return {
    /** Answers the result for `key`: a running call's, or `start()`'s, started now. */
    run(key: string, start: () => Promise<T>): Promise<T> {
      const existing = running.get(key);
      if (existing) return existing;
      const promise = start().finally(() => running.delete(key));
      running.set(key, promise);
      return promise;
    },
    /** Whether another batch is uploading `key` right now. */
    has: (key: string): boolean => running.has(key),
    wait: (key: string): Promise<T> | undefined => running.get(key),
  };
}
