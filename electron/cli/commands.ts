import type { CliCommand } from './command.ts';
import { auditVerifyCommand } from './commands/audit.ts';
import { backupCommand } from './commands/backup.ts';
import { exportCommand } from './commands/export.ts';
import { CONTACT_COMMANDS } from './commands/contacts.ts';
import { infoCommand } from './commands/info.ts';
import { migrateCommand } from './commands/migrate.ts';
import { productsListCommand, productsShowCommand } from './commands/products.ts';
import { restoreCommand } from './commands/restore.ts';
import { STOCK_COMMANDS } from './commands/stock.ts';
import { INVOICE_COMMANDS } from './commands/invoices.ts';
import { IMPORT_COMMANDS } from './commands/imports.ts';
import { MARKETPLACE_COMMANDS } from './commands/marketplaces.ts';

/**
 * Every command of `kontor`, in the order help lists them. A new command (`products list`,
 * `import products`, `export` …) is a module in commands/ exporting a CliCommand, added here;
 * parsing, --help, --json and exit codes come with it.
 */
export const COMMANDS: readonly CliCommand[] = [
  infoCommand,
  migrateCommand,
  backupCommand,
  restoreCommand,
  auditVerifyCommand,
  productsListCommand,
  productsShowCommand,
  ...STOCK_COMMANDS,
  exportCommand,
  ...CONTACT_COMMANDS,
  ...INVOICE_COMMANDS,
  ...IMPORT_COMMANDS,
  ...MARKETPLACE_COMMANDS,
];
