import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './db/columns.ts';

/** Insert-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. */
export const auditEntry = pgTable(
  'audit_entry',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamptz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    changes: jsonb('changes').$type<Record<string, { from?: unknown; to?: unknown }>>(),
    meta: jsonb('meta').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_entry_at_idx').on(t.at, t.id),
    index('audit_entry_actor_idx').on(t.actorId, t.at, t.id),
    index('audit_entry_entity_idx').on(t.entityType, t.entityId, t.at, t.id),
    index('audit_entry_action_idx').on(t.action, t.at, t.id),
  ],
);

/** Records shared explicitly with a user, seen by them as if owned (the "own" data scope). */
export const recordShare = pgTable(
  'record_share',
  {
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    userId: uuid('user_id').notNull(),
    grantedBy: uuid('granted_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entityType, t.entityId, t.userId] }), index('record_share_user_idx').on(t.userId, t.entityType)],
);

export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['pending', 'completed'] }).notNull(),
    statusCode: integer('status_code'),
    responseBody: text('response_body'),
    responseType: text('response_type'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index('idempotency_key_created_idx').on(t.createdAt)],
);

/** Gap-free document numbers: one counter per pattern key and period, advanced inside the business transaction. */
export const numberSequence = pgTable(
  'number_sequence',
  {
    key: text('key').notNull(),
    period: text('period').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.period] })],
);

export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    params: jsonb('params')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    link: text('link'),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    readAt: timestamptz('read_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('notification_user_idx').on(t.userId, t.createdAt, t.id)],
);

export const storedFile = pgTable(
  'stored_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storageKey: text('storage_key').notNull(),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('stored_file_sha_idx').on(t.sha256), index('stored_file_owner_idx').on(t.ownerId)],
);
