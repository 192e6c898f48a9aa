import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { AppInfo } from '../../shared/contract/app.ts';
import {
  createCategory,
  deleteCategory,
  listCategories,
  updateCategory,
} from './catalog/categories.ts';
import { addImage, getImage, removeImage, removeUnusedMedia, reorderImages } from './catalog/images.ts';
import { getCatalogLanguages, setCatalogLanguages } from './catalog/languages.ts';
import { listProducts } from './catalog/list.ts';
import { listPriceLists, setListPrice } from './catalog/prices.ts';
import { catalogSettingsHandlers } from './catalog/settingsHandlers.ts';
import {
  bulkUpdateProducts,
  createProduct,
  deleteProduct,
  getProduct,
  getProductBySku,
  listTags,
  lookupCode,
  setProductStatus,
  updateProduct,
} from './catalog/products.ts';
import { searchCatalog } from './catalog/search.ts';
import { generateVariants } from './catalog/variants.ts';
import {
  getCompanyLogo,
  getCompanyProfile,
  removeCompanyLogo,
  saveCompanyProfile,
  setCompanyLogo,
} from './company/companyProfile.ts';
import { contactsHandlers } from './contacts/handlers.ts';
import { marketplaceHandlers } from './connectors/handlers.ts';
import { keyFileSecretBox, type SecretBox } from './connectors/secretBox.ts';
import { createMarketplaceService, type MarketplaceService } from './connectors/service.ts';
import { createBackupService, type BackupService } from './backup/backupService.ts';
import { BACKUP_BEFORE_CALL, BACKUP_BEFORE_JOB, isDryRun } from './backup/backupBeforeJobs.ts';
import { backupHandlers } from './backup/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { createAccess, type Access } from './users/access.ts';
import { userHandlers } from './users/handlers.ts';
import { updateHandlers, type UpdatesPort } from './updates/updates.ts';
import type { RestoreResult } from './backup/restore.ts';
import type { KontorSchema } from './db/schema.ts';
import type { Handlers } from './dispatcher.ts';
import { importHandlers } from './imports/handlers.ts';
import type { JobRunner } from './jobs/jobRunner.ts';
import { ledgerHandlers } from './ledger/handlers.ts';
import { silentLogger } from './logger.ts';
import { getPreferences, setPreferences } from './settings/preferences.ts';
import { createStockService } from './stock/stockService.ts';
import { invoicingHandlers } from './invoicing/handlers.ts';
import type { InvoicingOptions } from './invoicing/service.ts';
import { contactBuyers } from './contacts/buyerSource.ts';
import { buyerHandlers } from './invoicing/buyerHandlers.ts';
import { noPdfRenderer } from './invoicing/pdf/renderer.ts';

interface Services {
  db: Kysely<KontorSchema>;
  jobs: JobRunner;
  info: () => Promise<AppInfo>;
  /** The raw connection under `db`: stock writes run synchronously on it (see stock/recordMovements.ts). */
  sqlite: Database;
  /** Where product images live (media/ under it). */
  dataDir: string;
  /** Shows a file in the system file manager (the desktop shell only). */
  revealFile?: ((path: string) => Promise<boolean>) | undefined;
  /** Buyers (the contacts core) and the PDF printer of the process running Kontor. */
  invoicing?: InvoicingOptions;
  /** Seals marketplace credentials (the OS keychain in the app, a key file elsewhere). */
  secretBox?: SecretBox;
  /** The marketplace service, when the caller keeps one (for stock sync); made here otherwise. */
  marketplaces?: MarketplaceService;
  /** Backups of this database; made from the others when absent (tests). */
  backups?: BackupService;
  /** Replaces the database and reopens the core; only a host that can reopen gives it. */
  restore?: (path: string) => Promise<RestoreResult>;
  /** Sign-in and users; the dispatcher must guard calls with the same one. */
  access?: Access;
  /** The shell's updater (Electron only). */
  updates?: UpdatesPort;
}

/** One line per call: the contract names it, a service does it. */
export function createHandlers({ db, jobs, info, sqlite, dataDir, revealFile, invoicing, secretBox, marketplaces, ...safety }: Services): Handlers {
  const stock = createStockService(db, sqlite);
  const backups = safety.backups ?? createBackupService({ db, databasePath: sqlite.name, dataDir, log: silentLogger });
  const handlers: Handlers = {
    ...catalogSettingsHandlers({ db }),
    'app.info': () => info(),
    'app.getPreferences': () => getPreferences(db),
    'app.setPreferences': (change) => setPreferences(db, change),
    'company.get': () => getCompanyProfile(db),
    'company.save': (profile) => saveCompanyProfile(db, profile),
    'company.getLogo': () => getCompanyLogo(db),
    'company.setLogo': (logo) => setCompanyLogo(db, logo),
    'company.removeLogo': () => removeCompanyLogo(db),
    'jobs.start': async (job) => {
      const reason = BACKUP_BEFORE_JOB[job.kind];
      if (reason && !isDryRun(job.input)) await backups.backupBefore(reason);
      return jobs.start(job);
    },
    'jobs.get': ({ id }) => jobs.get(id),
    'jobs.list': ({ limit }) => jobs.list(limit),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'catalog.languages.get': () => getCatalogLanguages(db),
    'catalog.languages.set': (input) => setCatalogLanguages(db, input),
    'catalog.priceLists.list': () => listPriceLists(db),
    'catalog.tags.list': (query) => listTags(db, query),
    'catalog.categories.list': () => listCategories(db),
    'catalog.categories.create': (input) => createCategory(db, input),
    'catalog.categories.update': (input) => updateCategory(db, input),
    'catalog.categories.delete': ({ id, unfileProducts }) => deleteCategory(db, id, { unfileProducts }),
    'products.list': (query) => listProducts(db, query),
    'products.get': ({ id }) => getProduct(db, id),
    'products.getBySku': ({ sku }) => getProductBySku(db, sku),
    'products.create': (input) => createProduct(db, input),
    'products.update': (input) => updateProduct(db, input),
    'products.delete': (ref) => deleteProduct(db, ref, (files) => removeUnusedMedia(db, dataDir, files)),
    'products.setStatus': (input) => setProductStatus(db, input),
    'products.bulkUpdate': async (input) => {
      // A price change across many products is hard to undo by hand: keep the data as it was.
      if ('priceChange' in input.set) await backups.backupBefore('bulk-price-change');
      return bulkUpdateProducts(db, input);
    },
    'products.generateVariants': (input) => generateVariants(db, input),
    'products.search': (query) => searchCatalog(db, query),
    'products.lookupCode': ({ code }) => lookupCode(db, code),
    'products.updateListFields': (input) => setListPrice(db, input),
    'products.addImage': (input) => addImage(db, dataDir, input),
    'products.removeImage': ({ id }) => removeImage(db, dataDir, id),
    'products.reorderImages': (input) => reorderImages(db, input),
    'products.getImage': (input) => getImage(db, dataDir, input),
    'warehouses.list': (input) => stock.listWarehouses(input),
    'warehouses.create': (input) => stock.createWarehouse(input),
    'warehouses.update': (input) => stock.updateWarehouse(input),
    'locations.list': (input) => stock.listLocations(input),
    'locations.create': (input) => stock.createLocation(input),
    'stock.receive': (input) => stock.receive(input),
    'stock.ship': (input) => stock.ship(input),
    'stock.adjust': (input) => stock.adjust(input),
    'stock.transfer': (input) => stock.transfer(input),
    'stock.return': (input) => stock.return(input),
    'stock.correct': (input) => stock.correct(input),
    'stock.levels': (input) => stock.levels(input),
    'stock.movements': (input) => stock.movements(input),
    'stock.valuation': (input) => stock.valuation(input),
    'stock.onHandAt': (input) => stock.onHandAt(input),
    'stock.setReorderRule': (input) => stock.setReorderRule(input),
    'stock.lowStock': (input) => stock.lowStock(input),
    'stock.settings.get': () => stock.getSettings(),
    'stock.settings.set': (change) => stock.setSettings(change),
    'stocktake.create': (input) => stock.createStocktake(input),
    'stocktake.list': (input) => stock.listStocktakes(input),
    'stocktake.setCounts': (input) => stock.setCounts(input),
    'stocktake.get': (input) => stock.getStocktake(input),
    'stocktake.post': (input) => stock.postStocktake(input),
    'stocktake.cancel': (input) => stock.cancelStocktake(input),
    ...contactsHandlers({ db, sqlite }),
    ...ledgerHandlers({ db, sqlite, jobs, dataDir, revealFile }),
    ...invoicingHandlers(db, sqlite, invoicing ?? { buyers: contactBuyers(db), pdf: noPdfRenderer }),
    ...buyerHandlers(invoicing?.buyers ?? contactBuyers(db)),
    ...importHandlers({ db, sqlite, dataDir }),
    ...marketplaceHandlers(marketplaces ?? createMarketplaceService({ db, sqlite, jobs, box: secretBox ?? keyFileSecretBox(dataDir) })),
    ...backupHandlers({ db, backups, restore: safety.restore }),
    ...auditHandlers({ db, sqlite }),
    ...userHandlers(safety.access ?? createAccess({ db })),
    ...updateHandlers({ db, jobs, appVersion: async () => (await info()).appVersion, port: safety.updates }),
  };
  return withBackupsBefore(handlers, backups);
}

/** Wraps the calls of BACKUP_BEFORE_CALL so the copy is taken before the work starts. */
function withBackupsBefore(handlers: Handlers, backups: BackupService): Handlers {
  const wrapped: Record<string, (input: never) => unknown> = { ...handlers };
  for (const [name, reason] of Object.entries(BACKUP_BEFORE_CALL)) {
    const handler = wrapped[name];
    if (!handler || !reason) continue;
    wrapped[name] = async (input: never) => {
      await backups.backupBefore(reason);
      return handler(input);
    };
  }
  return wrapped as unknown as Handlers;
}
