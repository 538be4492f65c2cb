import type { Db } from './database.ts';

/**
 * Runs `fn` in one transaction: everything it writes, including the audit entries, commits or
 * rolls back together. Services own the boundaries; repositories take the `tx` they are given.
 * Never make an HTTP call inside `fn`.
 */
export function withTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** Rows of a raw `db.execute(sql\`…\`)`, the same on PGlite and node-postgres. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
