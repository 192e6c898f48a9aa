import type { Database, Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { KontorError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import { parseAmount } from '../../../shared/money.ts';
import { isUnit, parseQuantity, UNITS, type Unit } from '../../../shared/quantity.ts';
import type { QuantityInput, WarehouseRef } from '../../../shared/stock/schemas.ts';
import type { KontorSchema } from '../db/schema.ts';

/**
 * Turns what a person or the CLI sends (a SKU, a warehouse code, "12,5", "19.90") into the ids
 * and integers the movement writer takes, with issues that name the field and the value.
 */

export interface ProductRef {
  id: number;
  sku: string;
  kind: string;
  unit: Unit;
}

export interface WarehouseRefRow {
  id: number;
  code: string;
  active: boolean;
}

function issue(path: string, key: string, message: string, params?: Record<string, string | number>): ValidationError {
  const field: FieldIssue = params === undefined ? { path, key, message } : { path, key, message, params };
  return new ValidationError([field]);
}

const statements = new WeakMap<Database, Map<string, Statement>>();

/** A statement prepared once per connection: a stocktake import resolves 100,000 SKUs. */
export function cached(sqlite: Database, sql: string): Statement {
  let byText = statements.get(sqlite);
  if (!byText) {
    byText = new Map();
    statements.set(sqlite, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}

export function findProduct(sqlite: Database, ref: { sku?: string | undefined; productId?: number | undefined }, path = ''): ProductRef {
  const at = (field: string): string => (path ? `${path}.${field}` : field);
  const row =
    ref.productId !== undefined
      ? (cached(sqlite, 'SELECT id, sku, kind, unit FROM product WHERE id = ?').get(ref.productId) as ProductRow | undefined)
      : (cached(sqlite, 'SELECT id, sku, kind, unit FROM product WHERE sku = ?').get(ref.sku ?? '') as ProductRow | undefined);
  if (!row) {
    throw ref.productId !== undefined
      ? issue(at('productId'), 'validation.stock.unknownProduct', `There is no product with id ${ref.productId}.`, { productId: ref.productId })
      : issue(at('sku'), 'validation.stock.unknownSku', `There is no product with SKU ${ref.sku ?? ''}.`, { sku: ref.sku ?? '' });
  }
  return { id: row.id, sku: row.sku, kind: row.kind, unit: isUnit(row.unit) ? row.unit : 'pcs' };
}

interface ProductRow {
  id: number;
  sku: string;
  kind: string;
  unit: string;
}

/** Where the product was named in the input: the writer's "product" issues are reported there. */
export function productPath(ref: { sku?: string | undefined; productId?: number | undefined }): string {
  return ref.productId !== undefined ? 'productId' : 'sku';
}

export function findWarehouse(sqlite: Database, ref: WarehouseRef, path: string): WarehouseRefRow {
  const row =
    typeof ref === 'number'
      ? (cached(sqlite, 'SELECT id, code, active FROM warehouse WHERE id = ?').get(ref) as { id: number; code: string; active: number } | undefined)
      : (cached(sqlite, 'SELECT id, code, active FROM warehouse WHERE code = ?').get(ref.trim()) as { id: number; code: string; active: number } | undefined);
  if (!row) {
    throw typeof ref === 'number'
      ? issue(path, 'validation.stock.unknownWarehouse', `There is no warehouse with id ${ref}.`, { warehouseId: ref })
      : issue(path, 'validation.stock.unknownWarehouseCode', `There is no warehouse with code ${ref.trim()}.`, { warehouse: ref.trim() });
  }
  return { id: row.id, code: row.code, active: row.active === 1 };
}

export function findLocation(sqlite: Database, warehouse: WarehouseRefRow, code: string, path = 'location'): number {
  const row = cached(sqlite, 'SELECT id FROM warehouse_location WHERE warehouse_id = ? AND code = ?').get(warehouse.id, code.trim()) as
    | { id: number }
    | undefined;
  const id = row?.id;
  if (id === undefined) {
    throw issue(path, 'validation.stock.unknownLocation', `Warehouse ${warehouse.code} has no location ${code.trim()}.`, {
      warehouse: warehouse.code,
      location: code.trim(),
    });
  }
  return id;
}

/** A quantity in the product's unit, as milli-units; `sign` refuses zero and the wrong sign. */
export function quantityOf(input: QuantityInput, product: ProductRef, path: string, sign: 'positive' | 'nonNegative' | 'nonZero'): number {
  const parsed = parseQuantity(input, product.unit);
  if (!parsed.ok) {
    const decimals = UNITS[product.unit].decimals;
    const message =
      parsed.reason === 'decimals'
        ? decimals === 0
          ? `${product.sku} is counted in whole ${product.unit}; "${input}" has decimals.`
          : `${product.sku} is counted in ${product.unit} with at most ${decimals} decimals; "${input}" has more.`
        : parsed.reason === 'range'
          ? `"${input}" is too large a quantity.`
          : `"${input}" is not a quantity; enter a number such as 12 or 12.5.`;
    throw issue(path, `validation.quantity.${parsed.reason}`, message, { sku: product.sku, unit: product.unit, value: String(input), decimals });
  }
  const milli = parsed.milli;
  if (sign === 'positive' && milli <= 0) {
    throw issue(path, 'validation.stock.quantityPositive', `Enter a quantity of ${product.sku} greater than zero; "${input}" is not.`, {
      sku: product.sku,
      value: String(input),
    });
  }
  if (sign === 'nonNegative' && milli < 0) {
    throw issue(path, 'validation.stock.quantityNegative', `A quantity of ${product.sku} cannot be negative; "${input}" is.`, {
      sku: product.sku,
      value: String(input),
    });
  }
  if (sign === 'nonZero' && milli === 0) {
    throw issue(path, 'validation.stock.quantityZero', `Enter a quantity of ${product.sku} other than zero.`, { sku: product.sku });
  }
  return milli;
}

export function baseCurrency(sqlite: Database): string | null {
  return (cached(sqlite, 'SELECT base_currency FROM company WHERE id = 1').get() as { base_currency: string } | undefined)?.base_currency ?? null;
}

/** A cost per unit in the base currency, as minor units; never negative. */
export function unitCostOf(sqlite: Database, text: string, product: ProductRef, path = 'unitCost'): number {
  const currency = baseCurrency(sqlite);
  if (currency === null) {
    throw new KontorError('CONFLICT', 'Save the company profile first: its base currency is what stock is valued in.');
  }
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) {
    const message =
      parsed.reason === 'decimals'
        ? `"${text}" has more decimals than ${currency} has.`
        : parsed.reason === 'range'
          ? `"${text}" is too large an amount.`
          : `"${text}" is not an amount; enter the cost per unit in ${currency}, such as 12.50.`;
    throw issue(path, `validation.amount.${parsed.reason}`, message, { sku: product.sku, currency, value: text });
  }
  if (parsed.amountMinor < 0) {
    throw issue(path, 'validation.stock.unitCostNegative', `The unit cost of ${product.sku} cannot be negative; "${text}" is.`, {
      sku: product.sku,
      value: text,
    });
  }
  return parsed.amountMinor;
}

/**
 * Runs `fn`, a synchronous piece of work on the raw connection, while holding Kysely's connection:
 * Kysely and better-sqlite3 share one connection, and a Kysely transaction that is between two
 * awaits must not see our statements land inside it (nor ours inside its).
 */
export function exclusive<T>(db: Kysely<KontorSchema>, fn: () => T): Promise<T> {
  return db.connection().execute(() => Promise.resolve().then(fn));
}

/** Moves the movement writer's "product" issues to the field the caller used to name it. */
export function renamePaths<T>(fn: () => T, renames: Record<string, string>): T {
  try {
    return fn();
  } catch (error) {
    // Only rewrites the paths of a refusal; every error is rethrown.
    if (!(error instanceof ValidationError)) throw error;
    const issues = (error.details?.issues ?? []).map((i) => {
      const head = i.path.split('.')[0] ?? '';
      const to = renames[head];
      return to === undefined ? i : { ...i, path: to + i.path.slice(head.length) };
    });
    throw new ValidationError(issues);
  }
}
