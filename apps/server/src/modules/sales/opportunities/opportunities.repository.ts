import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { ScopeParts } from '../../../kernel/access/access.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { rowsOf } from '../../../kernel/db/tx.ts';
import { updateVersioned } from '../../../kernel/db/versioned.ts';
import { opportunity, opportunityLine, opportunityPipeline, opportunityStage, opportunityStageChange } from './opportunities.schema.ts';
import { escapeLike } from '../../../kernel/db/search.ts';
import { scopedPageIds } from '../../../kernel/access/scoped-page.ts';

export type OpportunityRow = typeof opportunity.$inferSelect;
export type NewOpportunityRow = typeof opportunity.$inferInsert;
export type StageRow = typeof opportunityStage.$inferSelect;
export type StageChangeRow = typeof opportunityStageChange.$inferSelect;
export type LineRow = typeof opportunityLine.$inferSelect;
export type PipelineRow = typeof opportunityPipeline.$inferSelect;

export const opportunityScopeColumns = {
  owner: opportunity.ownerId,
  department: opportunity.departmentId,
  id: opportunity.id,
  entityType: 'opportunity',
};

/* ------------------------------------------------------------------ pipeline */

export async function listStages(db: Db): Promise<StageRow[]> {
  return db.select().from(opportunityStage).orderBy(asc(opportunityStage.position));
}

export async function findPipeline(db: Db): Promise<PipelineRow | undefined> {
  const [row] = await db.select().from(opportunityPipeline).where(eq(opportunityPipeline.id, 1));
  return row;
}

export async function insertPipelineIfMissing(db: Db, at: Date): Promise<boolean> {
  const rows = await db.insert(opportunityPipeline).values({ id: 1, updatedAt: at }).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** Counts the pipeline's version up if it is still the one the caller read. */
export async function bumpPipeline(db: Db, version: number, at: Date, by: string | null): Promise<PipelineRow | undefined> {
  const [row] = await db
    .update(opportunityPipeline)
    .set({ version: sql`${opportunityPipeline.version} + 1`, updatedAt: at, updatedBy: by })
    .where(and(eq(opportunityPipeline.id, 1), eq(opportunityPipeline.version, version)))
    .returning();
  return row;
}

export async function insertStages(db: Db, rows: (typeof opportunityStage.$inferInsert)[]): Promise<StageRow[]> {
  if (rows.length === 0) return [];
  return db.insert(opportunityStage).values(rows).returning();
}

export async function updateStage(db: Db, id: string, set: Partial<typeof opportunityStage.$inferInsert>): Promise<void> {
  await db
    .update(opportunityStage)
    .set({ ...set, version: sql`${opportunityStage.version} + 1` })
    .where(eq(opportunityStage.id, id));
}

export async function deleteStages(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(opportunityStage).where(inArray(opportunityStage.id, ids));
}

/** Stages that opportunities are in or have been in (their history keeps them). */
export async function stagesInUse(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const current = await db.selectDistinct({ id: opportunity.stageId }).from(opportunity).where(inArray(opportunity.stageId, ids));
  const past = await db
    .selectDistinct({ id: opportunityStageChange.toStageId })
    .from(opportunityStageChange)
    .where(inArray(opportunityStageChange.toStageId, ids));
  return new Set([...current, ...past].map((r) => r.id));
}

/** Opportunities that follow their stage's probability take the stage's new one. */
export async function followStageProbability(db: Db, stageId: string, probability: number): Promise<number> {
  const rows = await db
    .update(opportunity)
    .set({ probability })
    .where(and(eq(opportunity.stageId, stageId), eq(opportunity.probabilityOverridden, false), ne(opportunity.probability, probability)))
    .returning({ id: opportunity.id });
  return rows.length;
}

/* ------------------------------------------------------------------ opportunities */

export type OpportunityFilter = {
  scope: SQL | undefined;
  /** The same scope in disjoint parts (`scopeParts`), for the board's part-by-part reads; undefined when not given. */
  scopeParts?: BoardScope;
  q?: string;
  ownerIds?: string[];
  departmentIds?: string[];
  stageIds?: string[];
  stageKind?: 'open' | 'won' | 'lost';
  customerId?: string;
  isTender?: boolean;
  expectedCloseFrom?: string;
  expectedCloseTo?: string;
};

function filterConditions(f: OpportunityFilter): SQL | undefined {
  return and(
    f.scope,
    f.q ? sql`(${opportunity.name} ilike ${`%${escapeLike(f.q)}%`} or ${opportunity.tenderNumber} = ${f.q})` : undefined,
    f.ownerIds?.length ? inArray(opportunity.ownerId, f.ownerIds) : undefined,
    f.departmentIds ? inArray(opportunity.departmentId, f.departmentIds) : undefined,
    f.stageIds?.length ? inArray(opportunity.stageId, f.stageIds) : undefined,
    f.stageKind ? eq(opportunity.stageKind, f.stageKind) : undefined,
    f.customerId ? eq(opportunity.customerId, f.customerId) : undefined,
    f.isTender === undefined ? undefined : eq(opportunity.isTender, f.isTender),
    f.expectedCloseFrom ? gte(opportunity.expectedCloseDate, f.expectedCloseFrom) : undefined,
    f.expectedCloseTo ? lte(opportunity.expectedCloseDate, f.expectedCloseTo) : undefined,
  );
}

export type OpportunitySortKey = 'createdAt' | 'updatedAt' | 'expectedCloseDate' | 'amount';
const sortColumn = {
  createdAt: opportunity.createdAt,
  updatedAt: opportunity.updatedAt,
  expectedCloseDate: opportunity.expectedCloseDate,
  amount: opportunity.amount,
} as const;

export function opportunitySortValue(row: OpportunityRow, sort: OpportunitySortKey): string {
  const v = row[sort];
  return v instanceof Date ? v.toISOString() : v;
}

/** Keyset page of the filtered, scoped opportunities, ordered by the sort column and then id. */
export async function listOpportunities(
  db: Db,
  filter: OpportunityFilter,
  page: { sort: OpportunitySortKey; desc: boolean; limit: number; after?: [string, string] },
): Promise<OpportunityRow[]> {
  const col = sortColumn[page.sort];
  const cmp = page.desc ? sql`<` : sql`>`;
  let after: SQL | undefined;
  if (page.after) {
    const raw = page.after[0];
    const value = page.sort === 'createdAt' || page.sort === 'updatedAt' ? new Date(raw) : raw;
    after = sql`(${col}, ${opportunity.id}) ${cmp} (${value}, ${page.after[1]})`;
  }
  const order = page.desc ? [desc(col), desc(opportunity.id)] : [asc(col), asc(opportunity.id)];
  const parts = page.sort === 'createdAt' ? boardParts(filter) : undefined;
  if (!parts)
    return db
      .select()
      .from(opportunity)
      .where(and(filterConditions(filter), after))
      .orderBy(...order)
      .limit(page.limit);
  // A scoped list by creation date: read part by part along the (department | owner, created) indexes.
  const pageIds = scopedPageIds(
    db,
    opportunity,
    { id: opportunity.id, key: opportunity.createdAt, department: opportunity.departmentId },
    parts,
    and(filterConditions({ ...filter, scope: undefined }), after),
    page,
  );
  return db
    .select()
    .from(opportunity)
    .where(sql`${opportunity.id} in (${pageIds})`)
    .orderBy(...order)
    .limit(page.limit);
}

export async function findOpportunity(db: Db, id: string, scope: SQL | undefined): Promise<OpportunityRow | undefined> {
  const [row] = await db
    .select()
    .from(opportunity)
    .where(and(eq(opportunity.id, id), scope));
  return row;
}

/** Locks the row for the rest of the transaction (a concurrent stage move or edit waits, then sees the new version). */
export async function lockOpportunity(db: Db, id: string, scope: SQL | undefined): Promise<OpportunityRow | undefined> {
  const [row] = await db
    .select()
    .from(opportunity)
    .where(and(eq(opportunity.id, id), scope))
    .for('update');
  return row;
}

export async function insertOpportunity(db: Db, row: NewOpportunityRow): Promise<OpportunityRow> {
  const [inserted] = await db.insert(opportunity).values(row).returning();
  return inserted!;
}

/** Many at once (demo data), in one multi-row insert. */
export async function insertOpportunities(db: Db, rows: NewOpportunityRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(opportunity).values(rows);
}

export async function updateOpportunity(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewOpportunityRow>,
): Promise<OpportunityRow | undefined> {
  return updateVersioned(db, opportunity, id, version, set);
}

/**
 * The stage move itself, guarded in SQL: only from the stage and version the rules were checked
 * against. Nothing back means someone else moved or changed the opportunity first.
 */
export async function moveStage(
  db: Db,
  id: string,
  guard: { version: number; fromStageId: string },
  set: Partial<NewOpportunityRow> & { stageId: string; stageKind: 'open' | 'won' | 'lost' },
): Promise<OpportunityRow | undefined> {
  const [row] = await db
    .update(opportunity)
    .set({ ...set, version: sql`${opportunity.version} + 1` })
    .where(and(eq(opportunity.id, id), eq(opportunity.version, guard.version), eq(opportunity.stageId, guard.fromStageId)))
    .returning();
  return row;
}

/* ------------------------------------------------------------------ stage history, lines */

export async function insertStageChanges(db: Db, rows: (typeof opportunityStageChange.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(opportunityStageChange).values(rows);
}

export async function listStageChanges(db: Db, opportunityId: string): Promise<StageChangeRow[]> {
  return db
    .select()
    .from(opportunityStageChange)
    .where(eq(opportunityStageChange.opportunityId, opportunityId))
    .orderBy(asc(opportunityStageChange.at), asc(opportunityStageChange.seq));
}

export async function visitedStages(db: Db, opportunityId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ id: opportunityStageChange.toStageId })
    .from(opportunityStageChange)
    .where(eq(opportunityStageChange.opportunityId, opportunityId));
  return new Set(rows.map((r) => r.id));
}

export async function listLines(db: Db, opportunityId: string): Promise<LineRow[]> {
  return db.select().from(opportunityLine).where(eq(opportunityLine.opportunityId, opportunityId)).orderBy(asc(opportunityLine.position));
}

export async function replaceLines(
  db: Db,
  opportunityId: string,
  rows: Omit<typeof opportunityLine.$inferInsert, 'opportunityId'>[],
): Promise<LineRow[]> {
  await db.delete(opportunityLine).where(eq(opportunityLine.opportunityId, opportunityId));
  if (rows.length === 0) return [];
  return db
    .insert(opportunityLine)
    .values(rows.map((r) => ({ ...r, opportunityId })))
    .returning();
}

/* ------------------------------------------------------------------ board, summary */

/**
 * The parts of the filter's data scope (`scopeParts` of the access helper) that the board reads one
 * by one: null for no limit. A filter without them is read with its plain scope condition.
 */
export type BoardScope = ScopeParts | null;

/** Departments to probe one by one: the scope's, narrowed by the department filter. */
function probedDepartments(filter: OpportunityFilter, parts: ScopeParts): readonly string[] {
  if (!filter.departmentIds) return parts.departmentIds;
  const asked = new Set(filter.departmentIds);
  return parts.departmentIds.filter((d) => asked.has(d));
}

/**
 * The disjoint parts a board query adds up, each a condition on top of the filter (its scope left
 * out): one per department of the scope, then the scope's other parts. Undefined when the query is
 * best read in one go: no scope limit, or an owner filter (the owner index is selective enough).
 */
function boardParts(filter: OpportunityFilter): { departments: readonly string[]; others: SQL[] } | undefined {
  const parts = filter.scopeParts;
  if (!parts || filter.ownerIds?.length) return undefined;
  return { departments: probedDepartments(filter, parts), others: parts.others };
}

/** The columns a kanban card shows (see `toBoardCardDto`). */
const boardCardColumns = {
  id: opportunity.id,
  name: opportunity.name,
  customerId: opportunity.customerId,
  ownerId: opportunity.ownerId,
  amount: opportunity.amount,
  currency: opportunity.currency,
  expectedCloseDate: opportunity.expectedCloseDate,
  stageId: opportunity.stageId,
  stageKind: opportunity.stageKind,
  probability: opportunity.probability,
  isTender: opportunity.isTender,
  wonDate: opportunity.wonDate,
  closedAt: opportunity.closedAt,
  version: opportunity.version,
};
export type BoardCardRow = Pick<OpportunityRow, keyof typeof boardCardColumns>;

export type StageTotalsRow = { stageId: string; count: number; amount: string; weighted: string };

/**
 * Count, amount and Σ amount × probability / 100 per stage: open opportunities, and won and lost
 * ones that closed from `closedSince` on. A scoped board adds up its disjoint parts, each read from a
 * covering index of its own.
 */
export async function stageTotals(db: Db, filter: OpportunityFilter, closedSince: Date): Promise<StageTotalsRow[]> {
  const totals = (where: SQL | undefined) =>
    db
      .select({
        stageId: opportunity.stageId,
        count: sql<number>`count(*)::int`.as('count'),
        amount: sql<string>`coalesce(sum(${opportunity.amount}), 0)`.as('amount'),
        weighted: sql<string>`coalesce(sum(${opportunity.amount} * ${opportunity.probability} / 100.0), 0)`.as('weighted'),
      })
      .from(opportunity)
      .where(where)
      .groupBy(opportunity.stageId);
  const open = eq(opportunity.stageKind, 'open');
  const closed = and(ne(opportunity.stageKind, 'open'), gte(opportunity.closedAt, closedSince));
  const parts = boardParts(filter);
  // Unscoped (or owner-filtered) boards are read in one go; a scoped one adds up its disjoint parts.
  const pieces = parts
    ? [...(parts.departments.length > 0 ? [inArray(opportunity.departmentId, [...parts.departments])] : []), ...parts.others].flatMap(
        (part) => {
          const rest = filterConditions({ ...filter, scope: undefined });
          return [totals(and(part, rest, open)), totals(and(part, rest, closed))];
        },
      )
    : [totals(and(filterConditions(filter), or(open, closed)))];
  const [first, ...more] = pieces;
  const all = more.length > 0 ? unionAll(first!, ...(more as [typeof first & object])) : first!;
  const sub = all.as('part');
  return db
    .select({
      stageId: sub.stageId,
      count: sql<number>`sum(${sub.count})::int`,
      amount: sql<string>`sum(${sub.amount})::text`,
      weighted: sql<string>`sum(${sub.weighted})::text`,
    })
    .from(sub)
    .groupBy(sub.stageId);
}

/**
 * The first `limit` cards of every column of one kind (open: soonest expected close first; won and
 * lost: latest closed first, from `closedSince` on), or of one column after a card, in one statement: per stage (and, for a scoped
 * board, per department and per other part of the scope) an index probe that stops after `limit`
 * cards, then the first `limit` of each stage. Rows come ordered by stage, then in card order.
 */
export async function firstCardsPerStage(
  db: Db,
  filter: OpportunityFilter,
  column: { kind: 'open' | 'closed'; stageIds: string[]; closedSince: Date; limit: number; after?: [string, string] },
): Promise<BoardCardRow[]> {
  if (column.stageIds.length === 0) return [];
  const open = column.kind === 'open';
  const key = open ? opportunity.expectedCloseDate : opportunity.closedAt;
  const order = open ? [asc(opportunity.expectedCloseDate), asc(opportunity.id)] : [desc(opportunity.closedAt), desc(opportunity.id)];
  const inKind = open
    ? eq(opportunity.stageKind, 'open')
    : and(ne(opportunity.stageKind, 'open'), gte(opportunity.closedAt, column.closedSince));
  // More cards of a column: keyset after the last card shown.
  const after = column.after
    ? open
      ? sql`(${opportunity.expectedCloseDate}, ${opportunity.id}) > (${column.after[0]}, ${column.after[1]})`
      : sql`(${opportunity.closedAt}, ${opportunity.id}) < (${new Date(column.after[0])}, ${column.after[1]})`
    : undefined;
  const parts = boardParts(filter);
  const rest = and(filterConditions(parts ? { ...filter, scope: undefined } : filter), inKind, after, sql`${opportunity.stageId} = s.id`);
  const probe = (part: SQL | undefined) =>
    db
      .select({ id: opportunity.id, stageId: opportunity.stageId, key: sql<unknown>`${key}`.as('key') })
      .from(opportunity)
      .where(and(part, rest))
      .orderBy(...order)
      .limit(column.limit);
  const stages = sql`unnest(${sql.param(column.stageIds)}::uuid[]) as s(id)`;
  const branches: SQL[] = [];
  if (!parts) branches.push(sql`select p.* from ${stages} cross join lateral (${probe(undefined)}) as p`);
  else {
    if (parts.departments.length > 0) {
      const departments = sql`unnest(${sql.param([...parts.departments])}::uuid[]) as d(id)`;
      branches.push(
        sql`select p.* from ${departments} cross join ${stages} cross join lateral (${probe(sql`${opportunity.departmentId} = d.id`)}) as p`,
      );
    }
    for (const part of parts.others) branches.push(sql`select p.* from ${stages} cross join lateral (${probe(part)}) as p`);
  }
  const direction = open ? sql`asc` : sql`desc`;
  const ranked = sql`select c.id, row_number() over (partition by c.stage_id order by c.key ${direction}, c.id ${direction}) as rn from (${sql.join(branches, sql` union all `)}) as c`;
  return db
    .select(boardCardColumns)
    .from(opportunity)
    .where(sql`${opportunity.id} in (select r.id from (${ranked}) as r where r.rn <= ${column.limit})`)
    .orderBy(asc(opportunity.stageId), ...order);
}

/* ------------------------------------------------------------------ forecast, performance */

export type OpenMonthRow = { ownerId: string; month: string; count: number; amount: string; weighted: string; committed: string };

/** Open opportunities expected to close in [from, to), per owner and month. */
export async function openByOwnerMonth(
  db: Db,
  filter: OpportunityFilter,
  from: string,
  to: string,
  commitProbability: number,
): Promise<OpenMonthRow[]> {
  const month = sql<string>`to_char(${opportunity.expectedCloseDate}, 'YYYY-MM')`;
  return db
    .select({
      ownerId: opportunity.ownerId,
      month,
      count: count(),
      amount: sql<string>`sum(${opportunity.amount})::text`,
      weighted: sql<string>`sum(${opportunity.amount} * ${opportunity.probability} / 100.0)::text`,
      committed: sql<string>`coalesce(sum(${opportunity.amount}) filter (where ${opportunity.probability} >= ${commitProbability}), 0)::text`,
    })
    .from(opportunity)
    .where(
      and(
        filterConditions({ ...filter, stageKind: 'open' }),
        gte(opportunity.expectedCloseDate, from),
        lt(opportunity.expectedCloseDate, to),
      ),
    )
    .groupBy(opportunity.ownerId, month);
}

export type WonMonthRow = { ownerId: string; departmentId: string; month: string; count: number; amount: string };

/** Won opportunities per owner, department and month of their won date (a business date) in [from, to). */
export async function wonByOwnerMonth(db: Db, filter: OpportunityFilter, from: string, to: string): Promise<WonMonthRow[]> {
  const month = sql<string>`to_char(${opportunity.wonDate}, 'YYYY-MM')`;
  return db
    .select({
      ownerId: opportunity.ownerId,
      departmentId: opportunity.departmentId,
      month,
      count: count(),
      amount: sql<string>`sum(${opportunity.amount})::text`,
    })
    .from(opportunity)
    .where(
      and(
        filterConditions({ ...filter, stageKind: 'won' }),
        isNotNull(opportunity.wonDate),
        gte(opportunity.wonDate, from),
        lt(opportunity.wonDate, to),
      ),
    )
    .groupBy(opportunity.ownerId, opportunity.departmentId, month);
}

/* ------------------------------------------------------------------ customers: 360 panel, merge */

export async function customerOpportunities(
  db: Db,
  customerId: string,
  scope: SQL | undefined,
  limit: number,
): Promise<{ total: number; rows: OpportunityRow[] }> {
  const where = and(eq(opportunity.customerId, customerId), scope);
  const [total] = await db.select({ n: count() }).from(opportunity).where(where);
  const rows = await db
    .select()
    .from(opportunity)
    .where(where)
    .orderBy(sql`${opportunity.stageKind} <> 'open'`, desc(opportunity.updatedAt), desc(opportunity.id))
    .limit(limit);
  return { total: total?.n ?? 0, rows };
}

export async function moveToCustomer(db: Db, fromCustomerId: string, toCustomerId: string): Promise<string[]> {
  const rows = await db
    .update(opportunity)
    .set({ customerId: toCustomerId })
    .where(eq(opportunity.customerId, fromCustomerId))
    .returning({ id: opportunity.id });
  return rows.map((r) => r.id);
}

export async function moveBack(db: Db, ids: string[], customerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(opportunity).set({ customerId }).where(inArray(opportunity.id, ids));
}

/* ------------------------------------------------------------------ demo */

export async function countOpportunities(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(opportunity);
  return row?.n ?? 0;
}

/** Takes a transaction-level advisory lock so that two nodes starting at once do not both seed. */
export async function lockForSeed(db: Db): Promise<void> {
  rowsOf(await db.execute(sql`select pg_advisory_xact_lock(7240101)`));
}
