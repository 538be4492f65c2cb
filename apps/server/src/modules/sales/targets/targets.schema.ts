import { index, numeric, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../../kernel/db/columns.ts';

/**
 * 业绩目标: what a user or a department should reach in a period (`2026`, `2026-Q4`, `2026-11`) on
 * one metric. A department's target is split over its child departments and its people one level at
 * a time; `department_id` is the department the target was split in (the subject itself for a
 * department), which also decides who may see it (data scope).
 */
export const salesTarget = pgTable(
  'sales_target',
  {
    ...recordColumns(),
    period: text('period').notNull(),
    periodKind: text('period_kind', { enum: ['year', 'quarter', 'month'] }).notNull(),
    year: smallint('year').notNull(),
    metric: text('metric').notNull(),
    subjectType: text('subject_type', { enum: ['user', 'department'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    value: numeric('value', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [
    uniqueIndex('sales_target_subject_key').on(t.period, t.metric, t.subjectType, t.subjectId),
    index('sales_target_department_idx').on(t.departmentId, t.period, t.metric),
    index('sales_target_subject_idx').on(t.subjectId, t.year),
    index('sales_target_year_idx').on(t.year, t.period, t.id),
  ],
);
