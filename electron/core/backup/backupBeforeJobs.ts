import type { JobKind } from '../../../shared/contract/jobs.ts';
import type { BackupReason } from './backupFiles.ts';

/**
 * Job kinds that change a lot of data at once, and the backup taken before each starts (an import
 * writes thousands of rows; an upload changes what a marketplace shows and records what it sent).
 * A new kind of that sort is one line here.
 */
export const BACKUP_BEFORE_JOB: Partial<Record<JobKind, Exclude<BackupReason, 'manual' | 'daily'>>> = {
  // 'imports.products': 'import',
  // 'marketplaces.upload': 'upload',
};
