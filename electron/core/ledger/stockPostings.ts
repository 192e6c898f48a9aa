import type { Database } from 'better-sqlite3';
import { ValidationError } from '../../../shared/errors.ts';
import { formatQuantity } from '../../../shared/quantity.ts';
import { accountMap, ensureChart } from './accounts.ts';
import { stockMovementPosting, type StockMovementPostingInput } from './postings/stock.ts';
import { writeEntry } from './writeEntry.ts';

interface MovementForPosting {
  id: number;
  kind: StockMovementPostingInput['kind'];
  value_minor: number;
  occurred_at: string;
  quantity_milli: number;
  reference: string | null;
  corrects_id: number | null;
  sku: string;
  unit: string;
}

const movementStatement = new WeakMap<Database, ReturnType<Database['prepare']>>();

/**
 * Posts the inventory side of stock movements just written, inside the stock transaction
 * (called by stock/recordMovements.ts), so stock value and the inventory account never disagree.
 * A movement dated in a closed period is refused with the movement's date as the field to fix.
 */
export function postStockMovements(sqlite: Database, movementIds: readonly number[], now: Date): void {
  if (movementIds.length === 0) return;
  ensureChart(sqlite, now);
  const accounts = accountMap(sqlite);
  let read = movementStatement.get(sqlite);
  if (!read) {
    read = sqlite.prepare(
      `SELECT m.id, m.kind, m.value_minor, m.occurred_at, m.quantity_milli, m.reference, m.corrects_id, p.sku, p.unit
       FROM stock_movement m JOIN product p ON p.id = m.product_id WHERE m.id = ?`,
    );
    movementStatement.set(sqlite, read);
  }
  for (const id of movementIds) {
    const m = read.get(id) as MovementForPosting | undefined;
    if (!m) throw new Error(`ledger: stock movement #${id} was not found in its own transaction`);
    const draft = stockMovementPosting(
      {
        movementId: m.id,
        kind: m.kind,
        valueMinor: m.value_minor,
        occurredAt: m.occurred_at,
        sku: m.sku,
        quantityText: `${formatQuantity(Math.abs(m.quantity_milli))} ${m.unit}`,
        reference: m.reference,
        correctsId: m.corrects_id,
      },
      accounts,
    );
    if (!draft) continue;
    try {
      writeEntry(sqlite, draft, now);
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new ValidationError((error.details?.issues ?? []).map((i) => (i.path === 'date' ? { ...i, path: 'occurredAt' } : i)));
      }
      throw error;
    }
  }
}
