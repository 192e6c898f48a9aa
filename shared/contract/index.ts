import type { z } from 'zod';
import { appCalls } from './app.ts';
import { auditCalls } from './audit.ts';
import { backupCalls } from './backup.ts';
import { catalogCalls } from './catalog.ts';
import { catalogSettingsCalls } from './catalogSettings.ts';
import { companyCalls } from './company.ts';
import { contactCalls } from './contacts.ts';
import { importCalls } from './imports.ts';
import { jobCalls } from './jobs.ts';
import { ledgerCalls } from './ledger.ts';
import { marketplaceCalls } from './marketplaces.ts';
import { stockCalls } from './stock.ts';
import { invoicingCalls } from './invoicing.ts';
import { updateCalls } from './updates.ts';
import { userCalls } from './users.ts';
import { buyerCalls } from './buyers.ts';

/** Every call the renderer may make. Nothing else crosses the process boundary. */
export const contract = {
  ...appCalls,
  ...companyCalls,
  ...jobCalls,
  ...catalogCalls,
  ...catalogSettingsCalls,
  ...stockCalls,
  ...contactCalls,
  ...ledgerCalls,
  ...invoicingCalls,
  ...buyerCalls,
  ...importCalls,
  ...marketplaceCalls,
  ...backupCalls,
  ...auditCalls,
  ...userCalls,
  ...updateCalls,
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
/** What a caller sends (before defaults and normalisation). */
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** What a handler receives: the input after its schema parsed it. */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type { CallSpec } from './define.ts';
export type { KontorEvent } from './events.ts';
