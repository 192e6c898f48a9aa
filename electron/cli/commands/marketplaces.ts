import type { CliCommand } from '../command.ts';

/**
 * `kontor upload`, `kontor prices sync`, `kontor listings remove` and `kontor jobs list|resume|cancel`:
 * marketplace uploads from the command line.
 * Only the specs live here; the work (engine, connectors) loads when one of them runs, so every
 * other command starts as fast as before.
 */
export const uploadCommand: CliCommand = {
  name: 'upload',
  summary: 'Upload products to a marketplace account; every item is validated first.',
  details:
    'Example: kontor upload --account "Shopify EU" --products "RUG-*"\n' +
    '--products takes a SKU pattern with * as wildcard (default: every active product).\n' +
    '--dry-run validates and maps without sending anything. Ctrl-C pauses; "kontor jobs resume <id>" continues.',
  args: { min: 0, max: 0 },
  options: {
    account: { type: 'string', valueName: '<name>', description: 'The marketplace account, by name.' },
    products: { type: 'string', valueName: '<filter>', description: 'SKU pattern, * as wildcard.' },
    'dry-run': { type: 'boolean', description: 'Validate only; send nothing.' },
  },
  json: true,
  async run(context) {
    await (await import('./marketplacesRun.ts')).runUploadCommand(context);
  },
};

export const jobsListCommand: CliCommand = {
  name: 'jobs list',
  summary: 'Recent marketplace uploads and stock syncs with their progress.',
  args: { min: 0, max: 0 },
  json: true,
  async run(context) {
    await (await import('./marketplacesRun.ts')).runJobsList(context);
  },
};

export const jobsResumeCommand: CliCommand = {
  name: 'jobs resume',
  argsUsage: '<id>',
  summary: 'Continue a paused or interrupted upload; items already sent are not duplicated.',
  args: { min: 1, max: 1 },
  options: { 'retry-failed': { type: 'boolean', description: 'Send the failed items again too.' } },
  json: true,
  async run(context) {
    await (await import('./marketplacesRun.ts')).runJobsResume(context);
  },
};

export const jobsCancelCommand: CliCommand = {
  name: 'jobs cancel',
  argsUsage: '<id>',
  summary: 'Stop an upload for good; items not yet sent are marked skipped.',
  args: { min: 1, max: 1 },
  json: true,
  async run(context) {
    await (await import('./marketplacesRun.ts')).runJobsCancel(context);
  },
};

export const pricesSyncCommand: CliCommand = {
  name: 'prices sync',
  summary: 'Send only the prices that changed since they were last sent to an account; nothing else of the products.',
  details: 'Example: kontor prices sync --account "Shopify EU" --products "RUG-*"\nWithout --products, every product listed on the account is compared.',
  args: { min: 0, max: 0 },
  options: {
    account: { type: 'string', valueName: '<name>', description: 'The marketplace account, by name.' },
    products: { type: 'string', valueName: '<filter>', description: 'SKU pattern, * as wildcard.' },
  },
  json: true,
  async run(context) {
    await (await import('./marketplacesRun.ts')).runPricesSync(context);
  },
};

export const listingsRemoveCommand: CliCommand = {
  name: 'listings remove',
  summary: 'Delete listings from a marketplace account: the products matching --products, or every archived one with --archived.',
  details: 'Example: kontor listings remove --account "Woo shop" --archived\nThe products stay in Kontor; only their listings on the account are deleted.',
  args: { min: 0, max: 0 },
  options: {
    account: { type: 'string', valueName: '<name>', description: 'The marketplace account, by name.' },
    products: { type: 'string', valueName: '<filter>', description: 'SKU pattern, * as wildcard.' },
    archived: { type: 'boolean', description: 'Every listed product archived in Kontor.' },
  },
  json: true,
  async run(context) {
    await (await import('./marketplacesRun.ts')).runListingsRemove(context);
  },
};

export const MARKETPLACE_COMMANDS: readonly CliCommand[] = [uploadCommand, jobsListCommand, jobsResumeCommand, jobsCancelCommand, pricesSyncCommand, listingsRemoveCommand];
