import { and, asc, desc, eq, gt, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { customer, type RegistrySnapshot } from '../customers.schema.ts';
import { customerRegistryChange, registryLookupCache } from '../registry.schema.ts';

export type RegistryChangeRow = typeof customerRegistryChange.$inferSelect;
export type NewRegistryChangeRow = typeof customerRegistryChange.$inferInsert;

/** One page of customers that have a credit code, by id (the weekly refresh walks them all). */
export async function listCustomersWithCreditCode(
  db: Db,
  page: { scope: SQL | undefined; afterId?: string; limit: number; syncedBefore: Date },
): Promise<{ id: string; creditCode: string }[]> {
  const rows = await db
    .select({ id: customer.id, creditCode: customer.creditCode })
    .from(customer)
    .where(
      and(
        page.scope,
        isNotNull(customer.creditCode),
        page.afterId ? gt(customer.id, page.afterId) : undefined,
        // Customers refreshed since the run began are done: a resumed run skips them.
        or(
          sql`${customer.registry} is null`,
          sql`${customer.registry}->>'syncedAt' is null`,
          sql`(${customer.registry}->>'syncedAt')::timestamptz < ${page.syncedBefore}`,
        ),
      ),
    )
    .orderBy(asc(customer.id))
    .limit(page.limit);
  return rows.map((r) => ({ id: r.id, creditCode: r.creditCode! }));
}

/** Replaces the snapshot; the customer's own fields and version stay (nobody edits the snapshot by hand). */
export async function updateRegistrySnapshot(db: Db, id: string, registry: RegistrySnapshot): Promise<void> {
  await db.update(customer).set({ registry }).where(eq(customer.id, id));
}

export async function insertRegistryChanges(db: Db, rows: NewRegistryChangeRow[]): Promise<RegistryChangeRow[]> {
  if (rows.length === 0) return [];
  return db.insert(customerRegistryChange).values(rows).returning();
}

export async function listRegistryChanges(db: Db, customerId: string, limit: number): Promise<RegistryChangeRow[]> {
  return db
    .select()
    .from(customerRegistryChange)
    .where(eq(customerRegistryChange.customerId, customerId))
    .orderBy(desc(customerRegistryChange.detectedAt), asc(customerRegistryChange.id))
    .limit(limit);
}

/* the lookup cache */

export async function findCachedLookup(db: Db, key: string, freshAfter: Date): Promise<{ payload: unknown; fetchedAt: Date } | undefined> {
  const [row] = await db
    .select({ payload: registryLookupCache.payload, fetchedAt: registryLookupCache.fetchedAt })
    .from(registryLookupCache)
    .where(and(eq(registryLookupCache.key, key), gt(registryLookupCache.fetchedAt, freshAfter)));
  return row;
}

export async function storeCachedLookup(
  db: Db,
  row: { key: string; payload: unknown; fetchedAt: Date; orderNumber: string | null },
): Promise<void> {
  await db
    .insert(registryLookupCache)
    .values(row)
    .onConflictDoUpdate({
      target: registryLookupCache.key,
      set: { payload: row.payload, fetchedAt: row.fetchedAt, orderNumber: row.orderNumber },
    });
}

export async function purgeCachedLookups(db: Db, before: Date): Promise<void> {
  await db.delete(registryLookupCache).where(lt(registryLookupCache.fetchedAt, before));
}
