import type { JobView } from './jobs.ts';

/** Messages the core pushes to every connected window without being asked. */
export type KontorEvent = { type: 'job.updated'; job: JobView };
