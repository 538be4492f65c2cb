import type { TIntegrationCall, TIntegrationHealth, TIntegrationOverview } from '@crm/contracts';
import { startQccSimulator, type QccSimulator } from '@crm/simulators/qichacha';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { takeWindowSlot } from '../integrations.repository.ts';

let sim: QccSimulator;
let t: TestApp;
let rep: Session; // rep.east1 黄磊
let admin: Session;

const KEY = 'health-test-key';
const SECRET = 'health-test-secret';

beforeAll(async () => {
  sim = await startQccSimulator({ appKey: KEY, secretKey: SECRET, maxPageSize: 10 });
  t = await createTestApp({
    env: {
      CRM_INTEGRATIONS: 'real',
      CRM_QCC_BASE_URL: sim.url,
      CRM_QCC_APP_KEY: KEY,
      CRM_QCC_SECRET_KEY: SECRET,
      CRM_QCC_TIMEOUT_MS: '2000',
      // Every lookup reaches the registry (no cache), and the limits stay out of the way here.
      CRM_QCC_CACHE_HOURS: '0',
      CRM_QCC_RATE_PER_SECOND: '100',
      CRM_QCC_RATE_PER_MINUTE: '1000',
    },
  });
  [rep, admin] = await Promise.all([t.login('rep.east1'), t.login('admin')]);
});
afterAll(() => sim.close());

const search = (s: Session, q: string) => s.request({ method: 'GET', url: `/api/v1/registry/companies?q=${encodeURIComponent(q)}` });

async function qcc(): Promise<TIntegrationHealth> {
  const res = await admin.request({ method: 'GET', url: '/api/v1/integrations' });
  expect(res.statusCode).toBe(200);
  const item = (res.json() as TIntegrationOverview).items.find((i) => i.system === 'qcc');
  if (!item) throw new Error('qcc is not in the health view');
  return item;
}

async function calls(query = ''): Promise<TIntegrationCall[]> {
  const res = await admin.request({ method: 'GET', url: `/api/v1/integrations/qcc/calls?limit=50${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('integration call log and health view', () => {
  it('lists the registry as idle before any call', async () => {
    expect(await qcc()).toMatchObject({
      system: 'qcc',
      mode: 'real',
      state: 'idle',
      lastCallAt: null,
      lastError: null,
      limits: [
        { limit: 100, windowMs: 1000 },
        { limit: 1000, windowMs: 60_000 },
      ],
      lastHour: { calls: 0, errors: 0, limited: 0, errorRate: null, p95Ms: null },
    });
  });

  it('logs every call with its outcome and caller; an injected registry error shows in the figures and the state', async () => {
    expect((await search(rep, '国网江苏省电力')).statusCode).toBe(200);
    sim.failNext({ httpStatus: 502 });
    expect((await search(rep, '南京华能')).statusCode).toBe(503);
    sim.failNext({ status: '112' });
    const refused = await search(rep, '无锡恒通');
    expect(refused.statusCode).toBe(502);
    expect(refused.json().code).toBe('REGISTRY_REFUSED');

    const logged = await calls();
    expect(logged.slice(0, 3)).toEqual([
      expect.objectContaining({
        operation: 'fuzzy-search',
        outcome: 'error',
        statusCode: '112',
        errorKind: 'quota',
        caller: 'rep.east1',
        callerName: '黄磊',
      }),
      expect.objectContaining({
        operation: 'fuzzy-search',
        outcome: 'error',
        statusCode: 'HTTP 502',
        errorKind: 'transport',
        caller: 'rep.east1',
      }),
      expect.objectContaining({
        operation: 'fuzzy-search',
        outcome: 'ok',
        statusCode: '200',
        errorKind: null,
        message: null,
        caller: 'rep.east1',
      }),
    ]);
    expect(logged[2]!.reference).toMatch(/^FUZZY\d{22}$/);
    expect(logged.every((c) => c.durationMs >= 0)).toBe(true);
    // Neither the keys nor what was searched for are kept.
    const text = JSON.stringify(logged);
    for (const secret of [KEY, SECRET, '国网江苏省电力', '南京华能']) expect(text).not.toContain(secret);

    const health = await qcc();
    expect(health.lastHour).toMatchObject({ calls: 3, errors: 2, limited: 0 });
    expect(health.lastHour.errorRate).toBeCloseTo(2 / 3, 5);
    expect(health.lastHour.p95Ms).toEqual(expect.any(Number));
    expect(health.lastDay).toMatchObject({ calls: 3, errors: 2 });
    // The latest call was refused for the account's balance: only an administrator can help.
    expect(health.state).toBe('failing');
    expect(health.lastError).toMatchObject({ statusCode: '112', errorKind: 'quota' });
    expect(health.lastCallAt).toBe(t.clock.now().toISOString());

    expect((await calls('&outcome=error')).every((c) => c.outcome === 'error')).toBe(true);
  });

  it('recovers to ok once calls go through again and the failures age out of the last hour', async () => {
    const start = t.clock.now();
    try {
      t.clock.advance(2 * 3_600_000);
      // Sessions do not last that long: sign in again.
      [rep, admin] = await Promise.all([t.login('rep.east1'), t.login('admin')]);
      expect((await search(rep, '国网江苏省电力')).statusCode).toBe(200);
      const health = await qcc();
      expect(health.lastHour).toMatchObject({ calls: 1, errors: 0, errorRate: 0 });
      expect(health.lastDay).toMatchObject({ calls: 4, errors: 2 });
      expect(health.state).toBe('ok');
    } finally {
      t.clock.set(start);
      [rep, admin] = await Promise.all([t.login('rep.east1'), t.login('admin')]);
    }
  });

  it('is for administrators only', async () => {
    expect((await rep.request({ method: 'GET', url: '/api/v1/integrations' })).statusCode).toBe(403);
    expect((await rep.request({ method: 'GET', url: '/api/v1/integrations/qcc/calls' })).statusCode).toBe(403);
  });

  it('prunes call-log rows older than the retention period with the nightly job', async () => {
    const before = (await calls()).length;
    expect(before).toBeGreaterThan(0);
    const start = t.clock.now();
    try {
      t.clock.advance(29 * 86_400_000);
      await t.kernel.jobs.runNow(t.modules.integrations.jobs.prune, {});
      admin = await t.login('admin');
      expect(await calls()).toHaveLength(before);
      t.clock.advance(2 * 86_400_000);
      await t.kernel.jobs.runNow(t.modules.integrations.jobs.prune, {});
      admin = await t.login('admin');
      expect(await calls()).toEqual([]);
    } finally {
      t.clock.set(start);
      admin = await t.login('admin');
    }
  });
});

describe('outbound rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({
      env: {
        CRM_INTEGRATIONS: 'real',
        CRM_QCC_BASE_URL: sim.url,
        CRM_QCC_APP_KEY: KEY,
        CRM_QCC_SECRET_KEY: SECRET,
        CRM_QCC_CACHE_HOURS: '0',
        CRM_QCC_RATE_PER_SECOND: '0',
        CRM_QCC_RATE_PER_MINUTE: '2',
        CRM_QCC_RATE_WAIT_MS: '0',
      },
    });
  });

  it('gives exactly the limit of a window to concurrent callers', async () => {
    const key = { system: 'limit-test', windowMs: 1000, windowStart: new Date('2026-11-02T02:00:00Z') };
    const taken = await Promise.all(Array.from({ length: 20 }, () => takeWindowSlot(t.database.db, key, 5)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect(await takeWindowSlot(t.database.db, { ...key, windowStart: new Date('2026-11-02T02:00:01Z') }, 5)).toBe(true);
  });

  it('holds back lookups over the limit with a clear answer, and logs them as rate-limited', async () => {
    // The limit counts per real minute: start early in one so that the three calls share it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const [user, boss] = await Promise.all([limited.login('rep.east1'), limited.login('admin')]);
    const answers = [];
    for (const q of ['国网江苏省电力', '南京华能', '无锡恒通']) answers.push(await search(user, q));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 429]);
    expect(answers[2]!.json()).toMatchObject({ code: 'REGISTRY_BUSY' });
    expect(Number(answers[2]!.headers['retry-after'])).toBeGreaterThan(0);

    const health = (await boss.request({ method: 'GET', url: '/api/v1/integrations' })).json().items[0] as TIntegrationHealth;
    expect(health.lastHour).toMatchObject({ calls: 2, errors: 0, limited: 1, errorRate: 0 });
    expect(health.state).toBe('degraded');
    const log = (await boss.request({ method: 'GET', url: '/api/v1/integrations/qcc/calls?outcome=limited' })).json()
      .items as TIntegrationCall[];
    expect(log).toEqual([
      expect.objectContaining({ outcome: 'limited', errorKind: 'rate_limited', statusCode: null, caller: 'rep.east1' }),
    ]);
  });
});
