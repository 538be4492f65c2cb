import { and, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from './database.ts';

type VersionedTable = PgTable & { id: AnyPgColumn; version: AnyPgColumn };

/**
 * Optimistic locking: updates the record only if it still has the `version` the caller read, and
 * counts the version up. Nothing back means someone else changed it first (or it is gone).
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  id: string,
  version: number,
  set: PgUpdateSetSource<T>,
): Promise<T['$inferSelect'] | undefined> {
  const rows = await db
    .update(table)
    .set({ ...set, version: sql`${table.version} + 1` } as PgUpdateSetSource<T>)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning();
  return (rows as T['$inferSelect'][])[0];
}
