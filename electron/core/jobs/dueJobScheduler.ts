import type { JobKind } from '../../../shared/contract/jobs.ts';
import type { Logger } from '../logger.ts';
import type { JobRunner } from './jobRunner.ts';

export interface DueJobScheduler {
  /** Looks now whether there is work, and starts the job if so; answers its id, or null. */
  check(): Promise<number | null>;
  close(): void;
}

/**
 * Starts a background job of `kind` whenever `due()` says there is work: shortly after start-up,
 * then every `intervalMs`, one job at a time. `due` must be cheap (an index lookup); the work runs
 * in a worker thread. The timers never keep a process alive that has nothing else to do.
 */
export function scheduleDueJob(options: {
  jobs: JobRunner;
  log: Logger;
  kind: Extract<JobKind, 'stock.checkpoints' | 'catalog.fetchImages'>;
  /** For the log: "the image fetch job". */
  what: string;
  due: () => boolean;
  firstDelayMs: number;
  intervalMs: number;
}): DueJobScheduler {
  const { jobs, log } = options;
  let running: Promise<unknown> | null = null;
  let closed = false;

  const check = async (): Promise<number | null> => {
    if (closed || running !== null || !options.due()) return null;
    const job = await jobs.start({ kind: options.kind, input: {} });
    running = jobs
      .wait(job.id)
      .then((done) => {
        if (done.status === 'failed') log.warn(`${options.what} #${done.id} failed: ${done.error?.message ?? 'no message'}`);
      })
      .finally(() => {
        running = null;
      });
    return job.id;
  };
  const tick = (): void => {
    check().catch((error: unknown) => log.warn(`could not start ${options.what}`, error));
  };
  const first = setTimeout(tick, options.firstDelayMs);
  const every = setInterval(tick, options.intervalMs);
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
