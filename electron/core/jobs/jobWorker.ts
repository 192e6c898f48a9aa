/**
 * Entry point of the worker thread that runs one job (bundled as its own file by electron-vite;
 * run as TypeScript directly under Node). It opens its own database connection when the job needs
 * one and reports to the main side by messages; it never writes the `job` row itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite, { type Database } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KontorError, type CallError } from '../../../shared/errors.ts';
import { configureConnection } from '../db/openDatabase.ts';
import type { KontorSchema } from '../db/schema.ts';
import { loadJobKind, type JobContext, type JobInput } from './jobKinds.ts';
import type { JobWorkerData, MainToWorker, WorkerToMain } from './protocol.ts';

if (!parentPort) throw new Error('jobWorker.ts runs only as a worker thread started by the job runner.');
const port = parentPort;
const data = workerData as JobWorkerData;

const post = (message: WorkerToMain): void => port.postMessage(message);

const controller = new AbortController();
const onMessage = (message: MainToWorker): void => {
  if (message.type === 'cancel') controller.abort(new KontorError('CANCELLED', `Job #${data.jobId} was cancelled.`));
};
port.on('message', onMessage);

let sqlite: Database | undefined;
let kysely: Kysely<KontorSchema> | undefined;
const openSqlite = (): Database => {
  if (!sqlite) {
    // fileMustExist: the main side created and migrated the database; a missing file is a bug, not a new database.
    sqlite = new Sqlite(data.databasePath, { fileMustExist: true });
    configureConnection(sqlite, `job:${data.kind}#${data.jobId}`);
  }
  return sqlite;
};

const context: JobContext = {
  jobId: data.jobId,
  dataDir: data.dataDir,
  databasePath: data.databasePath,
  signal: controller.signal,
  tuning: data.tuning,
  secrets: data.secrets,
  progress: (done, total, message = null) => post({ type: 'progress', done, total, message }),
  checkpoint: (state) => post({ type: 'checkpoint', state }),
  tempFile: (path) => post({ type: 'tempFile', path }),
  sqlite: openSqlite,
  kysely: () => (kysely ??= new Kysely<KontorSchema>({ dialect: new SqliteDialect({ database: openSqlite() }) })),
};

try {
  const job = await loadJobKind(data.kind);
  const result = await job.run(data.input as JobInput<typeof data.kind>, context);
  post({ type: 'succeeded', result: result ?? null });
} catch (error) {
  // Once cancelled, whatever the job threw while stopping is part of stopping.
  if (controller.signal.aborted) post({ type: 'cancelled' });
  else post({ type: 'failed', error: toCallError(error) });
} finally {
  sqlite?.close();
  // Without a listener the port no longer keeps the thread alive, so the worker exits.
  port.off('message', onMessage);
}

function toCallError(error: unknown): CallError {
  if (error instanceof KontorError) return error.toCallError();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `The ${data.kind} job (#${data.jobId}) hit an unexpected problem: ${message}` };
}
