import type { TPage, TTask, TTaskListQuery, TUpdateTask } from '@crm/contracts';
import { z } from 'zod';
import { scopeFilter } from '../../kernel/access/access.ts';
import { writeAudit, writeListAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { decodeCursor, iso, toPage } from '../../kernel/http/pagination.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import type { People } from '../admin/index.ts';
import { TaskErrorCode } from './tasks.errors.ts';
import * as repo from './tasks.repository.ts';

const ZCursor = z.tuple([z.iso.datetime().nullable(), z.uuid()]);

/** How many due tasks one pass of the reminder job announces per transaction. */
const DUE_BATCH = 500;

export type RelatedRecord = { type: string; id: string; label: string | null };

function toDto(row: repo.TaskRow, names: Map<string, { displayName: string }>): TTask {
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    dueAt: iso(row.dueAt),
    assigneeId: row.assigneeId,
    assigneeName: names.get(row.assigneeId)?.displayName ?? null,
    createdBy: row.createdBy,
    status: row.status,
    doneAt: iso(row.doneAt),
    relatedType: row.relatedType,
    relatedId: row.relatedId,
    relatedLabel: row.relatedLabel,
    source: row.source,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function formatInZone(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Where a related record lives in the web app, for the reminder's link. */
const relatedLink = (row: repo.TaskRow) => (row.relatedType === 'customer' && row.relatedId ? `/customers/${row.relatedId}` : '/tasks');

export function createTaskService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries'>;
  notifications: Pick<NotificationService, 'notify' | 'dispatch'>;
}) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.taskScopeColumns);

  async function toDtos(rows: repo.TaskRow[]): Promise<TTask[]> {
    const names = await deps.people.summaries(rows.map((r) => r.assigneeId));
    return rows.map((r) => toDto(r, names));
  }

  return {
    /** My tasks by default; `view=scope` lists every task the data scope covers (a manager's team). */
    async list(actor: Actor, query: TTaskListQuery): Promise<TPage<TTask>> {
      const after = decodeCursor(query.cursor, ZCursor);
      const mine = query.view === 'mine';
      const rows = await repo.listTasks(
        db,
        {
          scope: scopeOf(actor),
          assigneeId: mine ? (actor.userId ?? undefined) : query.assigneeId,
          statuses: query.status,
          dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
          dueAfter: query.dueAfter ? new Date(query.dueAfter) : undefined,
          overdueAt: query.overdue ? clock.now() : undefined,
          relatedType: query.relatedType,
          relatedId: query.relatedId,
        },
        { limit: query.limit + 1, after: after ?? undefined },
      );
      await writeListAudit(db, actor, { action: 'task.list', entityType: 'task' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [iso(r.dueAt), r.id],
        (r) => r,
      );
      return { items: await toDtos(page.items), nextCursor: page.nextCursor };
    },

    /** Complete, reopen, cancel or reschedule a task the actor's scope covers. */
    async update(actor: Actor, id: string, input: TUpdateTask): Promise<TTask> {
      const row = await withTx(db, async (tx) => {
        const current = await repo.findTask(tx, id, scopeOf(actor));
        if (!current) throw new AppError(CommonError.NOT_FOUND);
        if (current.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        const status = input.status ?? current.status;
        const editsContent = input.dueAt !== undefined || input.title !== undefined || input.notes !== undefined;
        if (editsContent && status !== 'open') throw new AppError(TaskErrorCode.TASK_NOT_OPEN);
        const now = clock.now();
        const set: Partial<repo.NewTaskRow> = { updatedAt: now, updatedBy: actor.userId };
        if (input.status !== undefined && input.status !== current.status) {
          set.status = input.status;
          set.doneAt = input.status === 'done' ? now : null;
        }
        if (input.title !== undefined) set.title = input.title;
        if (input.notes !== undefined) set.notes = input.notes;
        if (input.dueAt !== undefined) {
          const dueAt = input.dueAt === null ? null : new Date(input.dueAt);
          if (dueAt?.getTime() !== current.dueAt?.getTime()) {
            set.dueAt = dueAt;
            // A new due time is announced again when it comes.
            set.dueNotifiedAt = null;
          }
        }
        const updated = await repo.updateTask(tx, id, input.version, set);
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        const action = set.status === 'done' ? 'task.complete' : set.status === 'open' ? 'task.reopen' : 'task.update';
        await writeAudit(tx, actor, { action, entityType: 'task', entityId: id, before: current, after: updated });
        return updated;
      });
      return (await toDtos([row]))[0]!;
    },

    /**
     * The one open follow-up task about a record: created, or moved to the new due time and
     * assignee. Runs in the caller's transaction.
     */
    async upsertFollowUp(
      tx: Db,
      actor: Actor,
      input: {
        related: RelatedRecord;
        title: string;
        notes: string | null;
        dueAt: Date;
        assigneeId: string;
        departmentId: string | null;
        sourceId: string;
      },
    ): Promise<repo.TaskRow> {
      const now = clock.now();
      const existing = await repo.lockOpenTaskFor(tx, input.related, 'follow-up');
      if (existing) {
        const moved = existing.dueAt?.getTime() !== input.dueAt.getTime();
        const updated = await repo.updateTask(tx, existing.id, existing.version, {
          title: input.title,
          notes: input.notes,
          dueAt: input.dueAt,
          assigneeId: input.assigneeId,
          departmentId: input.departmentId,
          relatedLabel: input.related.label,
          sourceId: input.sourceId,
          ...(moved ? { dueNotifiedAt: null } : {}),
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await writeAudit(tx, actor, {
          action: 'task.update',
          entityType: 'task',
          entityId: existing.id,
          before: existing,
          after: updated,
          meta: { source: 'follow-up', sourceId: input.sourceId },
        });
        return updated!;
      }
      const created = await repo.insertTask(tx, {
        title: input.title,
        notes: input.notes,
        dueAt: input.dueAt,
        assigneeId: input.assigneeId,
        departmentId: input.departmentId,
        relatedType: input.related.type,
        relatedId: input.related.id,
        relatedLabel: input.related.label,
        source: 'follow-up',
        sourceId: input.sourceId,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      await writeAudit(tx, actor, { action: 'task.create', entityType: 'task', entityId: created.id, after: created });
      return created;
    },

    /** Cancels the open follow-up task about a record when the given source produced it (its activity went away). */
    async cancelFollowUp(tx: Db, actor: Actor, input: { related: { type: string; id: string }; sourceId: string }): Promise<void> {
      const existing = await repo.lockOpenTaskFor(tx, input.related, 'follow-up');
      if (!existing || existing.sourceId !== input.sourceId) return;
      const updated = await repo.updateTask(tx, existing.id, existing.version, {
        status: 'cancelled',
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      });
      await writeAudit(tx, actor, { action: 'task.cancel', entityType: 'task', entityId: existing.id, before: existing, after: updated });
    },

    /** Moves every task about one record to another (e.g. a customer merge); answers the moved ids. */
    async moveRelated(
      tx: Db,
      actor: Actor,
      input: { type: string; fromId: string; toId: string; toLabel: string | null },
    ): Promise<string[]> {
      const moved = await repo.moveRelated(tx, input, clock.now(), actor.userId);
      await writeAudit(
        tx,
        actor,
        moved.map((t) => ({
          action: 'task.move',
          entityType: 'task',
          entityId: t.id,
          before: { relatedId: t.relatedId, relatedLabel: t.relatedLabel },
          after: { relatedId: input.toId, relatedLabel: input.toLabel },
        })),
      );
      return moved.map((t) => t.id);
    },

    /**
     * When records change owner, their open follow-ups go with them; when they lose their owner
     * (back to a pool), the follow-ups are cancelled. In the caller's transaction.
     */
    async handOverFollowUps(
      tx: Db,
      actor: Actor,
      input: { type: string; ids: string[]; to: { userId: string; departmentId: string | null } | null },
    ): Promise<void> {
      const before = await repo.handOverFollowUps(tx, input, input.to, clock.now(), actor.userId);
      await writeAudit(
        tx,
        actor,
        before.map((t) => ({
          action: input.to ? 'task.reassign' : 'task.cancel',
          entityType: 'task',
          entityId: t.id,
          before: { assigneeId: t.assigneeId, status: t.status },
          after: input.to ? { assigneeId: input.to.userId, status: t.status } : { assigneeId: t.assigneeId, status: 'cancelled' },
        })),
      );
    },

    /** Moves exactly these tasks back (the undo of `moveRelated`). */
    async moveRelatedBack(
      tx: Db,
      actor: Actor,
      input: { type: string; ids: string[]; fromId: string; toId: string; toLabel: string | null },
    ): Promise<string[]> {
      const moved = await repo.moveTasksBack(tx, input, clock.now(), actor.userId);
      await writeAudit(
        tx,
        actor,
        moved.map((id) => ({
          action: 'task.move',
          entityType: 'task',
          entityId: id,
          before: { relatedId: input.fromId },
          after: { relatedId: input.toId, relatedLabel: input.toLabel },
        })),
      );
      return moved;
    },

    /** The reminder job's work: tells each assignee once about each task that became due. Answers how many. */
    async notifyDueTasks(): Promise<number> {
      let total = 0;
      for (;;) {
        const { count, notifications } = await withTx(db, async (tx) => {
          const due = await repo.claimDueTasks(tx, clock.now(), DUE_BATCH);
          const rows = [];
          for (const t of due) {
            rows.push(
              ...(await deps.notifications.notify(tx, {
                userIds: [t.assigneeId],
                kind: 'tasks.due',
                params: { title: t.title, due: formatInZone(t.dueAt!, clock.timezone), relatedLabel: t.relatedLabel ?? '—' },
                link: relatedLink(t),
                entityType: 'task',
                entityId: t.id,
              })),
            );
          }
          return { count: due.length, notifications: rows };
        });
        await deps.notifications.dispatch(notifications);
        total += count;
        if (count < DUE_BATCH) return total;
      }
    },
  };
}
export type TaskService = ReturnType<typeof createTaskService>;
