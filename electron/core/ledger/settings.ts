import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors.ts';
import { defaultChartFor } from '../../../shared/ledger/charts.ts';
import { LedgerSettingsSchema, type LedgerSettings, type LedgerSettingsChange } from '../../../shared/ledger/schemas.ts';

const KEY = 'ledger.settings';

function defaults(sqlite: Database): LedgerSettings {
  const country = sqlite.prepare('SELECT country FROM company WHERE id = 1').pluck().get() as string | undefined;
  return { chart: defaultChartFor(country), datev: { consultantNumber: null, clientNumber: null, accountLength: 4, taxKeys: {} }, fec: { siren: null } };
}

/** Read synchronously so a posting inside a stock transaction sees the same settings. */
export function readLedgerSettings(sqlite: Database): LedgerSettings {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  const base = defaults(sqlite);
  if (!row) return base;
  const stored = LedgerSettingsSchema.partial().safeParse(JSON.parse(row.value));
  if (!stored.success) throw new KontorError('INTERNAL', `The stored ledger settings are not readable (${stored.error.message}).`);
  return { ...base, ...stored.data, datev: { ...base.datev, ...stored.data.datev }, fec: { ...base.fec, ...stored.data.fec } };
}

export function writeLedgerSettings(sqlite: Database, change: LedgerSettingsChange, now = new Date()): LedgerSettings {
  const current = readLedgerSettings(sqlite);
  const next: LedgerSettings = {
    chart: change.chart ?? current.chart,
    datev: { ...current.datev, ...change.datev },
    fec: { ...current.fec, ...change.fec },
  };
  LedgerSettingsSchema.parse(next);
  sqlite
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(KEY, JSON.stringify(next), now.toISOString());
  return next;
}
