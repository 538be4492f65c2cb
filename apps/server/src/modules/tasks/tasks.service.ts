import {
  Permission,
  relatedRecordPath,
  type TCreateTask,
  type TPage,
  type TTask,
  type TTaskListQuery,
  type TUpdateTask,
} from '@crm/contracts';
import { z } from 'zod';
import { scopeFilter } from '../../kernel/access/access.ts';
import { writeAudit, writeListAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import { hasPermission, type Actor } from '../../kernel/auth/actor.ts';
import { businessDateTime, type Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { decodeCursor, iso, toPage } from '../../kernel/http/pagination.ts';
import type { NotificationRow } from '../../kernel/notifications/notifications.repository.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import type { People, UserSummary } from '../admin/index.ts';
import { createFollowUpHooks } from './follow-ups.ts';
import { findUserInScope } from './task-people.ts';
import { TaskErrorCode } from './tasks.errors.ts';
import * as repo from './tasks.repository.ts';

export type { RelatedRecord } from './follow-ups.ts';

const ZCursor = z.tuple([z.iso.datetime().nullable(), z.uuid()]);

/** How many tasks one pass of the reminder job announces per transaction. */
const DUE_BATCH = 500;

/**
 * How a module that owns a kind of record answers "may this actor see record `id`, and what is it
 * called": the label, or undefined when the record is gone or out of the actor's scope.
 */
export type RelatedRecordResolver = (actor: Actor, id: string) => Promise<{ label: string } | undefined>;

type Names = Map<string, { displayName: string }>;

function toDto(row: repo.TaskRow, names: Names): TTask {
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    kind: row.kind,
    dueAt: iso(row.dueAt),
    remindAt: iso(row.remindAt),
    assigneeId: row.assigneeId,
    assigneeName: names.get(row.assigneeId)?.displayName ?? null,
    createdBy: row.createdBy,
    createdByName: row.createdBy ? (names.get(row.createdBy)?.displayName ?? null) : null,
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

/** Where a notification about a task leads: the record it is about, or the task itself. */
const taskLink = (row: repo.TaskRow) => relatedRecordPath(row.relatedType, row.relatedId) ?? `/tasks?task=${row.id}`;

const remindTime = (row: Pick<repo.TaskRow, 'remindAt' | 'dueAt'>) => (row.remindAt ?? row.dueAt)?.getTime() ?? null;

function assertReminderBeforeDue(remindAt: Date | null, dueAt: Date | null): void {
  if (remindAt && dueAt && remindAt.getTime() > dueAt.getTime()) {
    throw new AppError(TaskErrorCode.TASK_REMINDER_AFTER_DUE, {
      fields: [{ path: 'remindAt', code: 'after_due', messageKey: 'error.TASK_REMINDER_AFTER_DUE' }],
    });
  }
}

const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

export function createTaskService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries' | 'summary'>;
  notifications: Pick<NotificationService, 'notify' | 'dispatch'>;
}) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.taskScopeColumns);
  const resolvers = new Map<string, RelatedRecordResolver>();

  async function toDtos(rows: repo.TaskRow[]): Promise<TTask[]> {
    const names = await deps.people.summaries(rows.flatMap((r) => [r.assigneeId, r.createdBy]));
    return rows.map((r) => toDto(r, names));
  }

  /** The person a task goes to: oneself, or (with the grant) an active user the actor's data scope covers. */
  async function resolveAssignee(actor: Actor, assigneeId: string | undefined): Promise<UserSummary> {
    const id = assigneeId ?? actor.userId;
    if (!id) throw new AppError(TaskErrorCode.TASK_USER_REQUIRED);
    const refuse = () =>
      new AppError(TaskErrorCode.TASK_ASSIGNEE_NOT_ALLOWED, {
        fields: [{ path: 'assigneeId', code: 'out_of_scope', messageKey: 'error.TASK_ASSIGNEE_NOT_ALLOWED' }],
      });
    if (id !== actor.userId && !hasPermission(actor, Permission.taskAssign)) throw refuse();
    const user = await findUserInScope(deps.people, actor, id);
    if (!user) throw refuse();
    if (!user.isActive) {
      throw new AppError(TaskErrorCode.TASK_ASSIGNEE_INACTIVE, {
        fields: [{ path: 'assigneeId', code: 'inactive', messageKey: 'error.TASK_ASSIGNEE_INACTIVE' }],
      });
    }
    return user;
  }

  async function resolveRelatedLabel(actor: Actor, input: TCreateTask): Promise<string | null> {
    if (!input.relatedType || !input.relatedId) return null;
    const resolve = resolvers.get(input.relatedType);
    if (!resolve) return input.relatedLabel ?? null;
    const found = await resolve(actor, input.relatedId);
    if (!found) {
      throw new AppError(TaskErrorCode.TASK_RELATED_NOT_FOUND, {
        fields: [{ path: 'relatedId', code: 'not_found', messageKey: 'error.TASK_RELATED_NOT_FOUND' }],
      });
    }
    return found.label;
  }

  async function notifyAssigned(tx: Db, actor: Actor, row: repo.TaskRow): Promise<NotificationRow[]> {
    if (row.assigneeId === actor.userId) return [];
    return deps.notifications.notify(tx, {
      userIds: [row.assigneeId],
      kind: 'tasks.assigned',
      params: {
        by: actor.displayName,
        title: row.title,
        due: row.dueAt ? businessDateTime(row.dueAt, clock.timezone) : '—',
        relatedLabel: row.relatedLabel ?? '—',
      },
      link: `/tasks?task=${row.id}`,
      entityType: 'task',
      entityId: row.id,
    });
  }

  return {
    ...createFollowUpHooks({ clock }),

    /** Task rows as the API shows them (with the names of assignee and creator). */
    present: toDtos,

    /**
     * A module that owns a kind of record (customer, lead, opportunity, quote, contract) tells the
     * tasks module how to check and name one; tasks about that kind then take the record's own name.
     */
    registerRelatedRecords(type: string, resolve: RelatedRecordResolver): void {
      resolvers.set(type, resolve);
    },

    /**
     * My tasks by default; `view=assigned` the tasks I gave to others; `view=scope` every task the
     * data scope covers (a manager's team).
     */
    async list(actor: Actor, query: TTaskListQuery): Promise<TPage<TTask>> {
      const after = decodeCursor(query.cursor, ZCursor);
      const rows = await repo.listTasks(
        db,
        {
          scope: scopeOf(actor),
          assigneeId: query.view === 'mine' ? (actor.userId ?? undefined) : query.assigneeId,
          assignedBy: query.view === 'assigned' ? (actor.userId ?? undefined) : undefined,
          kind: query.kind,
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

    async get(actor: Actor, id: string): Promise<TTask> {
      const row = await repo.findTask(db, id, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, { action: 'task.read', entityType: 'task', entityId: id });
      return (await toDtos([row]))[0]!;
    },

    /** A task for oneself or, within the data scope, for someone else (who is told in the inbox). */
    async create(actor: Actor, input: TCreateTask): Promise<TTask> {
      const dueAt = toDate(input.dueAt) ?? null;
      const remindAt = toDate(input.remindAt) ?? null;
      assertReminderBeforeDue(remindAt, dueAt);
      // Outside the transaction: these read through the base connection.
      const assignee = await resolveAssignee(actor, input.assigneeId);
      const relatedLabel = await resolveRelatedLabel(actor, input);
      let notices: NotificationRow[] = [];
      const row = await withTx(db, async (tx) => {
        const now = clock.now();
        const created = await repo.insertTask(tx, {
          title: input.title,
          notes: input.notes ?? null,
          kind: input.kind,
          dueAt,
          remindAt,
          assigneeId: assignee.id,
          departmentId: assignee.departmentId,
          relatedType: input.relatedType ?? null,
          relatedId: input.relatedId ?? null,
          relatedLabel,
          source: 'manual',
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await writeAudit(tx, actor, {
          action: created.assigneeId === actor.userId ? 'task.create' : 'task.assign',
          entityType: 'task',
          entityId: created.id,
          after: created,
        });
        notices = await notifyAssigned(tx, actor, created);
        return created;
      });
      await deps.notifications.dispatch(notices);
      return (await toDtos([row]))[0]!;
    },

    /** Complete, reopen, cancel, reschedule, remind at another time or hand to someone else; a task the actor's scope covers. */
    async update(actor: Actor, id: string, input: TUpdateTask): Promise<TTask> {
      const found = await repo.findTask(db, id, scopeOf(actor));
      if (!found) throw new AppError(CommonError.NOT_FOUND);
      const assignee =
        input.assigneeId !== undefined && input.assigneeId !== found.assigneeId
          ? await resolveAssignee(actor, input.assigneeId)
          : undefined;
      let notices: NotificationRow[] = [];
      const row = await withTx(db, async (tx) => {
        const current = await repo.findTask(tx, id, scopeOf(actor));
        if (!current) throw new AppError(CommonError.NOT_FOUND);
        if (current.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        const status = input.status ?? current.status;
        const editsContent =
          input.dueAt !== undefined ||
          input.remindAt !== undefined ||
          input.title !== undefined ||
          input.notes !== undefined ||
          input.kind !== undefined ||
          assignee !== undefined;
        if (editsContent && status !== 'open') throw new AppError(TaskErrorCode.TASK_NOT_OPEN);
        const now = clock.now();
        const set: Partial<repo.NewTaskRow> = { updatedAt: now, updatedBy: actor.userId };
        if (input.status !== undefined && input.status !== current.status) {
          set.status = input.status;
          set.doneAt = input.status === 'done' ? now : null;
        }
        if (input.title !== undefined) set.title = input.title;
        if (input.notes !== undefined) set.notes = input.notes;
        if (input.kind !== undefined) set.kind = input.kind;
        if (input.dueAt !== undefined) set.dueAt = toDate(input.dueAt);
        if (input.remindAt !== undefined) set.remindAt = toDate(input.remindAt);
        const next = {
          dueAt: set.dueAt === undefined ? current.dueAt : set.dueAt,
          remindAt: set.remindAt === undefined ? current.remindAt : set.remindAt,
        };
        assertReminderBeforeDue(next.remindAt, next.dueAt);
        if (assignee) {
          set.assigneeId = assignee.id;
          set.departmentId = assignee.departmentId;
        }
        // A new reminder time (or a new assignee) is announced again when it comes.
        if (remindTime(next) !== remindTime(current) || assignee) set.dueNotifiedAt = null;
        const updated = await repo.updateTask(tx, id, input.version, set);
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        const action = assignee
          ? 'task.reassign'
          : set.status === 'done'
            ? 'task.complete'
            : set.status === 'open'
              ? 'task.reopen'
              : set.status === 'cancelled'
                ? 'task.cancel'
                : 'task.update';
        await writeAudit(tx, actor, { action, entityType: 'task', entityId: id, before: current, after: updated });
        if (assignee) notices = await notifyAssigned(tx, actor, updated);
        return updated;
      });
      await deps.notifications.dispatch(notices);
      return (await toDtos([row]))[0]!;
    },

    /**
     * The reminder job's work: tells each assignee once about each task whose reminder time (or,
     * without one, due time) has come. Answers how many.
     */
    async notifyDueTasks(): Promise<number> {
      let total = 0;
      for (;;) {
        const { count, notifications } = await withTx(db, async (tx) => {
          const due = await repo.claimDueTasks(tx, clock.now(), DUE_BATCH);
          const rows = [];
          for (const t of due) {
            // A reminder ahead of the due time says "reminder"; one at or after it says "due".
            const early = t.remindAt !== null && (t.dueAt === null || t.remindAt.getTime() < t.dueAt.getTime());
            rows.push(
              ...(await deps.notifications.notify(tx, {
                userIds: [t.assigneeId],
                kind: early ? 'tasks.reminder' : 'tasks.due',
                params: {
                  title: t.title,
                  due: t.dueAt ? businessDateTime(t.dueAt, clock.timezone) : '—',
                  relatedLabel: t.relatedLabel ?? '—',
                },
                link: taskLink(t),
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
