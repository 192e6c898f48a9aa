import type { Database } from 'better-sqlite3';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import type { Location, Warehouse, WarehouseKind, WarehouseRef, WarehouseUpdate } from '../../../shared/stock/schemas.ts';
import { findWarehouse } from './resolve.ts';

interface WarehouseRow {
  id: number;
  code: string;
  name: string;
  kind: WarehouseKind;
  country: string | null;
  active: number;
  created_at: string;
}

function toWarehouse(r: WarehouseRow): Warehouse {
  return { id: r.id, code: r.code, name: r.name, kind: r.kind, country: r.country, active: r.active === 1, createdAt: r.created_at };
}

export function listWarehouses(sqlite: Database, includeInactive: boolean): Warehouse[] {
  const rows = sqlite
    .prepare(`SELECT * FROM warehouse ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY code`)
    .all() as WarehouseRow[];
  return rows.map(toWarehouse);
}

function getWarehouse(sqlite: Database, id: number): Warehouse {
  const row = sqlite.prepare('SELECT * FROM warehouse WHERE id = ?').get(id) as WarehouseRow | undefined;
  if (!row) throw new KontorError('NOT_FOUND', `There is no warehouse with id ${id}.`);
  return toWarehouse(row);
}

function refuseTakenCode(sqlite: Database, code: string, exceptId: number | null): void {
  const other = sqlite.prepare('SELECT id FROM warehouse WHERE code = ?').get(code) as { id: number } | undefined;
  if (other && other.id !== exceptId) {
    throw new ValidationError([
      { path: 'code', key: 'validation.stock.warehouseCodeTaken', message: `There is already a warehouse with code ${code}.`, params: { code } },
    ]);
  }
}

export function createWarehouse(
  sqlite: Database,
  input: { code: string; name: string; kind: WarehouseKind; country: string | null },
): Warehouse {
  const run = sqlite.transaction(() => {
    refuseTakenCode(sqlite, input.code, null);
    const id = sqlite
      .prepare('INSERT INTO warehouse (code, name, kind, country, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.code, input.name, input.kind, input.country, new Date().toISOString()).lastInsertRowid;
    return getWarehouse(sqlite, Number(id));
  });
  return run.immediate();
}

/** A warehouse that still holds (or has reserved) stock stays active: its stock would vanish from view. */
export function updateWarehouse(sqlite: Database, change: WarehouseUpdate): Warehouse {
  const run = sqlite.transaction(() => {
    const current = getWarehouse(sqlite, change.id);
    if (change.code !== undefined) refuseTakenCode(sqlite, change.code, change.id);
    if (change.active === false && current.active) {
      const held = sqlite
        .prepare('SELECT count(*) AS n FROM stock_level WHERE warehouse_id = ? AND (on_hand_milli <> 0 OR reserved_milli <> 0)')
        .get(change.id) as { n: number };
      if (held.n > 0) {
        throw new ValidationError([
          {
            path: 'active',
            key: 'validation.stock.warehouseHoldsStock',
            message: `Warehouse ${current.code} still holds stock of ${held.n} product${held.n === 1 ? '' : 's'}; transfer or adjust it to zero before deactivating.`,
            params: { warehouse: current.code, products: held.n },
          },
        ]);
      }
    }
    const next = {
      code: change.code ?? current.code,
      name: change.name ?? current.name,
      kind: change.kind ?? current.kind,
      country: change.country === undefined ? current.country : change.country,
      active: (change.active ?? current.active) ? 1 : 0,
    };
    sqlite
      .prepare('UPDATE warehouse SET code = ?, name = ?, kind = ?, country = ?, active = ? WHERE id = ?')
      .run(next.code, next.name, next.kind, next.country, next.active, change.id);
    return getWarehouse(sqlite, change.id);
  });
  return run.immediate();
}

export function listLocations(sqlite: Database, ref: WarehouseRef): Location[] {
  const warehouse = findWarehouse(sqlite, ref, 'warehouse');
  const rows = sqlite.prepare('SELECT id, warehouse_id, code FROM warehouse_location WHERE warehouse_id = ? ORDER BY code').all(warehouse.id) as {
    id: number;
    warehouse_id: number;
    code: string;
  }[];
  return rows.map((r) => ({ id: r.id, warehouseId: r.warehouse_id, code: r.code }));
}

export function createLocation(sqlite: Database, ref: WarehouseRef, code: string): Location {
  const run = sqlite.transaction(() => {
    const warehouse = findWarehouse(sqlite, ref, 'warehouse');
    const taken = sqlite.prepare('SELECT 1 FROM warehouse_location WHERE warehouse_id = ? AND code = ?').get(warehouse.id, code);
    if (taken) {
      throw new ValidationError([
        {
          path: 'code',
          key: 'validation.stock.locationCodeTaken',
          message: `Warehouse ${warehouse.code} already has a location ${code}.`,
          params: { warehouse: warehouse.code, code },
        },
      ]);
    }
    const id = Number(sqlite.prepare('INSERT INTO warehouse_location (warehouse_id, code) VALUES (?, ?)').run(warehouse.id, code).lastInsertRowid);
    return { id, warehouseId: warehouse.id, code };
  });
  return run.immediate();
}
