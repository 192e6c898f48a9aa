import type { Database, Statement } from 'better-sqlite3';
import { ValidationError } from '../../../shared/errors.ts';
import { CHART_PRESETS, type AccountKind, type ChartId } from '../../../shared/ledger/charts.ts';
import { POSTING_KEY_PATTERN } from '../../../shared/ledger/postingKeys.ts';
import type { AccountMap } from './postings/types.ts';
import { readLedgerSettings, writeLedgerSettings } from './settings.ts';

export interface AccountView {
  code: string;
  name: string;
  kind: AccountKind;
}

/**
 * Installs the chart the settings name (by default the one for the company's country) the first
 * time anything is posted, in the caller's transaction: stock can be received before anyone opens
 * the ledger settings, and its posting still lands on sensible accounts.
 */
export function ensureChart(sqlite: Database, now = new Date()): void {
  if (statementsOf(sqlite).anyMapping.get()) return;
  installChart(sqlite, readLedgerSettings(sqlite).chart, now);
}

/**
 * Adds the preset's accounts (keeping any the user already has) and points every posting key at
 * the preset's account. Switching charts after posting would split the books across two charts.
 */
export function installChart(sqlite: Database, chart: ChartId, now = new Date()): void {
  const posted = sqlite.prepare('SELECT 1 FROM ledger_entry LIMIT 1').get();
  const current = sqlite.prepare('SELECT 1 FROM ledger_mapping LIMIT 1').get();
  if (posted && current && readLedgerSettings(sqlite).chart !== chart) {
    throw new ValidationError([
      {
        path: 'chart',
        key: 'ledger.chart.locked',
        message: 'The journal already has entries on the current chart of accounts; the chart cannot change any more. Edit single account mappings instead.',
      },
    ]);
  }
  const preset = CHART_PRESETS[chart];
  const at = now.toISOString();
  const addAccount = sqlite.prepare('INSERT INTO ledger_account (code, name, kind, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING');
  const map = sqlite.prepare(
    'INSERT INTO ledger_mapping (posting_key, account_code, updated_at) VALUES (?, ?, ?) ON CONFLICT (posting_key) DO UPDATE SET account_code = excluded.account_code, updated_at = excluded.updated_at',
  );
  for (const a of preset.accounts) addAccount.run(a.code, a.name, a.kind, at);
  for (const [key, code] of Object.entries(preset.mapping)) map.run(key, code, at);
  writeLedgerSettings(sqlite, { chart }, now);
}

/** Statements a posting runs for every stock movement, prepared once per connection. */
const statements = new WeakMap<Database, { map: Statement; hasAccount: Statement; anyMapping: Statement }>();

function statementsOf(sqlite: Database) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      map: sqlite.prepare('SELECT posting_key AS k, account_code AS c FROM ledger_mapping'),
      hasAccount: sqlite.prepare('SELECT 1 FROM ledger_account WHERE code = ?'),
      anyMapping: sqlite.prepare('SELECT 1 FROM ledger_mapping LIMIT 1'),
    };
    statements.set(sqlite, s);
  }
  return s;
}

export function accountMap(sqlite: Database): AccountMap {
  const rows = statementsOf(sqlite).map.all() as { k: string; c: string }[];
  return Object.fromEntries(rows.map((r) => [r.k, r.c]));
}

export function listAccounts(sqlite: Database): AccountView[] {
  return sqlite.prepare('SELECT code, name, kind FROM ledger_account ORDER BY code').all() as AccountView[];
}

export function createAccount(sqlite: Database, account: AccountView, now = new Date()): AccountView {
  const exists = sqlite.prepare('SELECT 1 FROM ledger_account WHERE code = ?').get(account.code);
  if (exists) {
    throw new ValidationError([{ path: 'code', key: 'ledger.account.exists', message: `Account ${account.code} exists already.`, params: { account: account.code } }]);
  }
  sqlite.prepare('INSERT INTO ledger_account (code, name, kind, created_at) VALUES (?, ?, ?, ?)').run(account.code, account.name, account.kind, now.toISOString());
  return account;
}

/** Points one posting key at an account; postings already made keep their accounts. */
export function setMapping(sqlite: Database, postingKey: string, account: string, now = new Date()): AccountMap {
  if (!POSTING_KEY_PATTERN.test(postingKey)) {
    throw new ValidationError([{ path: 'postingKey', key: 'ledger.mapping.unknownKey', message: `"${postingKey}" is not a kind of posting Kontor makes.`, params: { postingKey } }]);
  }
  requireAccounts(sqlite, [account], 'account');
  sqlite
    .prepare('INSERT INTO ledger_mapping (posting_key, account_code, updated_at) VALUES (?, ?, ?) ON CONFLICT (posting_key) DO UPDATE SET account_code = excluded.account_code, updated_at = excluded.updated_at')
    .run(postingKey, account, now.toISOString());
  return accountMap(sqlite);
}

export function requireAccounts(sqlite: Database, codes: readonly string[], path: string): void {
  const has = statementsOf(sqlite).hasAccount;
  const missing = [...new Set(codes)].filter((c) => !has.get(c));
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map((account) => ({
        path,
        key: 'ledger.account.unknown',
        message: `There is no account ${account} in the chart of accounts; add it first.`,
        params: { account },
      })),
    );
  }
}
