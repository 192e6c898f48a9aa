import { useCallback, useEffect, useRef, useState } from 'react';
import { FINISHED_JOB_STATUSES, type JobStart, type JobView } from '../../../shared/contract/jobs.ts';
import { getClient } from './api.ts';

export function isFinished(job: Pick<JobView, 'status'>): boolean {
  return FINISHED_JOB_STATUSES.includes(job.status);
}

/** The later of two views of the same job: events may overtake the answer to jobs.start. */
export function laterView(a: JobView | null, b: JobView): JobView {
  if (a === null || a.id !== b.id) return b;
  if (isFinished(a) !== isFinished(b)) return isFinished(a) ? a : b;
  if (a.status === 'queued' && b.status !== 'queued') return b;
  if (b.status === 'queued' && a.status !== 'queued') return a;
  return b.done >= a.done ? b : a;
}

/** How often to ask for a running job's state, in case a job.updated event got lost. */
const POLL_MS = 2000;

/**
 * Starts one background job at a time and follows it through job.updated events. Events for
 * the job that arrive before jobs.start has answered (a fast job) are kept, not lost.
 */
export function useJob(): {
  job: JobView | null;
  /** The last failed look-up of the running job (the caller shows it); cleared by the next success. */
  pollError: unknown;
  start: (job: JobStart) => Promise<JobView>;
  cancel: () => Promise<JobView | null>;
  reset: () => void;
} {
  const [job, setJob] = useState<JobView | null>(null);
  const [pollError, setPollError] = useState<unknown>(null);
  const idRef = useRef<number | null>(null);
  const early = useRef<JobView[]>([]);
  const starting = useRef(false);

  useEffect(
    () =>
      getClient().subscribe((event) => {
        if (event.type !== 'job.updated') return;
        if (idRef.current === null) {
          if (starting.current) early.current.push(event.job);
          return;
        }
        if (event.job.id === idRef.current) setJob((prev) => laterView(prev, event.job));
      }),
    [],
  );

  const running = job !== null && !isFinished(job);
  const runningId = running ? job.id : null;
  useEffect(() => {
    if (runningId === null) return;
    const timer = setInterval(() => {
      getClient()
        .call('jobs.get', { id: runningId })
        .then((view) => {
          setPollError(null);
          setJob((prev) => laterView(prev, view));
        })
        .catch((error: unknown) => setPollError(error));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [runningId]);

  const start = useCallback(async (request: JobStart) => {
    idRef.current = null;
    early.current = [];
    starting.current = true;
    setPollError(null);
    try {
      const started = await getClient().call('jobs.start', request);
      idRef.current = started.id;
      let view = started;
      for (const e of early.current) if (e.id === started.id) view = laterView(view, e);
      setJob(view);
      return view;
    } finally {
      starting.current = false;
      early.current = [];
    }
  }, []);

  const cancel = useCallback(async () => {
    if (idRef.current === null) return null;
    const view = await getClient().call('jobs.cancel', { id: idRef.current });
    setJob((prev) => laterView(prev, view));
    return view;
  }, []);

  const reset = useCallback(() => {
    idRef.current = null;
    setJob(null);
    setPollError(null);
  }, []);

  return { job, pollError, start, cancel, reset };
}

/** i18n key of a job kind, e.g. "database.backup" → "jobs.kinds.database.backup". */
export function jobKindKey(kind: string): string {
  return `jobs.kinds.${kind}`;
}
