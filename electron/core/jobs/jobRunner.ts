import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { FINISHED_JOB_STATUSES, type JobKind, type JobStart, type JobView } from '../../../shared/contract/jobs.ts';
import { KontorError, type CallError } from '../../../shared/errors.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { EventHub } from '../events.ts';
import type { Logger } from '../logger.ts';
import { JOB_KIND_REGISTRY } from './jobKinds.ts';
import { findJob, insertJob, interruptLeftoverJobs, listJobs, writeJobCheckpoint, writeJobState } from './jobStore.ts';
import type { FinalMessage, JobTuning, JobWorkerData, MainToWorker, WorkerToMain } from './protocol.ts';
import { takeRunnerLock } from './runnerLock.ts';

export interface JobRunnerOptions {
  db: Kysely<KontorSchema>;
  dataDir: string;
  databasePath: string;
  events: EventHub;
  log: Logger;
  workerUrl?: URL;
  tuning?: JobTuning;
  /** How long a cancelled job may take to stop before its worker is terminated. */
  cancelGraceMs?: number;
  /** Least time between two stored progress updates (and `job.updated` events) of one job. */
  progressIntervalMs?: number;
}

/** Runs heavy work in worker threads, keeps each job's state in the `job` table. */
export interface JobRunner {
  /** `secrets` reach the worker in memory only; they are not stored with the job. */
  start(job: JobStart, options?: { secrets?: unknown }): Promise<JobView>;
  get(id: number): Promise<JobView>;
  list(limit: number): Promise<JobView[]>;
  cancel(id: number): Promise<JobView>;
  /** Resolves with the job once it has finished, whatever the outcome. */
  wait(id: number): Promise<JobView>;
  close(): Promise<void>;
}

const DEFAULT_WORKER_URL = new URL('./jobWorker.ts', import.meta.url);
const DEFAULT_CANCEL_GRACE_MS = 5000;
/** At most four stored updates and events a second per job: enough for a smooth progress bar. */
const DEFAULT_PROGRESS_INTERVAL_MS = 250;

interface ActiveJob {
  /** The job as it is now; the table lags behind it by at most one progress interval. */
  view: JobView;
  worker: Worker | undefined;
  settled: boolean;
  cancelRequested: boolean;
  /** What the worker threw at top level, if it crashed. */
  crash: unknown;
  tempFiles: Set<string>;
  lastFlushAt: number;
  flushTimer: NodeJS.Timeout | undefined;
  /** The latest progress not yet stored (see flush). */
  unstored: JobView | undefined;
  killTimer: NodeJS.Timeout | undefined;
  /** Writes of this job's row, in order. */
  writes: Promise<void>;
  finished: Promise<JobView>;
  resolveFinished: (view: JobView) => void;
}

type Outcome =
  | { status: 'succeeded'; result: unknown }
  | { status: 'failed'; error: CallError }
  | { status: 'cancelled' };

export async function createJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { db, events, log } = options;
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  const cancelGraceMs = options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
  const progressIntervalMs = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  const tuning = options.tuning ?? {};

  const lock = await takeRunnerLock(options.dataDir, async () => {
    const interrupted = await interruptLeftoverJobs(db, new Date());
    if (interrupted.length === 0) return;
    log.warn(`marked ${interrupted.length} job(s) left running by a previous Kontor process as interrupted: ${interrupted.map((j) => `#${j.id} ${j.kind}`).join(', ')}`);
    removeLeftoverFiles(options.dataDir, interrupted, log);
  });
  if (!lock.alone) {
    log.info('another Kontor process is running jobs on this data directory; its unfinished jobs are left to it');
  }

  const active = new Map<number, ActiveJob>();
  const exits = new Set<Promise<void>>();
  let closing = false;

  const enqueue = (job: ActiveJob, write: () => Promise<void>): Promise<void> => {
    job.writes = job.writes.then(write).catch((error: unknown) => {
      log.error(`could not store the state of job #${job.view.id} (${job.view.kind})`, error);
    });
    return job.writes;
  };

  const emit = (view: JobView): void => events.emit({ type: 'job.updated', job: view });

  /**
   * Progress is announced at once and stored after: a job may hold the database's write lock for
   * a while (an import writes in one transaction), and the progress bar must not wait for it.
   * While a stored update waits for the lock, later ones replace it rather than queue behind it.
   */
  const flush = (job: ActiveJob): void => {
    if (job.settled) return;
    job.lastFlushAt = Date.now();
    const snapshot = { ...job.view };
    emit(snapshot);
    const queued = job.unstored !== undefined;
    job.unstored = snapshot;
    if (queued) return;
    void enqueue(job, async () => {
      const latest = job.unstored;
      job.unstored = undefined;
      if (latest && !job.settled) await writeJobState(db, latest);
    });
  };

  // Leading edge at once, then at most one flush per interval, and the latest state always lands.
  const touch = (job: ActiveJob): void => {
    if (job.flushTimer || job.settled) return;
    const wait = job.lastFlushAt + progressIntervalMs - Date.now();
    if (wait <= 0) {
      flush(job);
      return;
    }
    job.flushTimer = setTimeout(() => {
      job.flushTimer = undefined;
      flush(job);
    }, wait);
  };

  const settle = (job: ActiveJob, reported: Outcome): void => {
    if (job.settled) return;
    job.settled = true;
    const outcome = storable(job, reported);
    clearTimeout(job.flushTimer);
    job.flushTimer = undefined;
    removeTempFiles(job, log);
    const view = job.view;
    view.status = outcome.status;
    view.finishedAt = new Date().toISOString();
    if (outcome.status === 'succeeded') {
      view.result = outcome.result;
      view.message = 'Done';
    } else if (outcome.status === 'failed') {
      view.error = outcome.error;
      view.message = outcome.error.message;
    } else {
      view.message = 'Cancelled; nothing was kept.';
    }
    const started = view.startedAt ? Date.parse(view.startedAt) : Date.parse(view.createdAt);
    const line = `job #${view.id} (${view.kind}) ${outcome.status} after ${Date.now() - started} ms`;
    if (outcome.status === 'failed') log.warn(`${line}: ${outcome.error.message}`);
    else log.info(line);
    const snapshot = { ...view };
    void enqueue(job, async () => {
      await writeJobState(db, snapshot);
    }).then(() => {
      active.delete(view.id);
      emit(snapshot);
      job.resolveFinished(snapshot);
    });
    // A worker that has said its last word but keeps running (a leaked handle) would hold up close().
    if (job.worker && !job.killTimer) {
      const worker = job.worker;
      job.killTimer = setTimeout(() => void worker.terminate(), cancelGraceMs);
    }
  };

  const onMessage = (job: ActiveJob, message: WorkerToMain): void => {
    if (job.settled) return;
    switch (message.type) {
      case 'progress':
        job.view.done = message.done;
        job.view.total = message.total;
        job.view.message = message.message;
        touch(job);
        return;
      case 'checkpoint':
        void enqueue(job, () => writeJobCheckpoint(db, job.view.id, message.state));
        return;
      case 'tempFile':
        job.tempFiles.add(message.path);
        return;
      default:
        settle(job, outcomeOf(message));
    }
  };

  const onExit = (job: ActiveJob, code: number): void => {
    clearTimeout(job.killTimer);
    if (job.settled) return;
    if (job.cancelRequested) {
      settle(job, { status: 'cancelled' });
      return;
    }
    const why =
      job.crash instanceof Error
        ? job.crash.message
        : job.crash !== undefined
          ? inspect(job.crash)
          : `its worker exited with code ${code} without finishing`;
    settle(job, {
      status: 'failed',
      error: { code: 'INTERNAL', message: `The ${job.view.kind} job (#${job.view.id}) stopped unexpectedly: ${why}.` },
    });
  };

  const requestCancel = (job: ActiveJob): void => {
    if (job.settled || job.cancelRequested || !job.worker) return;
    job.cancelRequested = true;
    const worker = job.worker;
    worker.postMessage({ type: 'cancel' } satisfies MainToWorker);
    job.killTimer = setTimeout(() => {
      log.warn(`job #${job.view.id} (${job.view.kind}) did not stop within ${cancelGraceMs} ms of being cancelled; terminating it`);
      void worker.terminate();
    }, cancelGraceMs);
  };

  const spawn = (job: ActiveJob, kind: JobKind, input: unknown, secrets: unknown): void => {
    const workerData: JobWorkerData = {
      jobId: job.view.id,
      kind,
      input,
      dataDir: options.dataDir,
      databasePath: options.databasePath,
      tuning,
      ...(secrets === undefined ? {} : { secrets }),
    };
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, { workerData, name: `kontor job #${job.view.id} ${kind}` });
    } catch (error) {
      job.crash = error;
      onExit(job, -1);
      return;
    }
    job.worker = worker;
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', (code) => {
        onExit(job, code);
        exits.delete(exited);
        resolve();
      });
    });
    exits.add(exited);
    worker.on('online', () => {
      if (job.settled) return;
      job.view.status = 'running';
      job.view.startedAt = new Date().toISOString();
      touch(job);
    });
    worker.on('message', (message: WorkerToMain) => onMessage(job, message));
    worker.on('error', (error) => {
      job.crash = error;
      log.error(`the worker of job #${job.view.id} (${kind}) crashed`, error);
    });
  };

  const unknownJob = (id: number): KontorError => new KontorError('NOT_FOUND', `There is no job #${id}.`, { id });
  const elsewhere = (view: JobView): KontorError =>
    new KontorError(
      'CONFLICT',
      `Job #${view.id} (${view.kind}) is being run by another Kontor window or process; follow or cancel it there.`,
      { id: view.id },
    );

  return {
    async start(job, startOptions) {
      if (closing) throw new KontorError('CONFLICT', 'Kontor is shutting down; start the job again once it has restarted.');
      const view = await insertJob(db, { kind: job.kind, input: job.input, createdAt: new Date().toISOString() });
      let resolveFinished!: (view: JobView) => void;
      const finished = new Promise<JobView>((resolve) => (resolveFinished = resolve));
      const entry: ActiveJob = {
        view,
        worker: undefined,
        settled: false,
        cancelRequested: false,
        crash: undefined,
        tempFiles: new Set(),
        lastFlushAt: 0,
        flushTimer: undefined,
        unstored: undefined,
        killTimer: undefined,
        writes: Promise.resolve(),
        finished,
        resolveFinished,
      };
      active.set(view.id, entry);
      spawn(entry, job.kind, job.input, startOptions?.secrets);
      log.info(`started job #${view.id} (${job.kind})`);
      return { ...view };
    },

    async get(id) {
      const running = active.get(id);
      if (running) return { ...running.view };
      const view = await findJob(db, id);
      if (!view) throw unknownJob(id);
      return view;
    },

    async list(limit) {
      const views = await listJobs(db, limit);
      return views.map((v) => {
        const running = active.get(v.id);
        return running ? { ...running.view } : v;
      });
    },

    async cancel(id) {
      const running = active.get(id);
      if (running) {
        requestCancel(running);
        return running.finished;
      }
      const view = await findJob(db, id);
      if (!view) throw unknownJob(id);
      if (FINISHED_JOB_STATUSES.includes(view.status)) return view;
      throw elsewhere(view);
    },

    async wait(id) {
      const running = active.get(id);
      if (running) return running.finished;
      const view = await findJob(db, id);
      if (!view) throw unknownJob(id);
      if (FINISHED_JOB_STATUSES.includes(view.status)) return view;
      throw elsewhere(view);
    },

    async close() {
      closing = true;
      const jobs = [...active.values()];
      for (const job of jobs) requestCancel(job);
      await Promise.all(exits);
      await Promise.all(jobs.map((job) => job.finished));
      lock.release();
    },
  };
}

/** A result that cannot be stored as JSON would leave the row running for ever: it fails the job instead. */
function storable(job: ActiveJob, outcome: Outcome): Outcome {
  if (outcome.status !== 'succeeded') return outcome;
  try {
    JSON.stringify(outcome.result);
    return outcome;
  } catch (error) {
    const why = error instanceof Error ? error.message : inspect(error);
    return {
      status: 'failed',
      error: { code: 'INTERNAL', message: `The ${job.view.kind} job (#${job.view.id}) finished with a result that cannot be stored: ${why}` },
    };
  }
}

function outcomeOf(message: FinalMessage): Outcome {
  switch (message.type) {
    case 'succeeded':
      return { status: 'succeeded', result: message.result };
    case 'failed':
      return { status: 'failed', error: message.error };
    case 'cancelled':
      return { status: 'cancelled' };
  }
}

/** Only `*.partial` files are ever deleted: a confused job must not be able to remove real data. */
function removeTempFiles(job: ActiveJob, log: Logger): void {
  for (const path of job.tempFiles) {
    if (!path.endsWith('.partial')) {
      log.warn(`job #${job.view.id} declared ${path} as temporary, but only *.partial files are removed`);
      continue;
    }
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}

function removeLeftoverFiles(dataDir: string, interrupted: JobView[], log: Logger): void {
  const dirs = new Set<string>();
  for (const job of interrupted) {
    const entry = JOB_KIND_REGISTRY[job.kind as JobKind] as (typeof JOB_KIND_REGISTRY)[JobKind] | undefined;
    for (const dir of entry?.leftoverDirs(dataDir) ?? []) dirs.add(dir);
  }
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const name of names) {
      if (!/\.partial(?:-journal|-wal|-shm)?$/.test(name)) continue;
      rmSync(join(dir, name), { force: true });
      log.info(`removed ${join(dir, name)}, left by an interrupted job`);
    }
  }
}
