import { networkInterfaces } from 'node:os';
import type { Database } from 'better-sqlite3';
import { scheduleDueJob, type DueJobScheduler } from '../jobs/dueJobScheduler.ts';
import type { JobRunner } from '../jobs/jobRunner.ts';
import type { Logger } from '../logger.ts';
import { imagesDue } from './importImages.ts';

/** A network interface other than loopback with an address: without one, no URL can be fetched. */
export function looksOnline(): boolean {
  return Object.values(networkInterfaces()).some((addresses) => (addresses ?? []).some((a) => !a.internal));
}

/**
 * Starts the `catalog.fetchImages` job when image URLs are due and the machine looks online:
 * shortly after start-up, then every `intervalMs`. Whether the host is really reachable shows in
 * the fetch itself; a host that cannot be reached is tried again ten minutes later. One job at a time.
 */
export function scheduleImageFetch(options: { sqlite: Database; jobs: JobRunner; log: Logger; firstDelayMs?: number; intervalMs?: number; online?: () => boolean }): DueJobScheduler {
  const { sqlite } = options;
  const online = options.online ?? looksOnline;
  return scheduleDueJob({
    jobs: options.jobs,
    log: options.log,
    kind: 'catalog.fetchImages',
    what: 'the image fetch job',
    due: () => sqlite.open && online() && imagesDue(sqlite),
    firstDelayMs: options.firstDelayMs ?? 8_000,
    intervalMs: options.intervalMs ?? 5 * 60_000,
  });
}
