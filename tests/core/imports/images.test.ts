import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fetchDueImages, MAX_FETCH_ATTEMPTS, runImages, undoImportWithMedia } from '../../../electron/core/imports/importImages.ts';
import { runImport, type ImportRequest } from '../../../electron/core/imports/runImport.ts';
import { writeCsv } from '../../support/importFixtures.ts';
import { makeTempDir, openTestKontor, type TestKontor } from '../../support/testKontor.ts';

const png = (color: string, size = 120) => sharp({ create: { width: size, height: size, channels: 3, background: color } }).png().toBuffer();

let t: TestKontor;
beforeEach(async () => {
  t = await openTestKontor();
});
afterEach(async () => {
  await t.close();
});

const deps = () => ({ sqlite: t.kontor.database.sqlite, db: t.kontor.database.db });
const request = (path: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  path,
  fileName: path.split('/').pop() ?? path,
  read: {},
  mode: 'all',
  dryRun: false,
  reportDir: null,
  media: { dataDir: t.dataDir, baseDir: join(path, '..') },
  ...extra,
});
const sources = () =>
  t.kontor.database.sqlite.prepare('SELECT s.source, s.status, s.row, s.error_key, s.attempts, s.retry_at, s.image_id FROM product_image_source s ORDER BY s.id').all() as {
    source: string;
    status: string;
    row: number;
    error_key: string | null;
    attempts: number;
    retry_at: string | null;
    image_id: number | null;
  }[];
const imagesOf = (sku: string) =>
  t.kontor.database.sqlite.prepare('SELECT i.position, i.sha256, i.width FROM product_image i JOIN product p ON p.id = i.product_id WHERE p.sku = ? ORDER BY i.position').all(sku) as {
    position: number;
    sha256: string;
    width: number;
  }[];
const mediaFiles = () => (existsSync(join(t.dataDir, 'media', 'products')) ? readdirSync(join(t.dataDir, 'media', 'products'), { recursive: true }).filter((f) => String(f).includes('.')) : []);

describe('local image files of an import', () => {
  test('are attached during the import: relative to the sheet, absolute, file: URL; missing and non-image files fail alone, naming the row', async () => {
    const sheetDir = makeTempDir();
    mkdirSync(join(sheetDir, 'photos'));
    writeFileSync(join(sheetDir, 'photos', 'rug.png'), await png('#a33'));
    const elsewhere = makeTempDir();
    writeFileSync(join(elsewhere, 'lamp.png'), await png('#3a3', 200));
    writeFileSync(join(sheetDir, 'notes.png'), 'this is text, not a picture');
    const path = writeCsv(sheetDir, 'catalogue.csv', [
      ['sku', 'title_en', 'images'],
      ['IMG-1', 'Rug', 'photos/rug.png'],
      ['IMG-2', 'Lamp', `${join(elsewhere, 'lamp.png')} | file://${join(sheetDir, 'photos', 'rug.png')}`],
      ['IMG-3', 'Tea', 'photos/missing.jpg'],
      ['IMG-4', 'Pouf', 'notes.png'],
      ['IMG-5', 'Oil', 'https://example.invalid/oil.jpg'],
    ]);
    const result = await runImport(deps(), request(path));
    expect(result.outcome).toBe('committed');
    expect(result.images).toMatchObject({ attached: 3, pending: 1, failed: 2 });
    expect(result.images?.failures.map((f) => [f.row, f.sku, f.source, f.key])).toEqual([
      [4, 'IMG-3', 'photos/missing.jpg', 'imports.image.fileMissing'],
      [5, 'IMG-4', 'notes.png', 'catalog.image.type'],
    ]);
    expect(imagesOf('IMG-1').map((i) => i.width)).toEqual([120]);
    // Two pictures for IMG-2, in the order of the cell; the rug is stored once for both products.
    expect(imagesOf('IMG-2').map((i) => i.width)).toEqual([200, 120]);
    expect(imagesOf('IMG-2')[1]?.sha256).toBe(imagesOf('IMG-1')[0]?.sha256);
    expect(mediaFiles()).toHaveLength(2);
    expect(sources().find((s) => s.source.startsWith('https://'))).toMatchObject({ status: 'pending', row: 6 });
    // The history and the images call tell the same later on, through the contract.
    const [run] = await t.client.call('imports.runs.list', { limit: 5 });
    expect(run?.images).toEqual({ attached: 3, pending: 1, failed: 2 });
    expect((await t.client.call('imports.images', { runId: result.runId ?? 0 })).failures.map((f) => f.row)).toEqual([4, 5]);
    await expect(t.client.call('imports.images', { runId: 999 })).rejects.toThrow('There is no import #999');
    // The thumbnail is made as for an image added by hand.
    expect(existsSync(join(t.dataDir, 'media', 'thumbs', imagesOf('IMG-1')[0]?.sha256.slice(0, 2) ?? '', `${imagesOf('IMG-1')[0]?.sha256 ?? ''}.webp`))).toBe(true);
  });

  test('a relative path without the sheet’s folder (a file uploaded through the window) fails with that reason', async () => {
    const sheetDir = makeTempDir();
    writeFileSync(join(sheetDir, 'rug.png'), await png('#a33'));
    const path = writeCsv(sheetDir, 'catalogue.csv', [
      ['sku', 'title_en', 'images'],
      ['REL-1', 'Rug', 'rug.png'],
    ]);
    const result = await runImport(deps(), request(path, { media: { dataDir: t.dataDir, baseDir: null } }));
    expect(result.images?.failures.map((f) => f.key)).toEqual(['imports.image.noFolder']);
    expect(imagesOf('REL-1')).toEqual([]);
  });

  test('a cancel while images are attached leaves the database and the media folder as they were', async () => {
    const sheetDir = makeTempDir();
    const rows: string[][] = [['sku', 'title_en', 'images']];
    for (let i = 0; i < 6; i++) {
      writeFileSync(join(sheetDir, `p${i}.png`), await png(`#${(i * 30 + 16).toString(16)}3030`));
      rows.push([`CAN-${i}`, `Item ${i}`, `p${i}.png`]);
    }
    const path = writeCsv(sheetDir, 'catalogue.csv', rows);
    const before = t.kontor.database.sqlite.prepare('SELECT count(*) FROM product').pluck().get();
    const controller = new AbortController();
    const attempt = runImport(deps(), request(path), {
      signal: controller.signal,
      progress: (done, _total, phase) => {
        if (phase === 'images' && done === 3) controller.abort(new Error('cancelled by the test'));
      },
    });
    await expect(attempt).rejects.toThrow('cancelled by the test');
    expect(t.kontor.database.sqlite.prepare('SELECT count(*) FROM product').pluck().get()).toBe(before);
    expect(t.kontor.database.sqlite.prepare('SELECT count(*) FROM product_image').pluck().get()).toBe(0);
    expect(mediaFiles()).toEqual([]);
  });
});

describe('image URLs of an import, fetched later by the background job', () => {
  let server: Server;
  let base: string;
  let picture: Buffer;
  const hits = new Map<string, number>();
  beforeAll(async () => {
    picture = await png('#36c', 150);
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      hits.set(url, (hits.get(url) ?? 0) + 1);
      if (url === '/ok.png') res.writeHead(200, { 'content-type': 'image/png' }).end(picture);
      else if (url === '/text.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html>not an image</html>');
      else if (url === '/big.png') {
        // No Content-Length: the size shows only while reading.
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(Buffer.alloc(40 * 1024, 1));
        res.end(Buffer.alloc(40 * 1024, 1));
      } else if (url === '/announced-big.png') res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(10 * 1024 * 1024) }).end();
      else if (url === '/slow.png') setTimeout(() => res.writeHead(200).end(picture), 3_000).unref();
      else res.writeHead(404, 'Not Found').end('no such picture');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('attaches what it can and records each failure with its reason, then retries the failures when they are due', async () => {
    const sheetDir = makeTempDir();
    const path = writeCsv(sheetDir, 'catalogue.csv', [
      ['sku', 'title_en', 'images'],
      ['URL-1', 'Rug', `${base}/ok.png`],
      ['URL-2', 'Lamp', `${base}/missing.png`],
      ['URL-3', 'Tea', `${base}/text.jpg`],
      ['URL-4', 'Oil', `${base}/big.png, ${base}/announced-big.png`],
      ['URL-5', 'Pouf', `${base}/slow.png`],
    ]);
    const imported = await runImport(deps(), request(path));
    expect(imported.images).toMatchObject({ attached: 0, pending: 6, failed: 0 });
    const revisionBefore = t.kontor.database.sqlite.prepare("SELECT revision FROM product WHERE sku = 'URL-1'").pluck().get() as number;

    let now = new Date('2030-01-01T10:00:00Z');
    const run = () => fetchDueImages({ sqlite: t.kontor.database.sqlite, dataDir: t.dataDir }, { timeoutMs: 500, maxBytes: 64 * 1024, now: () => now });
    expect(await run()).toEqual({ tried: 6, attached: 1, failed: 5, unreachable: 0 });
    expect(imagesOf('URL-1').map((i) => i.width)).toEqual([150]);
    const bySource = new Map(sources().map((s) => [s.source.replace(base, ''), s]));
    expect(bySource.get('/ok.png')).toMatchObject({ status: 'fetched', attempts: 1, retry_at: null });
    expect(bySource.get('/missing.png')).toMatchObject({ status: 'failed', error_key: 'imports.image.http', attempts: 1, row: 3 });
    expect(bySource.get('/text.jpg')).toMatchObject({ status: 'failed', error_key: 'catalog.image.type' });
    expect(bySource.get('/big.png')).toMatchObject({ status: 'failed', error_key: 'imports.image.tooLarge' });
    expect(bySource.get('/announced-big.png')).toMatchObject({ status: 'failed', error_key: 'imports.image.tooLarge' });
    expect(bySource.get('/slow.png')).toMatchObject({ status: 'failed', error_key: 'imports.image.timeout' });
    expect(bySource.get('/missing.png')?.retry_at).toBe('2030-01-01T10:05:00.000Z');

    // The report of the run names the row, the product and the URL of each failure.
    const failures = runImages(t.kontor.database.sqlite, imported.runId ?? 0).failures;
    expect(failures.find((f) => f.sku === 'URL-2')).toMatchObject({ row: 3, source: `${base}/missing.png`, key: 'imports.image.http', params: { status: 404 } });

    // The attached image moved the product's revision, and the import's record with it: the import can still be undone.
    expect(t.kontor.database.sqlite.prepare("SELECT revision FROM product WHERE sku = 'URL-1'").pluck().get()).toBe(revisionBefore + 1);

    // Nothing is due before the retry time; then the failures are tried again, the successes are not.
    hits.clear();
    expect(await run()).toEqual({ tried: 0, attached: 0, failed: 0, unreachable: 0 });
    now = new Date('2030-01-01T10:06:00Z');
    expect((await run()).tried).toBe(5);
    expect(hits.get('/ok.png')).toBeUndefined();
    expect(hits.get('/missing.png')).toBe(1);
    expect(sources().find((s) => s.source.endsWith('/missing.png'))).toMatchObject({ attempts: 2, retry_at: '2030-01-01T10:36:00.000Z' });

    // After the last attempt a failure stays failed and is not tried by itself any more.
    for (let attempt = 3; attempt <= MAX_FETCH_ATTEMPTS; attempt++) {
      now = new Date(now.getTime() + 25 * 3600_000);
      await run();
    }
    expect(sources().find((s) => s.source.endsWith('/missing.png'))).toMatchObject({ status: 'failed', attempts: MAX_FETCH_ATTEMPTS, retry_at: null });

    expect(mediaFiles()).toHaveLength(1);
    const undone = await undoImportWithMedia(t.kontor.database.sqlite, t.dataDir, imported.runId ?? 0);
    expect(undone.kept).toEqual([]);
    expect(undone.removed).toBe(5);
    // The picture only the removed product used goes with it.
    expect(mediaFiles()).toEqual([]);
  }, 30_000);

  test('a host that cannot be reached (offline) is tried again soon without using up attempts', async () => {
    const sheetDir = makeTempDir();
    // A port that was just free again: the loopback refuses the connection at once.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const path = writeCsv(sheetDir, 'catalogue.csv', [
      ['sku', 'title_en', 'images'],
      ['OFF-1', 'Rug', `http://127.0.0.1:${port}/rug.png`],
    ]);
    await runImport(deps(), request(path));
    const now = new Date('2030-01-01T10:00:00Z');
    const summary = await fetchDueImages({ sqlite: t.kontor.database.sqlite, dataDir: t.dataDir }, { timeoutMs: 2_000, now: () => now });
    expect(summary).toEqual({ tried: 1, attached: 0, failed: 1, unreachable: 1 });
    expect(sources()[0]).toMatchObject({ status: 'failed', error_key: 'imports.image.network', attempts: 0, retry_at: '2030-01-01T10:10:00.000Z' });
  });
});
