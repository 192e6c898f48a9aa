import type { Database } from 'better-sqlite3';
import type { JobRunner } from '../jobs/jobRunner.ts';
import type { Logger } from '../logger.ts';
import { checkpointWorkPending } from './pastDate.ts';

export interface CheckpointScheduler {
  /** Looks now whether checkpoints are due or late movements wait, and starts the job if so. */
  check(): Promise<number | null>;
  close(): void;
}

/**
 * Starts the `stock.checkpoints` job when there is work for it: shortly after start-up, then every
 * `intervalMs` (a month ending, enough movements recorded with an earlier date). The check is two
 * index lookups; the work itself runs in a worker thread. One job at a time.
 */
export function scheduleCheckpoints(options: {
  sqlite: Database;
  jobs: JobRunner;
  log: Logger;
  firstDelayMs?: number;
  intervalMs?: number;
  /** Late movements that make folding worth a run (stock/pastDate.ts FOLD_LATE_AFTER). */
  foldAfter?: number;
}): CheckpointScheduler {
  const { sqlite, jobs, log } = options;
  let running: Promise<unknown> | null = null;
  let closed = false;

  const check = async (): Promise<number | null> => {
    if (closed || running !== null || !sqlite.open) return null;
    if (!checkpointWorkPending(sqlite, options.foldAfter === undefined ? {} : { foldAfter: options.foldAfter })) return null;
    const job = await jobs.start({ kind: 'stock.checkpoints', input: {} });
    running = jobs
      .wait(job.id)
      .then((done) => {
        if (done.status === 'failed') log.warn(`the past-date checkpoints job #${done.id} failed: ${done.error?.message ?? 'no message'}`);
      })
      .finally(() => {
        running = null;
      });
    return job.id;
  };
  const tick = (): void => {
    check().catch((error: unknown) => log.warn('could not start the past-date checkpoints job', error));
  };
  const first = setTimeout(tick, options.firstDelayMs ?? 5_000);
  const every = setInterval(tick, options.intervalMs ?? 10 * 60_000);
  // Neither keeps a process alive that has nothing else to do.
  first.unref();
  every.unref();
  return {
    check,
    close() {
      closed = true;
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
