import type { CallName } from '../../../shared/contract/index.ts';
import type { JobKind } from '../../../shared/contract/jobs.ts';
import type { BackupReason } from './backupFiles.ts';

/**
 * Job kinds that change a lot of data at once, and the backup taken before each starts (an import
 * writes thousands of rows; an upload changes what a marketplace shows and records what it sent).
 * A new kind of that sort is one line here.
 */
export const BACKUP_BEFORE_JOB: Partial<Record<JobKind, Exclude<BackupReason, 'manual' | 'daily'>>> = {
  'catalog.import': 'import',
};

/**
 * Calls that start such work without going through `jobs.start` (the marketplace service starts
 * its own upload jobs, with the account's credentials), and the backup taken before each.
 */
export const BACKUP_BEFORE_CALL: Partial<Record<CallName, Exclude<BackupReason, 'manual' | 'daily'>>> = {
  'marketplaces.uploads.start': 'upload',
  'marketplaces.uploads.resume': 'upload',
  'marketplaces.uploads.retryFailed': 'upload',
};

/** A dry run writes nothing, so it needs no backup. */
export function isDryRun(input: unknown): boolean {
  return typeof input === 'object' && input !== null && (input as { dryRun?: unknown }).dryRun === true;
}
