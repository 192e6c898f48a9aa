import type { Database } from 'better-sqlite3';
import { scheduleDueJob, type DueJobScheduler } from '../jobs/dueJobScheduler.ts';
import type { JobRunner } from '../jobs/jobRunner.ts';
import type { Logger } from '../logger.ts';
import { checkpointWorkPending } from './pastDate.ts';

/** `check()` looks now whether checkpoints are due or late movements wait, and starts the job if so. */
export type CheckpointScheduler = DueJobScheduler;

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
  const { sqlite } = options;
  return scheduleDueJob({
    jobs: options.jobs,
    log: options.log,
    kind: 'stock.checkpoints',
    what: 'the past-date checkpoints job',
    due: () => sqlite.open && checkpointWorkPending(sqlite, options.foldAfter === undefined ? {} : { foldAfter: options.foldAfter }),
    firstDelayMs: options.firstDelayMs ?? 5_000,
    intervalMs: options.intervalMs ?? 10 * 60_000,
  });
}
