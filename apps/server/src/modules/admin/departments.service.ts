import type { TCreateDepartment, TDepartment, TUpdateDepartment } from '@crm/contracts';
import { writeAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { iso } from '../../kernel/http/pagination.ts';
import { AdminErrorCode } from './admin.errors.ts';
import type { OrgDirectory } from './org-directory.ts';
import * as repo from './org.repository.ts';

function toDto(d: repo.DepartmentView): TDepartment {
  return {
    id: d.id,
    parentId: d.parentId,
    name: d.name,
    code: d.code,
    kind: d.kind,
    headUserId: d.headUserId,
    headUserName: d.headUserName,
    sortOrder: d.sortOrder,
    userCount: d.userCount,
    version: d.version,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

/** Departments are the organisation's directory: readable as a whole; changed only within the actor's scope. */
export function createDepartmentService(deps: { db: Db; clock: Clock; directory: Pick<OrgDirectory, 'invalidate' | 'generation'> }) {
  const { db, clock } = deps;
  /** Runs a change in one transaction; once committed, actors are rebuilt from fresh roles and departments. */
  const change = <T>(fn: (tx: Db) => Promise<T>): Promise<T> =>
    withTx(db, fn).then((result) => {
      deps.directory.invalidate();
      return result;
    });

  function assertCanManage(actor: Actor, departmentId: string): void {
    if (actor.dataScope !== 'all' && !actor.departmentIds.includes(departmentId)) throw new AppError(CommonError.NOT_FOUND);
  }

  async function assertCodeFree(tx: Db, code: string): Promise<void> {
    if (await repo.departmentCodeExists(tx, code)) {
      throw new AppError(AdminErrorCode.DEPARTMENT_CODE_TAKEN, {
        fields: [{ path: 'code', code: 'taken', messageKey: 'error.DEPARTMENT_CODE_TAKEN' }],
      });
    }
  }

  /**
   * The tree is the same for every reader and read on most screens: kept for a few seconds, and
   * dropped at once when this node changes a department or a user (other nodes: within LIST_TTL_MS).
   */
  const LIST_TTL_MS = 5_000;
  let cached: { generation: number; at: number; items: TDepartment[] } | undefined;

  return {
    async list(actor: Actor): Promise<TDepartment[]> {
      if (!cached || cached.generation !== deps.directory.generation() || Date.now() - cached.at > LIST_TTL_MS) {
        const generation = deps.directory.generation();
        cached = { generation, at: Date.now(), items: (await repo.listDepartments(db, undefined)).map(toDto) };
      }
      await writeReadAudit(db, actor, { action: 'department.list', entityType: 'department' });
      return cached.items;
    },

    async get(actor: Actor, id: string): Promise<TDepartment> {
      const row = await repo.findDepartment(db, id);
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, { action: 'department.read', entityType: 'department', entityId: id });
      return toDto(row);
    },

    async create(actor: Actor, input: TCreateDepartment): Promise<TDepartment> {
      assertCanManage(actor, input.parentId);
      return change(async (tx) => {
        const parent = await repo.findDepartment(tx, input.parentId);
        if (!parent)
          throw new AppError(CommonError.VALIDATION_FAILED, {
            fields: [{ path: 'parentId', code: 'not_found', messageKey: 'error.NOT_FOUND' }],
          });
        const id = crypto.randomUUID();
        const now = clock.now();
        const row = await repo.insertDepartment(tx, {
          id,
          parentId: parent.id,
          name: input.name,
          code: input.code,
          kind: input.kind,
          path: `${parent.path}${id}/`,
          headUserId: input.headUserId ?? null,
          sortOrder: input.sortOrder ?? 0,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await writeAudit(tx, actor, { action: 'department.create', entityType: 'department', entityId: id, after: row });
        return toDto({ ...row, headUserName: null, userCount: 0 });
      });
    },

    async update(actor: Actor, id: string, input: TUpdateDepartment): Promise<TDepartment> {
      assertCanManage(actor, id);
      return change(async (tx) => {
        const before = await repo.findDepartment(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        if (before.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        if (input.code && input.code.toLowerCase() !== before.code.toLowerCase()) await assertCodeFree(tx, input.code);
        let path = before.path;
        if (input.parentId !== undefined && input.parentId !== before.parentId) {
          if (!before.parentId) throw new AppError(AdminErrorCode.ROOT_DEPARTMENT_FIXED);
          assertCanManage(actor, input.parentId);
          const parent = await repo.findDepartment(tx, input.parentId);
          if (!parent)
            throw new AppError(CommonError.VALIDATION_FAILED, {
              fields: [{ path: 'parentId', code: 'not_found', messageKey: 'error.NOT_FOUND' }],
            });
          if (parent.path.startsWith(before.path)) {
            throw new AppError(AdminErrorCode.DEPARTMENT_CYCLE, {
              fields: [{ path: 'parentId', code: 'cycle', messageKey: 'error.DEPARTMENT_CYCLE' }],
            });
          }
          path = `${parent.path}${id}/`;
          await repo.rewriteSubtreePaths(tx, before.path, path);
        }
        const { version, ...changes } = input;
        const row = await repo.updateDepartment(tx, id, version, {
          ...changes,
          path,
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, { action: 'department.update', entityType: 'department', entityId: id, before, after: row });
        const view = await repo.findDepartment(tx, id);
        return toDto(view!);
      });
    },

    async remove(actor: Actor, id: string, version: number | undefined): Promise<void> {
      assertCanManage(actor, id);
      await change(async (tx) => {
        const before = await repo.findDepartment(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        if (!before.parentId) throw new AppError(AdminErrorCode.ROOT_DEPARTMENT_FIXED);
        const { children, users } = await repo.countChildrenAndUsers(tx, id);
        if (children > 0 || users > 0) throw new AppError(AdminErrorCode.DEPARTMENT_NOT_EMPTY);
        const deleted = await repo.deleteDepartment(tx, id, version ?? before.version);
        if (!deleted) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, { action: 'department.delete', entityType: 'department', entityId: id, before });
      });
    },
  };
}
export type DepartmentService = ReturnType<typeof createDepartmentService>;
