import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { backupDirIn } from '../../../electron/core/dataDir.ts';
import { DEMO_COMPANY } from '../../../electron/core/demo/demoCompany.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { backupFiles, collectUpdates, makeDatabaseLarge, openKontorWithRunner } from './support.ts';

let t: TestKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Rows in a stable order whatever the table's keys (some tables have no rowid). */
function tableRows(db: Sqlite.Database, table: string): string[] {
  return db
    .prepare(`SELECT * FROM "${table}"`)
    .raw()
    .all()
    .map((row) => JSON.stringify(row))
    .sort();
}

describe('database.backup', () => {
  test('copies the database into backups/, and the copy opens with the same rows', async () => {
    t = await openTestKontor();
    await t.client.call('company.save', DEMO_COMPANY);
    await t.client.call('app.setPreferences', { theme: 'dark' });
    await makeDatabaseLarge(t, 2 * 1024 * 1024);

    const started = await t.client.call('jobs.start', { kind: 'database.backup', input: {} });
    expect(started).toMatchObject({ kind: 'database.backup', status: 'queued', finishedAt: null });
    const job = await t.kontor.jobs.wait(started.id);

    expect(job).toMatchObject({ status: 'succeeded', error: null, message: 'Done' });
    const result = job.result as { path: string; bytes: number };
    expect(dirname(result.path)).toBe(backupDirIn(t.dataDir));
    expect(result.path).toMatch(/kontor-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.sqlite$/);
    expect(result.bytes).toBe(statSync(result.path).size);
    expect(job.done).toBe(job.total);
    expect(job.total).toBe(result.bytes / 4096);
    expect(backupFiles(t.dataDir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    const source = t.kontor.database.sqlite;
    const copy = new Sqlite(result.path, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('user_version', { simple: true })).toBe(source.pragma('user_version', { simple: true }));
      expect(copy.pragma('application_id', { simple: true })).toBe(source.pragma('application_id', { simple: true }));
      const tables = source.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
      expect(copy.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(tables);
      for (const table of tables.filter((name) => name !== 'job')) {
        expect(tableRows(copy, table), table).toEqual(tableRows(source, table));
      }
      // The snapshot was taken while the backup itself was running: that row differs, no other.
      const others = 'SELECT * FROM job WHERE id <> ? ORDER BY id';
      expect(copy.prepare(others).raw().all(job.id)).toEqual(source.prepare(others).raw().all(job.id));
      expect(copy.prepare('SELECT status FROM job WHERE id = ?').pluck().get(job.id)).toBe('running');
    } finally {
      copy.close();
    }
  });

  test('reports progress in pages, throttled to the interval', async () => {
    t = await openKontorWithRunner({ tuning: { backupPagesPerStep: 1 }, progressIntervalMs: 20 });
    await makeDatabaseLarge(t, 24 * 1024 * 1024);
    const { updates, stop } = collectUpdates(t.client);

    const started = await t.client.call('jobs.start', { kind: 'database.backup', input: {} });
    const began = Date.now();
    const job = await t.kontor.jobs.wait(started.id);
    const tookMs = Date.now() - began;
    stop();

    expect(job.status).toBe('succeeded');
    const mine = updates.filter((u) => u.id === started.id);
    const running = mine.filter((u) => u.status === 'running');
    const progressing = running.filter((u) => u.total > 0 && u.done > 0 && u.done < u.total);
    expect(progressing.length).toBeGreaterThan(1);
    for (const u of progressing) expect(u).toMatchObject({ total: job.total, message: 'Copying the database' });
    const dones = running.map((u) => u.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    // At most one update per interval, plus the first and the last.
    expect(running.length).toBeLessThanOrEqual(Math.ceil(tookMs / 20) + 2);
    expect(mine.at(-1)).toEqual(job);
    expect(await t.client.call('jobs.get', { id: job.id })).toEqual(job);
  });

  test('finishes while the app keeps writing: other connections do not restart the copy', async () => {
    t = await openKontorWithRunner({ tuning: { backupPagesPerStep: 2 }, progressIntervalMs: 5 });
    await makeDatabaseLarge(t, 8 * 1024 * 1024);
    const client = t.client;
    const { updates, stop } = collectUpdates(client);
    let writes = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await client.call('app.setPreferences', { theme: writes % 2 === 0 ? 'dark' : 'light' });
        writes++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const started = await client.call('jobs.start', { kind: 'database.backup', input: {} });
    const job = await Promise.race([
      t.kontor.jobs.wait(started.id),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the backup did not finish within 15 s')), 15_000)),
    ]);
    writing = false;
    await writer;
    stop();

    expect(job.status).toBe('succeeded');
    expect(writes).toBeGreaterThan(10);
    const dones = updates.filter((u) => u.id === job.id && u.status === 'running').map((u) => u.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    const copy = new Sqlite((job.result as { path: string }).path, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
  });

  test('cancel right after start: the copy never begins, status cancelled', async () => {
    t = await openTestKontor();
    const started = await t.client.call('jobs.start', { kind: 'database.backup', input: {} });
    const job = await t.client.call('jobs.cancel', { id: started.id });
    expect(job).toMatchObject({ id: started.id, status: 'cancelled', result: null, error: null });
    expect(await t.kontor.jobs.wait(started.id)).toEqual(job);
    expect(backupFiles(t.dataDir)).toEqual([]);
  });

  test('cancel stops the copy midway: status cancelled, no file left behind', async () => {
    // One page per step and prompt progress events, so the cancel lands while pages are being copied.
    t = await openKontorWithRunner({ tuning: { backupPagesPerStep: 1 }, progressIntervalMs: 5 });
    await makeDatabaseLarge(t, 32 * 1024 * 1024);
    const client = t.client;
    let cancelled: Promise<unknown> | undefined;
    const stop = client.subscribe((event) => {
      if (!cancelled && event.job.status === 'running' && event.job.done > 0) {
        cancelled = client.call('jobs.cancel', { id: event.job.id });
      }
    });

    const started = await client.call('jobs.start', { kind: 'database.backup', input: {} });
    const job = await t.kontor.jobs.wait(started.id);
    stop();

    expect(cancelled).toBeDefined();
    expect(await cancelled).toEqual(job);
    expect(job).toMatchObject({ status: 'cancelled', result: null, error: null, message: 'Cancelled; nothing was kept.' });
    expect(job.done).toBeLessThan(job.total);
    expect(backupFiles(t.dataDir)).toEqual([]);
    expect(await client.call('jobs.get', { id: job.id })).toEqual(job);
    // Cancelling again answers the finished job as it is.
    expect(await client.call('jobs.cancel', { id: job.id })).toEqual(job);
  });

  test('close() cancels a running backup and waits for it', async () => {
    const k = await openKontorWithRunner({ tuning: { backupPagesPerStep: 1 } });
    t = k;
    await makeDatabaseLarge(k, 16 * 1024 * 1024);
    const started = await k.client.call('jobs.start', { kind: 'database.backup', input: {} });
    await k.jobs.close();

    const status = k.kontor.database.sqlite.prepare('SELECT status FROM job WHERE id = ?').pluck().get(started.id);
    expect(status).toBe('cancelled');
    expect(backupFiles(k.dataDir)).toEqual([]);
    await expect(k.jobs.start({ kind: 'database.backup', input: {} })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
