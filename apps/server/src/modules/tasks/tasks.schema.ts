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
    dueAt: timestamptz('due_at'),
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
    /** When the assignee was told that the task is due (each due time is announced once). */
    dueNotifiedAt: timestamptz('due_notified_at'),
  },
  (t) => [
    index('task_assignee_idx').on(t.assigneeId, t.status, t.dueAt, t.id),
    index('task_department_idx').on(t.departmentId, t.status, t.dueAt),
    index('task_related_idx').on(t.relatedType, t.relatedId, t.status),
    index('task_due_unnotified_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'open' and ${t.dueNotifiedAt} is null and ${t.dueAt} is not null`),
  ],
);
