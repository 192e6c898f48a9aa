import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { KontorError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { fieldIssuesFromZod } from '../../../shared/fieldIssues.ts';
import {
  AccountInputSchema,
  ListingRulesSchema,
  type AccountView,
  type ListingRules,
  type Platform,
} from '../../../shared/marketplaces/schemas.ts';
import { connectorFor } from './registry.ts';
import type { SecretBox } from './secretBox.ts';
import type { ConnectedAccount } from './types.ts';

/**
 * Marketplace accounts. Credentials are checked against the connector's schema, sealed by the
 * SecretBox and stored as an opaque blob; no function here answers them except `openAccount`,
 * which only the upload engine and "test connection" call. They are never logged.
 */
interface AccountRow {
  id: number;
  platform: string;
  name: string;
  settings: string;
  rules: string;
  secret: Uint8Array;
  created_at: string;
  updated_at: string;
}

export interface OpenedAccount extends ConnectedAccount<unknown, unknown> {
  platform: Platform;
  rules: ListingRules;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, prefix: string): { ok: true; value: T } | { ok: false; issues: FieldIssue[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: fieldIssuesFromZod(parsed.error).map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix })) };
}

export function createAccount(sqlite: Database, box: SecretBox, raw: z.input<typeof AccountInputSchema>, now = new Date()): AccountView {
  const input = AccountInputSchema.parse(raw);
  const connector = connectorFor(input.platform);
  const settings = parseWith(connector.settingsSchema, input.settings, 'settings');
  const credentials = parseWith(connector.credentialsSchema, input.credentials, 'credentials');
  const issues = [...(settings.ok ? [] : settings.issues), ...(credentials.ok ? [] : credentials.issues)];
  if (issues.length > 0 || !settings.ok || !credentials.ok) throw new ValidationError(issues);
  if (sqlite.prepare('SELECT 1 FROM marketplace_account WHERE name = ?').get(input.name)) {
    throw new ValidationError([{ path: 'name', key: 'marketplaces.account.nameTaken', message: `There is already an account named ${input.name}.`, params: { name: input.name } }]);
  }
  const stamp = now.toISOString();
  const id = sqlite
    .prepare('INSERT INTO marketplace_account (platform, name, settings, rules, secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
    .pluck()
    .get(input.platform, input.name, JSON.stringify(settings.value), JSON.stringify(input.rules), box.seal(JSON.stringify(credentials.value)), stamp, stamp) as number;
  return getAccountView(sqlite, id);
}

export function updateAccount(
  sqlite: Database,
  box: SecretBox,
  change: { id: number; name?: string | undefined; settings?: Record<string, unknown> | undefined; credentials?: Record<string, unknown> | undefined; rules?: z.input<typeof ListingRulesSchema> | undefined },
  now = new Date(),
): AccountView {
  const row = requireRow(sqlite, change.id);
  const connector = connectorFor(row.platform);
  const issues: FieldIssue[] = [];
  let settings = row.settings;
  if (change.settings) {
    const parsed = parseWith(connector.settingsSchema, change.settings, 'settings');
    if (parsed.ok) settings = JSON.stringify(parsed.value);
    else issues.push(...parsed.issues);
  }
  let secret = row.secret;
  if (change.credentials) {
    const parsed = parseWith(connector.credentialsSchema, change.credentials, 'credentials');
    if (parsed.ok) secret = box.seal(JSON.stringify(parsed.value));
    else issues.push(...parsed.issues);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  if (change.name && sqlite.prepare('SELECT 1 FROM marketplace_account WHERE name = ? AND id != ?').get(change.name, change.id)) {
    throw new ValidationError([{ path: 'name', key: 'marketplaces.account.nameTaken', message: `There is already an account named ${change.name}.`, params: { name: change.name } }]);
  }
  sqlite
    .prepare('UPDATE marketplace_account SET name = ?, settings = ?, rules = ?, secret = ?, updated_at = ? WHERE id = ?')
    .run(change.name ?? row.name, settings, change.rules ? JSON.stringify(ListingRulesSchema.parse(change.rules)) : row.rules, secret, now.toISOString(), change.id);
  return getAccountView(sqlite, change.id);
}

export function deleteAccount(sqlite: Database, id: number): void {
  requireRow(sqlite, id);
  if (sqlite.prepare("SELECT 1 FROM upload_job WHERE account_id = ? AND status = 'running'").get(id)) {
    throw new KontorError('CONFLICT', 'An upload to this account is running; pause or cancel it first.');
  }
  sqlite.prepare('DELETE FROM marketplace_account WHERE id = ?').run(id);
}

export function listAccounts(sqlite: Database): AccountView[] {
  const rows = sqlite.prepare('SELECT * FROM marketplace_account ORDER BY name').all() as AccountRow[];
  return rows.map((r) => toView(sqlite, r));
}

export function getAccountView(sqlite: Database, id: number): AccountView {
  return toView(sqlite, requireRow(sqlite, id));
}

export function findAccountByName(sqlite: Database, name: string): AccountView {
  const row = sqlite.prepare('SELECT * FROM marketplace_account WHERE name = ?').get(name) as AccountRow | undefined;
  if (!row) throw new KontorError('NOT_FOUND', `There is no marketplace account named ${JSON.stringify(name)}.`, { name });
  return toView(sqlite, row);
}

/** The account with its credentials opened: for the engine and connection tests only. */
export function openAccount(sqlite: Database, box: SecretBox, id: number): OpenedAccount {
  const row = requireRow(sqlite, id);
  const connector = connectorFor(row.platform);
  const credentials = connector.credentialsSchema.safeParse(JSON.parse(box.open(row.secret)));
  if (!credentials.success) throw new KontorError('MARKETPLACE_REFUSED', `The stored credentials of ${row.name} are incomplete; enter them again.`);
  return {
    id: row.id,
    name: row.name,
    platform: row.platform as Platform,
    settings: connector.settingsSchema.parse(JSON.parse(row.settings)),
    rules: ListingRulesSchema.parse(JSON.parse(row.rules)),
    credentials: credentials.data,
  };
}

/** Settings and rules without credentials: enough to validate and map. */
export function accountRules(sqlite: Database, id: number): { platform: Platform; rules: ListingRules; settings: unknown; name: string } {
  const row = requireRow(sqlite, id);
  return { platform: row.platform as Platform, name: row.name, rules: ListingRulesSchema.parse(JSON.parse(row.rules)), settings: JSON.parse(row.settings) as unknown };
}

export function saveAccountSetting(sqlite: Database, id: number, key: string, value: unknown): void {
  const row = requireRow(sqlite, id);
  const settings = { ...(JSON.parse(row.settings) as Record<string, unknown>), [key]: value };
  sqlite.prepare('UPDATE marketplace_account SET settings = ? WHERE id = ?').run(JSON.stringify(settings), id);
}

function requireRow(sqlite: Database, id: number): AccountRow {
  const row = sqlite.prepare('SELECT * FROM marketplace_account WHERE id = ?').get(id) as AccountRow | undefined;
  if (!row) throw new KontorError('NOT_FOUND', `There is no marketplace account #${id}.`, { id });
  return row;
}

function toView(sqlite: Database, row: AccountRow): AccountView {
  const listed = sqlite.prepare("SELECT count(*) FROM listing WHERE account_id = ? AND status = 'listed'").pluck().get(row.id) as number;
  return {
    id: row.id,
    platform: row.platform as Platform,
    name: row.name,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    rules: ListingRulesSchema.parse(JSON.parse(row.rules)),
    hasCredentials: row.secret.length > 0,
    listed,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
