import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../kernel/audit/audit.ts';
import { asSystem } from '../kernel/auth/actor.ts';
import { withTx } from '../kernel/db/tx.ts';
import { auditEntry } from '../kernel/kernel.schema.ts';
import { createTestApp, type Session, type TestApp } from '../test/test-app.ts';

let t: TestApp;
let admin: Session;
let rootId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  rootId = (await admin.request({ method: 'GET', url: '/api/v1/departments' }))
    .json()
    .items.find((d: { parentId: string | null }) => !d.parentId).id;
});

const auditCount = async () => (await t.database.db.select({ id: auditEntry.id }).from(auditEntry)).length;

describe('bad input gets a clear problem and writes nothing', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const before = await auditCount();
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/departments',
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(await auditCount()).toBe(before);
  });

  it('schema violations and unknown fields → 400 with per-field errors, translated', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/departments',
      payload: { parentId: rootId, name: '', code: 'bad code!', kind: 'planet', color: 'red' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.title).toBe('Some fields are not valid');
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['code', 'color', 'kind', 'name']);
    const zh = await admin.request({
      method: 'POST',
      url: '/api/v1/departments',
      payload: { parentId: rootId, kind: 'team', code: 'X1' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.json().title).toBe('提交的数据有误，请检查标出的字段');
    expect(zh.json().errors).toEqual([{ path: 'name', code: 'required', message: '必填' }]);
  });

  it('oversized body → 413', async () => {
    const res = await admin.request({ method: 'PATCH', url: '/api/v1/me', payload: { displayName: 'x'.repeat(1100 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('wrong content type → 415', async () => {
    const res = await admin.request({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: 'displayName=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown route → 404 problem', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('stale version → 409 and the record is unchanged', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/departments',
      payload: { parentId: rootId, name: '测试部', code: 'T-STALE', kind: 'team' },
    });
    const dept = created.json();
    const first = await admin.request({
      method: 'PATCH',
      url: `/api/v1/departments/${dept.id}`,
      payload: { version: dept.version, name: '测试部一' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(dept.version + 1);
    const stale = await admin.request({
      method: 'PATCH',
      url: `/api/v1/departments/${dept.id}`,
      payload: { version: dept.version, name: '测试部二' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    expect((await admin.request({ method: 'GET', url: `/api/v1/departments/${dept.id}` })).json().name).toBe('测试部一');
  });

  it('a unique violation → 409 naming the field', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/departments',
      payload: { parentId: rootId, name: '重复', code: 'bu-dom', kind: 'team' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('code');
  });

  it('invalid cursor → 400 on the cursor field', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/v1/users?cursor=notacursor' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('cursor');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for a repeat and refuses the key with another body', async () => {
    const payload = { parentId: rootId, name: '幂等测试', code: 'T-IDEM', kind: 'team' };
    const headers = { 'idempotency-key': 'create-dept-1' };
    const first = await admin.request({ method: 'POST', url: '/api/v1/departments', payload, headers });
    expect(first.statusCode).toBe(201);
    const repeat = await admin.request({ method: 'POST', url: '/api/v1/departments', payload, headers });
    expect(repeat.statusCode).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.json().id).toBe(first.json().id);
    const other = await admin.request({ method: 'POST', url: '/api/v1/departments', payload: { ...payload, name: '另一个' }, headers });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const all = (await admin.request({ method: 'GET', url: '/api/v1/departments' })).json().items;
    expect(all.filter((d: { code: string }) => d.code === 'T-IDEM')).toHaveLength(1);
  });
});

describe('platform endpoints', () => {
  it('health answers ok', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('publishes the OpenAPI document with the v1 paths', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/users',
      '/api/v1/departments',
      '/api/v1/roles',
      '/api/v1/audit-log',
      '/api/v1/me/api-tokens',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('serves Prometheus metrics to a token with the metrics permission', async () => {
    const token = (await admin.request({ method: 'POST', url: '/api/v1/me/api-tokens', payload: { name: 'prometheus' } })).json().token;
    const res = await t.app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('crm_http_request_duration_seconds_bucket');
    expect(res.body).toContain('crm_db_pool_connections');
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('no stack or SQL reaches a client on an internal error', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/v1/users/not-a-uuid' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/select|stack|at \w+ \(/i);
  });
});

describe('audit in the same transaction', () => {
  it('leaves no audit entry when the change rolls back', async () => {
    await expect(
      withTx(t.database.db, async (tx) => {
        await writeAudit(tx, asSystem('test'), { action: 'test.rolled_back', entityType: 'test' });
        throw new Error('the change failed after its audit entry was written');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await t.database.db.select().from(auditEntry).where(eq(auditEntry.action, 'test.rolled_back'));
    expect(rows).toHaveLength(0);
  });
});
