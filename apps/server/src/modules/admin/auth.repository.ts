import { and, count, eq, gte, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { apiToken, appUser, department, loginFailure, role, userRole, userSession } from './admin.schema.ts';

export type SessionRow = typeof userSession.$inferSelect;
export type ApiTokenRow = typeof apiToken.$inferSelect;

export type ActorRoleRow = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  dataScope: 'own' | 'department' | 'all';
  permissions: string[];
};

/** A user with what the actor needs: roles and the department subtree. */
export type ActorSource = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  departmentId: string;
  departmentName: string;
  locale: 'zh-CN' | 'en-US';
  isActive: boolean;
  mustChangePassword: boolean;
  roles: ActorRoleRow[];
  departmentIds: string[];
};

const rolesOfUser = sql<ActorRoleRow[]>`(
  select coalesce(json_agg(json_build_object(
    'id', r.id, 'code', r.code, 'nameZh', r.name_zh, 'nameEn', r.name_en, 'dataScope', r.data_scope, 'permissions', r.permissions
  ) order by r.code), '[]'::json)
  from ${userRole} ur join ${role} r on r.id = ur.role_id where ur.user_id = ${appUser.id})`;

const subtreeOfUser = sql<string[]>`(
  select coalesce(array_agg(sub.id), '{}'::uuid[]) from ${department} sub
  where sub.path like (select own.path from ${department} own where own.id = ${appUser.departmentId}) || '%')`;

const actorColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  email: appUser.email,
  phone: appUser.phone,
  departmentId: appUser.departmentId,
  departmentName: department.name,
  locale: appUser.locale,
  isActive: appUser.isActive,
  mustChangePassword: appUser.mustChangePassword,
  roles: rolesOfUser,
  departmentIds: subtreeOfUser,
};

function normaliseIds(ids: unknown): string[] {
  // node-postgres parses uuid[] into an array; PGlite may too. Either way we want strings.
  if (Array.isArray(ids)) return ids.map(String);
  if (typeof ids === 'string')
    return ids
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean);
  return [];
}

function toActorSource(row: Omit<ActorSource, 'departmentIds' | 'roles'> & { roles: unknown; departmentIds: unknown }): ActorSource {
  const roles = (typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles) as ActorRoleRow[];
  return { ...row, roles, departmentIds: normaliseIds(row.departmentIds) };
}

/** The signed-in user behind a session or token: just enough to build the actor, one indexed read. */
export type Principal = {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  locale: 'zh-CN' | 'en-US';
  isActive: boolean;
  roleIds: string[];
};

const principalColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  departmentId: appUser.departmentId,
  locale: appUser.locale,
  isActive: appUser.isActive,
  roleIds: sql<string[]>`array(select ur.role_id from ${userRole} ur where ur.user_id = ${appUser.id})`.mapWith((v: unknown) =>
    normaliseIds(v),
  ),
};

/** Prepared once per connection, so PostgreSQL plans the per-request lookups only once. */
export function prepareSessionLookup(db: Db) {
  const query = db
    .select({ session: userSession, principal: principalColumns })
    .from(userSession)
    .innerJoin(appUser, eq(appUser.id, userSession.userId))
    .where(eq(userSession.id, sql.placeholder('id')))
    .prepare('crm_session_lookup');
  return async (sessionId: string): Promise<{ session: SessionRow; principal: Principal } | undefined> => {
    const [row] = await query.execute({ id: sessionId });
    return row;
  };
}

export function prepareTokenLookup(db: Db) {
  const query = db
    .select({ token: apiToken, principal: principalColumns })
    .from(apiToken)
    .innerJoin(appUser, eq(appUser.id, apiToken.userId))
    .where(eq(apiToken.tokenHash, sql.placeholder('hash')))
    .prepare('crm_token_lookup');
  return async (tokenHash: string): Promise<{ token: ApiTokenRow; principal: Principal } | undefined> => {
    const [row] = await query.execute({ hash: tokenHash });
    return row;
  };
}

export async function listRoleDefinitions(db: Db): Promise<ActorRoleRow[]> {
  return db
    .select({
      id: role.id,
      code: role.code,
      nameZh: role.nameZh,
      nameEn: role.nameEn,
      dataScope: role.dataScope,
      permissions: role.permissions,
    })
    .from(role);
}

export async function listDepartmentPaths(db: Db): Promise<{ id: string; path: string }[]> {
  return db.select({ id: department.id, path: department.path }).from(department);
}

export async function findActorSourceByUserId(db: Db, userId: string): Promise<ActorSource | undefined> {
  const [row] = await db
    .select(actorColumns)
    .from(appUser)
    .innerJoin(department, eq(department.id, appUser.departmentId))
    .where(eq(appUser.id, userId));
  return row ? toActorSource(row) : undefined;
}

export async function findCredentials(
  db: Db,
  username: string,
): Promise<{ id: string; username: string; passwordHash: string; isActive: boolean } | undefined> {
  const [row] = await db
    .select({ id: appUser.id, username: appUser.username, passwordHash: appUser.passwordHash, isActive: appUser.isActive })
    .from(appUser)
    .where(sql`lower(${appUser.username}) = lower(${username})`);
  return row;
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string, at: Date, mustChange?: boolean): Promise<void> {
  await db
    .update(appUser)
    .set({ passwordHash, passwordChangedAt: at, ...(mustChange === undefined ? {} : { mustChangePassword: mustChange }) })
    .where(eq(appUser.id, userId));
}

export async function touchLastLogin(db: Db, userId: string, at: Date): Promise<void> {
  await db.update(appUser).set({ lastLoginAt: at }).where(eq(appUser.id, userId));
}

/* sessions */

export async function insertSession(db: Db, row: typeof userSession.$inferInsert): Promise<void> {
  await db.insert(userSession).values(row);
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(userSession).set({ lastSeenAt: at }).where(eq(userSession.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(userSession).where(eq(userSession.id, id));
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptSessionId?: string): Promise<number> {
  const rows = await db
    .delete(userSession)
    .where(and(eq(userSession.userId, userId), exceptSessionId ? ne(userSession.id, exceptSessionId) : undefined))
    .returning({ id: userSession.id });
  return rows.length;
}

export async function deleteExpiredSessions(db: Db, now: Date, idleBefore: Date): Promise<number> {
  const rows = await db
    .delete(userSession)
    .where(or(lt(userSession.expiresAt, now), lt(userSession.lastSeenAt, idleBefore)))
    .returning({ id: userSession.id });
  return rows.length;
}

/* login throttling */

export async function insertLoginFailure(db: Db, row: { username: string; ip: string; at: Date }): Promise<void> {
  await db.insert(loginFailure).values({ ...row, username: row.username.toLowerCase() });
}

export async function countLoginFailures(
  db: Db,
  input: { username: string; ip: string; since: Date },
): Promise<{ account: number; address: number; pair: number; lastPairAt: Date | null }> {
  const username = input.username.toLowerCase();
  const [row] = await db
    .select({
      account: sql<number>`count(*) filter (where ${loginFailure.username} = ${username})`.mapWith(Number),
      address: sql<number>`count(*) filter (where ${loginFailure.ip} = ${input.ip})`.mapWith(Number),
      pair: sql<number>`count(*) filter (where ${loginFailure.username} = ${username} and ${loginFailure.ip} = ${input.ip})`.mapWith(
        Number,
      ),
      lastPairAt:
        sql<Date | null>`max(${loginFailure.at}) filter (where ${loginFailure.username} = ${username} and ${loginFailure.ip} = ${input.ip})`.mapWith(
          (v: unknown) => (v === null || v === undefined ? null : new Date(v as string)),
        ),
    })
    .from(loginFailure)
    .where(and(gte(loginFailure.at, input.since), or(eq(loginFailure.username, username), eq(loginFailure.ip, input.ip))));
  return { account: row?.account ?? 0, address: row?.address ?? 0, pair: row?.pair ?? 0, lastPairAt: row?.lastPairAt ?? null };
}

/** A successful sign-in forgives that address's failures for the account. */
export async function clearLoginFailures(db: Db, username: string, ip: string): Promise<void> {
  await db.delete(loginFailure).where(and(eq(loginFailure.username, username.toLowerCase()), eq(loginFailure.ip, ip)));
}

export async function deleteLoginFailuresBefore(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(loginFailure).where(lt(loginFailure.at, before)).returning({ id: loginFailure.id });
  return rows.length;
}

/* API tokens */

export async function insertApiToken(db: Db, row: typeof apiToken.$inferInsert): Promise<ApiTokenRow> {
  const [inserted] = await db.insert(apiToken).values(row).returning();
  return inserted!;
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiToken)
    .where(and(eq(apiToken.userId, userId), isNull(apiToken.revokedAt)))
    .orderBy(apiToken.createdAt);
}

export async function revokeApiToken(db: Db, userId: string, id: string, at: Date): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .update(apiToken)
    .set({ revokedAt: at })
    .where(and(eq(apiToken.id, id), eq(apiToken.userId, userId), isNull(apiToken.revokedAt)))
    .returning();
  return row;
}

export async function touchApiToken(db: Db, id: string, at: Date): Promise<void> {
  await db.update(apiToken).set({ lastUsedAt: at }).where(eq(apiToken.id, id));
}

export async function countActiveAdmins(db: Db, exceptUserId?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(appUser)
    .innerJoin(userRole, eq(userRole.userId, appUser.id))
    .innerJoin(role, eq(role.id, userRole.roleId))
    .where(and(eq(role.code, 'admin'), eq(appUser.isActive, true), exceptUserId ? ne(appUser.id, exceptUserId) : undefined));
  return Number(row?.n ?? 0);
}
