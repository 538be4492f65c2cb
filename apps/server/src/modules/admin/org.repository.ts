import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db/database.ts';
import { updateVersioned } from '../../kernel/db/versioned.ts';
import { appUser, department, role, roleDefaultGrant, userRole } from './admin.schema.ts';

export type DepartmentRow = typeof department.$inferSelect;
export type UserRow = typeof appUser.$inferSelect;
export type RoleRow = typeof role.$inferSelect;

/* ---------------------------------------------------------------- departments */

const head = alias(appUser, 'head');

export type DepartmentView = DepartmentRow & { headUserName: string | null; userCount: number };

function departmentSelect(db: Db) {
  return db
    .select({
      d: department,
      headUserName: head.displayName,
      userCount: sql<number>`(select count(*) from ${appUser} u where u.department_id = ${department.id})`.mapWith(Number),
    })
    .from(department)
    .leftJoin(head, eq(head.id, department.headUserId));
}

function toDepartmentView(r: { d: DepartmentRow; headUserName: string | null; userCount: number }): DepartmentView {
  return { ...r.d, headUserName: r.headUserName, userCount: r.userCount };
}

/** The whole tree with member counts from one grouped scan (not one count per department). */
export async function listDepartments(db: Db, scope: SQL | undefined): Promise<DepartmentView[]> {
  const counts = db
    .select({ departmentId: appUser.departmentId, n: count().as('n') })
    .from(appUser)
    .groupBy(appUser.departmentId)
    .as('counts');
  const rows = await db
    .select({ d: department, headUserName: head.displayName, userCount: sql<number>`coalesce(${counts.n}, 0)`.mapWith(Number) })
    .from(department)
    .leftJoin(head, eq(head.id, department.headUserId))
    .leftJoin(counts, eq(counts.departmentId, department.id))
    .where(scope)
    .orderBy(asc(department.sortOrder), asc(department.name));
  return rows.map(toDepartmentView);
}

export async function findDepartment(db: Db, id: string, scope?: SQL): Promise<DepartmentView | undefined> {
  const [r] = await departmentSelect(db).where(and(eq(department.id, id), scope));
  return r ? toDepartmentView(r) : undefined;
}

export async function insertDepartment(db: Db, row: typeof department.$inferInsert): Promise<DepartmentRow> {
  const [inserted] = await db.insert(department).values(row).returning();
  return inserted!;
}

export async function updateDepartment(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof department.$inferInsert>,
): Promise<DepartmentRow | undefined> {
  return updateVersioned(db, department, id, version, set);
}

/** Rewrites the paths of a moved subtree in one statement. */
export async function rewriteSubtreePaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  await db
    .update(department)
    .set({ path: sql`${newPrefix} || substr(${department.path}, ${oldPrefix.length + 1})` })
    .where(sql`${department.path} like ${oldPrefix + '%'} and ${department.path} <> ${oldPrefix}`);
}

export async function countChildrenAndUsers(db: Db, id: string): Promise<{ children: number; users: number }> {
  const [row] = await db
    .select({
      children: sql<number>`(select count(*) from ${department} c where c.parent_id = ${id})`.mapWith(Number),
      users: sql<number>`(select count(*) from ${appUser} u where u.department_id = ${id})`.mapWith(Number),
    })
    .from(sql`(select 1) as one`);
  return { children: row?.children ?? 0, users: row?.users ?? 0 };
}

export async function deleteDepartment(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(department)
    .where(and(eq(department.id, id), eq(department.version, version)))
    .returning({ id: department.id });
  return rows.length > 0;
}

export async function departmentCodeExists(db: Db, code: string): Promise<boolean> {
  const [row] = await db
    .select({ id: department.id })
    .from(department)
    .where(sql`lower(${department.code}) = lower(${code})`);
  return Boolean(row);
}

export async function departmentExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: department.id }).from(department).where(eq(department.id, id));
  return Boolean(row);
}

/* ---------------------------------------------------------------- users */

const manager = alias(appUser, 'manager');

export type UserView = UserRow & {
  departmentName: string;
  managerName: string | null;
  roles: { id: string; code: string; nameZh: string; nameEn: string }[];
};

const rolesOfUser = sql<{ id: string; code: string; nameZh: string; nameEn: string }[]>`(
  select coalesce(json_agg(json_build_object('id', r.id, 'code', r.code, 'nameZh', r.name_zh, 'nameEn', r.name_en) order by r.code), '[]'::json)
  from ${userRole} ur join ${role} r on r.id = ur.role_id where ur.user_id = ${appUser.id})`;

function userSelect(db: Db) {
  return db
    .select({ u: appUser, departmentName: department.name, managerName: manager.displayName, roles: rolesOfUser })
    .from(appUser)
    .innerJoin(department, eq(department.id, appUser.departmentId))
    .leftJoin(manager, eq(manager.id, appUser.managerId));
}

function toUserView(r: { u: UserRow; departmentName: string; managerName: string | null; roles: unknown }): UserView {
  const roles = (typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles) as UserView['roles'];
  return { ...r.u, departmentName: r.departmentName, managerName: r.managerName, roles };
}

export type UserSortKey = 'username' | 'displayName' | 'createdAt';
const userSortColumn = { username: appUser.username, displayName: appUser.displayName, createdAt: appUser.createdAt } as const;

export async function listUsers(
  db: Db,
  opts: {
    scope: SQL | undefined;
    q?: string;
    departmentIds?: string[];
    roleId?: string;
    isActive?: boolean;
    sort: UserSortKey;
    desc: boolean;
    after?: [string | Date, string];
    limit: number;
  },
): Promise<UserView[]> {
  const col = userSortColumn[opts.sort];
  const pattern = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const cmp = opts.desc ? sql`<` : sql`>`;
  const rows = await userSelect(db)
    .where(
      and(
        opts.scope,
        pattern
          ? or(
              ilike(appUser.username, pattern),
              ilike(appUser.displayName, pattern),
              ilike(appUser.phone, pattern),
              ilike(appUser.email, pattern),
            )
          : undefined,
        opts.departmentIds ? inArray(appUser.departmentId, opts.departmentIds) : undefined,
        opts.roleId
          ? sql`exists (select 1 from ${userRole} ur where ur.user_id = ${appUser.id} and ur.role_id = ${opts.roleId})`
          : undefined,
        opts.isActive === undefined ? undefined : eq(appUser.isActive, opts.isActive),
        opts.after ? sql`(${col}, ${appUser.id}) ${cmp} (${opts.after[0]}, ${opts.after[1]})` : undefined,
      ),
    )
    .orderBy(opts.desc ? desc(col) : asc(col), opts.desc ? desc(appUser.id) : asc(appUser.id))
    .limit(opts.limit);
  return rows.map(toUserView);
}

export async function findUser(db: Db, id: string, scope?: SQL): Promise<UserView | undefined> {
  const [r] = await userSelect(db).where(and(eq(appUser.id, id), scope));
  return r ? toUserView(r) : undefined;
}

export async function listUserIdsInDepartments(db: Db, departmentIds: readonly string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(inArray(appUser.departmentId, [...departmentIds]));
  return rows.map((r) => r.id);
}

/** What other modules may know of a user (see people.ts). */
const userSummaryColumns = {
  id: appUser.id,
  displayName: appUser.displayName,
  departmentId: appUser.departmentId,
  departmentName: department.name,
  isActive: appUser.isActive,
};

export async function listUserSummaries(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; displayName: string; departmentId: string; departmentName: string; isActive: boolean }[]> {
  if (ids.length === 0) return [];
  return db
    .select(userSummaryColumns)
    .from(appUser)
    .innerJoin(department, eq(department.id, appUser.departmentId))
    .where(inArray(appUser.id, [...new Set(ids)]));
}

/** Active users of the departments who hold the permission through one of their roles (or all rights). */
export async function listActiveUsersWithPermission(
  db: Db,
  departmentIds: readonly string[],
  permission: string,
): Promise<{ id: string; displayName: string; departmentId: string; departmentName: string; isActive: boolean }[]> {
  if (departmentIds.length === 0) return [];
  return db
    .selectDistinct(userSummaryColumns)
    .from(appUser)
    .innerJoin(department, eq(department.id, appUser.departmentId))
    .innerJoin(userRole, eq(userRole.userId, appUser.id))
    .innerJoin(role, eq(role.id, userRole.roleId))
    .where(
      and(
        eq(appUser.isActive, true),
        inArray(appUser.departmentId, [...departmentIds]),
        sql`(${permission} = any(${role.permissions}) or '*' = any(${role.permissions}))`,
      ),
    )
    .orderBy(appUser.id);
}

export async function listDepartmentNames(db: Db, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: department.id, name: department.name })
    .from(department)
    .where(inArray(department.id, [...new Set(ids)]));
}

/** The department tree without counts: what other modules need to walk it. */
export async function listDepartmentTree(
  db: Db,
): Promise<{ id: string; parentId: string | null; name: string; path: string; sortOrder: number }[]> {
  return db
    .select({
      id: department.id,
      parentId: department.parentId,
      name: department.name,
      path: department.path,
      sortOrder: department.sortOrder,
    })
    .from(department)
    .orderBy(asc(department.sortOrder), asc(department.name));
}

/** Users of the departments (all when none given), disabled ones too, and whether they hold the permission. */
export async function listRoster(
  db: Db,
  departmentIds: readonly string[] | undefined,
  permission: string,
): Promise<{ id: string; displayName: string; departmentId: string; isActive: boolean; holds: boolean }[]> {
  if (departmentIds && departmentIds.length === 0) return [];
  const holders = db
    .select({ userId: userRole.userId })
    .from(userRole)
    .innerJoin(role, eq(role.id, userRole.roleId))
    .where(sql`(${permission} = any(${role.permissions}) or '*' = any(${role.permissions}))`);
  const holds = sql<boolean>`${appUser.id} in ${holders}`;
  return db
    .select({ id: appUser.id, displayName: appUser.displayName, departmentId: appUser.departmentId, isActive: appUser.isActive, holds })
    .from(appUser)
    .where(departmentIds ? inArray(appUser.departmentId, [...departmentIds]) : undefined)
    .orderBy(asc(appUser.displayName), asc(appUser.id));
}

/** The role codes each user holds (users without roles are absent). */
export async function listUserRoleCodes(db: Db, userIds: readonly string[]): Promise<{ userId: string; code: string }[]> {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: userRole.userId, code: role.code })
    .from(userRole)
    .innerJoin(role, eq(role.id, userRole.roleId))
    .where(inArray(userRole.userId, [...new Set(userIds)]));
}

export async function listDepartmentIdsByCode(db: Db, codes: readonly string[]): Promise<{ id: string; code: string }[]> {
  if (codes.length === 0) return [];
  return db
    .select({ id: department.id, code: department.code })
    .from(department)
    .where(inArray(department.code, [...codes]));
}

export async function listUserIdsByUsername(db: Db, usernames: readonly string[]): Promise<{ id: string; username: string }[]> {
  if (usernames.length === 0) return [];
  return db
    .select({ id: appUser.id, username: appUser.username })
    .from(appUser)
    .where(inArray(appUser.username, [...usernames]));
}

export async function findUserIdByUsername(db: Db, username: string): Promise<string | undefined> {
  const [r] = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(sql`lower(${appUser.username}) = lower(${username})`);
  return r?.id;
}

export async function insertUser(db: Db, row: typeof appUser.$inferInsert): Promise<UserRow> {
  const [inserted] = await db.insert(appUser).values(row).returning();
  return inserted!;
}

export async function updateUser(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof appUser.$inferInsert>,
): Promise<UserRow | undefined> {
  return updateVersioned(db, appUser, id, version, set);
}

export async function setUserRoles(db: Db, userId: string, roleIds: string[]): Promise<void> {
  await db.delete(userRole).where(eq(userRole.userId, userId));
  if (roleIds.length > 0) await db.insert(userRole).values(roleIds.map((roleId) => ({ userId, roleId })));
}

/** The chain of managers above a user (for loop checks), nearest first. */
export async function managerChain(db: Db, userId: string): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive chain(id, depth) as (
      select ${appUser.managerId}, 1 from ${appUser} where ${appUser.id} = ${userId}
      union all
      select u.manager_id, c.depth + 1 from ${appUser} u join chain c on u.id = c.id where c.depth < 50
    ) select id from chain where id is not null`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}

/* ---------------------------------------------------------------- roles */

export type RoleView = RoleRow & { userCount: number };

function roleSelect(db: Db) {
  return db
    .select({ r: role, userCount: sql<number>`(select count(*) from ${userRole} ur where ur.role_id = ${role.id})`.mapWith(Number) })
    .from(role);
}

export async function listRoles(db: Db): Promise<RoleView[]> {
  const rows = await roleSelect(db).orderBy(desc(role.isBuiltin), asc(role.code));
  return rows.map((x) => ({ ...x.r, userCount: x.userCount }));
}

export async function findRole(db: Db, id: string): Promise<RoleView | undefined> {
  const [x] = await roleSelect(db).where(eq(role.id, id));
  return x ? { ...x.r, userCount: x.userCount } : undefined;
}

export async function findRolesByIds(db: Db, ids: string[]): Promise<RoleRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(role).where(inArray(role.id, ids));
}

export async function findRoleByCode(db: Db, code: string): Promise<RoleRow | undefined> {
  const [row] = await db.select().from(role).where(eq(role.code, code));
  return row;
}

export async function insertRole(db: Db, row: typeof role.$inferInsert): Promise<RoleRow> {
  const [inserted] = await db.insert(role).values(row).returning();
  return inserted!;
}

export async function updateRole(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof role.$inferInsert>,
): Promise<RoleRow | undefined> {
  return updateVersioned(db, role, id, version, set);
}

export async function deleteRole(db: Db, id: string): Promise<void> {
  await db.delete(role).where(eq(role.id, id));
}

export async function countUsersWithRole(db: Db, roleId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(userRole).where(eq(userRole.roleId, roleId));
  return Number(row?.n ?? 0);
}

export const userScopeColumns = { owner: appUser.id, department: appUser.departmentId };
export const departmentScopeColumns = { owner: department.headUserId, department: department.id };

/* ---------------------------------------------------------------- seed support */

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(appUser);
  return Number(row?.n ?? 0);
}

export async function appliedDefaultGrants(db: Db): Promise<Set<string>> {
  const rows = await db.select({ roleCode: roleDefaultGrant.roleCode, permission: roleDefaultGrant.permission }).from(roleDefaultGrant);
  return new Set(rows.map((r) => `${r.roleCode} ${r.permission}`));
}

export async function recordDefaultGrants(db: Db, rows: { roleCode: string; permission: string }[]): Promise<void> {
  if (rows.length > 0) await db.insert(roleDefaultGrant).values(rows).onConflictDoNothing();
}

export async function addRolePermissions(db: Db, roleId: string, permissions: string[]): Promise<void> {
  await db
    .update(role)
    .set({
      permissions: sql`(select coalesce(array_agg(distinct p order by p), '{}') from unnest(${role.permissions} || array[${sql.join(
        permissions.map((p) => sql`${p}`),
        sql`, `,
      )}]::text[]) p)`,
    })
    .where(eq(role.id, roleId));
}

export async function lockForSeed(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7240002)`);
}

/* ---------------------------------------------------------------- approver resolution (approvals engine) */

/** A user's place in the organisation: department, its path up to the root, manager, whether active. */
export async function findUserOrgPlace(
  db: Db,
  userId: string,
): Promise<{ id: string; departmentId: string; departmentPath: string; managerId: string | null; isActive: boolean } | undefined> {
  const [row] = await db
    .select({
      id: appUser.id,
      departmentId: appUser.departmentId,
      departmentPath: department.path,
      managerId: appUser.managerId,
      isActive: appUser.isActive,
    })
    .from(appUser)
    .innerJoin(department, eq(department.id, appUser.departmentId))
    .where(eq(appUser.id, userId));
  return row;
}

export async function listDepartmentHeads(db: Db, ids: readonly string[]): Promise<{ id: string; headUserId: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: department.id, headUserId: department.headUserId })
    .from(department)
    .where(inArray(department.id, [...ids]));
}

/** Active users of exactly these departments who hold the role. */
export async function listActiveUsersWithRole(
  db: Db,
  departmentIds: readonly string[],
  roleCode: string,
): Promise<{ id: string; departmentId: string }[]> {
  if (departmentIds.length === 0) return [];
  return db
    .selectDistinct({ id: appUser.id, departmentId: appUser.departmentId })
    .from(appUser)
    .innerJoin(userRole, eq(userRole.userId, appUser.id))
    .innerJoin(role, eq(role.id, userRole.roleId))
    .where(and(eq(appUser.isActive, true), inArray(appUser.departmentId, [...departmentIds]), eq(role.code, roleCode)))
    .orderBy(appUser.id);
}

/** Every active user holding the role, whatever their department (approvers of functional roles). */
export async function listActiveRoleHolders(db: Db, roleCode: string): Promise<{ id: string; departmentId: string }[]> {
  return db
    .selectDistinct({ id: appUser.id, departmentId: appUser.departmentId })
    .from(appUser)
    .innerJoin(userRole, eq(userRole.userId, appUser.id))
    .innerJoin(role, eq(role.id, userRole.roleId))
    .where(and(eq(appUser.isActive, true), eq(role.code, roleCode)))
    .orderBy(appUser.id);
}

export async function listActiveUserIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(inArray(appUser.id, [...new Set(ids)]), eq(appUser.isActive, true)));
  return rows.map((r) => r.id);
}

/** Active users whose name or username contains the text (pickers that any signed-in user may use). */
export async function searchActiveUsers(
  db: Db,
  q: string,
  limit: number,
): Promise<{ id: string; displayName: string; departmentId: string; departmentName: string; isActive: boolean }[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select(userSummaryColumns)
    .from(appUser)
    .innerJoin(department, eq(department.id, appUser.departmentId))
    .where(and(eq(appUser.isActive, true), q ? or(ilike(appUser.displayName, pattern), ilike(appUser.username, pattern)) : undefined))
    .orderBy(asc(appUser.displayName), asc(appUser.id))
    .limit(limit);
}
