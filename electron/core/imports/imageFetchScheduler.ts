import { networkInterfaces } from 'node:os';
import type { Database } from 'better-sqlite3';
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
export function scheduleImageFetch(options: { sqlite: Database; jobs: JobRunner; log: Logger; firstDelayMs?: number; intervalMs?: number; online?: () => boolean }): { check(): Promise<number | null>; close(): void } {
  const { sqlite, jobs, log } = options;
  const online = options.online ?? looksOnline;
  let running: Promise<unknown> | null = null;
  let closed = false;
  const check = async (): Promise<number | null> => {
    if (closed || running !== null || !sqlite.open || !online() || !imagesDue(sqlite)) return null;
    const job = await jobs.start({ kind: 'catalog.fetchImages', input: {} });
    running = jobs
      .wait(job.id)
      .then((done) => {
        if (done.status === 'failed') log.warn(`the image fetch job #${done.id} failed: ${done.error?.message ?? 'no message'}`);
      })
      .finally(() => {
        running = null;
      });
    return job.id;
  };
  const tick = (): void => {
    check().catch((error: unknown) => log.warn('could not start the image fetch job', error));
  };
  const first = setTimeout(tick, options.firstDelayMs ?? 8_000);
  const every = setInterval(tick, options.intervalMs ?? 5 * 60_000);
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
