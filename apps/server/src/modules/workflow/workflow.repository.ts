import { and, asc, count, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { approvalAction, approvalDefinition, approvalDefinitionVersion, approvalInstance, approvalTask } from './workflow.schema.ts';

const PG_LOCK_NOT_AVAILABLE = '55P03';

export type DefinitionRow = typeof approvalDefinition.$inferSelect;
export type DefinitionVersionRow = typeof approvalDefinitionVersion.$inferSelect;
export type InstanceRow = typeof approvalInstance.$inferSelect;
export type NewInstanceRow = typeof approvalInstance.$inferInsert;
export type TaskRow = typeof approvalTask.$inferSelect;
export type NewTaskRow = typeof approvalTask.$inferInsert;
export type ActionRow = typeof approvalAction.$inferSelect;
export type NewActionRow = typeof approvalAction.$inferInsert;
export type TaskStatus = TaskRow['status'];

/* ---------------------------------------------------------------- definitions */

export async function listDefinitions(db: Db): Promise<DefinitionRow[]> {
  return db.select().from(approvalDefinition).orderBy(asc(approvalDefinition.typeKey));
}

export async function findDefinition(db: Db, typeKey: string): Promise<DefinitionRow | undefined> {
  const [row] = await db.select().from(approvalDefinition).where(eq(approvalDefinition.typeKey, typeKey));
  return row;
}

export async function insertDefinition(db: Db, row: typeof approvalDefinition.$inferInsert): Promise<DefinitionRow | undefined> {
  const [inserted] = await db.insert(approvalDefinition).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** Moves the active version on, guarded by the definition's version (a concurrent publish loses). */
export async function activateVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  set: { activeVersionNo: number; updatedAt: Date; updatedBy: string | null },
): Promise<DefinitionRow | undefined> {
  const [row] = await db
    .update(approvalDefinition)
    .set({ ...set, version: sql`${approvalDefinition.version} + 1` })
    .where(and(eq(approvalDefinition.id, id), eq(approvalDefinition.version, expectedVersion)))
    .returning();
  return row;
}

export async function insertDefinitionVersion(db: Db, row: typeof approvalDefinitionVersion.$inferInsert): Promise<DefinitionVersionRow> {
  const [inserted] = await db.insert(approvalDefinitionVersion).values(row).returning();
  return inserted!;
}

export async function findDefinitionVersion(db: Db, definitionId: string, versionNo: number): Promise<DefinitionVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(approvalDefinitionVersion)
    .where(and(eq(approvalDefinitionVersion.definitionId, definitionId), eq(approvalDefinitionVersion.versionNo, versionNo)));
  return row;
}

export async function findDefinitionVersionById(db: Db, id: string): Promise<DefinitionVersionRow | undefined> {
  const [row] = await db.select().from(approvalDefinitionVersion).where(eq(approvalDefinitionVersion.id, id));
  return row;
}

export async function listDefinitionVersions(db: Db, definitionId: string): Promise<(DefinitionVersionRow & { instanceCount: number })[]> {
  const versions = await db
    .select()
    .from(approvalDefinitionVersion)
    .where(eq(approvalDefinitionVersion.definitionId, definitionId))
    .orderBy(desc(approvalDefinitionVersion.versionNo));
  if (versions.length === 0) return [];
  const counts = await db
    .select({ versionId: approvalInstance.definitionVersionId, n: count() })
    .from(approvalInstance)
    .where(
      inArray(
        approvalInstance.definitionVersionId,
        versions.map((v) => v.id),
      ),
    )
    .groupBy(approvalInstance.definitionVersionId);
  const byVersion = new Map(counts.map((c) => [c.versionId, Number(c.n)]));
  return versions.map((v) => ({ ...v, instanceCount: byVersion.get(v.id) ?? 0 }));
}

/* ---------------------------------------------------------------- instances */

export async function insertInstance(db: Db, row: NewInstanceRow): Promise<InstanceRow> {
  const [inserted] = await db.insert(approvalInstance).values(row).returning();
  return inserted!;
}

export async function findInstance(db: Db, id: string): Promise<InstanceRow | undefined> {
  const [row] = await db.select().from(approvalInstance).where(eq(approvalInstance.id, id));
  return row;
}

/** Locks the instance: every action on one instance runs one after the other. */
export async function lockInstance(db: Db, id: string): Promise<InstanceRow | undefined> {
  const [row] = await db.select().from(approvalInstance).where(eq(approvalInstance.id, id)).for('update');
  return row;
}

/**
 * The running instance of a record, locked without waiting: the record's module calls this while
 * holding its own record lock, and an approver's action holds the instance first and then the
 * record. Waiting here could deadlock; instead the caller gets a conflict and tries again.
 */
export async function findRunningInstanceForRecord(db: Db, typeKey: string, recordId: string): Promise<InstanceRow | undefined> {
  try {
    const [row] = await db
      .select()
      .from(approvalInstance)
      .where(and(eq(approvalInstance.typeKey, typeKey), eq(approvalInstance.recordId, recordId), eq(approvalInstance.status, 'running')))
      .for('update', { noWait: true });
    return row;
  } catch (err) {
    const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === PG_LOCK_NOT_AVAILABLE) throw new AppError(CommonError.STALE_VERSION);
    throw err;
  }
}

/** Updates a running instance, guarded by its version and status in SQL. */
export async function updateRunningInstance(
  db: Db,
  id: string,
  version: number,
  set: Partial<Pick<InstanceRow, 'status' | 'currentStep' | 'stepStates' | 'finishedAt' | 'updatedAt' | 'updatedBy'>>,
): Promise<InstanceRow | undefined> {
  const [row] = await db
    .update(approvalInstance)
    .set({ ...set, version: sql`${approvalInstance.version} + 1` })
    .where(and(eq(approvalInstance.id, id), eq(approvalInstance.version, version), eq(approvalInstance.status, 'running')))
    .returning();
  return row;
}

/* ---------------------------------------------------------------- tasks */

export async function insertTasks(db: Db, rows: NewTaskRow[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  return db.insert(approvalTask).values(rows).returning();
}

export async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(approvalTask).where(eq(approvalTask.id, id));
  return row;
}

/**
 * Decides a pending task of this assignee: the transition is guarded in SQL, so of two
 * concurrent decisions exactly one finds the task pending.
 */
export async function decideTask(
  db: Db,
  id: string,
  assigneeId: string,
  set: { status: TaskStatus; comment: string | null; decidedAt: Date },
): Promise<TaskRow | undefined> {
  const [row] = await db
    .update(approvalTask)
    .set({ ...set, version: sql`${approvalTask.version} + 1` })
    .where(and(eq(approvalTask.id, id), eq(approvalTask.assigneeId, assigneeId), eq(approvalTask.status, 'pending')))
    .returning();
  return row;
}

export async function listInstanceTasks(db: Db, instanceId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(approvalTask)
    .where(eq(approvalTask.instanceId, instanceId))
    .orderBy(asc(approvalTask.stepIndex), asc(approvalTask.createdAt), asc(approvalTask.id));
}

/** Ends what is still pending of an instance (or one of its steps): cancelled, never decided. */
export async function cancelPendingTasks(db: Db, instanceId: string, at: Date, stepIndex?: number): Promise<TaskRow[]> {
  return db
    .update(approvalTask)
    .set({ status: 'cancelled', decidedAt: at, version: sql`${approvalTask.version} + 1` })
    .where(
      and(
        eq(approvalTask.instanceId, instanceId),
        eq(approvalTask.status, 'pending'),
        stepIndex === undefined ? undefined : eq(approvalTask.stepIndex, stepIndex),
      ),
    )
    .returning();
}

export async function markTasks(
  db: Db,
  ids: string[],
  set: Partial<Pick<TaskRow, 'remindedAt' | 'escalatedAt' | 'status'>>,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(approvalTask)
    .set({ ...set, version: sql`${approvalTask.version} + 1` })
    .where(inArray(approvalTask.id, ids));
}

/** Pending tasks whose half time is over (to remind) or whose limit is over (to escalate). */
export async function listDueTasks(db: Db, now: Date, limit: number): Promise<TaskRow[]> {
  return db
    .select()
    .from(approvalTask)
    .where(
      and(
        eq(approvalTask.status, 'pending'),
        isNotNull(approvalTask.dueAt),
        sql`${approvalTask.dueAt} - (${approvalTask.dueAt} - ${approvalTask.createdAt}) / 2 <= ${now}`,
        sql`(${approvalTask.remindedAt} is null or (${approvalTask.escalatedAt} is null and ${approvalTask.dueAt} <= ${now}))`,
      ),
    )
    .orderBy(asc(approvalTask.dueAt), asc(approvalTask.id))
    .limit(limit);
}

/* ---------------------------------------------------------------- actions */

export async function insertActions(db: Db, rows: NewActionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(approvalAction).values(rows);
}

export async function listActions(db: Db, instanceId: string): Promise<ActionRow[]> {
  return db.select().from(approvalAction).where(eq(approvalAction.instanceId, instanceId)).orderBy(asc(approvalAction.seq));
}

/* ---------------------------------------------------------------- inbox */

export type InboxRow = { task: TaskRow | null; instance: InstanceRow };

/** The actor's part in instances: tasks assigned to them (any kind), or instances they started. */
export function involvementOf(userId: string): SQL {
  return sql`(${approvalInstance.initiatorId} = ${userId} or exists (select 1 from ${approvalTask} t where t.instance_id = ${approvalInstance.id} and t.assignee_id = ${userId}))`;
}

export async function findInstanceFor(db: Db, id: string, involvement: SQL | undefined): Promise<InstanceRow | undefined> {
  const [row] = await db
    .select()
    .from(approvalInstance)
    .where(and(eq(approvalInstance.id, id), involvement));
  return row;
}

/** The actor's tasks joined to their instances, newest first by `at` (keyset after a task). */
function tasksOf(
  db: Db,
  where: SQL | undefined,
  at: typeof approvalTask.createdAt | typeof approvalTask.decidedAt,
  limit: number,
  after?: { at: Date; id: string },
) {
  return db
    .select({ task: approvalTask, instance: approvalInstance })
    .from(approvalTask)
    .innerJoin(approvalInstance, eq(approvalInstance.id, approvalTask.instanceId))
    .where(and(where, after ? sql`(${at}, ${approvalTask.id}) < (${after.at}, ${after.id})` : undefined))
    .orderBy(desc(at), desc(approvalTask.id))
    .limit(limit);
}

export async function listTodo(db: Db, userId: string, limit: number, after?: { at: Date; id: string }): Promise<InboxRow[]> {
  return tasksOf(db, and(eq(approvalTask.assigneeId, userId), eq(approvalTask.status, 'pending')), approvalTask.createdAt, limit, after);
}

export async function listDone(db: Db, userId: string, limit: number, after?: { at: Date; id: string }): Promise<InboxRow[]> {
  const where = and(
    eq(approvalTask.assigneeId, userId),
    isNotNull(approvalTask.decidedAt),
    eq(approvalTask.kind, 'approve'),
    inArray(approvalTask.status, ['approved', 'rejected', 'transferred']),
  );
  return tasksOf(db, where, approvalTask.decidedAt, limit, after);
}

export async function listCc(db: Db, userId: string, limit: number, after?: { at: Date; id: string }): Promise<InboxRow[]> {
  return tasksOf(
    db,
    and(eq(approvalTask.assigneeId, userId), inArray(approvalTask.status, ['unread', 'read'])),
    approvalTask.createdAt,
    limit,
    after,
  );
}

export async function listStarted(db: Db, userId: string, limit: number, after?: { at: Date; id: string }): Promise<InboxRow[]> {
  const rows = await db
    .select()
    .from(approvalInstance)
    .where(
      and(
        eq(approvalInstance.initiatorId, userId),
        after ? sql`(${approvalInstance.createdAt}, ${approvalInstance.id}) < (${after.at}, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(approvalInstance.createdAt), desc(approvalInstance.id))
    .limit(limit);
  return rows.map((instance) => ({ task: null, instance }));
}

export async function countTodo(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(approvalTask)
    .where(and(eq(approvalTask.assigneeId, userId), eq(approvalTask.status, 'pending')));
  return Number(row?.n ?? 0);
}

/** Marks the actor's unread copies of an instance as read. */
export async function markCopiesRead(db: Db, instanceId: string, userId: string): Promise<void> {
  await db
    .update(approvalTask)
    .set({ status: 'read' })
    .where(and(eq(approvalTask.instanceId, instanceId), eq(approvalTask.assigneeId, userId), eq(approvalTask.status, 'unread')));
}
