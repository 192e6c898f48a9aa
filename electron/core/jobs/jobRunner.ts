import type { Kysely } from 'kysely';
import type { JobStart, JobView } from '../../../shared/contract/jobs.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { EventHub } from '../events.ts';
import type { Logger } from '../logger.ts';

export interface JobRunnerOptions {
  db: Kysely<KontorSchema>;
  dataDir: string;
  databasePath: string;
  events: EventHub;
  log: Logger;
  workerUrl?: URL;
}

/** Runs heavy work in worker threads, keeps each job's state in the `job` table. */
export interface JobRunner {
  start(job: JobStart): Promise<JobView>;
  get(id: number): Promise<JobView>;
  list(limit: number): Promise<JobView[]>;
  cancel(id: number): Promise<JobView>;
  /** Resolves with the job once it has finished, whatever the outcome. */
  wait(id: number): Promise<JobView>;
  close(): Promise<void>;
}

export async function createJobRunner(_options: JobRunnerOptions): Promise<JobRunner> {
  throw new Error('job runner: being written');
}
