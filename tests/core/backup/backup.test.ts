import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, closeSync, writeSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { createClient } from '../../../shared/client.ts';
import { BACKUP_BEFORE_JOB } from '../../../electron/core/backup/backupBeforeJobs.ts';
import { listBackupFiles } from '../../../electron/core/backup/backupFiles.ts';
import { inspectBackupFile } from '../../../electron/core/backup/inspectBackup.ts';
import { backupDirIn } from '../../../electron/core/dataDir.ts';
import { DEMO_COMPANY } from '../../../electron/core/demo/demoCompany.ts';
import { createInProcessTransport } from '../../../electron/core/inProcessTransport.ts';
import { openKontorHost, type KontorHost } from '../../../electron/core/kontorHost.ts';
import { memoryLogger } from '../../../electron/core/logger.ts';
import { productInput } from '../catalog/support.ts';
import { dumpTables } from '../../support/tableDump.ts';
import { makeTempDir, openTestKontor, type TestKontor } from '../../support/testKontor.ts';

let t: TestKontor | undefined;
let host: KontorHost | undefined;
afterEach(async () => {
  await t?.close();
  await host?.close();
  t = undefined;
  host = undefined;
});

async function openHost(dataDir = makeTempDir(), dataSafety = false) {
  const log = memoryLogger();
  host = await openKontorHost({ dataDir, appVersion: '0.0.0-test', mode: 'test', log, dataSafety });
  return { host, client: createClient(createInProcessTransport(host)), dataDir, log };
}

/** A database file with a few hundred pages of real rows, so a damaged page lands in data. */
async function fillCatalog(client: ReturnType<typeof createClient>, count = 60): Promise<void> {
  await client.call('company.save', DEMO_COMPANY);
  for (let i = 0; i < count; i++) {
    await client.call('products.create', productInput({ sku: `RUG-${i}`, gtin: null, texts: { en: { title: `Rug ${i}`, description: 'x'.repeat(2000) } } }));
  }
}

describe('backups', () => {
  test('a backup taken while another process keeps writing is a consistent snapshot', async () => {
    t = await openTestKontor();
    const stopFile = join(t.dataDir, 'stop');
    const writer = spawn(process.execPath, [join(import.meta.dirname, 'fixtures/counterWriter.ts'), t.kontor.databasePath, stopFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: writer.stdout });
    const output: string[] = [];
    const ready = new Promise<void>((resolve) => lines.on('line', (line) => (output.push(line), line === 'ready' && resolve())));
    const exited = new Promise<number | null>((resolve) => writer.on('exit', resolve));
    await Promise.race([ready, exited.then((code) => Promise.reject(new Error(`the writer exited early with code ${code}`)))]);
    // Let it write a while first, so the copy starts in the middle of the stream of commits.
    const count = () => Number(t?.kontor.database.sqlite.prepare("SELECT value FROM settings WHERE key = 'counter.total'").pluck().get() ?? 0);
    while (count() < 200) await new Promise((r) => setTimeout(r, 10));
    const before = count();
    const backup = await t.kontor.backups.backupNow('manual', { onProgress: () => undefined });
    const after = count();
    writeFileSync(stopFile, '');
    expect(await exited).toBe(0);
    const written = Number(output.find((l) => l.startsWith('done '))?.slice(5));

    const copy = new Sqlite(backup.path, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const total = Number(copy.prepare("SELECT value FROM settings WHERE key = 'counter.total'").pluck().get());
      const rows = copy.prepare("SELECT count(*) FROM settings WHERE key LIKE 'counter.%' AND key <> 'counter.total'").pluck().get();
      // Every committed transaction is in the copy whole, or not at all.
      expect(rows).toBe(total);
      expect(total).toBeGreaterThanOrEqual(before);
      expect(total).toBeLessThanOrEqual(after);
      expect(written).toBeGreaterThan(total);
    } finally {
      copy.close();
    }
  }, 60_000);

  test('backup then restore gives back exactly the data of the backup, and the data replaced is kept aside', async () => {
    const { host: h, client } = await openHost();
    await fillCatalog(client, 5);
    await client.call('app.setPreferences', { theme: 'dark' });
    const backup = await client.call('backup.now', {});
    expect(backup.reason).toBe('manual');
    const atBackup = dumpTables(h.current().database.sqlite, ['job']);

    // Change everything the backup will have to undo.
    const first = await client.call('products.getBySku', { sku: 'RUG-0' });
    await client.call('products.delete', { id: first.id, revision: first.revision });
    await client.call('products.create', productInput({ sku: 'NEW-1' }));
    await client.call('app.setPreferences', { theme: 'light' });
    const changed = dumpTables(h.current().database.sqlite, ['job']);
    expect(changed).not.toEqual(atBackup);

    const inspected = await client.call('backup.inspect', { path: backup.path });
    expect(inspected).toMatchObject({ needsMigration: false, products: 5, companyName: expect.any(String) as unknown });
    const restored = await client.call('backup.restore', { path: backup.path, confirm: true });
    expect(restored.restoredFrom).toBe(backup.path);

    // The host reopened on the restored file; its calls answer the backup's data.
    expect(dumpTables(h.current().database.sqlite, ['job'])).toEqual(atBackup);
    expect((await client.call('app.getPreferences', {})).theme).toBe('dark');
    expect((await client.call('products.getBySku', { sku: 'NEW-1' }).catch((e: unknown) => e)) instanceof Error).toBe(true);
    // What was replaced is a backup too, with the changes in it.
    expect(restored.previousCopy).not.toBeNull();
    const aside = new Sqlite(restored.previousCopy ?? '', { readonly: true });
    try {
      expect(aside.prepare("SELECT count(*) FROM product WHERE sku = 'NEW-1'").pluck().get()).toBe(1);
    } finally {
      aside.close();
    }
  }, 60_000);

  test('a damaged backup is refused by its integrity check and nothing is replaced', async () => {
    const { host: h, client } = await openHost();
    await fillCatalog(client);
    const backup = await client.call('backup.now', {});
    const before = dumpTables(h.current().database.sqlite, ['job']);

    // Scribble over a page in the middle of the file (the header stays valid).
    const pageSize = 4096;
    const fd = openSync(backup.path, 'r+');
    try {
      const pages = Math.floor(readFileSync(backup.path).length / pageSize);
      expect(pages).toBeGreaterThan(20);
      writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, Math.floor(pages / 2) * pageSize);
    } finally {
      closeSync(fd);
    }
    const refused = await client.tryCall('backup.restore', { path: backup.path, confirm: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
    expect(() => inspectBackupFile(backup.path)).toThrow(/damaged/);
    expect(dumpTables(h.current().database.sqlite, ['job'])).toEqual(before);
    // No copy of the current data was made for a restore that never started.
    expect(listBackupFiles(backupDirIn(h.current().dataDir)).filter((f) => f.reason === 'restore')).toEqual([]);
  }, 60_000);

  test('a foreign SQLite file, a text file and a missing file are refused', async () => {
    const { client, dataDir } = await openHost();
    const foreign = join(dataDir, 'other.sqlite');
    const db = new Sqlite(foreign);
    db.exec('CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (1)');
    db.close();
    const text = join(dataDir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some words that fill more than a header '.repeat(20));

    expect(await client.tryCall('backup.inspect', { path: foreign })).toMatchObject({ ok: false, error: { code: 'NOT_A_KONTOR_DATABASE' } });
    expect(await client.tryCall('backup.restore', { path: text, confirm: true })).toMatchObject({ ok: false, error: { code: 'NOT_A_KONTOR_DATABASE' } });
    expect(await client.tryCall('backup.restore', { path: join(dataDir, 'nope.sqlite'), confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // A restore needs its confirmation in the call itself.
    expect(await client.tryCall('backup.restore', { path: foreign } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  test('a bulk price change backs up first, and the copy holds the old prices', async () => {
    t = await openTestKontor();
    await t.client.call('company.save', DEMO_COMPANY);
    const product = await t.client.call('products.create', productInput());
    await t.client.call('products.bulkUpdate', { ids: [product.id], set: { priceChange: { percent: 10 } } });
    const copies = listBackupFiles(backupDirIn(t.dataDir)).filter((f) => f.reason === 'bulk-price-change');
    expect(copies).toHaveLength(1);
    const copy = new Sqlite(copies[0]?.path ?? '', { readonly: true });
    try {
      expect(copy.prepare('SELECT amount_minor FROM product_price').pluck().all()).toEqual([89_000]);
    } finally {
      copy.close();
    }
    expect(t.kontor.database.sqlite.prepare('SELECT amount_minor FROM product_price').pluck().all()).toEqual([97_900]);
    // A bulk change without prices does not copy the database.
    await t.client.call('products.bulkUpdate', { ids: [product.id], set: { status: 'archived' } });
    expect(listBackupFiles(backupDirIn(t.dataDir))).toHaveLength(1);
  });

  test('an import backs up before it starts (a dry run does not), and the copy is from before the import', async () => {
    t = await openTestKontor();
    expect(BACKUP_BEFORE_JOB['catalog.import']).toBe('import');
    const k = t;
    await k.client.call('products.create', { sku: 'OLD-1', texts: { en: { title: 'Old title' } } });
    const content = Buffer.from('SKU;Title\nOLD-1;New title\nNEW-1;Brand new\n', 'utf8');
    const { fileId } = await k.client.call('imports.upload', { fileName: 'p.csv', dataBase64: content.toString('base64') });
    const inspected = await k.client.call('imports.inspect', { fileId, fileName: 'p.csv', read: {} });
    const start = (dryRun: boolean) =>
      k.client.call('jobs.start', { kind: 'catalog.import', input: { fileId, fileName: 'p.csv', read: {}, mapping: inspected.mapping, mode: 'all', dryRun } });
    const imports = () => listBackupFiles(backupDirIn(k.dataDir)).filter((f) => f.reason === 'import');

    await k.kontor.jobs.wait((await start(true)).id);
    expect(imports()).toHaveLength(0);
    const done = await k.kontor.jobs.wait((await start(false)).id);
    expect(done.status).toBe('succeeded');
    expect(imports()).toHaveLength(1);
    const copy = new Sqlite(imports()[0]?.path ?? '', { readonly: true });
    try {
      expect(copy.prepare('SELECT sku FROM product ORDER BY sku').pluck().all()).toEqual(['OLD-1']);
    } finally {
      copy.close();
    }
    expect(k.kontor.database.sqlite.prepare('SELECT sku FROM product ORDER BY sku').pluck().all()).toEqual(['NEW-1', 'OLD-1']);
  }, 60_000);

  test('starting, resuming or retrying a marketplace upload backs up first', async () => {
    t = await openTestKontor();
    // No account 999 exists: the call fails, but only after the copy was taken (before any work).
    const refused = await t.client.tryCall('marketplaces.uploads.start', { accountId: 999, selection: { filter: '' } });
    expect(refused.ok).toBe(false);
    expect(listBackupFiles(backupDirIn(t.dataDir)).filter((f) => f.reason === 'upload')).toHaveLength(1);
    await t.client.tryCall('marketplaces.uploads.resume', { id: 999 });
    expect(listBackupFiles(backupDirIn(t.dataDir)).filter((f) => f.reason === 'upload')).toHaveLength(2);
  });

  test('the daily backup is taken once a day, into the folder the user chose', async () => {
    t = await openTestKontor();
    const chosen = join(t.dataDir, 'elsewhere');
    expect(await t.client.tryCall('backup.setSettings', { folder: chosen })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'folder', key: 'safety.issues.folderMissing' }] } },
    });
    mkdirSync(chosen);
    await t.client.call('backup.setSettings', { folder: chosen });
    const now = new Date();
    expect(await t.kontor.backups.ensureDaily(now)).not.toBeNull();
    expect(await t.kontor.backups.ensureDaily(new Date(now.getTime() + 3_600_000))).toBeNull();
    expect(await t.kontor.backups.ensureDaily(new Date(now.getTime() + 25 * 3_600_000))).not.toBeNull();
    expect(readdirSync(chosen).filter((n) => n.endsWith('-daily.sqlite'))).toHaveLength(2);
    expect(existsSync(backupDirIn(t.dataDir))).toBe(false);
    const status = await t.client.call('backup.status', {});
    expect(status).toMatchObject({ folder: chosen, settings: { folder: chosen, daily: true }, canRestore: false });
    expect(status.backups.map((b) => b.reason)).toEqual(['daily', 'daily']);
    await t.client.call('backup.setSettings', { daily: false });
    expect(await t.kontor.backups.ensureDaily(new Date(now.getTime() + 50 * 3_600_000))).toBeNull();
  });

  test('the app checks the database at start (quick_check) and reports it', async () => {
    const { client } = await openHost(makeTempDir(), true);
    let check = (await client.call('backup.status', {})).check;
    for (let i = 0; i < 200 && check?.state !== 'ok'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      check = (await client.call('backup.status', {})).check;
    }
    expect(check).toMatchObject({ state: 'ok', problems: [] });
    // …and took the first daily backup.
    expect((await client.call('backup.status', {})).backups.map((b) => b.reason)).toEqual(['daily']);
  });
});
