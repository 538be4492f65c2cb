import { bigint, boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';
import { customer } from './customers.schema.ts';

/** Reclaim periods of one grade: days without activity, days without a won deal (null: never). */
export type PoolGradeRule = { noActivityDays: number | null; noDealDays: number | null };
export type PoolGradeRules = Record<'A' | 'B' | 'C' | 'D', PoolGradeRule>;

/**
 * A public pool (公海) serves a department subtree (a business unit or an office): customers of that
 * subtree fall back into it, and its members may claim from it. The pool of the nearest department
 * wins when pools are nested.
 */
export const customerPool = pgTable(
  'customer_pool',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    departmentId: uuid('department_id').notNull(),
    rules: jsonb('rules').$type<PoolGradeRules>().notNull(),
    /** Days before the reclaim date when the owner is warned. */
    warnDays: integer('warn_days').notNull().default(7),
    /** Most private customers a user may own (claims and assignments beyond it are refused). */
    ownerCap: integer('owner_cap').notNull().default(200),
    dailyClaimQuota: integer('daily_claim_quota').notNull().default(10),
    /** Days during which a user may not re-claim a customer that left them. */
    reclaimCooldownDays: integer('reclaim_cooldown_days').notNull().default(30),
    /** Whether the nightly job reclaims for this pool. */
    reclaimEnabled: boolean('reclaim_enabled').notNull().default(true),
  },
  (t) => [index('customer_pool_department_idx').on(t.departmentId)],
);

export const OWNER_CHANGE_KINDS = ['create', 'assign', 'transfer', 'auto_assign', 'claim', 'release', 'reclaim', 'merge'] as const;

/** Every change of a customer's owner, also into and out of a pool. */
export const customerOwnerChange = pgTable(
  'customer_owner_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order, so that changes within one instant keep their order. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customer.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: OWNER_CHANGE_KINDS }).notNull(),
    fromOwnerId: uuid('from_owner_id'),
    toOwnerId: uuid('to_owner_id'),
    fromDepartmentId: uuid('from_department_id'),
    toDepartmentId: uuid('to_department_id'),
    poolId: uuid('pool_id'),
    reason: text('reason'),
    at: timestamptz('at').notNull(),
    /** The acting user; null for the system (reclaim job, rules). */
    byId: uuid('by_id'),
  },
  (t) => [
    index('customer_owner_change_customer_idx').on(t.customerId, t.at, t.seq),
    index('customer_owner_change_claims_idx').on(t.toOwnerId, t.kind, t.at),
    index('customer_owner_change_left_idx').on(t.fromOwnerId, t.customerId, t.at),
  ],
);

/**
 * Automatic assignment: a customer matching the conditions (empty = any) goes to the department,
 * then to one of its sales users by round robin or to the one with the fewest customers.
 */
export const assignmentRule = pgTable(
  'customer_assignment_rule',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** Lower runs first; the first matching rule assigns. */
    priority: integer('priority').notNull(),
    provinces: text('provinces').array().notNull(),
    industries: text('industries').array().notNull(),
    types: text('types').array().notNull(),
    departmentId: uuid('department_id').notNull(),
    strategy: text('strategy', { enum: ['round_robin', 'least_loaded'] }).notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Round-robin cursor: the user who got the previous customer. */
    lastAssignedUserId: uuid('last_assigned_user_id'),
  },
  (t) => [index('customer_assignment_rule_priority_idx').on(t.priority)],
);
