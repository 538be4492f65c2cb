import type { TCreateRole, TRole, TUpdateRole } from '@crm/contracts';
import { isKnownPermission } from '../../kernel/access/permissions.ts';
import { writeAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { iso } from '../../kernel/http/pagination.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { AdminErrorCode } from './admin.errors.ts';
import type { OrgDirectory } from './org-directory.ts';
import * as repo from './org.repository.ts';

function toDto(r: repo.RoleView, locale: Locale): TRole {
  return {
    id: r.id,
    code: r.code,
    name: locale === 'zh-CN' ? r.nameZh : r.nameEn,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    description: r.description,
    isBuiltin: r.isBuiltin,
    permissions: [...r.permissions].sort(),
    dataScope: r.dataScope,
    userCount: r.userCount,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

function assertKnown(permissions: string[]): void {
  const unknown = permissions.filter((p) => !isKnownPermission(p));
  if (unknown.length > 0) {
    throw new AppError(AdminErrorCode.UNKNOWN_PERMISSION, {
      params: { key: unknown.join(', ') },
      fields: unknown.map((key) => ({
        path: `permissions.${permissions.indexOf(key)}`,
        code: 'unknown',
        messageKey: 'error.UNKNOWN_PERMISSION',
        params: { key },
      })),
    });
  }
}

export function createRoleService(deps: { db: Db; clock: Clock; directory: Pick<OrgDirectory, 'invalidate'> }) {
  const { db, clock } = deps;
  /** Runs a change in one transaction; once committed, actors are rebuilt from fresh roles and departments. */
  const change = <T>(fn: (tx: Db) => Promise<T>): Promise<T> =>
    withTx(db, fn).then((result) => {
      deps.directory.invalidate();
      return result;
    });
  return {
    async list(actor: Actor, locale: Locale): Promise<TRole[]> {
      await writeReadAudit(db, actor, { action: 'role.list', entityType: 'role' });
      return (await repo.listRoles(db)).map((r) => toDto(r, locale));
    },

    async get(actor: Actor, id: string, locale: Locale): Promise<TRole> {
      const row = await repo.findRole(db, id);
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, { action: 'role.read', entityType: 'role', entityId: id });
      return toDto(row, locale);
    },

    async create(actor: Actor, input: TCreateRole, locale: Locale): Promise<TRole> {
      assertKnown(input.permissions);
      return change(async (tx) => {
        if (await repo.findRoleByCode(tx, input.code)) {
          throw new AppError(AdminErrorCode.ROLE_CODE_TAKEN, {
            fields: [{ path: 'code', code: 'taken', messageKey: 'error.ROLE_CODE_TAKEN' }],
          });
        }
        const now = clock.now();
        const row = await repo.insertRole(tx, {
          ...input,
          description: input.description ?? null,
          permissions: [...new Set(input.permissions)].sort(),
          isBuiltin: false,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await writeAudit(tx, actor, { action: 'role.create', entityType: 'role', entityId: row.id, after: row });
        return toDto({ ...row, userCount: 0 }, locale);
      });
    },

    async update(actor: Actor, id: string, input: TUpdateRole, locale: Locale): Promise<TRole> {
      if (input.permissions) assertKnown(input.permissions);
      return change(async (tx) => {
        const before = await repo.findRole(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        const { version, ...changes } = input;
        const row = await repo.updateRole(tx, id, version, {
          ...changes,
          ...(changes.permissions ? { permissions: [...new Set(changes.permissions)].sort() } : {}),
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, { action: 'role.update', entityType: 'role', entityId: id, before, after: row });
        return toDto({ ...row, userCount: before.userCount }, locale);
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await change(async (tx) => {
        const before = await repo.findRole(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        if (before.isBuiltin) throw new AppError(AdminErrorCode.ROLE_BUILTIN);
        const users = await repo.countUsersWithRole(tx, id);
        if (users > 0) throw new AppError(AdminErrorCode.ROLE_IN_USE, { params: { count: users } });
        await repo.deleteRole(tx, id);
        await writeAudit(tx, actor, { action: 'role.delete', entityType: 'role', entityId: id, before });
      });
    },
  };
}
export type RoleService = ReturnType<typeof createRoleService>;
