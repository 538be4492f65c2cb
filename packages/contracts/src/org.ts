import { z } from 'zod';
import { ZBoolString, ZDateTime, ZId, ZListQuery, ZLocale, ZVersion } from './common.ts';
import { ZPassword, ZRoleRef } from './auth.ts';
import { ZDataScopeValues } from './permissions.ts';

export const ZDepartmentKindValues = ['group', 'business_unit', 'office', 'team'] as const;
export const ZDepartmentKind = z.enum(ZDepartmentKindValues);
export type TDepartmentKind = z.infer<typeof ZDepartmentKind>;

export const ZDepartment = z.object({
  id: ZId,
  parentId: ZId.nullable(),
  name: z.string(),
  code: z.string(),
  kind: ZDepartmentKind,
  headUserId: ZId.nullable(),
  headUserName: z.string().nullable(),
  sortOrder: z.number().int(),
  userCount: z.number().int(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZDepartmentList = z.object({ items: z.array(ZDepartment), nextCursor: z.null() });

export const ZCreateDepartment = z.strictObject({
  parentId: ZId,
  name: z.string().trim().min(1).max(64),
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/),
  kind: ZDepartmentKind,
  headUserId: ZId.nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export type TCreateDepartment = z.infer<typeof ZCreateDepartment>;

export const ZUpdateDepartment = z.strictObject({
  version: ZVersion,
  parentId: ZId.optional(),
  name: z.string().trim().min(1).max(64).optional(),
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  kind: ZDepartmentKind.optional(),
  headUserId: ZId.nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export type TUpdateDepartment = z.infer<typeof ZUpdateDepartment>;

export const ZUser = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  departmentId: ZId,
  departmentName: z.string(),
  managerId: ZId.nullable(),
  managerName: z.string().nullable(),
  roles: z.array(ZRoleRef),
  isActive: z.boolean(),
  locale: ZLocale,
  lastLoginAt: ZDateTime.nullable(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TUser = z.infer<typeof ZUser>;

export const ZUsername = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/);

export const ZCreateUser = z.strictObject({
  username: ZUsername,
  displayName: z.string().trim().min(1).max(64),
  email: z.email().max(128).nullable().optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  departmentId: ZId,
  managerId: ZId.nullable().optional(),
  roleIds: z.array(ZId).max(20),
  locale: ZLocale.optional(),
  password: ZPassword,
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z.strictObject({
  version: ZVersion,
  displayName: z.string().trim().min(1).max(64).optional(),
  email: z.email().max(128).nullable().optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  departmentId: ZId.optional(),
  managerId: ZId.nullable().optional(),
  roleIds: z.array(ZId).max(20).optional(),
  locale: ZLocale.optional(),
});
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZSetUserActive = z.strictObject({ version: ZVersion, isActive: z.boolean() });
export type TSetUserActive = z.infer<typeof ZSetUserActive>;

export const ZResetPassword = z.strictObject({
  newPassword: ZPassword,
  mustChangePassword: z.boolean().optional(),
});
export type TResetPassword = z.infer<typeof ZResetPassword>;

export const ZUserSortValues = ['username', '-username', 'displayName', '-displayName', 'createdAt', '-createdAt'] as const;

export const ZUserListQuery = ZListQuery.extend({
  q: z.string().trim().max(64).optional(),
  departmentId: ZId.optional(),
  includeSubDepartments: ZBoolString.optional(),
  roleId: ZId.optional(),
  isActive: ZBoolString.optional(),
  sort: z.enum(ZUserSortValues).default('username'),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

export const ZRole = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  isBuiltin: z.boolean(),
  permissions: z.array(z.string()),
  dataScope: z.enum(ZDataScopeValues),
  userCount: z.number().int(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TRole = z.infer<typeof ZRole>;

export const ZRoleList = z.object({ items: z.array(ZRole), nextCursor: z.null() });

export const ZCreateRole = z.strictObject({
  code: z
    .string()
    .trim()
    .min(2)
    .max(32)
    .regex(/^[a-z][a-z0-9_]*$/),
  nameZh: z.string().trim().min(1).max(64),
  nameEn: z.string().trim().min(1).max(64),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: z.array(z.string().max(64)).max(500),
  dataScope: z.enum(ZDataScopeValues),
});
export type TCreateRole = z.infer<typeof ZCreateRole>;

export const ZUpdateRole = z.strictObject({
  version: ZVersion,
  nameZh: z.string().trim().min(1).max(64).optional(),
  nameEn: z.string().trim().min(1).max(64).optional(),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: z.array(z.string().max(64)).max(500).optional(),
  dataScope: z.enum(ZDataScopeValues).optional(),
});
export type TUpdateRole = z.infer<typeof ZUpdateRole>;

export const ZPermissionInfo = z.object({
  key: z.string(),
  group: z.string(),
  groupLabel: z.string(),
  label: z.string(),
});
export type TPermissionInfo = z.infer<typeof ZPermissionInfo>;
export const ZPermissionList = z.object({ items: z.array(ZPermissionInfo) });
