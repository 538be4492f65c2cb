import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { auditEntry } from '../kernel.schema.ts';

export type AuditRow = typeof auditEntry.$inferSelect;
export type NewAuditRow = typeof auditEntry.$inferInsert;

export async function insertAuditEntries(db: Db, rows: NewAuditRow[]): Promise<void> {
  await db.insert(auditEntry).values(rows);
}

export type AuditFilter = {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  /** Limit to entries made by these users (a scoped reader), undefined for all. */
  scope?: SQL;
};

function conditions(f: AuditFilter): SQL | undefined {
  return and(
    f.actorId ? eq(auditEntry.actorId, f.actorId) : undefined,
    f.action
      ? f.action.endsWith('*')
        ? sql`${auditEntry.action} like ${f.action.slice(0, -1) + '%'}`
        : eq(auditEntry.action, f.action)
      : undefined,
    f.entityType ? eq(auditEntry.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditEntry.entityId, f.entityId) : undefined,
    f.from ? gte(auditEntry.at, f.from) : undefined,
    f.to ? lte(auditEntry.at, f.to) : undefined,
    f.scope,
  );
}

/** Newest first, keyset on (at, id). */
export async function listAuditEntries(
  db: Db,
  filter: AuditFilter,
  page: { limit: number; after?: { at: Date; id: number } },
): Promise<AuditRow[]> {
  const after = page.after;
  return db
    .select()
    .from(auditEntry)
    .where(and(conditions(filter), after ? sql`(${auditEntry.at}, ${auditEntry.id}) < (${after.at}, ${after.id})` : undefined))
    .orderBy(desc(auditEntry.at), desc(auditEntry.id))
    .limit(page.limit);
}

export async function getAuditEntry(db: Db, id: number): Promise<AuditRow | undefined> {
  const [row] = await db.select().from(auditEntry).where(eq(auditEntry.id, id));
  return row;
}

/**
 * The same listing limited to the entries of a few actors (a manager reading the team's log): the
 * newest entries of each actor come from the (actor, at, id) index and are merged, instead of
 * walking the whole log backwards in time until enough of them turn up.
 */
export async function listAuditEntriesOfActors(
  db: Db,
  actorIds: readonly string[],
  filter: Omit<AuditFilter, 'scope' | 'actorId'>,
  page: { limit: number; after?: { at: Date; id: number } },
): Promise<AuditRow[]> {
  if (actorIds.length === 0) return [];
  const after = page.after;
  const where = and(
    sql`a.actor_id = u.id`,
    filter.action
      ? filter.action.endsWith('*')
        ? sql`a.action like ${filter.action.slice(0, -1) + '%'}`
        : sql`a.action = ${filter.action}`
      : undefined,
    filter.entityType ? sql`a.entity_type = ${filter.entityType}` : undefined,
    filter.entityId ? sql`a.entity_id = ${filter.entityId}` : undefined,
    filter.from ? sql`a.at >= ${filter.from}` : undefined,
    filter.to ? sql`a.at <= ${filter.to}` : undefined,
    after ? sql`(a.at, a.id) < (${after.at}, ${after.id})` : undefined,
  );
  const actors = sql.join(
    actorIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const top = await db.execute(sql`
    select e.id from unnest(array[${actors}]) as u(id)
    cross join lateral (
      select a.id, a.at from ${auditEntry} a where ${where} order by a.at desc, a.id desc limit ${page.limit}
    ) e
    order by e.at desc, e.id desc limit ${page.limit}`);
  const ids = (top as unknown as { rows: { id: string | number }[] }).rows.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select().from(auditEntry).where(inArray(auditEntry.id, ids)).orderBy(desc(auditEntry.at), desc(auditEntry.id));
}
