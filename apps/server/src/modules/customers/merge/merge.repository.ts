import { and, desc, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { activity } from '../activities.schema.ts';
import { contact, customer } from '../customers.schema.ts';
import { customerMerge } from '../merge.schema.ts';

export type MergeRow = typeof customerMerge.$inferSelect;

export async function insertMerge(db: Db, row: typeof customerMerge.$inferInsert): Promise<MergeRow> {
  const [inserted] = await db.insert(customerMerge).values(row).returning();
  return inserted!;
}

export async function lockMerge(db: Db, id: string): Promise<MergeRow | undefined> {
  const [row] = await db.select().from(customerMerge).where(eq(customerMerge.id, id)).for('update');
  return row;
}

export async function markMergeUndone(db: Db, id: string, at: Date, by: string | null): Promise<MergeRow> {
  const [row] = await db.update(customerMerge).set({ undoneAt: at, undoneBy: by }).where(eq(customerMerge.id, id)).returning();
  return row!;
}

/** Merges into this survivor that are not undone and were made after `since`, newest first. */
export async function listRecentMerges(db: Db, survivorId: string, since: Date): Promise<MergeRow[]> {
  return db
    .select()
    .from(customerMerge)
    .where(and(eq(customerMerge.survivorId, survivorId), isNull(customerMerge.undoneAt), gt(customerMerge.createdAt, since)))
    .orderBy(desc(customerMerge.createdAt))
    .limit(20);
}

/* contacts */

export async function hasPrimaryContact(db: Db, customerId: string): Promise<boolean> {
  const rows = await db
    .select({ id: contact.id })
    .from(contact)
    .where(and(eq(contact.customerId, customerId), eq(contact.isPrimary, true)))
    .limit(1);
  return rows.length > 0;
}

export async function moveContacts(db: Db, fromId: string, toId: string): Promise<{ id: string; isPrimary: boolean }[]> {
  return db
    .update(contact)
    .set({ customerId: toId })
    .where(eq(contact.customerId, fromId))
    .returning({ id: contact.id, isPrimary: contact.isPrimary });
}

export async function setContactsPrimary(db: Db, ids: string[], isPrimary: boolean): Promise<void> {
  if (ids.length === 0) return;
  await db.update(contact).set({ isPrimary }).where(inArray(contact.id, ids));
}

export async function moveContactsBack(db: Db, ids: string[], fromId: string, toId: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .update(contact)
    .set({ customerId: toId })
    .where(and(inArray(contact.id, ids), eq(contact.customerId, fromId)))
    .returning({ id: contact.id });
  return rows.map((r) => r.id);
}

/* activities */

export async function moveActivities(db: Db, fromId: string, toId: string): Promise<string[]> {
  const rows = await db.update(activity).set({ customerId: toId }).where(eq(activity.customerId, fromId)).returning({ id: activity.id });
  return rows.map((r) => r.id);
}

export async function moveActivitiesBack(db: Db, ids: string[], fromId: string, toId: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .update(activity)
    .set({ customerId: toId })
    .where(and(inArray(activity.id, ids), eq(activity.customerId, fromId)))
    .returning({ id: activity.id });
  return rows.map((r) => r.id);
}

export async function latestActivityAt(db: Db, customerId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: activity.occurredAt })
    .from(activity)
    .where(eq(activity.customerId, customerId))
    .orderBy(desc(activity.occurredAt))
    .limit(1);
  return row?.at ?? null;
}

/* customers */

/** Derived bookkeeping, not a user edit: the version stays. */
export async function setLastActivityAt(db: Db, customerId: string, at: Date | null): Promise<void> {
  await db.update(customer).set({ lastActivityAt: at }).where(eq(customer.id, customerId));
}

export async function creditCodeHolder(db: Db, creditCode: string, exceptId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: customer.id })
    .from(customer)
    .where(and(eq(customer.creditCode, creditCode), ne(customer.id, exceptId)))
    .limit(1);
  return row?.id;
}

/** Locks two customers in id order, so that two merges of the same pair cannot deadlock. */
export function lockOrder(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
