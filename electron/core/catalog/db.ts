import type { Kysely } from 'kysely';
import { KontorError } from '../../../shared/errors.ts';
import type { KontorSchema } from '../db/schema.ts';

export type Db = Kysely<KontorSchema>;

export { writeTransaction } from '../db/writeTransaction.ts';

export function nowIso(): string {
  return new Date().toISOString();
}

/** Ids as one JSON parameter (`IN (SELECT value FROM json_each(?))`): no limit on the number of ids. */
export function jsonIds(ids: readonly number[]): string {
  return JSON.stringify(ids);
}

export function notFound(what: string, id: number | string): KontorError {
  return new KontorError('NOT_FOUND', `There is no ${what} ${typeof id === 'number' ? `with id ${id}` : `"${id}"`}.`, {
    id,
  });
}

/** The optimistic-concurrency refusal: the editor's copy is older than the stored product. */
export function staleRevision(sku: string, id: number, stored: number, sent: number): KontorError {
  return new KontorError(
    'CONFLICT',
    `${sku} was changed since you opened it (now at revision ${stored}, yours is ${sent}). Reload it to see the changes, then edit again.`,
    { id, revision: stored, key: 'catalog.product.stale' },
  );
}
