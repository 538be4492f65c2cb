import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { updateVersioned } from '../../../kernel/db/versioned.ts';
import { lead, leadSource } from './leads.schema.ts';
import { escapeLike } from '../../../kernel/db/search.ts';

export type LeadRow = typeof lead.$inferSelect;
export type NewLeadRow = typeof lead.$inferInsert;
export type LeadStatus = LeadRow['status'];
export type LeadSourceRow = typeof leadSource.$inferSelect;

export const leadScopeColumns = { owner: lead.ownerId, department: lead.departmentId, id: lead.id, entityType: 'lead' };

export type LeadSortKey = 'createdAt' | 'updatedAt';

export type LeadFilter = {
  scope: SQL | undefined;
  q?: string;
  statuses?: LeadStatus[];
  sources?: string[];
  ownerIds?: string[];
  createdFrom?: Date;
  /** Strictly before this instant. */
  createdBefore?: Date;
};

/** Digits of a mobile number as stored and searched: "+86 139-1234-5678" and "13912345678" are the same. */
export function mobileKey(phone: string | null | undefined): string | null {
  const digits = phone ? phone.replace(/\D/g, '') : '';
  if (!digits) return null;
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

function filterConditions(f: LeadFilter): SQL | undefined {
  let search: SQL | undefined;
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    const digits = mobileKey(f.q) ?? '';
    search = or(
      sql`${lead.companyName} ilike ${like}`,
      sql`${lead.contactName} ilike ${like}`,
      digits.length >= 5 ? eq(lead.mobileDigits, digits) : undefined,
      f.q.includes('@') ? sql`lower(${lead.email}) = ${f.q.toLowerCase()}` : undefined,
    );
  }
  return and(
    f.scope,
    search,
    f.statuses?.length ? inArray(lead.status, f.statuses) : undefined,
    f.sources?.length ? inArray(lead.source, f.sources) : undefined,
    f.ownerIds?.length ? inArray(lead.ownerId, f.ownerIds) : undefined,
    f.createdFrom ? gte(lead.createdAt, f.createdFrom) : undefined,
    f.createdBefore ? lt(lead.createdAt, f.createdBefore) : undefined,
  );
}

/** Keyset pages over (sort time, id), newest first unless ascending is asked for. */
export async function listLeads(
  db: Db,
  filter: LeadFilter,
  page: { sort: LeadSortKey; desc: boolean; limit: number; after?: [string, string] },
): Promise<LeadRow[]> {
  const col = page.sort === 'createdAt' ? lead.createdAt : lead.updatedAt;
  const cmp = page.desc ? sql`<` : sql`>`;
  const after = page.after ? sql`(${col}, ${lead.id}) ${cmp} (${new Date(page.after[0])}, ${page.after[1]})` : undefined;
  return db
    .select()
    .from(lead)
    .where(and(filterConditions(filter), after))
    .orderBy(...(page.desc ? [desc(col), desc(lead.id)] : [asc(col), asc(lead.id)]))
    .limit(page.limit);
}

export async function findLead(db: Db, id: string, scope: SQL | undefined): Promise<LeadRow | undefined> {
  const [row] = await db
    .select()
    .from(lead)
    .where(and(eq(lead.id, id), scope));
  return row;
}

/** Locks the lead for the rest of the transaction (concurrent edits, assignments and conversions wait). */
export async function lockLead(db: Db, id: string, scope: SQL | undefined): Promise<LeadRow | undefined> {
  const [row] = await db
    .select()
    .from(lead)
    .where(and(eq(lead.id, id), scope))
    .for('update');
  return row;
}

/** Locks the leads of a batch in id order (two batches over the same leads cannot deadlock). */
export async function lockLeads(db: Db, ids: string[], scope: SQL | undefined): Promise<LeadRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(lead)
    .where(and(inArray(lead.id, ids), scope))
    .orderBy(asc(lead.id))
    .for('update');
}

export async function insertLead(db: Db, row: NewLeadRow): Promise<LeadRow> {
  const [inserted] = await db.insert(lead).values(row).returning();
  return inserted!;
}

export async function updateLead(db: Db, id: string, version: number, set: Partial<NewLeadRow>): Promise<LeadRow | undefined> {
  return updateVersioned(db, lead, id, version, set);
}

/** A status change guarded in SQL: only from the statuses the transition starts from, at the version read. */
export async function transitionLead(
  db: Db,
  id: string,
  version: number,
  from: readonly LeadStatus[],
  set: Partial<NewLeadRow>,
): Promise<LeadRow | undefined> {
  const [row] = await db
    .update(lead)
    .set({ ...set, version: sql`${lead.version} + 1` })
    .where(and(eq(lead.id, id), eq(lead.version, version), inArray(lead.status, [...from])))
    .returning();
  return row;
}

/** Gives many leads one new owner in one statement; answers the updated rows. */
export async function setOwners(
  db: Db,
  ids: string[],
  to: { ownerId: string; departmentId: string | null; at: Date; by: string | null },
): Promise<LeadRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(lead)
    .set({ ownerId: to.ownerId, departmentId: to.departmentId, updatedAt: to.at, updatedBy: to.by, version: sql`${lead.version} + 1` })
    .where(inArray(lead.id, ids))
    .returning();
}

/**
 * An activity was recorded: the last activity moves forward only, and a new lead is now being
 * followed up. Bookkeeping, not a user edit: the version stays.
 */
export async function touchLead(db: Db, id: string, at: Date): Promise<void> {
  await db
    .update(lead)
    .set({
      lastActivityAt: sql`greatest(${lead.lastActivityAt}, ${at})`,
      status: sql`case when ${lead.status} = 'new' then 'following' else ${lead.status} end`,
    })
    .where(eq(lead.id, id));
}

/* merge of customers: converted leads point at the survivor */

export async function moveConvertedCustomer(db: Db, fromCustomerId: string, toCustomerId: string): Promise<string[]> {
  const rows = await db
    .update(lead)
    .set({ convertedCustomerId: toCustomerId })
    .where(eq(lead.convertedCustomerId, fromCustomerId))
    .returning({ id: lead.id });
  return rows.map((r) => r.id);
}

export async function moveConvertedCustomerBack(db: Db, ids: string[], toCustomerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(lead).set({ convertedCustomerId: toCustomerId }).where(inArray(lead.id, ids));
}

/* sources */

export async function listSources(db: Db): Promise<LeadSourceRow[]> {
  return db.select().from(leadSource).orderBy(asc(leadSource.sortOrder), asc(leadSource.name));
}

export async function countSources(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(leadSource);
  return row?.n ?? 0;
}

export async function insertSources(db: Db, rows: (typeof leadSource.$inferInsert)[]): Promise<LeadSourceRow[]> {
  if (rows.length === 0) return [];
  return db.insert(leadSource).values(rows).onConflictDoNothing().returning();
}

export async function updateSource(db: Db, id: string, set: Partial<typeof leadSource.$inferInsert>): Promise<LeadSourceRow | undefined> {
  const [row] = await db
    .update(leadSource)
    .set({ ...set, version: sql`${leadSource.version} + 1` })
    .where(eq(leadSource.id, id))
    .returning();
  return row;
}

/** Sources are renamed and reordered together: a lock keeps two editors from interleaving. */
export async function lockSources(db: Db): Promise<LeadSourceRow[]> {
  return db.select().from(leadSource).orderBy(asc(leadSource.id)).for('update');
}
