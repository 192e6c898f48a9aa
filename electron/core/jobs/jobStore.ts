import { sql, type Kysely, type Selectable } from 'kysely';
import type { JobStatus, JobView } from '../../../shared/contract/jobs.ts';
import type { CallError } from '../../../shared/errors.ts';
import type { KontorSchema } from '../db/schema.ts';

type Db = Kysely<KontorSchema>;

export const INTERRUPTED_MESSAGE = 'Kontor stopped while this job was running; start it again.';

/** Every column a JobView needs; `input` and `checkpoint` can be large and stay in the table. */
const VIEW_COLUMNS = [
  'id',
  'kind',
  'status',
  'done',
  'total',
  'message',
  'result',
  'error',
  'created_at',
  'started_at',
  'finished_at',
] as const;

type ViewRow = Pick<Selectable<KontorSchema['job']>, (typeof VIEW_COLUMNS)[number]>;

export function toJobView(row: ViewRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    done: row.done,
    total: row.total,
    message: row.message,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error === null ? null : (JSON.parse(row.error) as CallError),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export async function insertJob(db: Db, job: { kind: string; input: unknown; createdAt: string }): Promise<JobView> {
  const row = await db
    .insertInto('job')
    .values({ kind: job.kind, status: 'queued', input: JSON.stringify(job.input), created_at: job.createdAt })
    .returning(VIEW_COLUMNS)
    .executeTakeFirstOrThrow();
  return toJobView(row);
}

export async function findJob(db: Db, id: number): Promise<JobView | undefined> {
  const row = await db.selectFrom('job').select(VIEW_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toJobView(row);
}

/** Newest first, along the `job_created` index. */
export async function listJobs(db: Db, limit: number): Promise<JobView[]> {
  const rows = await db
    .selectFrom('job')
    .select(VIEW_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toJobView);
}

/** Writes everything of a view that changes while a job runs. */
export async function writeJobState(db: Db, view: JobView): Promise<void> {
  await db
    .updateTable('job')
    .set({
      status: view.status,
      done: view.done,
      total: view.total,
      message: view.message,
      result: view.result === null ? null : JSON.stringify(view.result),
      error: view.error === null ? null : JSON.stringify(view.error),
      started_at: view.startedAt,
      finished_at: view.finishedAt,
    })
    .where('id', '=', view.id)
    .execute();
}

export async function writeJobCheckpoint(db: Db, id: number, state: unknown): Promise<void> {
  await db
    .updateTable('job')
    .set({ checkpoint: state === undefined ? null : JSON.stringify(state) })
    .where('id', '=', id)
    .execute();
}

/**
 * The condition of the partial index job_unfinished, written out literally: SQLite uses a partial
 * index only when the query repeats its condition, and bound parameters (`status IN (?, ?)`)
 * do not count, which would scan the whole job history at every start.
 */
export const UNFINISHED_JOBS = "status IN ('queued', 'running')";

/**
 * Marks jobs a previous process left queued or running as interrupted and answers them. Only
 * call it when no other process runs jobs on this database.
 */
export async function interruptLeftoverJobs(db: Db, now: Date): Promise<JobView[]> {
  const rows = await db
    .updateTable('job')
    .set({ status: 'interrupted', message: INTERRUPTED_MESSAGE, finished_at: now.toISOString() })
    .where(sql.raw<boolean>(UNFINISHED_JOBS))
    .returning(VIEW_COLUMNS)
    .execute();
  return rows.map(toJobView);
}
