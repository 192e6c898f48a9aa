import type { Database } from 'better-sqlite3';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import { DEFAULT_STOCK_SETTINGS, StockSettingsSchema, type StockSettings } from '../../../shared/stock/schemas.ts';

const KEY = 'stock.settings';

/** Read synchronously, so the movement writer sees the setting inside its own transaction. */
export function readStockSettings(sqlite: Database): StockSettings {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return { ...DEFAULT_STOCK_SETTINGS };
  const stored = StockSettingsSchema.partial().safeParse(JSON.parse(row.value));
  if (!stored.success) {
    // Someone edited the row by hand; guessing could value stock by the wrong method.
    throw new KontorError('INTERNAL', `The stored stock settings are not readable (${stored.error.message}).`);
  }
  return { ...DEFAULT_STOCK_SETTINGS, ...stored.data };
}

/**
 * Changes the settings in one IMMEDIATE transaction. The valuation method cannot change once any
 * movement exists: average and FIFO keep different state (FIFO's cost layers), and switching
 * half-way would value the same stock twice over.
 */
export function writeStockSettings(sqlite: Database, change: Partial<StockSettings>): StockSettings {
  const run = sqlite.transaction(() => {
    const current = readStockSettings(sqlite);
    const next = { ...current, ...change };
    if (next.valuationMethod !== current.valuationMethod) {
      const moved = sqlite.prepare('SELECT 1 FROM stock_movement LIMIT 1').get() !== undefined;
      if (moved) {
        throw new ValidationError([
          {
            path: 'valuationMethod',
            key: 'validation.stock.methodLocked',
            message: `Stock is valued by ${describe(current.valuationMethod)} and has already moved; the method cannot change any more.`,
            params: { current: current.valuationMethod, requested: next.valuationMethod },
          },
        ]);
      }
    }
    sqlite
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(KEY, JSON.stringify(next), new Date().toISOString());
    return next;
  });
  return run.immediate();
}

function describe(method: StockSettings['valuationMethod']): string {
  return method === 'average' ? 'moving average cost' : 'FIFO';
}
