import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { salesTarget } from './targets.schema.ts';

export type TargetRow = typeof salesTarget.$inferSelect;
export type NewTargetRow = typeof salesTarget.$inferInsert;

/** Data scope of targets: a user's own targets, those split in the departments of the subtree, or all. */
export const targetScopeColumns = { owner: salesTarget.subjectId, department: salesTarget.departmentId };

export type TargetFilter = {
  scope: SQL | undefined;
  period?: string;
  year?: number;
  metric?: string;
  subjectType?: 'user' | 'department';
  subjectId?: string;
  departmentIds?: readonly string[];
};

/** Ordered by period then id; keyset on (period, id). */
export async function listTargets(
  db: Db,
  f: TargetFilter,
  opts: { limit: number; after?: { period: string; id: string } },
): Promise<TargetRow[]> {
  const after = opts.after
    ? or(gt(salesTarget.period, opts.after.period), and(eq(salesTarget.period, opts.after.period), gt(salesTarget.id, opts.after.id)))
    : undefined;
  return db
    .select()
    .from(salesTarget)
    .where(
      and(
        f.scope,
        f.period ? eq(salesTarget.period, f.period) : undefined,
        f.year !== undefined ? eq(salesTarget.year, f.year) : undefined,
        f.metric ? eq(salesTarget.metric, f.metric) : undefined,
        f.subjectType ? eq(salesTarget.subjectType, f.subjectType) : undefined,
        f.subjectId ? eq(salesTarget.subjectId, f.subjectId) : undefined,
        f.departmentIds ? inArray(salesTarget.departmentId, [...f.departmentIds]) : undefined,
        after,
      ),
    )
    .orderBy(asc(salesTarget.period), asc(salesTarget.id))
    .limit(opts.limit);
}

/** The targets of these subjects in the periods, for one or every metric. */
export async function findTargetsOfSubjects(
  db: Db,
  q: { periods: readonly string[]; metric?: string; subjectType?: 'user' | 'department'; subjectIds?: readonly string[] },
  lock = false,
): Promise<TargetRow[]> {
  if (q.periods.length === 0 || (q.subjectIds && q.subjectIds.length === 0)) return [];
  const query = db
    .select()
    .from(salesTarget)
    .where(
      and(
        inArray(salesTarget.period, [...q.periods]),
        q.metric ? eq(salesTarget.metric, q.metric) : undefined,
        q.subjectType ? eq(salesTarget.subjectType, q.subjectType) : undefined,
        q.subjectIds ? inArray(salesTarget.subjectId, [...q.subjectIds]) : undefined,
      ),
    );
  return lock ? query.for('update') : query;
}

export type TargetValueRow = Pick<TargetRow, 'period' | 'metric' | 'subjectType' | 'subjectId' | 'value'>;

/** Just the values of the subjects' targets in the periods (performance reads thousands of them). */
export async function findTargetValues(
  db: Db,
  q: { periods: readonly string[]; subjectType?: 'user' | 'department'; subjectIds?: readonly string[] },
): Promise<TargetValueRow[]> {
  if (q.periods.length === 0 || (q.subjectIds && q.subjectIds.length === 0)) return [];
  return db
    .select({
      period: salesTarget.period,
      metric: salesTarget.metric,
      subjectType: salesTarget.subjectType,
      subjectId: salesTarget.subjectId,
      value: salesTarget.value,
    })
    .from(salesTarget)
    .where(
      and(
        inArray(salesTarget.period, [...q.periods]),
        q.subjectType ? eq(salesTarget.subjectType, q.subjectType) : undefined,
        q.subjectIds ? inArray(salesTarget.subjectId, [...q.subjectIds]) : undefined,
      ),
    );
}

/** Inserts a target unless one exists for the same subject, period and metric (then nothing comes back). */
export async function insertTarget(db: Db, row: NewTargetRow): Promise<TargetRow | undefined> {
  const [inserted] = await db
    .insert(salesTarget)
    .values(row)
    .onConflictDoNothing({ target: [salesTarget.period, salesTarget.metric, salesTarget.subjectType, salesTarget.subjectId] })
    .returning();
  return inserted;
}

export async function updateTargetValue(
  db: Db,
  id: string,
  version: number,
  set: { value: string; departmentId: string; updatedAt: Date; updatedBy: string | null },
): Promise<TargetRow | undefined> {
  const [row] = await db
    .update(salesTarget)
    .set({ ...set, version: sql`${salesTarget.version} + 1` })
    .where(and(eq(salesTarget.id, id), eq(salesTarget.version, version)))
    .returning();
  return row;
}

export async function deleteTarget(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(salesTarget)
    .where(and(eq(salesTarget.id, id), eq(salesTarget.version, version)))
    .returning({ id: salesTarget.id });
  return rows.length > 0;
}

export async function countTargets(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(salesTarget);
  return row?.n ?? 0;
}

/** Several targets at once (demo data). */
export async function insertTargets(db: Db, rows: NewTargetRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(salesTarget).values(rows.slice(i, i + 500));
}
