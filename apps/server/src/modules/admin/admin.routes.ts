import {
  Permission,
  ZApiToken,
  ZAuditEntry,
  ZAuditExportQuery,
  ZAuditQuery,
  ZChangePassword,
  ZCreateApiToken,
  ZCreatedApiToken,
  ZCreateDepartment,
  ZCreateRole,
  ZCreateUser,
  ZDepartment,
  ZDepartmentList,
  ZIdParams,
  ZLoginRequest,
  ZLoginResponse,
  ZMarkRead,
  ZMe,
  ZNotification,
  ZNotificationQuery,
  ZPage,
  ZPermissionList,
  ZResetPassword,
  ZRole,
  ZRoleList,
  ZSessionInfo,
  ZSetUserActive,
  ZUnreadCount,
  ZUpdateDepartment,
  ZUpdateProfile,
  ZUpdateRole,
  ZUpdateUser,
  ZUser,
  ZUserListQuery,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPermissions } from '../../kernel/access/permissions.ts';
import { sessionCookieName } from '../../kernel/auth/auth.plugin.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import type { AuditLogService } from './audit-log.service.ts';
import type { AuthService } from './auth.service.ts';
import type { DepartmentService } from './departments.service.ts';
import type { ProfileService } from './profile.service.ts';
import type { RoleService } from './roles.service.ts';
import type { UserService } from './users.service.ts';
import { contentDisposition } from '../../kernel/files/files.service.ts';

export type AdminRouteDeps = {
  auth: AuthService;
  profile: ProfileService;
  users: UserService;
  departments: DepartmentService;
  roles: RoleService;
  auditLog: AuditLogService;
  notifications: NotificationService;
  isHttps: boolean;
};

const ZVersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export function adminRoutes(deps: AdminRouteDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const cookieName = sessionCookieName(deps.isHttps);
    const tags = (t: string) => ({ tags: [t] });

    /* auth */
    app.post(
      '/api/v1/auth/login',
      { config: { auth: 'public' }, schema: { ...tags('auth'), body: ZLoginRequest, response: { 200: ZLoginResponse } } },
      async (req, reply) => {
        const { response, sessionToken, expiresAt } = await deps.auth.login(
          req.body,
          { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) },
          req.cookies[cookieName],
        );
        void reply.setCookie(cookieName, sessionToken, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.isHttps,
          path: '/',
          expires: expiresAt,
        });
        return response;
      },
    );
    app.post('/api/v1/auth/logout', { schema: { ...tags('auth') } }, async (req, reply) => {
      await deps.auth.logout(req.actor);
      void reply.clearCookie(cookieName, { path: '/' });
      return reply.code(204).send();
    });
    app.get('/api/v1/auth/session', { schema: { ...tags('auth'), response: { 200: ZSessionInfo } } }, async (req) => ({
      user: await deps.auth.me(req.actor, req.locale),
      csrfToken: req.actor.auth.method === 'session' ? req.actor.auth.csrfToken : null,
    }));

    /* me */
    app.get('/api/v1/me', { schema: { ...tags('me'), response: { 200: ZMe } } }, (req) => deps.auth.me(req.actor, req.locale));
    app.patch('/api/v1/me', { schema: { ...tags('me'), body: ZUpdateProfile, response: { 200: ZMe } } }, (req) =>
      deps.profile.update(req.actor, req.body, req.locale),
    );
    app.post('/api/v1/me/password', { schema: { ...tags('me'), body: ZChangePassword } }, async (req, reply) => {
      await deps.auth.changePassword(req.actor, req.body);
      return reply.code(204).send();
    });
    app.get('/api/v1/me/api-tokens', { schema: { ...tags('me'), response: { 200: ZPage(ZApiToken) } } }, async (req) => ({
      items: await deps.auth.listApiTokens(req.actor),
      nextCursor: null,
    }));
    app.post(
      '/api/v1/me/api-tokens',
      { schema: { ...tags('me'), body: ZCreateApiToken, response: { 201: ZCreatedApiToken } } },
      async (req, reply) => reply.code(201).send(await deps.auth.createApiToken(req.actor, req.body)),
    );
    app.delete('/api/v1/me/api-tokens/:id', { schema: { ...tags('me'), params: ZIdParams } }, async (req, reply) => {
      await deps.auth.revokeApiToken(req.actor, req.params.id);
      return reply.code(204).send();
    });

    /* departments */
    const deptRead = { permission: Permission.departmentRead };
    const deptManage = { permission: Permission.departmentManage };
    app.get(
      '/api/v1/departments',
      { config: deptRead, schema: { ...tags('organisation'), response: { 200: ZDepartmentList } } },
      async (req) => ({
        items: await deps.departments.list(req.actor),
        nextCursor: null,
      }),
    );
    app.get(
      '/api/v1/departments/:id',
      { config: deptRead, schema: { ...tags('organisation'), params: ZIdParams, response: { 200: ZDepartment } } },
      (req) => deps.departments.get(req.actor, req.params.id),
    );
    app.post(
      '/api/v1/departments',
      { config: deptManage, schema: { ...tags('organisation'), body: ZCreateDepartment, response: { 201: ZDepartment } } },
      async (req, reply) => reply.code(201).send(await deps.departments.create(req.actor, req.body)),
    );
    app.patch(
      '/api/v1/departments/:id',
      {
        config: deptManage,
        schema: { ...tags('organisation'), params: ZIdParams, body: ZUpdateDepartment, response: { 200: ZDepartment } },
      },
      (req) => deps.departments.update(req.actor, req.params.id, req.body),
    );
    app.delete(
      '/api/v1/departments/:id',
      { config: deptManage, schema: { ...tags('organisation'), params: ZIdParams, querystring: ZVersionQuery } },
      async (req, reply) => {
        await deps.departments.remove(req.actor, req.params.id, req.query.version);
        return reply.code(204).send();
      },
    );

    /* users */
    const userRead = { permission: Permission.userRead };
    const userManage = { permission: Permission.userManage };
    app.get(
      '/api/v1/users',
      { config: userRead, schema: { ...tags('organisation'), querystring: ZUserListQuery, response: { 200: ZPage(ZUser) } } },
      (req) => deps.users.list(req.actor, req.query, req.locale),
    );
    app.get(
      '/api/v1/users/:id',
      { config: userRead, schema: { ...tags('organisation'), params: ZIdParams, response: { 200: ZUser } } },
      (req) => deps.users.get(req.actor, req.params.id, req.locale),
    );
    app.post(
      '/api/v1/users',
      { config: userManage, schema: { ...tags('organisation'), body: ZCreateUser, response: { 201: ZUser } } },
      async (req, reply) => reply.code(201).send(await deps.users.create(req.actor, req.body, req.locale)),
    );
    app.patch(
      '/api/v1/users/:id',
      { config: userManage, schema: { ...tags('organisation'), params: ZIdParams, body: ZUpdateUser, response: { 200: ZUser } } },
      (req) => deps.users.update(req.actor, req.params.id, req.body, req.locale),
    );
    app.post(
      '/api/v1/users/:id/active',
      { config: userManage, schema: { ...tags('organisation'), params: ZIdParams, body: ZSetUserActive, response: { 200: ZUser } } },
      (req) => deps.users.setActive(req.actor, req.params.id, req.body, req.locale),
    );
    app.post(
      '/api/v1/users/:id/password',
      { config: userManage, schema: { ...tags('organisation'), params: ZIdParams, body: ZResetPassword } },
      async (req, reply) => {
        await deps.users.resetPassword(req.actor, req.params.id, req.body);
        return reply.code(204).send();
      },
    );

    /* roles and permissions */
    const roleRead = { permission: Permission.roleRead };
    const roleManage = { permission: Permission.roleManage };
    app.get('/api/v1/roles', { config: roleRead, schema: { ...tags('organisation'), response: { 200: ZRoleList } } }, async (req) => ({
      items: await deps.roles.list(req.actor, req.locale),
      nextCursor: null,
    }));
    app.get(
      '/api/v1/roles/:id',
      { config: roleRead, schema: { ...tags('organisation'), params: ZIdParams, response: { 200: ZRole } } },
      (req) => deps.roles.get(req.actor, req.params.id, req.locale),
    );
    app.post(
      '/api/v1/roles',
      { config: roleManage, schema: { ...tags('organisation'), body: ZCreateRole, response: { 201: ZRole } } },
      async (req, reply) => reply.code(201).send(await deps.roles.create(req.actor, req.body, req.locale)),
    );
    app.patch(
      '/api/v1/roles/:id',
      { config: roleManage, schema: { ...tags('organisation'), params: ZIdParams, body: ZUpdateRole, response: { 200: ZRole } } },
      (req) => deps.roles.update(req.actor, req.params.id, req.body, req.locale),
    );
    app.delete('/api/v1/roles/:id', { config: roleManage, schema: { ...tags('organisation'), params: ZIdParams } }, async (req, reply) => {
      await deps.roles.remove(req.actor, req.params.id);
      return reply.code(204).send();
    });
    app.get(
      '/api/v1/permissions',
      { config: roleRead, schema: { ...tags('organisation'), response: { 200: ZPermissionList } } },
      async (req) => ({
        items: listPermissions(req.locale),
      }),
    );

    /* audit log */
    app.get(
      '/api/v1/audit-log',
      {
        config: { permission: Permission.auditRead },
        schema: { ...tags('audit'), querystring: ZAuditQuery, response: { 200: ZPage(ZAuditEntry) } },
      },
      (req) => deps.auditLog.list(req.actor, req.query),
    );
    app.get(
      '/api/v1/audit-log/export',
      { config: { permission: Permission.auditExport }, schema: { ...tags('audit'), querystring: ZAuditExportQuery } },
      async (req, reply) => {
        const file = await deps.auditLog.export(req.actor, req.query, req.locale);
        return reply.type(file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.stream);
      },
    );

    /* notifications */
    app.get(
      '/api/v1/notifications',
      { schema: { ...tags('notifications'), querystring: ZNotificationQuery, response: { 200: ZPage(ZNotification) } } },
      (req) => deps.notifications.list(req.actor, req.query, req.locale),
    );
    app.get(
      '/api/v1/notifications/unread-count',
      { schema: { ...tags('notifications'), response: { 200: ZUnreadCount } } },
      async (req) => ({
        unread: await deps.notifications.unreadCount(req.actor),
      }),
    );
    app.post('/api/v1/notifications/read', { schema: { ...tags('notifications'), body: ZMarkRead } }, async (req, reply) => {
      await deps.notifications.markRead(req.actor, req.body);
      return reply.code(204).send();
    });
  };
}
