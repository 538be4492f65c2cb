import { z } from 'zod';
import { ZBoolString, ZDateTime, ZId, ZListQuery, ZVersion } from './common.ts';

export const ZTaskStatusValues = ['open', 'done', 'cancelled'] as const;
export const ZTaskStatus = z.enum(ZTaskStatusValues);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;

/** Where a task came from: a follow-up date on an activity, or someone writing it down. */
export const ZTaskSourceValues = ['follow-up', 'manual'] as const;
export const ZTaskSource = z.enum(ZTaskSourceValues);
export type TTaskSource = z.infer<typeof ZTaskSource>;

export const ZTask = z.object({
  id: ZId,
  title: z.string(),
  notes: z.string().nullable(),
  dueAt: ZDateTime.nullable(),
  assigneeId: ZId,
  assigneeName: z.string().nullable(),
  createdBy: ZId.nullable(),
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
  /** `mine` (default): tasks assigned to me; `scope`: every task my data scope covers (a manager's team). */
  view: z.enum(['mine', 'scope']).default('mine'),
  status: z
    .array(ZTaskStatus)
    .or(ZTaskStatus.transform((s) => [s]))
    .optional(),
  dueBefore: ZDateTime.optional(),
  dueAfter: ZDateTime.optional(),
  /** Open tasks whose due time has passed. */
  overdue: ZBoolString.optional(),
  assigneeId: ZId.optional(),
  relatedType: z.string().max(40).optional(),
  relatedId: ZId.optional(),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

/** Complete (`done`), reopen (`open`), cancel, or move the due time. */
export const ZUpdateTask = z.strictObject({
  version: ZVersion,
  status: ZTaskStatus.optional(),
  dueAt: ZDateTime.nullable().optional(),
  title: z.string().trim().min(1).max(200).optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});
export type TUpdateTask = z.infer<typeof ZUpdateTask>;
