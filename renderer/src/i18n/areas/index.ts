import type { AreaMessages } from './defineArea.ts';
import { buyersMessages } from './buyers.ts';
import { catalogSettingsMessages } from './catalogSettings.ts';
import { contactsMessages } from './contacts.ts';
import { dashboardMessages } from './dashboard.ts';
import { importsMessages } from './imports.ts';
import { invoicesMessages } from './invoices.ts';
import { ledgerMessages } from './ledger.ts';
import { marketplacesMessages } from './marketplaces.ts';
import { stockOpsMessages } from './stockOps.ts';
import { unsavedMessages } from './unsaved.ts';
import { safetyMessages } from './safety.ts';

/**
 * Every area's message module. Add one line per area; the namespace must not collide with a
 * top-level key of en.ts (checked in renderer/src/i18n/index.ts).
 */
export const AREA_MESSAGES: readonly AreaMessages<string, unknown>[] = [
  buyersMessages,
  catalogSettingsMessages,
  contactsMessages,
  dashboardMessages,
  importsMessages,
  invoicesMessages,
  ledgerMessages,
  marketplacesMessages,
  stockOpsMessages,
  unsavedMessages,
  safetyMessages,
];
