import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { updateVersioned } from '../../../kernel/db/versioned.ts';
import { activity } from '../activities.schema.ts';
import { contact, customer } from '../customers.schema.ts';

export type ActivityRow = typeof activity.$inferSelect;
export type NewActivityRow = typeof activity.$inferInsert;

/** Newest first by when it happened; keyset on (occurred_at, id). */
export async function listActivities(
  db: Db,
  customerId: string,
  opts: { limit: number; type?: ActivityRow['type']; after?: { occurredAt: Date; id: string } },
): Promise<ActivityRow[]> {
  const after: SQL | undefined = opts.after
    ? sql`(${activity.occurredAt}, ${activity.id}) < (${opts.after.occurredAt}, ${opts.after.id})`
    : undefined;
  return db
    .select()
    .from(activity)
    .where(and(eq(activity.customerId, customerId), opts.type ? eq(activity.type, opts.type) : undefined, after))
    .orderBy(desc(activity.occurredAt), desc(activity.id))
    .limit(opts.limit);
}

export async function findActivity(db: Db, customerId: string, id: string): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select()
    .from(activity)
    .where(and(eq(activity.id, id), eq(activity.customerId, customerId)));
  return row;
}

export async function insertActivity(db: Db, row: NewActivityRow): Promise<ActivityRow> {
  const [inserted] = await db.insert(activity).values(row).returning();
  return inserted!;
}

export async function updateActivity(db: Db, id: string, version: number, set: Partial<NewActivityRow>): Promise<ActivityRow | undefined> {
  return updateVersioned(db, activity, id, version, set);
}

export async function deleteActivity(db: Db, id: string): Promise<void> {
  await db.delete(activity).where(eq(activity.id, id));
}

/** Names of a customer's contacts, for showing who an activity was with. */
export async function contactNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: contact.id, name: contact.name }).from(contact).where(inArray(contact.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The customer's last activity moves forward only (an activity entered late for an earlier day
 * does not make the customer look less recently worked on). Not a user edit: the version stays.
 */
export async function touchLastActivity(db: Db, customerId: string, at: Date): Promise<void> {
  await db
    .update(customer)
    .set({ lastActivityAt: sql`greatest(${customer.lastActivityAt}, ${at})` })
    .where(eq(customer.id, customerId));
}

/* activities of records of other modules (leads, opportunities) */

/** The record of another module an activity hangs off: a lead, or an opportunity of a customer. */
export type ActivityLink = { leadId: string } | { opportunityId: string };

function linkCondition(link: ActivityLink): SQL {
  return 'leadId' in link ? eq(activity.leadId, link.leadId) : eq(activity.opportunityId, link.opportunityId);
}

/** Newest first, keyset on (occurred_at, id), through the partial index of the link column. */
export async function listLinkedActivities(
  db: Db,
  link: ActivityLink,
  opts: { limit: number; type?: ActivityRow['type']; after?: { occurredAt: Date; id: string } },
): Promise<ActivityRow[]> {
  const after: SQL | undefined = opts.after
    ? sql`(${activity.occurredAt}, ${activity.id}) < (${opts.after.occurredAt}, ${opts.after.id})`
    : undefined;
  return db
    .select()
    .from(activity)
    .where(and(linkCondition(link), opts.type ? eq(activity.type, opts.type) : undefined, after))
    .orderBy(desc(activity.occurredAt), desc(activity.id))
    .limit(opts.limit);
}

export async function findLinkedActivity(db: Db, link: ActivityLink, id: string): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select()
    .from(activity)
    .where(and(eq(activity.id, id), linkCondition(link)));
  return row;
}

/** Gives the lead's activities (those not yet on a customer) to the customer; answers the moved rows. */
export async function joinLeadActivitiesToCustomer(
  db: Db,
  leadId: string,
  customerId: string,
): Promise<{ id: string; occurredAt: Date }[]> {
  return db
    .update(activity)
    .set({ customerId })
    .where(and(eq(activity.leadId, leadId), isNull(activity.customerId)))
    .returning({ id: activity.id, occurredAt: activity.occurredAt });
}
