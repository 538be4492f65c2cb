import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TApprovalAttachment, TApprovalStep, TApproverSpec } from '@crm/contracts';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';

export const INSTANCE_STATUSES = ['running', 'approved', 'rejected', 'withdrawn'] as const;
export const TASK_STATUSES = ['pending', 'approved', 'rejected', 'transferred', 'cancelled', 'unread', 'read'] as const;
export const TASK_ORIGINS = ['rule', 'transfer', 'added', 'escalation'] as const;
/** How each step of an instance ended (or that it is waiting / active). */
export type StepStateValue = 'waiting' | 'active' | 'approved' | 'skipped' | 'auto_approved';

export type FactValue = string | number | boolean | null;
export type FactsValue = Record<string, FactValue>;

/** 审批定义: one per business type (quote, requirement, contract); its content lives in versions. */
export const approvalDefinition = pgTable(
  'approval_definition',
  {
    ...recordColumns(),
    typeKey: text('type_key').notNull(),
    activeVersionNo: integer('active_version_no').notNull(),
  },
  (t) => [uniqueIndex('approval_definition_type_key').on(t.typeKey)],
);

/** A published, immutable version of a definition: running instances keep the one they started with. */
export const approvalDefinitionVersion = pgTable(
  'approval_definition_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    definitionId: uuid('definition_id')
      .notNull()
      .references(() => approvalDefinition.id),
    typeKey: text('type_key').notNull(),
    versionNo: integer('version_no').notNull(),
    steps: jsonb('steps').$type<TApprovalStep[]>().notNull(),
    cc: jsonb('cc').$type<TApproverSpec[]>().notNull().default([]),
    note: text('note'),
    publishedAt: timestamptz('published_at').notNull(),
    publishedBy: uuid('published_by'),
  },
  (t) => [uniqueIndex('approval_definition_version_key').on(t.definitionId, t.versionNo)],
);

/** 审批实例: one run of a definition version over a business record. */
export const approvalInstance = pgTable(
  'approval_instance',
  {
    ...recordColumns(),
    typeKey: text('type_key').notNull(),
    definitionVersionId: uuid('definition_version_id')
      .notNull()
      .references(() => approvalDefinitionVersion.id),
    recordId: text('record_id').notNull(),
    title: text('title').notNull(),
    link: text('link'),
    initiatorId: uuid('initiator_id').notNull(),
    initiatorDepartmentId: uuid('initiator_department_id'),
    status: text('status', { enum: INSTANCE_STATUSES }).notNull(),
    /** Index into the version's steps; null once finished. */
    currentStep: integer('current_step'),
    stepStates: jsonb('step_states').$type<StepStateValue[]>().notNull(),
    /** The facts as loaded at start: conditions are evaluated on them (and the reader sees them). */
    facts: jsonb('facts').$type<FactsValue>().notNull(),
    /** What the registering module needs back in its callbacks (e.g. the quote version). */
    context: jsonb('context').$type<Record<string, string>>().notNull().default({}),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    // At most one running instance per business record.
    uniqueIndex('approval_instance_running_key')
      .on(t.typeKey, t.recordId)
      .where(sql`${t.status} = 'running'`),
    index('approval_instance_initiator_idx').on(t.initiatorId, t.createdAt, t.id),
    index('approval_instance_record_idx').on(t.typeKey, t.recordId),
  ],
);

/** 审批任务: one person's part in a step (to approve), or a copy for information (cc). */
export const approvalTask = pgTable(
  'approval_task',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => approvalInstance.id),
    stepIndex: integer('step_index').notNull(),
    kind: text('kind', { enum: ['approve', 'cc'] }).notNull(),
    assigneeId: uuid('assignee_id').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull(),
    origin: text('origin', { enum: TASK_ORIGINS }).notNull(),
    comment: text('comment'),
    createdAt: timestamptz('created_at').notNull(),
    dueAt: timestamptz('due_at'),
    remindedAt: timestamptz('reminded_at'),
    escalatedAt: timestamptz('escalated_at'),
    decidedAt: timestamptz('decided_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The to-do box: my pending tasks, newest first.
    index('approval_task_inbox_idx').on(t.assigneeId, t.status, t.createdAt, t.id),
    // The done box: what I decided, latest first.
    index('approval_task_done_idx')
      .on(t.assigneeId, t.decidedAt, t.id)
      .where(sql`${t.decidedAt} is not null`),
    index('approval_task_instance_idx').on(t.instanceId, t.stepIndex),
    // The escalation scan: pending tasks past their time limit.
    index('approval_task_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'pending' and ${t.dueAt} is not null`),
  ],
);

/** 审批记录: every action on an instance, in order; never changed. */
export const approvalAction = pgTable(
  'approval_action',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order of the history: actions of one transaction share their time. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => approvalInstance.id),
    taskId: uuid('task_id'),
    stepIndex: integer('step_index'),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    targetUserId: uuid('target_user_id'),
    comment: text('comment'),
    attachments: jsonb('attachments').$type<TApprovalAttachment[]>().notNull().default([]),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('approval_action_instance_idx').on(t.instanceId, t.seq)],
);
