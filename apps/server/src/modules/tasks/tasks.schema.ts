import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';

/**
 * A reminder for one person: a follow-up from an activity, or something written down by hand.
 * It may be about a record of any module (`related_type` + `related_id`, with a label to show).
 */
export const task = pgTable(
  'task',
  {
    ...recordColumns(),
    title: text('title').notNull(),
    notes: text('notes'),
    /** What the task asks for; planned visits are tasks of kind `visit`. */
    kind: text('kind', { enum: ['todo', 'call', 'visit', 'meeting'] })
      .notNull()
      .default('todo'),
    dueAt: timestamptz('due_at'),
    /** When the assignee is reminded; without it, at the due time. */
    remindAt: timestamptz('remind_at'),
    assigneeId: uuid('assignee_id').notNull(),
    /** The assignee's department when assigned: a manager's data scope covers the team's tasks. */
    departmentId: uuid('department_id'),
    status: text('status', { enum: ['open', 'done', 'cancelled'] })
      .notNull()
      .default('open'),
    doneAt: timestamptz('done_at'),
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
    relatedLabel: text('related_label'),
    source: text('source', { enum: ['follow-up', 'manual'] })
      .notNull()
      .default('manual'),
    /** The record that produced the task (e.g. the activity with the follow-up date). */
    sourceId: uuid('source_id'),
    /**
     * When the assignee was reminded (at `remind_at`, or at `due_at` without one); each reminder time
     * is announced once, and moving it clears this.
     */
    dueNotifiedAt: timestamptz('due_notified_at'),
  },
  (t) => [
    index('task_assignee_idx').on(t.assigneeId, t.status, t.dueAt, t.id),
    index('task_department_idx').on(t.departmentId, t.status, t.dueAt),
    index('task_related_idx').on(t.relatedType, t.relatedId, t.status),
    index('task_created_by_idx').on(t.createdBy, t.status, t.dueAt),
    index('task_remind_pending_idx')
      .on(sql`coalesce(${t.remindAt}, ${t.dueAt})`)
      .where(sql`${t.status} = 'open' and ${t.dueNotifiedAt} is null and coalesce(${t.remindAt}, ${t.dueAt}) is not null`),
  ],
);
