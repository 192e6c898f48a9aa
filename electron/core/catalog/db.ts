import { sql, type Kysely } from 'kysely';
import { KontorError } from '../../../shared/errors.ts';
import type { KontorSchema } from '../db/schema.ts';

export type Db = Kysely<KontorSchema>;

/** Connections inside `writeTransaction`, so a service called from another joins its transaction. */
const writing = new WeakSet<Db>();

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction, or inside the caller's when there is one.
 * IMMEDIATE takes the write lock up front: catalog writes read (revision, SKU taken?) and then
 * write, and under a plain BEGIN a commit by another connection in between (a job worker, the
 * CLI) would fail the write with SQLITE_BUSY instead of waiting for the busy timeout.
 *
 * Inside `work`, use `trx` only: the transaction holds Kysely's single connection, so a query
 * on the outer `db` would wait for it forever.
 */
export async function writeTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction || writing.has(db)) return work(db);
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    writing.add(conn);
    try {
      const result = await work(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      try {
        await sql`ROLLBACK`.execute(conn);
      } catch (rollbackError) {
        // Both matter: the cause, and that the connection may still hold an open transaction.
        throw new AggregateError([error, rollbackError], 'A catalog write failed and could not be rolled back.', { cause: rollbackError });
      }
      throw error;
    } finally {
      writing.delete(conn);
    }
  });
}

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
