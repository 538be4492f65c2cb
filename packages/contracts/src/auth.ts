import { z } from 'zod';
import { ZDateTime, ZId, ZLocale } from './common.ts';
import { ZDataScopeValues } from './permissions.ts';

export const ZLoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZRoleRef = z.object({ id: ZId, code: z.string(), name: z.string() });

export const ZMe = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  departmentId: ZId,
  departmentName: z.string(),
  locale: ZLocale,
  roles: z.array(ZRoleRef),
  permissions: z.array(z.string()),
  dataScope: z.enum(ZDataScopeValues),
  mustChangePassword: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResponse = z.object({ user: ZMe, csrfToken: z.string() });
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZSessionInfo = z.object({ user: ZMe, csrfToken: z.string().nullable() });
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZUpdateProfile = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  email: z.email().max(128).nullable().optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  locale: ZLocale.optional(),
});
export type TUpdateProfile = z.infer<typeof ZUpdateProfile>;

export const ZPassword = z.string().min(8).max(128);

export const ZChangePassword = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: ZPassword,
});
export type TChangePassword = z.infer<typeof ZChangePassword>;

export const ZApiToken = z.object({
  id: ZId,
  name: z.string(),
  prefix: z.string(),
  createdAt: ZDateTime,
  lastUsedAt: ZDateTime.nullable(),
  expiresAt: ZDateTime.nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZCreateApiToken = z.strictObject({
  name: z.string().trim().min(1).max(64),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});
export type TCreateApiToken = z.infer<typeof ZCreateApiToken>;

export const ZCreatedApiToken = z.object({ token: z.string(), apiToken: ZApiToken });
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;
