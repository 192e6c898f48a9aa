import type { JobRunner } from '../jobs/jobRunner.ts';
import type { Logger } from '../logger.ts';
import type { BackupService } from './backupService.ts';

/** How often the daily backup looks whether a day has passed; a laptop may sleep through a timer. */
export const DAILY_BACKUP_POLL_MS = 60 * 60 * 1000;

/**
 * What a running app does for its data on its own: the start-up quick_check (a job, off the main
 * thread; `backup.status` reports it) and the daily backup, checked at start and every hour.
 * Answers a function that stops the timer and waits for a backup under way.
 */
export function startDataSafety({ backups, jobs, log }: { backups: BackupService; jobs: JobRunner; log: Logger }, pollMs = DAILY_BACKUP_POLL_MS): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  jobs.start({ kind: 'database.check', input: {} }).catch((error: unknown) => log.error('could not start the database check', error));
  const daily = (): void => {
    running = running
      .then(() => backups.ensureDaily())
      .catch((error: unknown) => log.error('the daily backup failed; it is tried again within the hour', error));
  };
  daily();
  const timer = setInterval(daily, pollMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
