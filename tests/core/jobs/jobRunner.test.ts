import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { backupDirIn } from '../../../electron/core/dataDir.ts';
import { INTERRUPTED_MESSAGE, UNFINISHED_JOBS } from '../../../electron/core/jobs/jobStore.ts';
import { fillDatabaseToSize } from '../../../electron/core/demo/generator.ts';
import { makeTempDir, openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { backupFiles, fixtureWorker, openKontorWithRunner } from './support.ts';

const opened: TestKontor[] = [];
afterEach(async () => {
  for (const t of opened.splice(0).reverse()) await t.close();
});
const track = <T extends TestKontor>(t: T): T => {
  opened.push(t);
  return t;
};

function insertRow(t: TestKontor, status: string, createdAt = new Date().toISOString()): number {
  const info = t.kontor.database.sqlite
    .prepare("INSERT INTO job (kind, status, input, created_at, started_at) VALUES ('database.backup', ?, '{}', ?, ?)")
    .run(status, createdAt, createdAt);
  return Number(info.lastInsertRowid);
}

describe('job runner', () => {
  test('unknown job ids answer NOT_FOUND', async () => {
    const t = track(await openTestKontor());
    for (const call of ['jobs.get', 'jobs.cancel'] as const) {
      const answer = await t.client.tryCall(call, { id: 4242 });
      expect(answer).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no job #4242.', details: { id: 4242 } } });
    }
    await expect(t.kontor.jobs.wait(4242)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('jobs.list answers the newest first', async () => {
    const t = track(await openTestKontor());
    const first = await t.client.call('jobs.start', { kind: 'database.backup', input: {} });
    await t.kontor.jobs.wait(first.id);
    const second = await t.client.call('jobs.start', { kind: 'database.backup', input: {} });
    await t.kontor.jobs.wait(second.id);
    const list = await t.client.call('jobs.list', { limit: 10 });
    expect(list.map((j) => j.id)).toEqual([second.id, first.id]);
    expect(list.every((j) => j.status === 'succeeded')).toBe(true);
    expect(await t.client.call('jobs.list', { limit: 1 })).toHaveLength(1);
  });

  test('a worker that crashes fails its job with a message naming the job', async () => {
    const t = track(await openKontorWithRunner({ workerUrl: fixtureWorker('crashingWorker.ts') }));
    const started = await t.client.call('jobs.start', { kind: 'database.backup', input: {} });
    const job = await t.kontor.jobs.wait(started.id);
    expect(job.status).toBe('failed');
    expect(job.error).toEqual({
      code: 'INTERNAL',
      message: `The database.backup job (#${started.id}) stopped unexpectedly: the disk controller caught fire.`,
    });
    expect(job.message).toBe(job.error?.message);
    expect(job.finishedAt).not.toBeNull();
  });

  test('a worker that exits without a final message fails its job', async () => {
    const t = track(await openKontorWithRunner({ workerUrl: fixtureWorker('silentExitWorker.ts') }));
    const started = await t.client.call('jobs.start', { kind: 'demo.generate', input: {} });
    const job = await t.kontor.jobs.wait(started.id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } });
    expect(job.error?.message).toBe(
      `The demo.generate job (#${started.id}) stopped unexpectedly: its worker exited with code 3 without finishing.`,
    );
  });

  test('a worker that ignores cancel is terminated after the grace period; still cancelled, temp file removed', async () => {
    const t = track(await openKontorWithRunner({ workerUrl: fixtureWorker('stubbornWorker.ts'), cancelGraceMs: 300 }));
    const started = await t.client.call('jobs.start', { kind: 'database.backup', input: {} });
    const temp = join(t.dataDir, 'stubborn.sqlite.partial');
    await expect.poll(() => existsSync(temp)).toBe(true);
    await expect.poll(async () => (await t.client.call('jobs.get', { id: started.id })).done).toBeGreaterThan(0);

    const began = Date.now();
    const job = await t.client.call('jobs.cancel', { id: started.id });
    expect(Date.now() - began).toBeGreaterThanOrEqual(250);
    expect(job).toMatchObject({ status: 'cancelled', result: null, error: null });
    expect(existsSync(temp)).toBe(false);
    expect(t.log.lines.some((l) => l.level === 'warn' && l.message.includes('did not stop within 300 ms'))).toBe(true);
  });

  test('jobs left running by a stopped process become interrupted at start-up; their partial files go', async () => {
    const dataDir = makeTempDir();
    const before = await openTestKontor(dataDir);
    const running = insertRow(before, 'running');
    const queued = insertRow(before, 'queued');
    const done = insertRow(before, 'succeeded');
    mkdirSync(backupDirIn(dataDir), { recursive: true });
    const partial = join(backupDirIn(dataDir), 'kontor-2025-01-01T00-00-00-000Z.sqlite.partial');
    writeFileSync(partial, 'half');
    writeFileSync(join(backupDirIn(dataDir), 'kept.sqlite'), 'a real backup');
    // Closing the core without deleting the directory: the next open plays the restarted app.
    await before.kontor.close();

    const after = track(await openTestKontor(dataDir));
    for (const id of [running, queued]) {
      const job = await after.client.call('jobs.get', { id });
      expect(job).toMatchObject({ status: 'interrupted', message: INTERRUPTED_MESSAGE });
      expect(job.finishedAt).not.toBeNull();
    }
    expect((await after.client.call('jobs.get', { id: done })).status).toBe('succeeded');
    expect(backupFiles(after.dataDir)).toEqual(['kept.sqlite']);
    // Finding leftovers must not scan the job history: the partial index answers it.
    const plan = after.kontor.database.sqlite
      .prepare(`EXPLAIN QUERY PLAN UPDATE job SET status = 'interrupted' WHERE ${UNFINISHED_JOBS}`)
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('job_unfinished');
  });

  test('a process killed mid-backup leaves an interrupted job and no partial file after the next start', async () => {
    const dataDir = makeTempDir();
    await fillDatabaseToSize(join(dataDir, 'kontor.sqlite'), 24 * 1024 * 1024, 3);
    const child = spawn(process.execPath, [fileURLToPath(fixtureWorker('startBackupThenHang.ts')), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const line = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the child exited early (code ${code})`)));
    });
    const id = Number(/^running (\d+)$/.exec(line)?.[1]);
    expect(backupFiles(dataDir).some((f) => f.endsWith('.partial'))).toBe(true);
    child.kill('SIGKILL');
    await exited;

    const after = track(await openTestKontor(dataDir));
    expect(await after.client.call('jobs.get', { id })).toMatchObject({ status: 'interrupted', message: INTERRUPTED_MESSAGE });
    expect(backupFiles(after.dataDir)).toEqual([]);
  });

  test('a second runner on the same data directory leaves the first one\'s running job alone', async () => {
    const t = track(await openKontorWithRunner({ tuning: { backupPagesPerStep: 1 } }));
    await fillDatabaseToSize(t.kontor.databasePath, 16 * 1024 * 1024, 5);
    const started = await t.client.call('jobs.start', { kind: 'database.backup', input: {} });
    await expect.poll(async () => (await t.client.call('jobs.get', { id: started.id })).status).toBe('running');

    const other = await openTestKontor(t.dataDir);
    try {
      const seen = await other.client.call('jobs.get', { id: started.id });
      expect(seen.status).toBe('running');
      const answer = await other.client.tryCall('jobs.cancel', { id: started.id });
      expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(other.log.lines.some((l) => l.message.includes('another Kontor process is running jobs'))).toBe(true);
    } finally {
      await other.kontor.close();
    }
    expect((await t.kontor.jobs.wait(started.id)).status).toBe('succeeded');
  });
});
