import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';

export const department = pgTable(
  'department',
  {
    ...recordColumns(),
    parentId: uuid('parent_id').references((): AnyPgColumn => department.id),
    name: text('name').notNull(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['group', 'business_unit', 'office', 'team'] }).notNull(),
    /** Materialised path of ids, `/root/…/self/`: a subtree is a prefix match. */
    path: text('path').notNull(),
    headUserId: uuid('head_user_id'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    uniqueIndex('department_code_key').on(sql`lower(${t.code})`),
    index('department_parent_idx').on(t.parentId),
    index('department_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

export const appUser = pgTable(
  'app_user',
  {
    ...recordColumns(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => department.id),
    managerId: uuid('manager_id').references((): AnyPgColumn => appUser.id),
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    locale: text('locale', { enum: ['zh-CN', 'en-US'] })
      .notNull()
      .default('zh-CN'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamptz('password_changed_at'),
    lastLoginAt: timestamptz('last_login_at'),
  },
  (t) => [
    uniqueIndex('app_user_username_key').on(sql`lower(${t.username})`),
    index('app_user_department_idx').on(t.departmentId),
    index('app_user_display_name_idx').on(t.displayName, t.id),
    index('app_user_created_idx').on(t.createdAt, t.id),
    index('app_user_username_sort_idx').on(t.username, t.id),
  ],
);

export const role = pgTable(
  'role',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    isBuiltin: boolean('is_builtin').notNull().default(false),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    dataScope: text('data_scope', { enum: ['own', 'department', 'all'] }).notNull(),
  },
  (t) => [uniqueIndex('role_code_key').on(t.code)],
);

export const userRole = pgTable(
  'user_role',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => role.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_role_role_idx').on(t.roleId)],
);

/** Server-side sessions; the id is the SHA-256 of the cookie value, which is never stored. */
export const userSession = pgTable(
  'user_session',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamptz('created_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('user_session_user_idx').on(t.userId), index('user_session_expires_idx').on(t.expiresAt)],
);

/** Personal API tokens; only the SHA-256 of the token is stored. */
export const apiToken = pgTable(
  'api_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastUsedAt: timestamptz('last_used_at'),
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [uniqueIndex('api_token_hash_key').on(t.tokenHash), index('api_token_user_idx').on(t.userId)],
);

/** Failed sign-ins, for throttling per account and per address. */
export const loginFailure = pgTable(
  'login_failure',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [index('login_failure_username_idx').on(t.username, t.at), index('login_failure_ip_idx').on(t.ip, t.at)],
);

/** Default grants of built-in roles already applied once; an administrator's later removal sticks. */
export const roleDefaultGrant = pgTable(
  'role_default_grant',
  {
    roleCode: text('role_code').notNull(),
    permission: text('permission').notNull(),
    appliedAt: timestamptz('applied_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roleCode, t.permission] })],
);
