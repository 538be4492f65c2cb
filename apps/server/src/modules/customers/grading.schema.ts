import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../kernel/db/columns.ts';
import { customer } from './customers.schema.ts';

/** What the grading rule looked at for one customer (money as a decimal string). */
export type GradeFacts = { signedAmount: string; overdueDays: number | null; strategic: boolean };

/** The grading rule's parameters: one row (id 1), changed by administrators. */
export const customerGradingSettings = pgTable(
  'customer_grading_settings',
  {
    id: smallint('id').primaryKey().default(1),
    /** Signed amount (incl. tax) in the lookback period from which a customer is A, B, C. */
    thresholdA: numeric('threshold_a', { precision: 18, scale: 2 }).notNull(),
    thresholdB: numeric('threshold_b', { precision: 18, scale: 2 }).notNull(),
    thresholdC: numeric('threshold_c', { precision: 18, scale: 2 }).notNull(),
    lookbackMonths: integer('lookback_months').notNull(),
    /** Receivables overdue by more than this many days cap the grade at C. */
    overdueCapDays: integer('overdue_cap_days').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check('customer_grading_settings_single_row', sql`${t.id} = 1`),
    check(
      'customer_grading_settings_order',
      sql`${t.thresholdA} > ${t.thresholdB} and ${t.thresholdB} > ${t.thresholdC} and ${t.thresholdC} > 0`,
    ),
  ],
);

/** Every change of a customer's grade: by the nightly rule, a strategic flag, or a manual override. */
export const customerGradeHistory = pgTable(
  'customer_grade_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customer.id, { onDelete: 'cascade' }),
    fromGrade: text('from_grade', { enum: ['A', 'B', 'C', 'D'] }).notNull(),
    toGrade: text('to_grade', { enum: ['A', 'B', 'C', 'D'] }).notNull(),
    /** The rule's grade at that moment (differs from `toGrade` under an override). */
    ruleGrade: text('rule_grade', { enum: ['A', 'B', 'C', 'D'] }).notNull(),
    /** Whether a manual override holds after this change. */
    overridden: boolean('overridden').notNull(),
    source: text('source', { enum: ['rule', 'manual'] }).notNull(),
    reason: text('reason'),
    facts: jsonb('facts').$type<GradeFacts>().notNull(),
    at: timestamptz('at').notNull(),
    /** Null for the nightly rule. */
    byId: uuid('by_id'),
    byName: text('by_name'),
  },
  (t) => [index('customer_grade_history_customer_idx').on(t.customerId, t.at, t.id)],
);
