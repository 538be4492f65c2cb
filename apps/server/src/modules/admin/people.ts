import type { Db } from '../../kernel/db/database.ts';
import type { OrgDirectory } from './org-directory.ts';
import {
  findUserOrgPlace,
  listActiveUserIds,
  listActiveUsersWithRole,
  listActiveRoleHolders,
  listDepartmentHeads,
  searchActiveUsers,
  listActiveUsersWithPermission,
  listDepartmentIdsByCode,
  listDepartmentNames,
  listDepartmentTree,
  listRoster,
  listUserIdsByUsername,
  listUserRoleCodes,
  listUserSummaries,
} from './org.repository.ts';

export type UserSummary = { id: string; displayName: string; departmentId: string; departmentName: string; isActive: boolean };

/** What other modules may know of users and departments: names for display, departments for ownership. */
export function createPeople(deps: { db: Db; directory: Pick<OrgDirectory, 'subtree'> }) {
  return {
    async summaries(userIds: readonly (string | null)[]): Promise<Map<string, UserSummary>> {
      const ids = userIds.filter((id): id is string => id !== null);
      return new Map((await listUserSummaries(deps.db, ids)).map((u) => [u.id, u]));
    },
    async summary(userId: string): Promise<UserSummary | undefined> {
      return (await listUserSummaries(deps.db, [userId]))[0];
    },
    subtree: (departmentId: string) => deps.directory.subtree(departmentId),
    /** For seeds and imports that name departments by code. */
    async departmentIdsByCode(codes: readonly string[]): Promise<Map<string, string>> {
      return new Map((await listDepartmentIdsByCode(deps.db, codes)).map((d) => [d.code, d.id]));
    },
    async departmentNames(departmentIds: readonly (string | null)[]): Promise<Map<string, string>> {
      const ids = departmentIds.filter((id): id is string => id !== null);
      return new Map((await listDepartmentNames(deps.db, ids)).map((d) => [d.id, d.name]));
    },
    /** Active users anywhere in the department's subtree who hold the permission (e.g. who may own customers). */
    async membersWithPermission(departmentId: string, permission: string): Promise<UserSummary[]> {
      return listActiveUsersWithPermission(deps.db, await deps.directory.subtree(departmentId), permission);
    },
    /** Every department with its parent, name and materialised path (`/root/…/self/`), in display order. */
    departmentTree: () => listDepartmentTree(deps.db),
    /**
     * Users of the departments (all departments when none given), disabled ones too, each with
     * whether one of their roles grants the permission (e.g. who carries a sales target).
     */
    roster: (departmentIds: readonly string[] | undefined, permission: string) => listRoster(deps.db, departmentIds, permission),
    /** The role codes of each user (e.g. for limits that depend on the role, such as quote discounts). */
    async roleCodes(userIds: readonly (string | null)[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      const ids = userIds.filter((id): id is string => id !== null);
      for (const r of await listUserRoleCodes(deps.db, ids)) {
        out.set(r.userId, [...(out.get(r.userId) ?? []), r.code]);
      }
      return out;
    },
    /** Active users by name or username, for pickers open to every signed-in user (e.g. transfer an approval). */
    search: (q: string, limit = 20) => searchActiveUsers(deps.db, q.trim(), limit),
    /**
     * The organisation as the approvals engine resolves approvers: every function takes the
     * transaction it runs in (approvers are resolved inside the deciding transaction).
     */
    org: {
      place: (tx: Db, userId: string) => findUserOrgPlace(tx, userId),
      departmentHeads: (tx: Db, departmentIds: readonly string[]) => listDepartmentHeads(tx, departmentIds),
      usersWithRole: (tx: Db, departmentIds: readonly string[], roleCode: string) => listActiveUsersWithRole(tx, departmentIds, roleCode),
      roleHolders: (tx: Db, roleCode: string) => listActiveRoleHolders(tx, roleCode),
      activeUserIds: (tx: Db, userIds: readonly string[]) => listActiveUserIds(tx, userIds),
      async names(tx: Db, userIds: readonly string[]): Promise<Map<string, string>> {
        return new Map((await listUserSummaries(tx, userIds)).map((u) => [u.id, u.displayName]));
      },
    },
    /** For seeds and imports that name users by username. */
    async idsByUsername(usernames: readonly string[]): Promise<Map<string, string>> {
      return new Map((await listUserIdsByUsername(deps.db, usernames)).map((u) => [u.username, u.id]));
    },
  };
}
export type People = ReturnType<typeof createPeople>;
