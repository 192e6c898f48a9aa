import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { JobKind, JobStart } from '../../../shared/contract/jobs.ts';
import { backupDirIn } from '../dataDir.ts';
import { exportsDirIn } from '../ledger/exports/paths.ts';
import { outDirIn } from '../imports/files.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { JobTuning } from './protocol.ts';

export type JobInput<K extends JobKind> = Extract<JobStart, { kind: K }>['input'];

/** What a job gets from the worker it runs in. */
export interface JobContext {
  readonly jobId: number;
  readonly dataDir: string;
  readonly databasePath: string;
  /**
   * Aborted when someone cancels the job. A job checks it between steps and, when it fires, undoes
   * its partial output and throws (`signal.throwIfAborted()` does).
   */
  readonly signal: AbortSignal;
  readonly tuning: JobTuning;
  /** What the starter passed as `secrets` (see JobRunner.start); undefined otherwise. */
  readonly secrets: unknown;
  /** Cheap to call often: the main side throttles what it stores and announces. */
  progress(done: number, total: number, message?: string | null): void;
  /** Where a resumable job got to; stored in `job.checkpoint`. */
  checkpoint(state: unknown): void;
  /** Declares a file the job renames on success; the main side deletes it if the job dies first. */
  tempFile(path: string): void;
  /** The worker's own connection to the database, opened on first use (never migrated here). */
  sqlite(): Database;
  kysely(): Kysely<KontorSchema>;
}

export interface JobImplementation<K extends JobKind> {
  /** Answers the job's result (stored as JSON); throws KontorError for failures the user should read. */
  run(input: JobInput<K>, context: JobContext): Promise<unknown>;
}

interface JobKindEntry<K extends JobKind> {
  /** Loaded in the worker only, so the main process does not pay for code it never runs. */
  load(): Promise<JobImplementation<K>>;
  /** Where a job of this kind that died with its process may have left `*.partial` files. */
  leftoverDirs(dataDir: string): string[];
}

/** Every job kind of the contract and the code that does it. */
export const JOB_KIND_REGISTRY: { [K in JobKind]: JobKindEntry<K> } = {
  'database.backup': {
    load: async () => (await import('./kinds/databaseBackup.ts')).databaseBackupJob,
    leftoverDirs: (dataDir) => [backupDirIn(dataDir)],
  },
  'database.check': {
    load: async () => (await import('../backup/databaseCheckJob.ts')).databaseCheckJob,
    leftoverDirs: () => [],
  },
  'demo.generate': {
    load: async () => (await import('./kinds/demoGenerate.ts')).demoGenerateJob,
    leftoverDirs: () => [],
  },
  'ledger.export': {
    load: async () => (await import('./kinds/ledgerExport.ts')).ledgerExportJob,
    leftoverDirs: (dataDir) => [exportsDirIn(dataDir)],
  },
  'stock.checkpoints': {
    load: async () => (await import('./kinds/stockCheckpoints.ts')).stockCheckpointsJob,
    leftoverDirs: () => [],
  },
  'catalog.import': { load: async () => (await import('./kinds/catalogImport.ts')).catalogImportJob, leftoverDirs: () => [] },
  'catalog.fetchImages': { load: async () => (await import('./kinds/catalogFetchImages.ts')).catalogFetchImagesJob, leftoverDirs: () => [] },
  'catalog.export': { load: async () => (await import('./kinds/catalogExport.ts')).catalogExportJob, leftoverDirs: (dataDir) => [outDirIn(dataDir)] },
  'marketplace.upload': {
    load: async () => (await import('../connectors/uploadJob.ts')).marketplaceUploadJob,
    leftoverDirs: () => [],
  },
};

export async function loadJobKind<K extends JobKind>(kind: K): Promise<JobImplementation<K>> {
  const entry = JOB_KIND_REGISTRY[kind] as JobKindEntry<K> | undefined;
  // workerData is not type-checked, so an unknown kind is possible in principle.
  if (!entry) throw new Error(`There is no job kind named ${JSON.stringify(kind)}.`);
  return entry.load();
}
