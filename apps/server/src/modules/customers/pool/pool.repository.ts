import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, max, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { updateVersioned } from '../../../kernel/db/versioned.ts';
import { customer } from '../customers.schema.ts';
import { assignmentRule, customerOwnerChange, customerPool } from '../pool.schema.ts';
import { textArray } from '../../../kernel/db/search.ts';

export type PoolRow = typeof customerPool.$inferSelect;
export type OwnerChangeRow = typeof customerOwnerChange.$inferSelect;
export type NewOwnerChangeRow = typeof customerOwnerChange.$inferInsert;
export type AssignmentRuleRow = typeof assignmentRule.$inferSelect;
export type CustomerRow = typeof customer.$inferSelect;

/* ---------------------------------------------------------------- pools */

export async function listPools(db: Db): Promise<PoolRow[]> {
  return db.select().from(customerPool).orderBy(asc(customerPool.name));
}

export async function findPool(db: Db, id: string): Promise<PoolRow | undefined> {
  const [row] = await db.select().from(customerPool).where(eq(customerPool.id, id));
  return row;
}

export async function insertPool(db: Db, row: typeof customerPool.$inferInsert): Promise<PoolRow> {
  const [created] = await db.insert(customerPool).values(row).returning();
  return created!;
}

export async function updatePool(db: Db, id: string, version: number, set: Partial<typeof customerPool.$inferInsert>) {
  return updateVersioned(db, customerPool, id, version, set);
}

export async function poolDepartmentTaken(db: Db, departmentId: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: customerPool.id })
    .from(customerPool)
    .where(and(eq(customerPool.departmentId, departmentId), exceptId ? sql`${customerPool.id} <> ${exceptId}` : undefined))
    .limit(1);
  return rows.length > 0;
}

/** Customers waiting in each pool. */
export async function poolSizes(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ poolId: customer.poolId, n: count() })
    .from(customer)
    .where(and(isNull(customer.ownerId), isNotNull(customer.poolId), isNull(customer.mergedIntoId)))
    .groupBy(customer.poolId);
  return new Map(rows.map((r) => [r.poolId!, r.n]));
}

/* ---------------------------------------------------------------- customers and owners */

/** Locks the customers (in id order, so that concurrent batches cannot deadlock) that satisfy `where`; `lock` false only reads. */
export async function lockCustomers(db: Db, ids: readonly string[], where: SQL | undefined, lock = true): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  const query = db
    .select()
    .from(customer)
    .where(and(inArray(customer.id, [...ids]), isNull(customer.mergedIntoId), where))
    .orderBy(asc(customer.id));
  return lock ? query.for('update') : query;
}

/** Whether the customer's latest owner change is a claim from one of the pools. */
export async function claimedFromPools(db: Db, customerId: string, poolIds: readonly string[]): Promise<boolean> {
  if (poolIds.length === 0) return false;
  const [last] = await db
    .select({ kind: customerOwnerChange.kind, poolId: customerOwnerChange.poolId })
    .from(customerOwnerChange)
    .where(eq(customerOwnerChange.customerId, customerId))
    .orderBy(desc(customerOwnerChange.at), desc(customerOwnerChange.seq))
    .limit(1);
  return last?.kind === 'claim' && last.poolId !== null && poolIds.includes(last.poolId);
}

export type OwnerSet = {
  ownerId: string | null;
  departmentId: string | null;
  poolId: string | null;
  ownerSince: Date | null;
  at: Date;
  by: string | null;
};

/** Gives the customers one owner (or puts them into one pool) in one statement. */
export async function setOwner(db: Db, ids: readonly string[], s: OwnerSet): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(customer)
    .set({
      ownerId: s.ownerId,
      departmentId: s.departmentId,
      poolId: s.poolId,
      ownerSince: s.ownerSince,
      reclaimWarnedFor: null,
      updatedAt: s.at,
      updatedBy: s.by,
      version: sql`${customer.version} + 1`,
    })
    .where(inArray(customer.id, [...ids]))
    .returning();
}

export async function insertOwnerChanges(db: Db, rows: NewOwnerChangeRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(customerOwnerChange).values(rows);
}

export async function listOwnerChanges(db: Db, customerId: string): Promise<OwnerChangeRow[]> {
  return db
    .select()
    .from(customerOwnerChange)
    .where(eq(customerOwnerChange.customerId, customerId))
    .orderBy(desc(customerOwnerChange.at), desc(customerOwnerChange.seq));
}

/** Private customers per owner. */
export async function countOwned(db: Db, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ ownerId: customer.ownerId, n: count() })
    .from(customer)
    .where(inArray(customer.ownerId, [...userIds]))
    .groupBy(customer.ownerId);
  return new Map(rows.map((r) => [r.ownerId!, r.n]));
}

export async function countClaimsSince(db: Db, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(customerOwnerChange)
    .where(and(eq(customerOwnerChange.toOwnerId, userId), eq(customerOwnerChange.kind, 'claim'), gte(customerOwnerChange.at, since)));
  return row?.n ?? 0;
}

/** When each of the customers last left the user (released by them or reclaimed from them). */
export async function lastLeft(db: Db, userId: string, customerIds: readonly string[]): Promise<Map<string, Date>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .select({ customerId: customerOwnerChange.customerId, at: max(customerOwnerChange.at) })
    .from(customerOwnerChange)
    .where(
      and(
        eq(customerOwnerChange.fromOwnerId, userId),
        inArray(customerOwnerChange.kind, ['release', 'reclaim']),
        inArray(customerOwnerChange.customerId, [...customerIds]),
      ),
    )
    .groupBy(customerOwnerChange.customerId);
  return new Map(rows.filter((r) => r.at !== null).map((r) => [r.customerId, r.at!]));
}

export type ReclaimCandidate = Pick<
  CustomerRow,
  'id' | 'name' | 'grade' | 'ownerId' | 'departmentId' | 'createdAt' | 'ownerSince' | 'lastActivityAt' | 'lastDealAt' | 'reclaimWarnedFor'
>;

/** Owned customers of the departments, a page at a time in id order. */
export async function listOwnedCustomers(
  db: Db,
  departmentIds: readonly string[],
  after: string | undefined,
  limit: number,
): Promise<ReclaimCandidate[]> {
  if (departmentIds.length === 0) return [];
  return db
    .select({
      id: customer.id,
      name: customer.name,
      grade: customer.grade,
      ownerId: customer.ownerId,
      departmentId: customer.departmentId,
      createdAt: customer.createdAt,
      ownerSince: customer.ownerSince,
      lastActivityAt: customer.lastActivityAt,
      lastDealAt: customer.lastDealAt,
      reclaimWarnedFor: customer.reclaimWarnedFor,
    })
    .from(customer)
    .where(
      and(
        isNotNull(customer.ownerId),
        isNull(customer.mergedIntoId),
        inArray(customer.departmentId, [...departmentIds]),
        after ? gt(customer.id, after) : undefined,
      ),
    )
    .orderBy(asc(customer.id))
    .limit(limit);
}

/** Remembers the reclaim date each owner was warned about; only where it is still that owner's. */
export async function markReclaimWarned(db: Db, items: readonly { id: string; ownerId: string; date: string }[]): Promise<string[]> {
  const done: string[] = [];
  const byDate = new Map<string, { id: string; ownerId: string }[]>();
  for (const i of items) byDate.set(i.date, [...(byDate.get(i.date) ?? []), i]);
  for (const [date, group] of byDate) {
    const rows = await db
      .update(customer)
      .set({ reclaimWarnedFor: date })
      .where(
        and(
          inArray(
            customer.id,
            group.map((g) => g.id),
          ),
          isNotNull(customer.ownerId),
        ),
      )
      .returning({ id: customer.id });
    done.push(...rows.map((r) => r.id));
  }
  return done;
}

export async function addTags(
  db: Db,
  ids: readonly string[],
  tags: readonly string[],
  at: Date,
  by: string | null,
): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(customer)
    .set({
      tags: sql`array(select distinct t from unnest(${customer.tags} || ${textArray(tags)}) as t order by t)`,
      updatedAt: at,
      updatedBy: by,
      version: sql`${customer.version} + 1`,
    })
    .where(inArray(customer.id, [...ids]))
    .returning();
}

export async function removeTags(
  db: Db,
  ids: readonly string[],
  tags: readonly string[],
  at: Date,
  by: string | null,
): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(customer)
    .set({
      tags: sql`array(select t from unnest(${customer.tags}) as t where t <> all(${textArray(tags)}))`,
      updatedAt: at,
      updatedBy: by,
      version: sql`${customer.version} + 1`,
    })
    .where(inArray(customer.id, [...ids]))
    .returning();
}

/* ---------------------------------------------------------------- assignment rules */

export async function listAssignmentRules(db: Db, onlyEnabled = false): Promise<AssignmentRuleRow[]> {
  return db
    .select()
    .from(assignmentRule)
    .where(onlyEnabled ? eq(assignmentRule.enabled, true) : undefined)
    .orderBy(asc(assignmentRule.priority), asc(assignmentRule.createdAt));
}

export async function findAssignmentRule(db: Db, id: string): Promise<AssignmentRuleRow | undefined> {
  const [row] = await db.select().from(assignmentRule).where(eq(assignmentRule.id, id));
  return row;
}

export async function lockAssignmentRule(db: Db, id: string): Promise<AssignmentRuleRow | undefined> {
  const [row] = await db.select().from(assignmentRule).where(eq(assignmentRule.id, id)).for('update');
  return row;
}

export async function insertAssignmentRule(db: Db, row: typeof assignmentRule.$inferInsert): Promise<AssignmentRuleRow> {
  const [created] = await db.insert(assignmentRule).values(row).returning();
  return created!;
}

export async function updateAssignmentRule(db: Db, id: string, version: number, set: Partial<typeof assignmentRule.$inferInsert>) {
  return updateVersioned(db, assignmentRule, id, version, set);
}

export async function setRoundRobinCursor(db: Db, id: string, userId: string): Promise<void> {
  await db.update(assignmentRule).set({ lastAssignedUserId: userId }).where(eq(assignmentRule.id, id));
}

export async function deleteAssignmentRule(db: Db, id: string, version: number): Promise<AssignmentRuleRow | undefined> {
  const [row] = await db
    .delete(assignmentRule)
    .where(and(eq(assignmentRule.id, id), eq(assignmentRule.version, version)))
    .returning();
  return row;
}
