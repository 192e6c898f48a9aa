import type { PriceList } from '../../../shared/catalog/list.ts';
import type { PriceListCreateSchema, PriceListUpdateSchema } from '../../../shared/catalog/priceLists.ts';
import { ValidationError } from '../../../shared/errors.ts';
import type { z } from 'zod';
import { nowIso, notFound, writeTransaction, type Db } from './db.ts';
import { listPriceLists } from './prices.ts';

type Create = z.output<typeof PriceListCreateSchema>;
type Update = z.output<typeof PriceListUpdateSchema>;

function codeTaken(code: string): ValidationError {
  return new ValidationError([
    { path: 'code', key: 'catalogSettings.priceLists.codeTaken', message: `There is already a price list with code ${code}.`, params: { code } },
  ]);
}

async function byId(db: Db, id: number): Promise<PriceList> {
  const found = (await listPriceLists(db)).find((l) => l.id === id);
  if (!found) throw notFound('price list', id);
  return found;
}

/** A new price list (e.g. WHOLESALE-EU in EUR next to the default RETAIL and WHOLESALE). */
export async function createPriceList(db: Db, input: Create): Promise<PriceList> {
  const id = await writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('price_list').select('id').where('code', '=', input.code).executeTakeFirst();
    if (existing) throw codeTaken(input.code);
    const row = await trx
      .insertInto('price_list')
      .values({ code: input.code, name: input.name, kind: input.kind, currency: input.currency, created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  return byId(db, id);
}

/** Renames a price list or changes its kind or currency; its code stays (see PriceListUpdateSchema). */
export async function updatePriceList(db: Db, input: Update): Promise<PriceList> {
  await writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('price_list').select('id').where('id', '=', input.id).executeTakeFirst();
    if (!existing) throw notFound('price list', input.id);
    const change: { name?: string; kind?: string; currency?: string | null } = {};
    if (input.name !== undefined) change.name = input.name;
    if (input.kind !== undefined) change.kind = input.kind;
    if (input.currency !== undefined) change.currency = input.currency;
    if (Object.keys(change).length > 0) await trx.updateTable('price_list').set(change).where('id', '=', input.id).execute();
  });
  return byId(db, input.id);
}
