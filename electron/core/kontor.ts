import { mkdirSync } from 'node:fs';
import type { AppInfo } from '../../shared/contract/app.ts';
import { keyFileSecretBox, type SecretBox } from './connectors/secretBox.ts';
import { createMarketplaceService } from './connectors/service.ts';
import { databasePathIn } from './dataDir.ts';
import { openDatabase, type OpenedDatabase } from './db/openDatabase.ts';
import { LATEST_SCHEMA_VERSION } from './db/migrations/index.ts';
import { createDispatcher, type Dispatcher } from './dispatcher.ts';
import { createEventHub, type EventHub } from './events.ts';
import { createHandlers } from './handlers.ts';
import { createJobRunner, type JobRunner } from './jobs/jobRunner.ts';
import { createBackupService, preferredBackupFolder, type BackupService } from './backup/backupService.ts';
import type { RestoreResult } from './backup/restore.ts';
import { startDataSafety } from './backup/dataSafety.ts';
import { createAccess } from './users/access.ts';
import type { UpdatesPort } from './updates/updates.ts';
import type { Logger } from './logger.ts';
import { scheduleCheckpoints } from './stock/checkpointScheduler.ts';
import { scheduleImageFetch } from './imports/imageFetchScheduler.ts';
import type { BuyerSource } from './invoicing/buyers.ts';
import { contactBuyers } from './contacts/buyerSource.ts';
import { createChromiumRenderer } from './invoicing/pdf/chromiumRenderer.ts';
import type { PdfRenderer } from './invoicing/pdf/renderer.ts';

export interface KontorOptions {
  dataDir: string;
  appVersion: string;
  mode: AppInfo['mode'];
  log: Logger;
  /** The worker entry for background jobs; the Electron build passes its bundled file. */
  jobWorkerUrl?: URL;
  /** Shows a file in the system file manager; the Electron shell passes shell.showItemInFolder. */
  revealFile?: (path: string) => Promise<boolean>;
  /** Keep the past-date stock checkpoints in a background job; default: in the app (electron, web). */
  backgroundCheckpoints?: boolean;
  /** Prints invoices: Electron's printToPDF in the app; Chromium through playwright-core elsewhere (the default). */
  pdfRenderer?: PdfRenderer;
  /** Where invoices find their buyers; the contacts core by default. */
  buyers?: BuyerSource;
  /** Seals marketplace credentials; the desktop shell passes one backed by safeStorage, the default is a 0600 key file in the data directory. */
  secretBox?: SecretBox;
  /**
   * The app and browser mode: check the database (quick_check, off the main thread) and keep the
   * daily backup. Tests and the CLI open many short-lived cores and leave this off.
   */
  dataSafety?: boolean;
  /** Given by a host that can replace the database and reopen the core (see kontorHost.ts). */
  restore?: (path: string) => Promise<RestoreResult>;
  /** The Electron shell's updater; absent elsewhere (the update calls then answer "unsupported"). */
  updates?: UpdatesPort;
}

/** The back office itself: one database, its services, one dispatcher. No Electron here. */
export interface Kontor {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly database: OpenedDatabase;
  readonly dispatcher: Dispatcher;
  readonly events: EventHub;
  readonly jobs: JobRunner;
  readonly backups: BackupService;
  info(): Promise<AppInfo>;
  close(): Promise<void>;
}

export async function openKontor(options: KontorOptions): Promise<Kontor> {
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = databasePathIn(options.dataDir);
  const database = await openDatabase({
    path: databasePath,
    appVersion: options.appVersion,
    backupDir: preferredBackupFolder(options.dataDir),
    log: options.log,
  });
  const events = createEventHub((error) => options.log.error('an event listener failed', error));
  const jobs = await createJobRunner({
    db: database.db,
    dataDir: options.dataDir,
    databasePath,
    events,
    log: options.log,
    ...(options.jobWorkerUrl ? { workerUrl: options.jobWorkerUrl } : {}),
  });

  const info = (): Promise<AppInfo> =>
    Promise.resolve({
      appVersion: options.appVersion,
      mode: options.mode,
      dataDir: options.dataDir,
      databasePath,
      schemaVersion: database.sqlite.pragma('user_version', { simple: true }) as number,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      rowCounts: countRows(database),
    });

  const checkpoints =
    (options.backgroundCheckpoints ?? (options.mode === 'electron' || options.mode === 'web'))
      ? scheduleCheckpoints({ sqlite: database.sqlite, jobs, log: options.log })
      : null;
  const imageFetch = options.mode === 'electron' || options.mode === 'web' ? scheduleImageFetch({ sqlite: database.sqlite, jobs, log: options.log }) : null;

  const pdfRenderer = options.pdfRenderer ?? createChromiumRenderer();
  const invoicing = { buyers: options.buyers ?? contactBuyers(database.db), pdf: pdfRenderer };
  const marketplaces = createMarketplaceService({ db: database.db, sqlite: database.sqlite, jobs, box: options.secretBox ?? keyFileSecretBox(options.dataDir) });
  // The app and browser mode push stock changes to the marketplaces, told by the stock writer after
  // each commit; the CLI and tests do it on request.
  const stockSync =
    options.mode === 'electron' || options.mode === 'web' ? marketplaces.startStockSync({ onError: (error) => options.log.error('stock sync failed', error) }) : undefined;
  // A job that may have moved stock on its worker's own connection (an import, a stocktake) is heard of when it ends.
  const stopWatchingJobs = stockSync
    ? events.subscribe((event) => {
        if (event.type === 'job.updated' && event.job.status === 'succeeded' && event.job.kind !== 'marketplace.upload') stockSync.check();
      })
    : undefined;
  const backups = createBackupService({ db: database.db, databasePath, dataDir: options.dataDir, log: options.log });
  const access = createAccess({ db: database.db });
  const dispatcher = createDispatcher(
    createHandlers({
      access,
      db: database.db,
      sqlite: database.sqlite,
      dataDir: options.dataDir,
      jobs,
      info,
      revealFile: options.revealFile,
      invoicing,
      marketplaces,
      backups,
      ...(options.restore ? { restore: options.restore } : {}),
      ...(options.updates ? { updates: options.updates } : {}),
    }),
    options.log,
    access,
  );
  const stopSafety = options.dataSafety ? startDataSafety({ backups, jobs, log: options.log }) : () => Promise.resolve();
  return {
    dataDir: options.dataDir,
    databasePath,
    database,
    dispatcher,
    events,
    jobs,
    backups,
    info,
    async close() {
      checkpoints?.close();
      stopWatchingJobs?.();
      imageFetch?.close();
      stockSync?.close();
      await stopSafety();
      await jobs.close();
      // Only the renderer Kontor started is Kontor's to stop.
      if (!options.pdfRenderer) await pdfRenderer.close();
      database.close();
    },
  };
}

/** Rows per table, for `kontor info` and the settings screen. */
function countRows(database: OpenedDatabase): Record<string, number> {
  const tables = database.sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, database.sqlite.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number]),
  );
}
