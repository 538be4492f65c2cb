import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/test-app.ts';

let t: TestApp;
let nobody: Session;

const PUBLIC = [/^\/api\/v1\/auth\/login$/, /^\/api\/health$/, /^\/api\/openapi\.json$/, /^\/api\/docs(\/|$)/];
const fillParams = (url: string) => url.replace(/:(\w+)/g, '0b7e2f55-6f0c-4d1e-9a5b-3f1c2d4e5a6b').replace('*', 'x');

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login('admin');
  const role = await admin.request({
    method: 'POST',
    url: '/api/v1/roles',
    payload: { code: 'no_rights', nameZh: '无权限', nameEn: 'No rights', permissions: [], dataScope: 'own' },
  });
  expect(role.statusCode).toBe(201);
  const departments = (await admin.request({ method: 'GET', url: '/api/v1/departments' })).json().items;
  const user = await admin.request({
    method: 'POST',
    url: '/api/v1/users',
    payload: {
      username: 'nobody',
      displayName: 'Nobody',
      departmentId: departments[0].id,
      roleIds: [role.json().id],
      password: 'Plain-Pass-2026',
    },
  });
  expect(user.statusCode).toBe(201);
  nobody = await t.login('nobody', 'Plain-Pass-2026');
});

describe('the route table', () => {
  it('has only login, health and docs public', () => {
    const publicRoutes = t.routes.filter((r) => r.auth === 'public').map((r) => r.url);
    for (const url of publicRoutes)
      expect(
        PUBLIC.some((p) => p.test(url)),
        url,
      ).toBe(true);
    expect(t.routes.length).toBeGreaterThan(30);
  });

  it('answers 401 without a session on every other route', async () => {
    const checked: string[] = [];
    for (const route of t.routes.filter((r) => r.auth !== 'public')) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: fillParams(route.url),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      checked.push(`${route.method} ${route.url}`);
    }
    expect(checked.length).toBeGreaterThan(30);
  });

  it('answers 403 without the permission on every route that needs one', async () => {
    const guarded = t.routes.filter((r) => r.permission);
    expect(guarded.length).toBeGreaterThanOrEqual(20);
    for (const route of guarded) {
      const res = await nobody.request({
        method: route.method,
        url: fillParams(route.url),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('logs permission denials in the audit log', async () => {
    const admin = await t.login('admin');
    const res = await admin.request({ method: 'GET', url: `/api/v1/audit-log?action=access.denied&userId=${nobody.userId}&limit=200` });
    expect(res.json().items.length).toBeGreaterThanOrEqual(20);
    expect(res.json().items[0].meta.permission).toBeTruthy();
  });
});
