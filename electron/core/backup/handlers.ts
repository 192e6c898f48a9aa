import type { Kysely } from 'kysely';
import type { BackupFileView, DatabaseCheck } from '../../../shared/contract/backup.ts';
import { KontorError } from '../../../shared/errors.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { Handlers } from '../dispatcher.ts';
import type { BackupFile } from './backupFiles.ts';
import type { BackupService } from './backupService.ts';
import { inspectBackupFile } from './inspectBackup.ts';
import type { RestoreResult } from './restore.ts';

export type BackupCallName = 'backup.status' | 'backup.setSettings' | 'backup.now' | 'backup.inspect' | 'backup.restore';

export interface BackupHandlerServices {
  db: Kysely<KontorSchema>;
  backups: BackupService;
  /** Given by a host that can close and reopen the core (the app, browser mode); absent in a bare core. */
  restore: ((path: string) => Promise<RestoreResult>) | undefined;
}

export function backupHandlers({ db, backups, restore }: BackupHandlerServices): Pick<Handlers, BackupCallName> {
  return {
    'backup.status': async () => ({
      folder: await backups.folder(),
      settings: await backups.settings(),
      backups: (await backups.list()).map(view),
      check: await lastDatabaseCheck(db),
      canRestore: restore !== undefined,
    }),
    'backup.setSettings': (change) => backups.setSettings(change),
    'backup.now': async () => view(await backups.backupNow('manual')),
    'backup.inspect': ({ path }) => inspectBackupFile(path),
    'backup.restore': async ({ path }) => {
      if (!restore) {
        throw new KontorError('CONFLICT', 'This Kontor cannot replace its own database while it runs; use "kontor restore <file>" with the app closed.');
      }
      const result = await restore(path);
      return { restoredFrom: result.restored.path, previousCopy: result.previousCopy };
    },
  };
}

export function view(file: BackupFile): BackupFileView {
  return { name: file.name, path: file.path, takenAt: file.takenAt.toISOString(), reason: file.reason, bytes: file.bytes };
}

/** The latest start-up check, read from its job row. */
export async function lastDatabaseCheck(db: Kysely<KontorSchema>): Promise<DatabaseCheck | null> {
  const job = await db
    .selectFrom('job')
    .select(['status', 'result', 'error', 'finished_at'])
    .where('kind', '=', 'database.check')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!job) return null;
  if (job.status === 'queued' || job.status === 'running') return { state: 'running', problems: [], checkedAt: null };
  if (job.status === 'succeeded' && job.result) {
    const result = JSON.parse(job.result) as { ok: boolean; problems: string[] };
    return { state: result.ok ? 'ok' : 'problems', problems: result.problems, checkedAt: job.finished_at };
  }
  const message = job.error ? (JSON.parse(job.error) as { message?: string }).message ?? job.error : job.status;
  return { state: 'failed', problems: [message], checkedAt: job.finished_at };
}
