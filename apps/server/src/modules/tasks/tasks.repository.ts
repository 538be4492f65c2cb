import { and, asc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { updateVersioned } from '../../kernel/db/versioned.ts';
import { task } from './tasks.schema.ts';

export type TaskRow = typeof task.$inferSelect;
export type NewTaskRow = typeof task.$inferInsert;

export const taskScopeColumns = { owner: task.assigneeId, department: task.departmentId };

export type TaskFilter = {
  scope: SQL | undefined;
  assigneeId?: string;
  /** Tasks this user gave to someone else. */
  assignedBy?: string;
  kind?: TaskRow['kind'];
  statuses?: TaskRow['status'][];
  dueBefore?: Date;
  dueAfter?: Date;
  overdueAt?: Date;
  relatedType?: string;
  relatedId?: string;
};

/** Keyset pages by due time (tasks without one last), then id. */
export async function listTasks(db: Db, f: TaskFilter, page: { limit: number; after?: [string | null, string] }): Promise<TaskRow[]> {
  let after: SQL | undefined;
  if (page.after) {
    const [due, id] = page.after;
    after =
      due === null
        ? and(sql`${task.dueAt} is null`, sql`${task.id} > ${id}`)
        : or(sql`(${task.dueAt}, ${task.id}) > (${new Date(due)}, ${id})`, sql`${task.dueAt} is null`);
  }
  return db
    .select()
    .from(task)
    .where(
      and(
        f.scope,
        f.assigneeId ? eq(task.assigneeId, f.assigneeId) : undefined,
        f.assignedBy ? and(eq(task.createdBy, f.assignedBy), sql`${task.assigneeId} <> ${f.assignedBy}`) : undefined,
        f.kind ? eq(task.kind, f.kind) : undefined,
        f.statuses?.length ? inArray(task.status, f.statuses) : undefined,
        f.dueBefore ? lte(task.dueAt, f.dueBefore) : undefined,
        f.dueAfter ? sql`${task.dueAt} >= ${f.dueAfter}` : undefined,
        f.overdueAt ? and(eq(task.status, 'open'), sql`${task.dueAt} < ${f.overdueAt}`) : undefined,
        f.relatedType ? eq(task.relatedType, f.relatedType) : undefined,
        f.relatedId ? eq(task.relatedId, f.relatedId) : undefined,
        after,
      ),
    )
    .orderBy(sql`${task.dueAt} asc nulls last`, asc(task.id))
    .limit(page.limit);
}

/** A month of one person's calendar stays far below this; the cap keeps a runaway import from flooding a page. */
export const CALENDAR_ROW_CAP = 2000;

/** One user's tasks due within [from, to), soonest first, for the calendar. */
export async function listTasksDueBetween(
  db: Db,
  f: { scope: SQL | undefined; assigneeId: string; from: Date; to: Date; statuses: TaskRow['status'][] },
): Promise<TaskRow[]> {
  return db
    .select()
    .from(task)
    .where(
      and(
        f.scope,
        eq(task.assigneeId, f.assigneeId),
        inArray(task.status, f.statuses),
        sql`${task.dueAt} >= ${f.from}`,
        sql`${task.dueAt} < ${f.to}`,
      ),
    )
    .orderBy(asc(task.dueAt), asc(task.id))
    .limit(CALENDAR_ROW_CAP);
}

export async function findTask(db: Db, id: string, scope: SQL | undefined): Promise<TaskRow | undefined> {
  const [row] = await db
    .select()
    .from(task)
    .where(and(eq(task.id, id), scope));
  return row;
}

export async function insertTask(db: Db, row: NewTaskRow): Promise<TaskRow> {
  const [inserted] = await db.insert(task).values(row).returning();
  return inserted!;
}

export async function updateTask(db: Db, id: string, version: number, set: Partial<NewTaskRow>): Promise<TaskRow | undefined> {
  return updateVersioned(db, task, id, version, set);
}

/** The open task of this source kind about a record, locked for the caller's transaction. */
export async function lockOpenTaskFor(
  db: Db,
  related: { type: string; id: string },
  source: TaskRow['source'],
): Promise<TaskRow | undefined> {
  const [row] = await db
    .select()
    .from(task)
    .where(and(eq(task.relatedType, related.type), eq(task.relatedId, related.id), eq(task.source, source), eq(task.status, 'open')))
    .orderBy(asc(task.createdAt))
    .limit(1)
    .for('update');
  return row;
}

/** Moves every task about one record to another; answers the moved rows as they were. */
export async function moveRelated(
  db: Db,
  related: { type: string; fromId: string; toType?: string; toId: string; toLabel: string | null; openOnly?: boolean },
  at: Date,
  by: string | null,
): Promise<TaskRow[]> {
  const before = await db
    .select()
    .from(task)
    .where(
      and(eq(task.relatedType, related.type), eq(task.relatedId, related.fromId), related.openOnly ? eq(task.status, 'open') : undefined),
    )
    .for('update');
  if (before.length === 0) return [];
  await db
    .update(task)
    .set({
      relatedType: related.toType ?? related.type,
      relatedId: related.toId,
      relatedLabel: related.toLabel,
      updatedAt: at,
      updatedBy: by,
      version: sql`${task.version} + 1`,
    })
    .where(
      inArray(
        task.id,
        before.map((r) => r.id),
      ),
    );
  return before;
}

/**
 * Open follow-up tasks about the records that belong to someone else than `toUserId`: given to that
 * user, or cancelled when `toUserId` is null (the record has no owner any more). Answers the rows before.
 */
export async function handOverFollowUps(
  db: Db,
  related: { type: string; ids: readonly string[] },
  to: { userId: string; departmentId: string | null } | null,
  at: Date,
  by: string | null,
): Promise<TaskRow[]> {
  if (related.ids.length === 0) return [];
  const before = await db
    .select()
    .from(task)
    .where(
      and(
        eq(task.relatedType, related.type),
        inArray(task.relatedId, [...related.ids]),
        eq(task.source, 'follow-up'),
        eq(task.status, 'open'),
        to ? sql`${task.assigneeId} <> ${to.userId}` : undefined,
      ),
    )
    .for('update');
  if (before.length === 0) return [];
  await db
    .update(task)
    .set({
      ...(to ? { assigneeId: to.userId, departmentId: to.departmentId, dueNotifiedAt: null } : { status: 'cancelled' as const }),
      updatedAt: at,
      updatedBy: by,
      version: sql`${task.version} + 1`,
    })
    .where(
      inArray(
        task.id,
        before.map((r) => r.id),
      ),
    );
  return before;
}

/** Moves exactly these tasks back (those still on `fromId`); answers the ids that moved. */
export async function moveTasksBack(
  db: Db,
  input: { type: string; ids: string[]; fromId: string; toId: string; toLabel: string | null },
  at: Date,
  by: string | null,
): Promise<string[]> {
  if (input.ids.length === 0) return [];
  const rows = await db
    .update(task)
    .set({ relatedId: input.toId, relatedLabel: input.toLabel, updatedAt: at, updatedBy: by, version: sql`${task.version} + 1` })
    .where(and(inArray(task.id, input.ids), eq(task.relatedType, input.type), eq(task.relatedId, input.fromId)))
    .returning({ id: task.id });
  return rows.map((r) => r.id);
}

/** When a task's reminder goes out: its reminder time, or its due time without one. */
const remindTime = sql`coalesce(${task.remindAt}, ${task.dueAt})`;

/**
 * Claims open tasks whose reminder time has come and that were not announced yet (skipping rows
 * another node holds), marking them announced in the same statement.
 */
export async function claimDueTasks(db: Db, now: Date, limit: number): Promise<TaskRow[]> {
  const due = db
    .select({ id: task.id })
    .from(task)
    .where(and(eq(task.status, 'open'), isNull(task.dueNotifiedAt), sql`${remindTime} <= ${now}`))
    .orderBy(asc(remindTime))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(task)
    .set({ dueNotifiedAt: now })
    .where(and(inArray(task.id, due), isNull(task.dueNotifiedAt)))
    .returning();
}
