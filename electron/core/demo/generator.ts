import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { KontorError } from '../../../shared/errors.ts';
import { saveCompanyProfile } from '../company/companyProfile.ts';
import { backupDirIn } from '../dataDir.ts';
import { openDatabase } from '../db/openDatabase.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { demoCompanyProfile } from './demoCompany.ts';
import { productsStep } from './demoProducts.ts';
import { stockStep } from './demoStock.ts';
import { forEachPackedRow, type PackedJobHistory } from './jobHistory.ts';
import type { JobHistoryWorkerData } from './jobHistoryWorker.ts';
import { createRng, type Rng } from './random.ts';

/**
 * Bump whenever the generated data changes for a given seed: the benchmark keys its cached 1 GB
 * database on it, and a stale cache would measure yesterday's data.
 */
export const DEMO_GENERATOR_VERSION = 1;
export const DEMO_SEED = 20_240_611;

export interface DemoContext {
  db: Kysely<KontorSchema>;
  /** The connection under `db`: the stock ledger writes on it synchronously. */
  sqlite: Database;
  /** Each step gets its own fork (`rng.fork(step.name)`), so a new step never shifts the data of another. */
  rng: Rng;
  signal: AbortSignal;
}

/**
 * One part of the demo data. Products, contacts and invoices plug in here as further steps, each
 * answering how many records it created.
 */
export interface DemoStep {
  name: string;
  /** Shown as the job's progress message while the step runs. */
  message: string;
  run(context: DemoContext): Promise<Record<string, number>>;
}

const companyStep: DemoStep = {
  name: 'company',
  message: 'Creating the company profile',
  async run({ db }) {
    await saveCompanyProfile(db, demoCompanyProfile());
    return { company: 1 };
  },
};

export const DEMO_STEPS: readonly DemoStep[] = [companyStep, productsStep, stockStep];

export interface GenerateDemoOptions {
  onProgress?: (done: number, total: number, message: string) => void;
  signal?: AbortSignal;
  seed?: number;
}

export interface DemoSummary {
  legalName: string;
  created: Record<string, number>;
}

/**
 * Fills an empty Kontor with the demo exporter. Refuses a database that already has a company
 * profile: the demo must never overwrite someone's real data.
 */
export async function generateDemo(
  { db, sqlite }: { db: Kysely<KontorSchema>; sqlite: Database },
  options: GenerateDemoOptions = {},
): Promise<DemoSummary> {
  const signal = options.signal ?? new AbortController().signal;
  const rng = createRng(options.seed ?? DEMO_SEED);
  const existing = await db.selectFrom('company').select('legal_name').executeTakeFirst();
  if (existing) {
    throw new KontorError(
      'CONFLICT',
      `A company profile already exists (${existing.legal_name}); the demo data is only added to an empty Kontor so it never overwrites real data.`,
    );
  }
  const created: Record<string, number> = {};
  for (const [index, step] of DEMO_STEPS.entries()) {
    // Between steps only: each step writes in one transaction, so stopping here leaves whole steps.
    signal.throwIfAborted();
    options.onProgress?.(index, DEMO_STEPS.length, step.message);
    Object.assign(created, await step.run({ db, sqlite, rng: rng.fork(step.name), signal }));
  }
  options.onProgress?.(DEMO_STEPS.length, DEMO_STEPS.length, 'Demo data ready');
  return { legalName: demoCompanyProfile().legalName, created };
}

export interface FillResult {
  rows: number;
  bytes: number;
  ms: number;
}

interface HistoryBatch {
  batch: PackedJobHistory;
}

/**
 * Grows the Kontor database at `databasePath` (created and migrated if needed) to at least `bytes`
 * with a realistic job history: years of backups, imports, uploads and exports with their inputs,
 * results and errors. For the cold-start benchmark; the same seed gives the same rows. A worker
 * thread makes the rows while this thread inserts them.
 */
export async function fillDatabaseToSize(databasePath: string, bytes: number, seed: number, log?: Logger): Promise<FillResult> {
  const started = performance.now();
  const quiet: Logger = { info() {}, warn() {}, error() {} };
  const opened = await openDatabase({
    path: databasePath,
    appVersion: `demo-generator-${DEMO_GENERATOR_VERSION}`,
    backupDir: backupDirIn(dirname(databasePath)),
    log: log ?? quiet,
  });
  const { sqlite } = opened;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const size = (): number => (sqlite.pragma('page_count', { simple: true }) as number) * pageSize;
  const startSize = size();
  const expectedRows = Math.max(1, Math.round((bytes - startSize) / BYTES_PER_ROW_ESTIMATE));
  // Small batches for small targets, so a test database overshoots its size by little.
  const batchRows = Math.min(8192, Math.max(64, Math.round(expectedRows / 16)));
  const worker = new Worker(new URL('./jobHistoryWorker.ts', import.meta.url), {
    workerData: { seed, expectedRows, batchRows } satisfies JobHistoryWorkerData,
  });
  const batches = receiveInOrder<HistoryBatch>(worker);
  try {
    // Throwaway data: skip the fsyncs; a crash mid-fill means generating again, never a damaged app database.
    sqlite.pragma('synchronous = OFF');
    const insert = sqlite.prepare(
      `INSERT INTO job (kind, status, input, done, total, message, checkpoint, result, error, created_at, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
    );
    const insertBatch = sqlite.transaction((batch: PackedJobHistory) => {
      forEachPackedRow(batch, (kind, status, input, done, total, message, result, error, createdAt, startedAt, finishedAt) => {
        insert.run(kind, status, input, done, total, message, result, error, createdAt, startedAt, finishedAt);
      });
    });

    // Two batches in flight: the worker makes the next one while this thread inserts the current one.
    worker.postMessage('more');
    worker.postMessage('more');
    let rows = 0;
    while (size() < bytes) {
      const next = await batches.next();
      worker.postMessage('more');
      insertBatch(next.batch);
      rows += next.batch.count;
    }
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return { rows, bytes: size(), ms: performance.now() - started };
  } finally {
    await worker.terminate();
    opened.close();
  }
}

/** A rough average; the fill measures the real size as it goes. */
const BYTES_PER_ROW_ESTIMATE = 680;

/** Messages of a worker as a queue, so none is lost while the receiver is busy; a crash rejects. */
function receiveInOrder<T>(worker: Worker): { next(): Promise<T> } {
  const ready: T[] = [];
  const waiting: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  let failure: Error | undefined;
  worker.on('message', (message: T) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message);
    else ready.push(message);
  });
  const fail = (error: Error): void => {
    failure = error;
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The job history worker exited (code ${code}) before it was done.`)));
  return {
    next() {
      const message = ready.shift();
      if (message !== undefined) return Promise.resolve(message);
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<T>((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}
