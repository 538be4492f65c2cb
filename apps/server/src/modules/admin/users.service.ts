import type { TCreateUser, TPage, TResetPassword, TSetUserActive, TUpdateUser, TUser, TUserListQuery } from '@crm/contracts';
import { z } from 'zod';
import { scopeFilter } from '../../kernel/access/access.ts';
import { writeAudit, writeListAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { decodeCursor, iso, toPage } from '../../kernel/http/pagination.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import { AdminErrorCode } from './admin.errors.ts';
import { assertPasswordPolicy } from './auth.service.ts';
import * as authRepo from './auth.repository.ts';
import type { OrgDirectory } from './org-directory.ts';
import * as repo from './org.repository.ts';
import { hashPassword } from './passwords.ts';

export function toUserDto(u: repo.UserView, locale: Locale): TUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    phone: u.phone,
    departmentId: u.departmentId,
    departmentName: u.departmentName,
    managerId: u.managerId,
    managerName: u.managerName,
    roles: u.roles.map((r) => ({ id: r.id, code: r.code, name: locale === 'zh-CN' ? r.nameZh : r.nameEn })),
    isActive: u.isActive,
    locale: u.locale,
    lastLoginAt: iso(u.lastLoginAt),
    version: u.version,
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
  };
}

const ZCursor = z.tuple([z.string(), z.uuid()]);

/** The auditable shape of a user (no hash), for before/after diffs. */
function auditShape(u: repo.UserView | repo.UserRow, roleIds?: string[]) {
  const { passwordHash: _hash, ...rest } = u as repo.UserRow;
  return { ...rest, ...(roleIds ? { roleIds: [...roleIds].sort() } : {}) };
}

export function createUserService(deps: {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  directory: Pick<OrgDirectory, 'subtree' | 'invalidate'>;
}) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.userScopeColumns);

  async function loadScoped(tx: Db, actor: Actor, id: string): Promise<repo.UserView> {
    const user = await repo.findUser(tx, id, scopeOf(actor));
    if (!user) throw new AppError(CommonError.NOT_FOUND);
    return user;
  }

  async function assertRolesExist(tx: Db, roleIds: string[]): Promise<void> {
    const roles = await repo.findRolesByIds(tx, roleIds);
    const missing = roleIds.filter((id) => !roles.some((r) => r.id === id));
    if (missing.length > 0) {
      throw new AppError(CommonError.VALIDATION_FAILED, {
        fields: missing.map((id) => ({ path: `roleIds.${roleIds.indexOf(id)}`, code: 'not_found', messageKey: 'error.NOT_FOUND' })),
      });
    }
  }

  async function assertDepartmentInScope(tx: Db, actor: Actor, departmentId: string): Promise<void> {
    const exists = await repo.departmentExists(tx, departmentId);
    if (!exists || (actor.dataScope !== 'all' && !actor.departmentIds.includes(departmentId))) {
      throw new AppError(CommonError.VALIDATION_FAILED, {
        fields: [{ path: 'departmentId', code: 'not_found', messageKey: 'error.NOT_FOUND' }],
      });
    }
  }

  async function assertManager(tx: Db, userId: string | null, managerId: string | null | undefined): Promise<void> {
    if (!managerId) return;
    const mgr = await repo.findUser(tx, managerId);
    if (!mgr)
      throw new AppError(CommonError.VALIDATION_FAILED, {
        fields: [{ path: 'managerId', code: 'not_found', messageKey: 'error.NOT_FOUND' }],
      });
    if (userId && (managerId === userId || (await repo.managerChain(tx, managerId)).includes(userId))) {
      throw new AppError(AdminErrorCode.MANAGER_CYCLE, {
        fields: [{ path: 'managerId', code: 'cycle', messageKey: 'error.MANAGER_CYCLE' }],
      });
    }
  }

  /** A user change alters member counts of the department tree. */
  const changed = <T>(result: T): T => {
    deps.directory.invalidate();
    return result;
  };

  return {
    async list(actor: Actor, query: TUserListQuery, locale: Locale): Promise<TPage<TUser>> {
      const isDesc = query.sort.startsWith('-');
      const sort = query.sort.replace(/^-/, '') as repo.UserSortKey;
      const after = decodeCursor(query.cursor, ZCursor);
      let departmentIds: string[] | undefined;
      if (query.departmentId) {
        departmentIds = query.includeSubDepartments ? await deps.directory.subtree(query.departmentId) : [query.departmentId];
      }
      const rows = await repo.listUsers(db, {
        scope: scopeOf(actor),
        q: query.q,
        departmentIds,
        roleId: query.roleId,
        isActive: query.isActive,
        sort,
        desc: isDesc,
        after: after ? [sort === 'createdAt' ? new Date(after[0]) : after[0], after[1]] : undefined,
        limit: query.limit + 1,
      });
      await writeListAudit(db, actor, { action: 'user.list', entityType: 'user' }, query);
      return toPage(
        rows,
        query.limit,
        (u) => [sort === 'createdAt' ? u.createdAt.toISOString() : sort === 'displayName' ? u.displayName : u.username, u.id],
        (u) => toUserDto(u, locale),
      );
    },

    async get(actor: Actor, id: string, locale: Locale): Promise<TUser> {
      const user = await loadScoped(db, actor, id);
      await writeReadAudit(db, actor, { action: 'user.read', entityType: 'user', entityId: id });
      return toUserDto(user, locale);
    },

    async create(actor: Actor, input: TCreateUser, locale: Locale): Promise<TUser> {
      assertPasswordPolicy(input.password, input.username, 'password');
      const passwordHash = await hashPassword(input.password);
      return withTx(db, async (tx): Promise<TUser> => {
        if (await repo.findUserIdByUsername(tx, input.username)) {
          throw new AppError(AdminErrorCode.USERNAME_TAKEN, {
            fields: [{ path: 'username', code: 'taken', messageKey: 'error.USERNAME_TAKEN' }],
          });
        }
        await assertDepartmentInScope(tx, actor, input.departmentId);
        await assertRolesExist(tx, input.roleIds);
        await assertManager(tx, null, input.managerId);
        const now = clock.now();
        const row = await repo.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          email: input.email ?? null,
          phone: input.phone ?? null,
          departmentId: input.departmentId,
          managerId: input.managerId ?? null,
          passwordHash,
          locale: input.locale ?? 'zh-CN',
          mustChangePassword: true,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await repo.setUserRoles(tx, row.id, input.roleIds);
        await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: auditShape(row, input.roleIds) });
        const created = await repo.findUser(tx, row.id);
        return toUserDto(created!, locale);
      }).then(changed);
    },

    async update(actor: Actor, id: string, input: TUpdateUser, locale: Locale): Promise<TUser> {
      return withTx(db, async (tx): Promise<TUser> => {
        const before = await loadScoped(tx, actor, id);
        if (before.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        if (input.departmentId && input.departmentId !== before.departmentId) await assertDepartmentInScope(tx, actor, input.departmentId);
        if (input.managerId !== undefined) await assertManager(tx, id, input.managerId);
        const beforeRoleIds = before.roles.map((r) => r.id);
        if (input.roleIds) {
          await assertRolesExist(tx, input.roleIds);
          const removesAdmin =
            before.roles.some((r) => r.code === 'admin') && !(await repo.findRolesByIds(tx, input.roleIds)).some((r) => r.code === 'admin');
          if (removesAdmin && before.isActive && (await authRepo.countActiveAdmins(tx, id)) === 0)
            throw new AppError(AdminErrorCode.LAST_ADMIN);
        }
        const { version, roleIds, ...changes } = input;
        const row = await repo.updateUser(tx, id, version, { ...changes, updatedAt: clock.now(), updatedBy: actor.userId });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        if (roleIds) await repo.setUserRoles(tx, id, roleIds);
        await writeAudit(tx, actor, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before: auditShape(before, beforeRoleIds),
          after: auditShape(row, roleIds ?? beforeRoleIds),
        });
        return toUserDto((await repo.findUser(tx, id))!, locale);
      }).then(changed);
    },

    /** Disabling ends the user's sessions at once; their API tokens stop working with it. */
    async setActive(actor: Actor, id: string, input: TSetUserActive, locale: Locale): Promise<TUser> {
      if (!input.isActive && id === actor.userId) throw new AppError(AdminErrorCode.CANNOT_DISABLE_SELF);
      return withTx(db, async (tx): Promise<TUser> => {
        const before = await loadScoped(tx, actor, id);
        if (before.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        if (!input.isActive && before.roles.some((r) => r.code === 'admin') && (await authRepo.countActiveAdmins(tx, id)) === 0) {
          throw new AppError(AdminErrorCode.LAST_ADMIN);
        }
        const row = await repo.updateUser(tx, id, input.version, {
          isActive: input.isActive,
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        const ended = input.isActive ? 0 : await authRepo.deleteSessionsOfUser(tx, id);
        await writeAudit(tx, actor, {
          action: input.isActive ? 'user.enable' : 'user.disable',
          entityType: 'user',
          entityId: id,
          before: { isActive: before.isActive },
          after: { isActive: row.isActive },
          meta: { sessionsEnded: ended },
        });
        return toUserDto((await repo.findUser(tx, id))!, locale);
      }).then(changed);
    },

    async resetPassword(actor: Actor, id: string, input: TResetPassword): Promise<void> {
      const target = await loadScoped(db, actor, id);
      assertPasswordPolicy(input.newPassword, target.username, 'newPassword');
      const hash = await hashPassword(input.newPassword);
      const rows = await withTx(db, async (tx) => {
        await authRepo.updatePasswordHash(tx, id, hash, clock.now(), input.mustChangePassword ?? true);
        const ended = await authRepo.deleteSessionsOfUser(tx, id);
        await writeAudit(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id, meta: { sessionsEnded: ended } });
        return deps.notifications.notify(tx, {
          userIds: [id],
          kind: 'admin.password_reset',
          params: { by: actor.displayName },
          link: '/profile',
          entityType: 'user',
          entityId: id,
        });
      });
      await deps.notifications.dispatch(rows);
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
