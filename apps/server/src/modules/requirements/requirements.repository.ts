import { Permission } from '@crm/contracts';
import { and, asc, count, desc, eq, inArray, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { scopeFilter } from '../../kernel/access/access.ts';
import { hasPermission, type Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import { updateVersioned } from '../../kernel/db/versioned.ts';
import { requirement, requirementLine } from './requirements.schema.ts';
import { escapeLike } from '../../kernel/db/search.ts';

export type RequirementRow = typeof requirement.$inferSelect;
export type NewRequirementRow = typeof requirement.$inferInsert;
export type RequirementLineRow = typeof requirementLine.$inferSelect;
export type NewRequirementLineRow = typeof requirementLine.$inferInsert;
export type RequirementStatus = RequirementRow['status'];
export type LineDecision = RequirementLineRow['decision'];

export const requirementScopeColumns = {
  owner: requirement.ownerId,
  department: requirement.departmentId,
  id: requirement.id,
  entityType: 'requirement',
};

/* ------------------------------------------------------------------ data scope */

/** Who may change a requirement: the data scope of the actor (own / department subtree / all, shares). */
export function writeScope(actor: Actor): SQL | undefined {
  return scopeFilter(actor, requirementScopeColumns);
}

/**
 * Who may read (and review) a requirement. Named rule "reviewers see submitted requirements":
 * holders of `requirement:review` (product managers) review requirements from every department,
 * so they see every requirement that has left the draft, besides their own data scope. Drafts
 * stay private to their owner's scope.
 */
export function readScope(actor: Actor): SQL | undefined {
  const own = writeScope(actor);
  if (own === undefined || !hasPermission(actor, Permission.requirementReview)) return own;
  return or(own, ne(requirement.status, 'draft'));
}

/* ------------------------------------------------------------------ list */

export type RequirementSortKey = 'updatedAt' | 'createdAt' | 'wantedDate';
/** Requirements without a wanted date sort after every date. */
const NO_DATE = '9999-12-31';
const wantedDateKey = sql<string>`coalesce(${requirement.wantedDate}, ${NO_DATE}::date)`;
const sortColumn = { updatedAt: requirement.updatedAt, createdAt: requirement.createdAt, wantedDate: wantedDateKey } as const;

export function requirementSortValue(row: RequirementRow, sort: RequirementSortKey): string {
  switch (sort) {
    case 'updatedAt':
      return row.updatedAt.toISOString();
    case 'createdAt':
      return row.createdAt.toISOString();
    case 'wantedDate':
      return row.wantedDate ?? NO_DATE;
  }
}

export type RequirementFilter = {
  scope: SQL | undefined;
  q?: string;
  statuses?: RequirementStatus[];
  customerId?: string;
  opportunityId?: string;
  ownerId?: string;
};

function filterConditions(f: RequirementFilter): SQL | undefined {
  const like = f.q ? `%${escapeLike(f.q)}%` : undefined;
  return and(
    f.scope,
    like
      ? or(
          sql`${requirement.number} ilike ${like}`,
          sql`${requirement.title} ilike ${like}`,
          sql`${requirement.customerName} ilike ${like}`,
        )
      : undefined,
    f.statuses?.length ? inArray(requirement.status, f.statuses) : undefined,
    f.customerId ? eq(requirement.customerId, f.customerId) : undefined,
    f.opportunityId ? eq(requirement.opportunityId, f.opportunityId) : undefined,
    f.ownerId ? eq(requirement.ownerId, f.ownerId) : undefined,
  );
}

/** Keyset pages over the filtered, scoped requirements, ordered by the sort value and then the id. */
export async function listRequirements(
  db: Db,
  filter: RequirementFilter,
  page: { sort: RequirementSortKey; desc: boolean; limit: number; after?: [string, string] },
): Promise<RequirementRow[]> {
  const col = sortColumn[page.sort];
  const cmp = page.desc ? sql`<` : sql`>`;
  let after: SQL | undefined;
  if (page.after) {
    const value = page.sort === 'wantedDate' ? sql`${page.after[0]}::date` : sql`${new Date(page.after[0])}`;
    after = sql`(${col}, ${requirement.id}) ${cmp} (${value}, ${page.after[1]})`;
  }
  return db
    .select()
    .from(requirement)
    .where(and(filterConditions(filter), after))
    .orderBy(...(page.desc ? [desc(col), desc(requirement.id)] : [asc(col), asc(requirement.id)]))
    .limit(page.limit);
}

/** Per requirement: its lines, those without a catalogue product, those not reviewed yet. */
export async function lineCounts(
  db: Db,
  requirementIds: readonly string[],
): Promise<Map<string, { lines: number; nonStandard: number; pending: number }>> {
  if (requirementIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: requirementLine.requirementId,
      lines: count(),
      nonStandard: sql<number>`count(*) filter (where ${requirementLine.productId} is null)`.mapWith(Number),
      pending: sql<number>`count(*) filter (where ${requirementLine.decision} = 'pending')`.mapWith(Number),
    })
    .from(requirementLine)
    .where(inArray(requirementLine.requirementId, [...requirementIds]))
    .groupBy(requirementLine.requirementId);
  return new Map(rows.map((r) => [r.id, { lines: Number(r.lines), nonStandard: r.nonStandard, pending: r.pending }]));
}

/* ------------------------------------------------------------------ requirement */

export async function findRequirement(db: Db, id: string, scope: SQL | undefined): Promise<RequirementRow | undefined> {
  const [row] = await db
    .select()
    .from(requirement)
    .where(and(eq(requirement.id, id), scope));
  return row;
}

/** Locks the requirement for the rest of the transaction: concurrent actions on it wait and then see its new state. */
export async function lockRequirement(db: Db, id: string, scope: SQL | undefined): Promise<RequirementRow | undefined> {
  const [row] = await db
    .select()
    .from(requirement)
    .where(and(eq(requirement.id, id), scope))
    .for('update');
  return row;
}

export async function insertRequirement(db: Db, row: NewRequirementRow): Promise<RequirementRow> {
  const [inserted] = await db.insert(requirement).values(row).returning();
  return inserted!;
}

export async function updateRequirement(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewRequirementRow>,
): Promise<RequirementRow | undefined> {
  return updateVersioned(db, requirement, id, version, set);
}

/**
 * A state transition guarded in SQL: only from one of `from`, only at the version read. Nothing
 * back means the requirement changed (or left those states) in the meantime.
 */
export async function transition(
  db: Db,
  id: string,
  version: number,
  from: readonly RequirementStatus[],
  set: Partial<NewRequirementRow> & { status: RequirementStatus },
): Promise<RequirementRow | undefined> {
  const [row] = await db
    .update(requirement)
    .set({ ...set, version: sql`${requirement.version} + 1` })
    .where(and(eq(requirement.id, id), eq(requirement.version, version), inArray(requirement.status, [...from])))
    .returning();
  return row;
}

/* ------------------------------------------------------------------ lines */

export async function listLines(db: Db, requirementId: string): Promise<RequirementLineRow[]> {
  return db
    .select()
    .from(requirementLine)
    .where(eq(requirementLine.requirementId, requirementId))
    .orderBy(asc(requirementLine.position), asc(requirementLine.id));
}

export async function insertLines(db: Db, rows: NewRequirementLineRow[]): Promise<RequirementLineRow[]> {
  if (rows.length === 0) return [];
  return db.insert(requirementLine).values(rows).returning();
}

export async function updateLine(
  db: Db,
  requirementId: string,
  lineId: string,
  set: Partial<NewRequirementLineRow>,
): Promise<RequirementLineRow | undefined> {
  const [row] = await db
    .update(requirementLine)
    .set(set)
    .where(and(eq(requirementLine.id, lineId), eq(requirementLine.requirementId, requirementId)))
    .returning();
  return row;
}

/** Removes the requirement's lines other than `keep`. */
export async function deleteLinesExcept(db: Db, requirementId: string, keep: readonly string[]): Promise<void> {
  await db
    .delete(requirementLine)
    .where(and(eq(requirementLine.requirementId, requirementId), keep.length > 0 ? notInArray(requirementLine.id, [...keep]) : undefined));
}

/* ------------------------------------------------------------------ customers: 360 panel and merges */

export async function customerRequirements(
  db: Db,
  customerId: string,
  scope: SQL | undefined,
  limit: number,
): Promise<{ total: number; rows: RequirementRow[] }> {
  const where = and(eq(requirement.customerId, customerId), scope);
  const [rows, [total]] = await Promise.all([
    db.select().from(requirement).where(where).orderBy(desc(requirement.createdAt), desc(requirement.id)).limit(limit),
    db.select({ n: count() }).from(requirement).where(where),
  ]);
  return { total: total?.n ?? 0, rows };
}

export async function moveRequirementsToCustomer(db: Db, fromCustomerId: string, toCustomerId: string): Promise<string[]> {
  const rows = await db
    .update(requirement)
    .set({ customerId: toCustomerId })
    .where(eq(requirement.customerId, fromCustomerId))
    .returning({ id: requirement.id });
  return rows.map((r) => r.id);
}

export async function moveRequirementsBack(db: Db, ids: readonly string[], customerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(requirement)
    .set({ customerId })
    .where(inArray(requirement.id, [...ids]));
}

/* ------------------------------------------------------------------ demo data */

export async function countRequirements(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(requirement);
  return Number(row?.n ?? 0);
}
