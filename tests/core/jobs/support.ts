import { readdirSync } from 'node:fs';
import { createClient, type KontorClient } from '../../../shared/client.ts';
import type { JobView } from '../../../shared/contract/jobs.ts';
import { backupDirIn } from '../../../electron/core/dataDir.ts';
import { fillDatabaseToSize } from '../../../electron/core/demo/generator.ts';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import { createHandlers } from '../../../electron/core/handlers.ts';
import { createInProcessTransport } from '../../../electron/core/inProcessTransport.ts';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from '../../../electron/core/jobs/jobRunner.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

export type RunnerOptions = Omit<Partial<JobRunnerOptions>, 'db' | 'dataDir' | 'databasePath' | 'events' | 'log'>;

/**
 * A test Kontor whose job runner is built with `options` (slower backups, a stub worker, a short
 * grace period), reached through a client like the real one.
 */
export async function openKontorWithRunner(options: RunnerOptions, dataDir?: string): Promise<TestKontor & { jobs: JobRunner }> {
  const t = await openTestKontor(dataDir);
  // The default runner would share the data directory; only one should run the jobs under test.
  await t.kontor.jobs.close();
  const db = t.kontor.database.db;
  const jobs = await createJobRunner({
    db,
    dataDir: t.dataDir,
    databasePath: t.kontor.databasePath,
    events: t.kontor.events,
    log: t.log,
    ...options,
  });
  const dispatcher = createDispatcher(createHandlers({ db, sqlite: t.kontor.database.sqlite, dataDir: t.dataDir, jobs, info: () => t.kontor.info() }), t.log);
  const client: KontorClient = createClient(createInProcessTransport({ dispatcher, events: t.kontor.events }));
  return {
    ...t,
    kontor: { ...t.kontor, jobs },
    client,
    jobs,
    async close() {
      await jobs.close();
      await t.close();
    },
  };
}

/** Grows the test database so that a backup copying one page per step takes a while. */
export async function makeDatabaseLarge(t: TestKontor, bytes = 24 * 1024 * 1024): Promise<void> {
  await fillDatabaseToSize(t.kontor.databasePath, bytes, 7);
}

export function backupFiles(dataDir: string): string[] {
  try {
    return readdirSync(backupDirIn(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every job.updated event for one job, in order, until it finishes. */
export function collectUpdates(client: KontorClient): { updates: JobView[]; stop: () => void } {
  const updates: JobView[] = [];
  const stop = client.subscribe((event) => {
    if (event.type === 'job.updated') updates.push(event.job);
  });
  return { updates, stop };
}

export const fixtureWorker = (name: string): URL => new URL(`./fixtures/${name}`, import.meta.url);
