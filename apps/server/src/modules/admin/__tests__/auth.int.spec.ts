import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../../kernel/kernel.schema.ts';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/test-app.ts';
import { appUser } from '../admin.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const login = (username: string, password: string, remoteAddress = '10.9.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user with a CSRF token', async () => {
    const res = await login('rep.east1', TEST_DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'crm_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const body = res.json();
    expect(body.user.username).toBe('rep.east1');
    expect(body.user.roles.map((r: { code: string }) => r.code)).toEqual(['sales_rep']);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `crm_sid=${cookie.value}` } });
    expect(me.json().displayName).toBe('黄磊');
  });

  it('answers an unknown user exactly like a wrong password, and audits both', async () => {
    const unknown = await login('nobody.here', 'whatever-123', '10.9.0.2');
    const wrong = await login('rep.east2', 'whatever-123', '10.9.0.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (b: { requestId?: string }) => ({ ...b, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.json().code).toBe('INVALID_CREDENTIALS');
    const failures = await t.database.db.select().from(auditEntry).where(eq(auditEntry.action, 'auth.login_failed'));
    expect(failures.map((f) => f.meta?.username)).toEqual(expect.arrayContaining(['nobody.here', 'rep.east2']));
    expect(JSON.stringify(failures)).not.toContain('whatever-123');
  });

  it('gives a new session id at each sign-in and ends the one presented', async () => {
    const first = await login('rep.east3', TEST_DEMO_PASSWORD);
    const old = first.cookies.find((c) => c.name === 'crm_sid')!.value;
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'rep.east3', password: TEST_DEMO_PASSWORD },
      headers: { cookie: `crm_sid=${old}` },
    });
    const fresh = second.cookies.find((c) => c.name === 'crm_sid')!.value;
    expect(fresh).not.toBe(old);
    const withOld = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `crm_sid=${old}` } });
    expect(withOld.statusCode).toBe(401);
  });

  it('ends the session at logout', async () => {
    const s = await t.login('rep.east4');
    expect((await s.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    const after = await s.request({ method: 'GET', url: '/api/v1/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('SESSION_EXPIRED');
  });

  it('expires idle sessions and sessions past the absolute limit', async () => {
    const s = await t.login('rep.east5');
    t.clock.advance(119 * 60_000);
    expect((await s.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    t.clock.advance(121 * 60_000);
    expect((await s.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);

    const busy = await t.login('rep.north1');
    for (let i = 0; i < 13; i++) {
      t.clock.advance(60 * 60_000);
      const res = await busy.request({ method: 'GET', url: '/api/v1/me' });
      expect(res.statusCode).toBe(i < 11 ? 200 : 401);
    }
  });

  it('rehashes a password stored with old parameters at sign-in', async () => {
    const old = await hash(TEST_DEMO_PASSWORD, { memoryCost: 4096, timeCost: 3, parallelism: 1, algorithm: 2 });
    await t.database.db.update(appUser).set({ passwordHash: old }).where(eq(appUser.username, 'rep.north2'));
    expect((await login('rep.north2', TEST_DEMO_PASSWORD)).statusCode).toBe(200);
    const [row] = await t.database.db.select({ h: appUser.passwordHash }).from(appUser).where(eq(appUser.username, 'rep.north2'));
    expect(row!.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('CSRF and API tokens', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const s = await t.login('admin');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { phone: '123' }, headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { phone: '123' },
      headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await s.request({ method: 'PATCH', url: '/api/v1/me', payload: { phone: '123' } });
    expect(ok.statusCode).toBe(200);
  });

  it('shows an API token once, accepts it as Bearer without CSRF, and refuses it after revocation', async () => {
    const s = await t.login('admin');
    const created = await s.request({ method: 'POST', url: '/api/v1/me/api-tokens', payload: { name: 'ERP sync' } });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^crm_/);
    const list = await s.request({ method: 'GET', url: '/api/v1/me/api-tokens' });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json().items[0].prefix).toBe(token.slice(0, 12));

    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users?limit=1', headers: bearer })).statusCode).toBe(200);
    const write = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { phone: '456' }, headers: bearer });
    expect(write.statusCode).toBe(200);

    const audit = await t.database.db.select().from(auditEntry).where(eq(auditEntry.entityId, apiToken.id));
    expect(JSON.stringify(audit)).not.toContain(token);

    expect((await s.request({ method: 'DELETE', url: `/api/v1/me/api-tokens/${apiToken.id}` })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
  });
});

describe('sign-in throttling', () => {
  it('slows one address after repeated failures but lets the owner in from elsewhere', async () => {
    const attacker = '10.66.0.1';
    for (let i = 0; i < 5; i++) expect((await login('mgr.north', 'guess-' + i, attacker)).statusCode).toBe(401);
    const blocked = await login('mgr.north', TEST_DEMO_PASSWORD, attacker);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The real user, elsewhere, is not locked out.
    expect((await login('mgr.north', TEST_DEMO_PASSWORD, '10.77.0.1')).statusCode).toBe(200);
    // After the wait, the address may try again.
    t.clock.advance(31_000);
    expect((await login('mgr.north', TEST_DEMO_PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('refuses an address that tries many accounts', async () => {
    const stuffer = '10.88.0.1';
    for (let i = 0; i < 30; i++) await login(`user${i}`, 'Password-1', stuffer);
    expect((await login('mgr.intl', TEST_DEMO_PASSWORD, stuffer)).statusCode).toBe(429);
  });
});

describe('passwords', () => {
  it('changes the own password, refusing common ones, and ends the other sessions', async () => {
    const a = await t.login('rep.north3');
    const b = await t.login('rep.north3');
    const weak = await a.request({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: TEST_DEMO_PASSWORD, newPassword: 'password123' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].path).toBe('newPassword');
    const wrong = await a.request({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'nope-nope', newPassword: 'Grid-Meter-7788' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await a.request({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: TEST_DEMO_PASSWORD, newPassword: 'Grid-Meter-7788' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await a.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await b.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await login('rep.north3', 'Grid-Meter-7788', '10.9.1.1')).statusCode).toBe(200);
  });
});
