import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { role } from '../admin.schema.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDepartment, TUser } from '@crm/contracts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: Session;
let departments: TDepartment[];
const byCode = (code: string) => departments.find((d) => d.code === code)!;

async function userIdOf(username: string): Promise<string> {
  const res = await admin.request({ method: 'GET', url: `/api/v1/users?q=${username}` });
  return res.json().items.find((u: TUser) => u.username === username).id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  departments = (await admin.request({ method: 'GET', url: '/api/v1/departments' })).json().items;
});

describe('the demo organisation', () => {
  it('has group → 2 business units → 4 offices → teams and about 30 users in every built-in role', async () => {
    expect(departments.filter((d) => d.kind === 'group')).toHaveLength(1);
    expect(departments.filter((d) => d.kind === 'business_unit')).toHaveLength(2);
    expect(departments.filter((d) => d.kind === 'office')).toHaveLength(4);
    expect(departments.filter((d) => d.kind === 'team').length).toBeGreaterThanOrEqual(6);
    const users: TUser[] = (await admin.request({ method: 'GET', url: '/api/v1/users?limit=200' })).json().items;
    expect(users.length).toBeGreaterThanOrEqual(30);
    const roles = (await admin.request({ method: 'GET', url: '/api/v1/roles' })).json().items;
    for (const role of roles)
      expect(
        users.some((u) => u.roles.some((r) => r.code === role.code)),
        role.code,
      ).toBe(true);
    expect(roles.map((r: { code: string }) => r.code).sort()).toEqual([
      'admin',
      'contract_reviewer',
      'finance',
      'planner',
      'product_manager',
      'sales_director',
      'sales_manager',
      'sales_rep',
      'tech_support',
    ]);
  });
});

describe('departments', () => {
  it('creates, moves (rewriting the subtree) and refuses cycles and non-empty deletes', async () => {
    const east = byCode('OFF-EAST');
    const a = (
      await admin.request({
        method: 'POST',
        url: '/api/v1/departments',
        payload: { parentId: east.id, name: '华东三组', code: 'T-EAST-3', kind: 'team' },
      })
    ).json();
    const b = (
      await admin.request({
        method: 'POST',
        url: '/api/v1/departments',
        payload: { parentId: a.id, name: '华东三组-苏州', code: 'T-EAST-3-SZ', kind: 'team' },
      })
    ).json();
    const cycle = await admin.request({
      method: 'PATCH',
      url: `/api/v1/departments/${a.id}`,
      payload: { version: a.version, parentId: b.id },
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().code).toBe('DEPARTMENT_CYCLE');

    const north = byCode('OFF-NORTH');
    const moved = await admin.request({
      method: 'PATCH',
      url: `/api/v1/departments/${a.id}`,
      payload: { version: a.version, parentId: north.id },
    });
    expect(moved.statusCode).toBe(200);
    // A manager of the north office now sees the moved team (and its child) in scope.
    const mgr = await t.login('mgr.north');
    const me = (await mgr.request({ method: 'GET', url: '/api/v1/me' })).json();
    expect(me.dataScope).toBe('department');
    const userInB = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: 'rep.sz1',
        displayName: '苏州销售',
        departmentId: b.id,
        managerId: null,
        roleIds: [],
        password: 'Suzhou-Meter-88',
      },
    });
    expect(userInB.statusCode).toBe(201);
    const seen = (await mgr.request({ method: 'GET', url: '/api/v1/users?q=rep.sz1' })).json().items;
    expect(seen.map((u: TUser) => u.username)).toEqual(['rep.sz1']);

    const notEmpty = await admin.request({ method: 'DELETE', url: `/api/v1/departments/${a.id}` });
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json().code).toBe('DEPARTMENT_NOT_EMPTY');
  });
});

describe('users and data scopes', () => {
  it('a rep sees only themself; another user by id answers 404', async () => {
    const rep = await t.login('rep.east1');
    const list = (await rep.request({ method: 'GET', url: '/api/v1/users' })).json().items;
    expect(list.map((u: TUser) => u.username)).toEqual(['rep.east1']);
    const other = await userIdOf('rep.north1');
    expect((await rep.request({ method: 'GET', url: `/api/v1/users/${other}` })).statusCode).toBe(404);
  });

  it('a manager sees the department subtree only', async () => {
    const mgr = await t.login('mgr.east');
    const list: TUser[] = (await mgr.request({ method: 'GET', url: '/api/v1/users?limit=100' })).json().items;
    const names = list.map((u) => u.username).sort();
    expect(names).toEqual(['mgr.east', 'rep.east1', 'rep.east2', 'rep.east3', 'rep.east4', 'rep.east5']);
    expect((await mgr.request({ method: 'GET', url: `/api/v1/users/${await userIdOf('rep.north1')}` })).statusCode).toBe(404);
  });

  it('pages with a keyset cursor, in order, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?limit=7&sort=-username${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: TUser[]; nextCursor: string | null } = (await admin.request({ method: 'GET', url })).json();
      seen.push(...page.items.map((u) => u.username));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(30);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('creates a user who must change the password, updates roles, disables (ending sessions) and resets the password', async () => {
    const team = byCode('T-NORTH-2');
    const roles = (await admin.request({ method: 'GET', url: '/api/v1/roles' })).json().items;
    const repRole = roles.find((r: { code: string }) => r.code === 'sales_rep');
    const mgrId = await userIdOf('mgr.north');
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: 'rep.new',
        displayName: '新销售',
        departmentId: team.id,
        managerId: mgrId,
        roleIds: [repRole.id],
        password: 'Fresh-Start-2026',
        email: 'new@meter.example.cn',
      },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user.managerName).toBe('刘洋');
    const dup = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'REP.NEW', displayName: 'x', departmentId: team.id, roleIds: [], password: 'Fresh-Start-2026' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('username');

    const session = await t.login('rep.new', 'Fresh-Start-2026');
    expect((await session.request({ method: 'GET', url: '/api/v1/me' })).json().mustChangePassword).toBe(true);

    const disabled = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${user.id}/active`,
      payload: { version: user.version, isActive: false },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await session.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await expect(t.login('rep.new', 'Fresh-Start-2026')).rejects.toThrow(/401/);

    const enabled = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${user.id}/active`,
      payload: { version: disabled.json().version, isActive: true },
    });
    expect(enabled.statusCode).toBe(200);
    const reset = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${user.id}/password`,
      payload: { newPassword: 'Reset-By-Admin-9' },
    });
    expect(reset.statusCode).toBe(204);
    const after = await t.login('rep.new', 'Reset-By-Admin-9');
    const inbox = (await after.request({ method: 'GET', url: '/api/v1/notifications', headers: { 'accept-language': 'en-US' } })).json();
    expect(inbox.items[0].title).toBe('Your password was reset by 系统管理员');
    expect((await after.request({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().unread).toBe(1);
    await after.request({ method: 'POST', url: '/api/v1/notifications/read', payload: { all: true } });
    expect((await after.request({ method: 'GET', url: '/api/v1/notifications/unread-count' })).json().unread).toBe(0);
  });

  it('refuses to disable the last administrator or oneself', async () => {
    const me = (await admin.request({ method: 'GET', url: '/api/v1/me' })).json();
    const user = (await admin.request({ method: 'GET', url: `/api/v1/users/${me.id}` })).json();
    const res = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${me.id}/active`,
      payload: { version: user.version, isActive: false },
    });
    expect(res.json().code).toBe('CANNOT_DISABLE_SELF');
  });
});

describe('roles', () => {
  it('creates a role with known permissions only and refuses deleting built-in roles', async () => {
    const bad = await admin.request({
      method: 'POST',
      url: '/api/v1/roles',
      payload: { code: 'auditor', nameZh: '审计员', nameEn: 'Auditor', permissions: ['audit:read', 'no:such'], dataScope: 'all' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('permissions.1');
    const ok = await admin.request({
      method: 'POST',
      url: '/api/v1/roles',
      payload: { code: 'auditor', nameZh: '审计员', nameEn: 'Auditor', permissions: ['audit:read'], dataScope: 'all' },
    });
    expect(ok.statusCode).toBe(201);
    const perms = (await admin.request({ method: 'GET', url: '/api/v1/permissions', headers: { 'accept-language': 'en-US' } })).json()
      .items;
    expect(perms.find((p: { key: string }) => p.key === 'audit:read').label).toBe('View the audit log');
    const roles = (await admin.request({ method: 'GET', url: '/api/v1/roles' })).json().items;
    const builtin = roles.find((r: { code: string }) => r.code === 'sales_rep');
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/roles/${builtin.id}` })).json().code).toBe('ROLE_BUILTIN');
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/roles/${ok.json().id}` })).statusCode).toBe(204);
  });
});

describe('built-in roles', () => {
  it('an existing role receives the default grants added by a later version, once', async () => {
    const db = t.database.db;
    const permissionsOfFinance = async () =>
      (await db.select({ permissions: role.permissions }).from(role).where(eq(role.code, 'finance')))[0]!.permissions;
    const finance = { permissions: await permissionsOfFinance() };
    const taken = finance.permissions.slice(0, 3);
    expect(taken).toHaveLength(3);
    // As if the first and the other two grants had come with a newer version than the database.
    await db.execute(
      sql`update role set permissions = (select array_agg(p) from unnest(permissions) p where p <> all(array[${sql.join(
        taken.map((p) => sql`${p}`),
        sql`, `,
      )}]::text[])) where code = 'finance'`,
    );
    await db.execute(
      sql`delete from role_default_grant where role_code = 'finance' and permission in (${sql.join(
        taken.map((p) => sql`${p}`),
        sql`, `,
      )})`,
    );
    await t.prepare();
    expect(await permissionsOfFinance()).toEqual([...finance.permissions].sort());
    // A grant an administrator removed afterwards stays removed at the next start.
    await db.execute(sql`update role set permissions = array_remove(permissions, ${taken[0]!}) where code = 'finance'`);
    await t.prepare();
    expect(await permissionsOfFinance()).not.toContain(taken[0]);
  });
});

describe('audit log', () => {
  it('records before/after of changed fields with who and where, and filters by record', async () => {
    const dept = byCode('T-IND-1');
    await admin.request({
      method: 'PATCH',
      url: `/api/v1/departments/${dept.id}`,
      payload: { version: dept.version, name: '行业一组（电网）' },
    });
    const res = await admin.request({
      method: 'GET',
      url: `/api/v1/audit-log?entityType=department&entityId=${dept.id}&action=department.update`,
    });
    const [entry] = res.json().items;
    expect(entry.changes).toEqual({ name: { from: '行业一组', to: '行业一组（电网）' } });
    expect(entry.actorName).toBe('系统管理员');
    expect(entry.ip).toBeTruthy();
  });

  it('logs reads of details and lists with their filter', async () => {
    await admin.request({ method: 'GET', url: '/api/v1/users?q=mgr&isActive=true' });
    const res = await admin.request({ method: 'GET', url: '/api/v1/audit-log?action=user.list&limit=1' });
    expect(res.json().items[0].meta.filter).toMatchObject({ q: 'mgr', isActive: true });
  });

  it('filters by time range', async () => {
    const from = new Date(t.clock.now().getTime() - 1000).toISOString();
    t.clock.advance(60_000);
    await admin.request({ method: 'GET', url: '/api/v1/roles' });
    const res = await admin.request({
      method: 'GET',
      url: `/api/v1/audit-log?from=${encodeURIComponent(new Date(t.clock.now().getTime() - 1).toISOString())}`,
    });
    expect(res.json().items.every((e: { at: string }) => e.at >= from)).toBe(true);
    expect(res.json().items.some((e: { action: string }) => e.action === 'role.list')).toBe(true);
  });

  it('exports the filtered log as xlsx (audited)', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/v1/audit-log/export?format=xlsx&entityType=department' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{8}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(5).value).toBe('操作');
    expect(sheet.rowCount).toBeGreaterThan(3);
    for (let i = 2; i <= sheet.rowCount; i++) expect(sheet.getRow(i).getCell(6).value).toBe('department');
    const csv = await admin.request({
      method: 'GET',
      url: '/api/v1/audit-log/export?format=csv&action=audit.export',
      headers: { 'accept-language': 'en-US' },
    });
    expect(csv.body.split('\r\n')[0]).toBe('\ufeffID,Time (UTC),User,IP address,Action,Record type,Record ID,Changes,Details');
    expect(csv.body).toContain('audit.export');
  });

  it('cannot be changed or deleted, even by SQL', async () => {
    const failure = async (statement: ReturnType<typeof sql>) => {
      try {
        await t.database.db.execute(statement);
      } catch (err) {
        return String((err as { cause?: Error }).cause?.message ?? err);
      }
      return 'succeeded';
    };
    expect(await failure(sql`update audit_entry set action = 'x'`)).toMatch(/insert-only \(UPDATE refused\)/);
    expect(await failure(sql`delete from audit_entry`)).toMatch(/insert-only \(DELETE refused\)/);
    expect(await failure(sql`truncate audit_entry`)).toMatch(/insert-only \(TRUNCATE refused\)/);
  });

  it("a manager reads the team's entries only, newest first, page after page", async () => {
    for (const username of ['rep.east1', 'rep.east4', 'rep.north1', 'rep.east2']) {
      await t.login(username);
      t.clock.advance(1000);
    }
    const mgr = await t.login('mgr.east');
    const team = new Set<string>();
    for (const u of (await mgr.request({ method: 'GET', url: '/api/v1/users?limit=100' })).json().items) team.add(u.id);
    const seen: { id: string; at: string; actorId: string | null; action: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit-log?limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: typeof seen; nextCursor: string | null } = (await mgr.request({ method: 'GET', url })).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 400);
    expect(seen.length).toBeGreaterThan(4);
    expect(seen.every((e) => e.actorId !== null && team.has(e.actorId))).toBe(true);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    const order = seen.map((e) => `${e.at}|${e.id.padStart(12, '0')}`);
    expect([...order].sort().reverse()).toEqual(order);
    const logins = seen.filter((e) => e.action === 'auth.login').map((e) => e.actorId);
    expect(logins).toEqual(expect.arrayContaining([await userIdOf('rep.east1'), await userIdOf('rep.east4')]));
    expect(logins).not.toContain(await userIdOf('rep.north1'));
  });

  it('a rep cannot read the audit log', async () => {
    const rep = await t.login('rep.ind1');
    expect((await rep.request({ method: 'GET', url: '/api/v1/audit-log' })).statusCode).toBe(403);
  });
});
