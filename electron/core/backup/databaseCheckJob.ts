import type { JobImplementation } from '../jobs/jobKinds.ts';
import { integrityProblems } from './inspectBackup.ts';

/**
 * SQLite's `quick_check` over the whole file, run off the main thread at start-up: on a large
 * database it reads every page, which would otherwise hold up the first window.
 */
export const databaseCheckJob: JobImplementation<'database.check'> = {
  run(_input, context) {
    context.progress(0, 1, 'Checking the database');
    const problems = integrityProblems(context.sqlite(), 'quick_check');
    return Promise.resolve({ ok: problems.length === 0, problems });
  },
};
