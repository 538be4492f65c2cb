import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
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
