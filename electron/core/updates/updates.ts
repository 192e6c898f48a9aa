import type { Kysely } from 'kysely';
import { UpdateSettingsSchema, type UpdateSettings, type UpdateState, type UpdateStatus } from '../../../shared/contract/updates.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { Handlers } from '../dispatcher.ts';
import type { JobRunner } from '../jobs/jobRunner.ts';

/**
 * What the shell's updater offers the core. Only the Electron shell has one (electron-updater
 * needs a packaged app); elsewhere the calls answer "unsupported".
 */
export interface UpdatesPort {
  state(): UpdateState;
  check(): Promise<UpdateState>;
  /** Quits and installs; the core has already made sure no job is running. */
  install(): { restarting: boolean; reason: 'not-ready' | null };
  settingsChanged(settings: UpdateSettings): void;
}

const KEY = 'updates.settings';
export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = { automatic: true, channel: 'stable' };

export async function getUpdateSettings(db: Kysely<KontorSchema>): Promise<UpdateSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  const stored = row ? UpdateSettingsSchema.partial().safeParse(JSON.parse(row.value)) : undefined;
  return { ...DEFAULT_UPDATE_SETTINGS, ...(stored?.success ? stored.data : {}) };
}

/** Whether restarting now would cut work short: any job queued or running (imports, exports, uploads, backups). */
export async function busyJobs(jobs: Pick<JobRunner, 'list'>): Promise<string[]> {
  return (await jobs.list(100)).filter((j) => j.status === 'queued' || j.status === 'running').map((j) => `${j.kind} #${j.id}`);
}

export type UpdateCallName = 'updates.status' | 'updates.check' | 'updates.install' | 'updates.setSettings';

export function updateHandlers({ db, jobs, appVersion, port }: { db: Kysely<KontorSchema>; jobs: Pick<JobRunner, 'list'>; appVersion: () => Promise<string>; port: UpdatesPort | undefined }): Pick<Handlers, UpdateCallName> {
  const status = async (update: UpdateState): Promise<UpdateStatus> => ({ currentVersion: await appVersion(), settings: await getUpdateSettings(db), update });
  return {
    'updates.status': () => status(port ? port.state() : { state: 'unsupported' }),
    'updates.check': async () => status(port ? await port.check() : { state: 'unsupported' }),
    'updates.install': async () => {
      if (!port) return { restarting: false, reason: 'unsupported' };
      // Never in the middle of an import, export or upload: the person restarts once it is done.
      if ((await busyJobs(jobs)).length > 0) return { restarting: false, reason: 'busy' };
      return port.install();
    },
    'updates.setSettings': async (change) => {
      const next = { ...(await getUpdateSettings(db)), ...change };
      const value = JSON.stringify(next);
      const at = new Date().toISOString();
      await db
        .insertInto('settings')
        .values({ key: KEY, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
        .execute();
      port?.settingsChanged(next);
      return next;
    },
  };
}
