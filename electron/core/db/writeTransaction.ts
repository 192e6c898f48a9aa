import { sql, type Kysely } from 'kysely';
import type { KontorSchema } from './schema.ts';

type Db = Kysely<KontorSchema>;

/** Connections inside `writeTransaction`, so a service called from another joins its transaction. */
const writing = new WeakSet<Db>();

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction, or inside the caller's when there is one.
 * IMMEDIATE takes the write lock up front: services read (a revision, a taken SKU, the current
 * base currency) and then write, and under a plain BEGIN a commit by another connection in between (a job worker, the
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
        throw new AggregateError([error, rollbackError], 'A write failed and could not be rolled back.', { cause: rollbackError });
      }
      throw error;
    } finally {
      writing.delete(conn);
    }
  });
}
