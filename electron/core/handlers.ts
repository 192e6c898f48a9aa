import type { Kysely } from 'kysely';
import type { AppInfo } from '../../shared/contract/app.ts';
import {
  getCompanyLogo,
  getCompanyProfile,
  removeCompanyLogo,
  saveCompanyProfile,
  setCompanyLogo,
} from './company/companyProfile.ts';
import type { KontorSchema } from './db/schema.ts';
import type { Handlers } from './dispatcher.ts';
import type { JobRunner } from './jobs/jobRunner.ts';
import { getPreferences, setPreferences } from './settings/preferences.ts';

interface Services {
  db: Kysely<KontorSchema>;
  jobs: JobRunner;
  info: () => Promise<AppInfo>;
}

/** One line per call: the contract names it, a service does it. */
export function createHandlers({ db, jobs, info }: Services): Handlers {
  return {
    'app.info': () => info(),
    'app.getPreferences': () => getPreferences(db),
    'app.setPreferences': (change) => setPreferences(db, change),
    'company.get': () => getCompanyProfile(db),
    'company.save': (profile) => saveCompanyProfile(db, profile),
    'company.getLogo': () => getCompanyLogo(db),
    'company.setLogo': (logo) => setCompanyLogo(db, logo),
    'company.removeLogo': () => removeCompanyLogo(db),
    'jobs.start': (job) => jobs.start(job),
    'jobs.get': ({ id }) => jobs.get(id),
    'jobs.list': ({ limit }) => jobs.list(limit),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
  };
}
