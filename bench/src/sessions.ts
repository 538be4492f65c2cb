import { Permission } from '@crm/contracts';
import type pg from 'pg';

export type DataScope = 'own' | 'department' | 'all';

export type OrgUser = {
  id: string;
  username: string;
  departmentId: string;
  isActive: boolean;
  roles: string[];
  scope: DataScope;
  canReadAudit: boolean;
};

export type OrgDepartment = { id: string; code: string; kind: string; parentId: string | null; path: string };

export type Org = {
  users: OrgUser[];
  departments: OrgDepartment[];
  byId: Map<string, OrgUser>;
  deptById: Map<string, OrgDepartment>;
};

/** One signed-in browser: a session cookie and what its user may see (to pick ids that answer 200). */
export type Session = {
  user: OrgUser;
  /** The crm_sid cookie value (the server stores only its SHA-256). */
  token: string;
  /** Sent as X-CSRF-Token with the POSTs of the session (the duplicate check). */
  csrfToken: string;
  /** Users the users endpoints show this user (data scope on app_user). */
  visibleUserIds: string[];
  /** Users whose actions this user's audit-log reading covers. */
  auditActorIds: string[];
  /** The department used by the "users of a department subtree" scenario: the user's office (or BU). */
  subtreeDepartmentId: string;
};

const SCOPE_RANK: Record<DataScope, number> = { own: 0, department: 1, all: 2 };

export async function loadOrg(pool: pg.Pool): Promise<Org> {
  const users = (
    await pool.query<{
      id: string;
      username: string;
      department_id: string;
      is_active: boolean;
      roles: string[];
      scopes: DataScope[];
      audit: boolean;
    }>(
      `select u.id, u.username, u.department_id, u.is_active,
              coalesce(array_agg(r.code order by r.code) filter (where r.id is not null), '{}') as roles,
              coalesce(array_agg(r.data_scope) filter (where r.id is not null), '{}') as scopes,
              coalesce(bool_or($1 = any(r.permissions) or '*' = any(r.permissions)), false) as audit
         from app_user u
         left join user_role ur on ur.user_id = u.id
         left join role r on r.id = ur.role_id
        group by u.id
        order by u.username`,
      [Permission.auditRead],
    )
  ).rows.map((r): OrgUser => ({
    id: r.id,
    username: r.username,
    departmentId: r.department_id,
    isActive: r.is_active,
    roles: r.roles,
    scope: r.scopes.reduce<DataScope>((w, s) => (SCOPE_RANK[s] > SCOPE_RANK[w] ? s : w), 'own'),
    canReadAudit: r.audit,
  }));
  const departments = (
    await pool.query<{ id: string; code: string; kind: string; parent_id: string | null; path: string }>(
      `select id, code, kind, parent_id, path from department order by code`,
    )
  ).rows.map((d): OrgDepartment => ({ id: d.id, code: d.code, kind: d.kind, parentId: d.parent_id, path: d.path }));
  return { users, departments, byId: new Map(users.map((u) => [u.id, u])), deptById: new Map(departments.map((d) => [d.id, d])) };
}

/** The department ids of a user's subtree, as the server computes them (path prefix). */
export function departmentSubtree(org: Org, departmentId: string): Set<string> {
  const own = org.deptById.get(departmentId);
  if (!own) return new Set();
  return new Set(org.departments.filter((d) => d.path.startsWith(own.path)).map((d) => d.id));
}

export function visibility(org: Org, user: OrgUser): Pick<Session, 'visibleUserIds' | 'auditActorIds' | 'subtreeDepartmentId'> {
  const all = org.users.map((u) => u.id);
  let visibleUserIds: string[];
  let auditActorIds: string[];
  if (user.scope === 'all') {
    visibleUserIds = all;
    auditActorIds = all;
  } else {
    const subtree = departmentSubtree(org, user.departmentId);
    const inSubtree = org.users.filter((u) => subtree.has(u.departmentId)).map((u) => u.id);
    // users: scopeFilter = own id OR department in subtree (department scope), own id only (own scope).
    visibleUserIds = user.scope === 'department' ? [...new Set([user.id, ...inSubtree])] : [user.id];
    // audit log: readerScope = actors in the subtree (department scope), the user only (own scope).
    auditActorIds = user.scope === 'department' ? inSubtree : [user.id];
  }
  // The office above (or at) the user's department, else the business unit, else the first office.
  const chain: OrgDepartment[] = [];
  for (let d = org.deptById.get(user.departmentId); d; d = d.parentId ? org.deptById.get(d.parentId) : undefined) chain.push(d);
  const office = chain.find((d) => d.kind === 'office') ?? chain.find((d) => d.kind === 'business_unit');
  const fallback = org.departments.find((d) => d.kind === 'office') ?? org.departments[0]!;
  return { visibleUserIds, auditActorIds, subtreeDepartmentId: (office ?? fallback).id };
}

/** Interleaves pools by a repeating pattern, so that any prefix keeps the mix (e.g. the first 50 of 200). */
function interleave<T>(pools: T[][], pattern: number[], count: number): T[] {
  const out: T[] = [];
  const used = pools.map(() => 0);
  const limit = Math.min(
    count,
    pools.reduce((s, p) => s + p.length, 0),
  );
  for (let i = 0; out.length < limit; i++) {
    // A pool that has run out lends its slot to the next one that still has users.
    let q = pattern[i % pattern.length]!;
    for (let k = 0; k < pools.length && used[q]! >= pools[q]!.length; k++) q = (q + 1) % pools.length;
    out.push(pools[q]![used[q]!++]!);
  }
  return out;
}

/**
 * Who signs in. `mixed` (users and departments endpoints): 10 % scope "all" (admin first, then
 * directors, finance, legal, planning), 30 % managers (scope "department"), 60 % reps and other
 * own-scope staff. `auditReaders` (audit-log endpoints, which need audit:read): admin, directors
 * and managers only; when there are fewer of them than connections, the extra connections are
 * second sessions of the same users (the same person on a second device).
 */
export function pickUsers(org: Org, count: number): { mixed: OrgUser[]; auditReaders: { user: OrgUser; copy: number }[] } {
  const active = org.users.filter((u) => u.isActive);
  const admin = active.filter((u) => u.username === 'admin');
  const byRole = (role: string) => active.filter((u) => u.roles.includes(role) && u.username !== 'admin');
  const allScope = [
    ...admin,
    ...byRole('sales_director'),
    ...active.filter((u) => u.scope === 'all' && u.username !== 'admin' && !u.roles.includes('sales_director')),
  ];
  const managers = active.filter((u) => u.scope === 'department');
  const own = active.filter((u) => u.scope === 'own');
  // Deterministic, spread over offices: every k-th user of the username-sorted list.
  const spread = <T>(list: T[], n: number): T[] => {
    if (list.length <= n) return list;
    const step = list.length / n;
    return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]!);
  };
  const mixed = interleave(
    [allScope, spread(managers, Math.ceil(count * 0.3)), spread(own, Math.ceil(count * 0.6))],
    [0, 1, 1, 1, 2, 2, 2, 2, 2, 2],
    count,
  );
  const readers = interleave(
    [[...admin, ...byRole('sales_director')], managers],
    [0, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    Number.MAX_SAFE_INTEGER,
  ).filter((u) => u.canReadAudit);
  const auditReaders = Array.from({ length: Math.min(count, readers.length * 4) }, (_, i) => ({
    user: readers[i % readers.length]!,
    copy: Math.floor(i / readers.length),
  }));
  return { mixed, auditReaders };
}

/** Signs in once; retries only on network errors and 5xx (a 4xx is a bench bug: stop). */
export async function login(baseUrl: string, username: string, password: string): Promise<{ token: string; csrfToken: string }> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'crm-bench' },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await res.text();
      if (res.status >= 500) {
        lastError = new Error(`login ${username}: HTTP ${res.status} ${body.slice(0, 200)}`);
        continue;
      }
      if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${body.slice(0, 300)}`);
      const { csrfToken } = JSON.parse(body) as { csrfToken: string };
      for (const cookie of res.headers.getSetCookie()) {
        const m = /^crm_sid=([^;]+)/.exec(cookie);
        if (m) return { token: m[1]!, csrfToken };
      }
      throw new Error(`login ${username}: no crm_sid cookie in the answer`);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith(`login ${username}: HTTP 4`)) throw err;
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * Who signs in for the customer scenarios, one role at a time: `count` sales reps (own scope) and
 * `count` sales managers (department scope), spread over the offices, and the sales directors —
 * there are only a few, so their connections are second, third… sessions of the same people.
 */
export function pickCustomerUsers(
  org: Org,
  count: number,
): { reps: { user: OrgUser; copy: number }[]; managers: { user: OrgUser; copy: number }[]; directors: { user: OrgUser; copy: number }[] } {
  const active = org.users.filter((u) => u.isActive && u.username !== 'admin');
  const spread = <T>(list: T[], n: number): T[] => {
    if (list.length <= n) return list;
    const step = list.length / n;
    return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]!);
  };
  const copies = (users: OrgUser[]) =>
    users.length === 0
      ? []
      : Array.from({ length: count }, (_, i) => ({ user: users[i % users.length]!, copy: Math.floor(i / users.length) }));
  return {
    reps: copies(
      spread(
        active.filter((u) => u.roles.includes('sales_rep') && u.scope === 'own'),
        count,
      ),
    ),
    managers: copies(
      spread(
        active.filter((u) => u.roles.includes('sales_manager') && u.scope === 'department'),
        count,
      ),
    ),
    directors: copies(active.filter((u) => u.roles.includes('sales_director'))),
  };
}
