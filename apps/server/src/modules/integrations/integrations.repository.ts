import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { integrationCall, integrationRateWindow } from './integrations.schema.ts';

export type IntegrationCallRow = typeof integrationCall.$inferSelect;
export type NewIntegrationCallRow = typeof integrationCall.$inferInsert;

export async function insertCall(db: Db, row: NewIntegrationCallRow): Promise<void> {
  await db.insert(integrationCall).values(row);
}

/** Newest first, keyset by (started_at, id). */
export async function listCalls(
  db: Db,
  f: { system: string; outcome?: IntegrationCallRow['outcome']; limit: number; before?: { startedAt: Date; id: number } },
): Promise<IntegrationCallRow[]> {
  const before: SQL | undefined = f.before
    ? sql`(${integrationCall.startedAt}, ${integrationCall.id}) < (${f.before.startedAt}, ${f.before.id})`
    : undefined;
  return db
    .select()
    .from(integrationCall)
    .where(and(eq(integrationCall.system, f.system), f.outcome ? eq(integrationCall.outcome, f.outcome) : undefined, before))
    .orderBy(desc(integrationCall.startedAt), desc(integrationCall.id))
    .limit(f.limit);
}

export type CallStatsRow = {
  system: string;
  calls: number;
  errors: number;
  limited: number;
  p95Ms: number | null;
  avgMs: number | null;
  lastCallAt: Date | null;
};

/**
 * Per system since `since`: calls that reached the system, failures, calls held back by the rate
 * limit, the 95th percentile and mean of the duration of the calls that reached it.
 */
export async function callStats(db: Db, since: Date): Promise<CallStatsRow[]> {
  const reached = sql`${integrationCall.outcome} <> 'limited'`;
  const rows = await db
    .select({
      system: integrationCall.system,
      calls: sql<number>`count(*) filter (where ${reached})`.mapWith(Number),
      errors: sql<number>`count(*) filter (where ${integrationCall.outcome} = 'error')`.mapWith(Number),
      limited: sql<number>`count(*) filter (where ${integrationCall.outcome} = 'limited')`.mapWith(Number),
      p95Ms: sql<
        number | null
      >`percentile_cont(0.95) within group (order by ${integrationCall.durationMs}) filter (where ${reached})`.mapWith((v) =>
        v === null ? null : Math.round(Number(v)),
      ),
      avgMs: sql<number | null>`avg(${integrationCall.durationMs}) filter (where ${reached})`.mapWith((v) =>
        v === null ? null : Math.round(Number(v)),
      ),
      lastCallAt: sql<Date | null>`max(${integrationCall.startedAt})`.mapWith((v) => (v === null ? null : new Date(v as string))),
    })
    .from(integrationCall)
    .where(sql`${integrationCall.startedAt} >= ${since}`)
    .groupBy(integrationCall.system);
  return rows;
}

/** The latest calls of one system that reached it (not those our limit held back), newest first. */
export async function latestReachedCalls(db: Db, system: string, limit: number): Promise<IntegrationCallRow[]> {
  return db
    .select()
    .from(integrationCall)
    .where(and(eq(integrationCall.system, system), sql`${integrationCall.outcome} <> 'limited'`))
    .orderBy(desc(integrationCall.startedAt), desc(integrationCall.id))
    .limit(limit);
}

export async function latestError(db: Db, system: string): Promise<IntegrationCallRow | undefined> {
  const [row] = await db
    .select()
    .from(integrationCall)
    .where(and(eq(integrationCall.system, system), eq(integrationCall.outcome, 'error')))
    .orderBy(desc(integrationCall.startedAt), desc(integrationCall.id))
    .limit(1);
  return row;
}

/** Deletes up to `batch` calls older than `before`; answers how many went. */
export async function pruneCalls(db: Db, before: Date, batch: number): Promise<number> {
  const old = db.select({ id: integrationCall.id }).from(integrationCall).where(lt(integrationCall.startedAt, before)).limit(batch);
  const gone = await db.delete(integrationCall).where(inArray(integrationCall.id, old)).returning({ id: integrationCall.id });
  return gone.length;
}

type WindowKey = { system: string; windowMs: number; windowStart: Date };

/**
 * One more call in a rate window, when it holds fewer than `limit`: a single statement, so that
 * concurrent callers on any node never share the last slot.
 */
export async function takeWindowSlot(db: Db, key: WindowKey, limit: number): Promise<boolean> {
  const rows = await db
    .insert(integrationRateWindow)
    .values({ ...key, used: 1 })
    .onConflictDoUpdate({
      target: [integrationRateWindow.system, integrationRateWindow.windowMs, integrationRateWindow.windowStart],
      set: { used: sql`${integrationRateWindow.used} + 1` },
      setWhere: sql`${integrationRateWindow.used} < ${limit}`,
    })
    .returning({ used: integrationRateWindow.used });
  return rows.length > 0;
}

export async function giveBackWindowSlot(db: Db, key: WindowKey): Promise<void> {
  await db
    .update(integrationRateWindow)
    .set({ used: sql`greatest(${integrationRateWindow.used} - 1, 0)` })
    .where(
      and(
        eq(integrationRateWindow.system, key.system),
        eq(integrationRateWindow.windowMs, key.windowMs),
        eq(integrationRateWindow.windowStart, key.windowStart),
      ),
    );
}

export async function pruneWindows(db: Db, before: Date): Promise<number> {
  const gone = await db
    .delete(integrationRateWindow)
    .where(lt(integrationRateWindow.windowStart, before))
    .returning({ system: integrationRateWindow.system });
  return gone.length;
}
