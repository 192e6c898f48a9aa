import type { JobKind } from '../../../shared/contract/jobs.ts';
import type { CallError } from '../../../shared/errors.ts';

/** What a job worker is started with (`workerData`); everything in it survives structured cloning. */
export interface JobWorkerData {
  jobId: number;
  kind: JobKind;
  input: unknown;
  dataDir: string;
  databasePath: string;
  tuning: JobTuning;
  /** Secrets the job needs (opened marketplace credentials): handed over in memory, never stored with the job. */
  secrets?: unknown;
}

/**
 * Knobs that change how a job runs, never what it produces. The app uses the defaults; tests and
 * the CLI turn them to make a job slower or gentler.
 */
export interface JobTuning {
  /** Pages the online backup copies per step; fewer pages mean finer progress and faster cancelling. */
  backupPagesPerStep?: number;
  /** Marketplace uploads: the first retry's backoff (tests shorten it). */
  uploadBackoffBaseMs?: number;
}

export type MainToWorker = { type: 'cancel' };

/**
 * Messages a worker posts. Exactly one of succeeded, failed or cancelled ends a job; the main side
 * writes the `job` row, the worker never does.
 */
export type WorkerToMain =
  | { type: 'progress'; done: number; total: number; message: string | null }
  | { type: 'checkpoint'; state: unknown }
  /** A file the job is writing and will rename on success: the main side deletes it if the job ends any other way. */
  | { type: 'tempFile'; path: string }
  | { type: 'succeeded'; result: unknown }
  | { type: 'failed'; error: CallError }
  | { type: 'cancelled' };

export type FinalMessage = Extract<WorkerToMain, { type: 'succeeded' | 'failed' | 'cancelled' }>;

export function isFinalMessage(message: WorkerToMain): message is FinalMessage {
  return message.type === 'succeeded' || message.type === 'failed' || message.type === 'cancelled';
}
