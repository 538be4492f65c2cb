import { z } from 'zod';
import { ZBoolString, ZBusinessDate, ZDateTime, ZId, ZListQuery, ZVersion } from './common.ts';

export const ZTaskStatusValues = ['open', 'done', 'cancelled'] as const;
export const ZTaskStatus = z.enum(ZTaskStatusValues);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;

/** Where a task came from: a follow-up date on an activity, or someone writing it down. */
export const ZTaskSourceValues = ['follow-up', 'manual'] as const;
export const ZTaskSource = z.enum(ZTaskSourceValues);
export type TTaskSource = z.infer<typeof ZTaskSource>;

/** What the task asks for: something to do, a call to make, a visit or a meeting to hold (planned visits are tasks of kind `visit`). */
export const ZTaskKindValues = ['todo', 'call', 'visit', 'meeting'] as const;
export const ZTaskKind = z.enum(ZTaskKindValues);
export type TTaskKind = z.infer<typeof ZTaskKind>;

/**
 * The kinds of record a task may be about. The link is generic (type + id + a label to show); a
 * module that owns one of these records may register a resolver with the tasks module so that the
 * server checks the record is visible and takes its name as the label.
 */
export const ZTaskRelatedTypeValues = ['customer', 'lead', 'opportunity', 'quote', 'contract'] as const;
export const ZTaskRelatedType = z.enum(ZTaskRelatedTypeValues);
export type TTaskRelatedType = z.infer<typeof ZTaskRelatedType>;

const RELATED_PATHS: Record<TTaskRelatedType, string> = {
  customer: 'customers',
  lead: 'leads',
  opportunity: 'opportunities',
  quote: 'quotes',
  contract: 'contracts',
};

/** Where a related record opens in the web app (`/customers/{id}`, `/leads/{id}` …); null for a type it does not know. */
export function relatedRecordPath(type: string | null, id: string | null): string | null {
  if (!type || !id || !(type in RELATED_PATHS)) return null;
  return `/${RELATED_PATHS[type as TTaskRelatedType]}/${id}`;
}

export const ZTask = z.object({
  id: ZId,
  title: z.string(),
  notes: z.string().nullable(),
  kind: ZTaskKind,
  dueAt: ZDateTime.nullable(),
  /** When the assignee is reminded in the inbox; without it, at the due time. */
  remindAt: ZDateTime.nullable(),
  assigneeId: ZId,
  assigneeName: z.string().nullable(),
  createdBy: ZId.nullable(),
  createdByName: z.string().nullable(),
  status: ZTaskStatus,
  doneAt: ZDateTime.nullable(),
  /** The record the task is about, e.g. `customer` + id, with its name at the time. */
  relatedType: z.string().nullable(),
  relatedId: ZId.nullable(),
  relatedLabel: z.string().nullable(),
  source: ZTaskSource,
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TTask = z.infer<typeof ZTask>;

export const ZTaskListQuery = ZListQuery.extend({
  /**
   * `mine` (default): tasks assigned to me; `assigned`: tasks I gave to someone else;
   * `scope`: every task my data scope covers (a manager's team).
   */
  view: z.enum(['mine', 'assigned', 'scope']).default('mine'),
  status: z
    .array(ZTaskStatus)
    .or(ZTaskStatus.transform((s) => [s]))
    .optional(),
  dueBefore: ZDateTime.optional(),
  dueAfter: ZDateTime.optional(),
  /** Open tasks whose due time has passed. */
  overdue: ZBoolString.optional(),
  assigneeId: ZId.optional(),
  kind: ZTaskKind.optional(),
  relatedType: z.string().max(40).optional(),
  relatedId: ZId.optional(),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

const taskFields = {
  title: z.string().trim().min(1).max(200),
  notes: z.string().trim().max(2000).nullable(),
  kind: ZTaskKind,
  dueAt: ZDateTime.nullable(),
  remindAt: ZDateTime.nullable(),
  /** Someone within my data scope (a manager gives a task to a rep of the team); myself when omitted. */
  assigneeId: ZId,
};

/** A task for myself or for someone my data scope covers, optionally about a record. */
export const ZCreateTask = z
  .strictObject({
    ...taskFields,
    notes: taskFields.notes.optional(),
    kind: taskFields.kind.default('todo'),
    dueAt: taskFields.dueAt.optional(),
    remindAt: taskFields.remindAt.optional(),
    assigneeId: taskFields.assigneeId.optional(),
    relatedType: ZTaskRelatedType.optional(),
    relatedId: ZId.optional(),
    /** The record's name to show; taken from the record itself where its module resolves it. */
    relatedLabel: z.string().trim().min(1).max(200).optional(),
  })
  .refine((v) => (v.relatedType === undefined) === (v.relatedId === undefined), {
    message: 'relatedType and relatedId go together',
    path: ['relatedId'],
  });
export type TCreateTask = z.infer<typeof ZCreateTask>;

/** Complete (`done`), reopen (`open`), cancel, reschedule, remind at another time, or hand to someone else. */
export const ZUpdateTask = z.strictObject({
  version: ZVersion,
  status: ZTaskStatus.optional(),
  title: taskFields.title.optional(),
  notes: taskFields.notes.optional(),
  kind: taskFields.kind.optional(),
  dueAt: taskFields.dueAt.optional(),
  remindAt: taskFields.remindAt.optional(),
  assigneeId: taskFields.assigneeId.optional(),
});
export type TUpdateTask = z.infer<typeof ZUpdateTask>;

/* ------------------------------------------------------------------ calendar */

/** What a calendar entry stands for: a task, a planned visit (a task of kind visit), or a customer's next follow-up. */
export const ZCalendarEventTypeValues = ['task', 'visit', 'follow-up'] as const;
export const ZCalendarEventType = z.enum(ZCalendarEventTypeValues);
export type TCalendarEventType = z.infer<typeof ZCalendarEventType>;

/** The longest range one calendar request covers (a month grid shows six weeks). */
export const CALENDAR_MAX_DAYS = 62;

export const ZCalendarQuery = z
  .object({
    /** First and last business day shown (inclusive), in the business time zone. */
    from: ZBusinessDate,
    to: ZBusinessDate,
    /** Whose calendar: myself when omitted; a manager may look at a member of the team. */
    userId: ZId.optional(),
    /** Done tasks are shown too unless `false`. */
    includeDone: ZBoolString.optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < CALENDAR_MAX_DAYS, {
    message: `at most ${CALENDAR_MAX_DAYS} days`,
    path: ['to'],
  });
export type TCalendarQuery = z.infer<typeof ZCalendarQuery>;

export const ZCalendarEvent = z.object({
  type: ZCalendarEventType,
  /** The business day it falls on. */
  date: ZBusinessDate,
  at: ZDateTime,
  /** Open and past its due time. */
  isOverdue: z.boolean(),
  task: ZTask,
});
export type TCalendarEvent = z.infer<typeof ZCalendarEvent>;

export const ZCalendar = z.object({
  from: ZBusinessDate,
  to: ZBusinessDate,
  userId: ZId,
  userName: z.string().nullable(),
  /** Soonest first. */
  events: z.array(ZCalendarEvent),
});
export type TCalendar = z.infer<typeof ZCalendar>;
