import type { TMetricInfo, TPage, TPerformance, TPerformanceSummary, TTarget, TTargetSplit } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let director: Session;
let mgrEast: Session;
let repEast1: Session;
let repEast2: Session;
let repNorth1: Session;
const dept = new Map<string, string>();
const user = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director.dom');
  mgrEast = await t.login('mgr.east');
  repEast1 = await t.login('rep.east1');
  repEast2 = await t.login('rep.east2');
  repNorth1 = await t.login('rep.north1');
  const admin = await t.login('admin');
  const depts = (await admin.request({ method: 'GET', url: '/api/v1/departments' })).json() as { items: { id: string; code: string }[] };
  for (const d of depts.items) dept.set(d.code, d.id);
  for (const [name, s] of [
    ['director.dom', director],
    ['mgr.east', mgrEast],
    ['rep.east1', repEast1],
    ['rep.east2', repEast2],
    ['rep.north1', repNorth1],
  ] as const) {
    user.set(name, s.userId);
  }
});

const get = <T>(s: Session, url: string) => s.request({ method: 'GET', url }).then((r) => ({ status: r.statusCode, body: r.json() as T }));
const post = <T>(s: Session, url: string, payload: unknown) =>
  s.request({ method: 'POST', url, payload }).then((r) => ({ status: r.statusCode, body: r.json() as T }));

let customerSeq = 0;
/** A customer created through the API by (and for) the session's user, at the clock's time. */
async function createCustomer(s: Session, ownerId?: string): Promise<string> {
  customerSeq++;
  const res = await post<{ id: string }>(s, '/api/v1/customers', {
    name: `业绩测试客户${customerSeq}号${Math.random().toString(36).slice(2, 8)}科技有限公司`,
    type: 'industrial',
    acknowledgeDuplicates: true,
    ...(ownerId ? { ownerId } : {}),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

function metric(p: TPerformance, key: string) {
  const m = p.metrics.find((x) => x.key === key);
  expect(m).toBeDefined();
  return m!;
}

describe('metrics', () => {
  it('lists the measured metrics and those waiting for their module, which have no actual', async () => {
    const res = await get<{ items: TMetricInfo[] }>(repEast1, '/api/v1/targets/metrics');
    expect(res.status).toBe(200);
    const byKey = new Map(res.body.items.map((m) => [m.key, m]));
    expect(byKey.get('new_customers')).toMatchObject({ unit: 'count', available: true, pendingNote: null });
    expect(byKey.get('won_amount')).toMatchObject({ unit: 'amount', available: true });
    // Contracts measure the signed amount; receipts do not exist yet.
    expect(byKey.get('signed_amount')).toMatchObject({ unit: 'amount', available: true, pendingNote: null });
    expect(byKey.get('collected_amount')).toMatchObject({ unit: 'amount', available: false });
    expect(byKey.get('collected_amount')!.pendingNote).toContain('回款');

    const perf = await get<TPerformance>(repEast1, '/api/v1/performance?period=2026-Q4');
    expect(perf.status).toBe(200);
    // A metric nobody measures yet shows its target but no actual, never a zero.
    expect(metric(perf.body, 'collected_amount')).toMatchObject({ actual: null, completion: null, rank: null });
    expect(metric(perf.body, 'collected_amount').target).not.toBeNull();
    expect(metric(perf.body, 'signed_amount').actual).not.toBeNull();
  });
});

describe('demo targets', () => {
  it('has the year, its quarters and its months for the reps and departments, adding up', async () => {
    const list = await get<TPage<TTarget>>(
      director,
      `/api/v1/targets?year=2026&metric=signed_amount&subjectId=${user.get('rep.east1')}&limit=50`,
    );
    expect(list.status).toBe(200);
    // Whole yuan: every monthly money target is a round ten thousand, so the sums below are exact.
    const byPeriod = new Map(list.body.items.map((x) => [x.period, Number(x.value)]));
    expect(byPeriod.size).toBe(17);
    expect(byPeriod.get('2026')).toBeGreaterThan(0);
    const quarters = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((q) => byPeriod.get(q)!);
    expect(quarters.reduce((a, b) => a + b, 0)).toBe(byPeriod.get('2026'));
    expect(byPeriod.get('2026-10')! + byPeriod.get('2026-11')! + byPeriod.get('2026-12')!).toBe(byPeriod.get('2026-Q4'));
    expect([...byPeriod.values()].every((v) => v % 10_000 === 0)).toBe(true);

    const split = await get<TTargetSplit>(
      director,
      `/api/v1/targets/split?period=2026&metric=signed_amount&departmentId=${dept.get('OFF-EAST')}`,
    );
    expect(split.status).toBe(200);
    expect(split.body.lines.map((l) => l.name)).toEqual(expect.arrayContaining(['华东一组', '华东二组', '张伟']));
    // The office keeps a reserve for the manager's own accounts: it shows as unassigned.
    expect(Number(split.body.remainder)).toBeGreaterThan(0);
    expect(Number(split.body.assigned) + Number(split.body.remainder)).toBe(Number(split.body.own!.value));
  });
});

describe('saving a split', () => {
  it('sets a department target and its split in one go, audited, with the remainder', async () => {
    const res = await post<TTargetSplit>(director, '/api/v1/targets', {
      period: '2027-Q1',
      metric: 'new_customers',
      departmentId: dept.get('OFF-EAST'),
      entries: [
        { subjectType: 'department', subjectId: dept.get('OFF-EAST'), value: '100', version: null },
        { subjectType: 'department', subjectId: dept.get('T-EAST-1'), value: '60', version: null },
        { subjectType: 'department', subjectId: dept.get('T-EAST-2'), value: '30', version: null },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.own).toMatchObject({ value: '100', version: 1 });
    expect(res.body.assigned).toBe('90');
    expect(res.body.remainder).toBe('10');

    const audit = await (await t.login('admin')).request({ method: 'GET', url: '/api/v1/audit-log?action=target.create&limit=50' });
    const entries = (audit.json() as { items: { action: string; meta: { period?: string } | null }[] }).items.filter(
      (e) => e.meta?.period === '2027-Q1',
    );
    expect(entries).toHaveLength(3);
  });

  it('refuses a stale line and leaves every other line of the save untouched', async () => {
    const url = `/api/v1/targets/split?period=2027-Q1&metric=new_customers&departmentId=${dept.get('OFF-EAST')}`;
    const before = (await get<TTargetSplit>(director, url)).body;
    const team1 = before.lines.find((l) => l.name === '华东一组')!;
    const team2 = before.lines.find((l) => l.name === '华东二组')!;
    // Someone else changes team 2 first.
    const first = await post<TTargetSplit>(mgrEast, '/api/v1/targets', {
      period: '2027-Q1',
      metric: 'new_customers',
      departmentId: dept.get('OFF-EAST'),
      entries: [{ subjectType: 'department', subjectId: team2.subjectId, value: '35', version: team2.target!.version }],
    });
    expect(first.status).toBe(200);
    const stale = await post<{ code: string }>(director, '/api/v1/targets', {
      period: '2027-Q1',
      metric: 'new_customers',
      departmentId: dept.get('OFF-EAST'),
      entries: [
        { subjectType: 'department', subjectId: team1.subjectId, value: '55', version: team1.target!.version },
        { subjectType: 'department', subjectId: team2.subjectId, value: '40', version: team2.target!.version },
      ],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const after = (await get<TTargetSplit>(director, url)).body;
    expect(after.lines.find((l) => l.name === '华东一组')!.target).toEqual({ value: '60', version: 1 });
    expect(after.lines.find((l) => l.name === '华东二组')!.target).toEqual({ value: '35', version: 2 });
    expect(after.remainder).toBe('5');

    // "There was no target" when there is one is a conflict too.
    const again = await post<{ code: string }>(director, '/api/v1/targets', {
      period: '2027-Q1',
      metric: 'new_customers',
      departmentId: dept.get('OFF-EAST'),
      entries: [{ subjectType: 'department', subjectId: team1.subjectId, value: '1', version: null }],
    });
    expect(again.status).toBe(409);
  });

  it('removes a target given no value', async () => {
    const url = `/api/v1/targets/split?period=2027-Q1&metric=new_customers&departmentId=${dept.get('OFF-EAST')}`;
    const team1 = (await get<TTargetSplit>(director, url)).body.lines.find((l) => l.name === '华东一组')!;
    const res = await post<TTargetSplit>(director, '/api/v1/targets', {
      period: '2027-Q1',
      metric: 'new_customers',
      departmentId: dept.get('OFF-EAST'),
      entries: [{ subjectType: 'department', subjectId: team1.subjectId, value: null, version: team1.target!.version }],
    });
    expect(res.status).toBe(200);
    expect(res.body.lines.find((l) => l.name === '华东一组')!.target).toBeNull();
    expect(res.body.remainder).toBe('65');
  });

  it('refuses subjects outside the split, repeated subjects and values the metric cannot have', async () => {
    const base = { period: '2027-Q2', departmentId: dept.get('T-EAST-1') };
    const outside = await post<{ code: string }>(director, '/api/v1/targets', {
      ...base,
      metric: 'new_customers',
      entries: [{ subjectType: 'user', subjectId: user.get('rep.north1'), value: '5', version: null }],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('TARGET_SUBJECT_OUTSIDE_SPLIT');
    const grandchild = await post<{ code: string }>(director, '/api/v1/targets', {
      period: '2027-Q2',
      departmentId: dept.get('BU-DOM'),
      metric: 'new_customers',
      entries: [{ subjectType: 'department', subjectId: dept.get('T-EAST-1'), value: '5', version: null }],
    });
    expect(grandchild.body.code).toBe('TARGET_SUBJECT_OUTSIDE_SPLIT');
    const fraction = await post<{ code: string }>(director, '/api/v1/targets', {
      ...base,
      metric: 'new_customers',
      entries: [{ subjectType: 'user', subjectId: user.get('rep.east1'), value: '2.5', version: null }],
    });
    expect(fraction.body.code).toBe('TARGET_VALUE_INVALID');
    const repeated = await post<{ code: string }>(director, '/api/v1/targets', {
      ...base,
      metric: 'won_amount',
      entries: [
        { subjectType: 'user', subjectId: user.get('rep.east1'), value: '5.00', version: null },
        { subjectType: 'user', subjectId: user.get('rep.east1'), value: '6.00', version: null },
      ],
    });
    expect(repeated.body.code).toBe('TARGET_SUBJECT_REPEATED');
    const unknown = await post<{ code: string }>(director, '/api/v1/targets', {
      ...base,
      metric: 'no_such_metric',
      entries: [{ subjectType: 'user', subjectId: user.get('rep.east1'), value: '5', version: null }],
    });
    expect(unknown.body.code).toBe('TARGET_METRIC_UNKNOWN');
  });
});

describe('scopes', () => {
  it('lets a manager split the team target the director gave, but not change it, and nothing outside the team', async () => {
    const split = await get<TTargetSplit>(
      mgrEast,
      `/api/v1/targets/split?period=2026-Q4&metric=won_amount&departmentId=${dept.get('OFF-EAST')}`,
    );
    expect(split.status).toBe(200);
    expect(split.body).toMatchObject({ canEditOwn: false, canEditLines: true });
    const own = await post<{ code: string }>(mgrEast, '/api/v1/targets', {
      period: '2026-Q4',
      metric: 'won_amount',
      departmentId: dept.get('OFF-EAST'),
      entries: [{ subjectType: 'department', subjectId: dept.get('OFF-EAST'), value: '1.00', version: split.body.own!.version }],
    });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('TARGET_OWN_LOCKED');
    const team = await get<TTargetSplit>(
      mgrEast,
      `/api/v1/targets/split?period=2026-Q4&metric=won_amount&departmentId=${dept.get('T-EAST-1')}`,
    );
    expect(team.body).toMatchObject({ canEditOwn: true, canEditLines: true });
    expect(
      (await get(mgrEast, `/api/v1/targets/split?period=2026-Q4&metric=won_amount&departmentId=${dept.get('OFF-NORTH')}`)).status,
    ).toBe(404);
    expect((await get(mgrEast, `/api/v1/targets/split?period=2026-Q4&metric=won_amount&departmentId=${dept.get('BU-DOM')}`)).status).toBe(
      404,
    );
    const foreign = await post(mgrEast, '/api/v1/targets', {
      period: '2026-Q4',
      metric: 'won_amount',
      departmentId: dept.get('T-NORTH-1'),
      entries: [{ subjectType: 'user', subjectId: user.get('rep.north1'), value: '1.00', version: null }],
    });
    expect(foreign.status).toBe(404);
  });

  it('shows a rep their own targets and performance only', async () => {
    const mine = await get<TPage<TTarget>>(repEast1, '/api/v1/targets?year=2026&limit=200');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((x) => x.subjectType === 'user' && x.subjectId === user.get('rep.east1'))).toBe(true);

    expect((await get(repEast1, `/api/v1/performance?period=2026-Q4&subject=user:${user.get('rep.east2')}`)).status).toBe(404);
    expect((await get(repEast1, `/api/v1/performance?period=2026-Q4&subject=department:${dept.get('T-EAST-1')}`)).status).toBe(404);
    expect((await get(repEast1, `/api/v1/targets/split?period=2026-Q4&metric=won_amount`)).status).toBe(404);
    expect(
      (
        await post(repEast1, '/api/v1/targets', {
          period: '2026-Q4',
          metric: 'won_amount',
          departmentId: dept.get('T-EAST-1'),
          entries: [{ subjectType: 'user', subjectId: user.get('rep.east1'), value: '1.00', version: null }],
        })
      ).status,
    ).toBe(403);
    const own = await get<TPerformance>(repEast1, `/api/v1/performance?period=2026-Q4&subject=user:${user.get('rep.east1')}`);
    expect(own.status).toBe(200);
    expect(own.body.subject).toMatchObject({ type: 'user', name: '黄磊' });

    const summary = await get<TPerformanceSummary>(repEast1, '/api/v1/performance/summary?period=2026-Q4');
    expect(summary.body.users.map((u) => u.userId)).toEqual([user.get('rep.east1')]);
    expect(summary.body.departments).toEqual([]);
  });

  it('lets a manager read the team and nothing beyond it', async () => {
    expect((await get(mgrEast, `/api/v1/performance?period=2026-Q4&subject=user:${user.get('rep.east2')}`)).status).toBe(200);
    expect((await get(mgrEast, `/api/v1/performance?period=2026-Q4&subject=department:${dept.get('OFF-EAST')}`)).status).toBe(200);
    expect((await get(mgrEast, `/api/v1/performance?period=2026-Q4&subject=user:${user.get('rep.north1')}`)).status).toBe(404);
    expect((await get(mgrEast, `/api/v1/performance/summary?period=2026-Q4&departmentId=${dept.get('OFF-NORTH')}`)).status).toBe(404);
    const summary = await get<TPerformanceSummary>(mgrEast, '/api/v1/performance/summary?period=2026-Q4');
    expect(summary.status).toBe(200);
    expect(summary.body.departmentId).toBe(dept.get('OFF-EAST'));
    const names = summary.body.users.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['黄磊', '周杰', '林晓', '徐明', '马丽', '张伟']));
    expect(names).not.toContain('朱峰');
    const teams = await get<TPage<TTarget>>(mgrEast, '/api/v1/targets?period=2026&metric=won_amount&limit=200');
    const departments = new Set(teams.body.items.map((x) => x.departmentId));
    expect([...departments].every((d) => [dept.get('OFF-EAST'), dept.get('T-EAST-1'), dept.get('T-EAST-2')].includes(d))).toBe(true);
  });
});

describe('performance from the records', () => {
  // A quarter of its own: only what this test creates counts.
  const period = '2027-Q1';

  beforeAll(async () => {
    t.clock.set('2027-02-10T02:00:00Z');
    // Sessions do not survive three months: sign in again at the new time.
    director = await t.login('director.dom');
    mgrEast = await t.login('mgr.east');
    repEast1 = await t.login('rep.east1');
    repEast2 = await t.login('rep.east2');
    const set = (departmentId: string, entries: { subjectType: 'user' | 'department'; subjectId: string; value: string }[]) =>
      post(director, '/api/v1/targets', {
        period,
        metric: 'won_opportunities',
        departmentId,
        entries: entries.map((e) => ({ ...e, version: null })),
      });
    expect(
      (
        await set(dept.get('T-EAST-1')!, [
          { subjectType: 'department', subjectId: dept.get('T-EAST-1')!, value: '10' },
          { subjectType: 'user', subjectId: user.get('rep.east1')!, value: '4' },
          { subjectType: 'user', subjectId: user.get('rep.east2')!, value: '2' },
        ])
      ).status,
    ).toBe(200);
    const newCustomers = await post(director, '/api/v1/targets', {
      period,
      metric: 'new_customers',
      departmentId: dept.get('T-EAST-1'),
      entries: [{ subjectType: 'user', subjectId: user.get('rep.east1'), value: '8', version: null }],
    });
    expect(newCustomers.status).toBe(200);
  });

  it('counts the customers a rep creates, per month, and the team counts them too', async () => {
    const url = `/api/v1/performance?period=${period}&subject=user:${user.get('rep.east1')}`;
    const before = metric((await get<TPerformance>(repEast1, url)).body, 'new_customers');
    expect(before).toMatchObject({ target: '8', actual: '0', completion: 0 });

    t.clock.set('2027-01-15T03:00:00Z');
    await createCustomer(repEast1);
    t.clock.set('2027-02-10T02:00:00Z');
    await createCustomer(repEast1);
    await createCustomer(repEast1);
    // Created by the manager for the rep: counts for the rep, whoever typed it in.
    await createCustomer(mgrEast, user.get('rep.east1'));
    // Another rep's customer does not count for this one.
    await createCustomer(repEast2);

    const after = metric((await get<TPerformance>(repEast1, url)).body, 'new_customers');
    expect(after).toMatchObject({ target: '8', actual: '4', completion: 50 });
    expect(after.trend).toEqual([
      { month: '2027-01', target: null, actual: '1' },
      { month: '2027-02', target: null, actual: '3' },
      { month: '2027-03', target: null, actual: '0' },
    ]);

    const team = await get<TPerformance>(mgrEast, `/api/v1/performance?period=${period}&subject=department:${dept.get('T-EAST-1')}`);
    expect(metric(team.body, 'new_customers').actual).toBe('5');
    const office = await get<TPerformance>(director, `/api/v1/performance?period=${period}&subject=department:${dept.get('OFF-EAST')}`);
    expect(metric(office.body, 'new_customers').actual).toBe('5');
    const north = await get<TPerformance>(director, `/api/v1/performance?period=${period}&subject=department:${dept.get('OFF-NORTH')}`);
    expect(metric(north.body, 'new_customers').actual).toBe('0');
  });

  it('counts won opportunities and their amount, with completion and the ranking in the department', async () => {
    const pipeline = (
      await get<{ stages: { id: string; code: string; kind: string; position: number }[] }>(repEast1, '/api/v1/opportunity-pipeline')
    ).body;
    const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);
    const won = stages.find((s) => s.kind === 'won')!;
    const open = stages.filter((s) => s.kind === 'open');

    async function winOpportunity(s: Session, amount: string): Promise<void> {
      const customerId = await createCustomer(s);
      const created = await post<{ id: string; version: number }>(s, '/api/v1/opportunities', {
        name: `业绩测试商机${amount}`,
        customerId,
        amount,
        expectedCloseDate: '2027-03-20',
      });
      expect(created.status).toBe(201);
      let version = created.body.version;
      for (const stage of [...open.slice(1), won]) {
        const moved = await s.request({
          method: 'POST',
          url: `/api/v1/opportunities/${created.body.id}/stage`,
          payload: { stageId: stage.id, version, ...(stage.kind === 'won' ? { reasonCode: 'technology' } : {}) },
        });
        expect(moved.statusCode, moved.body).toBe(200);
        version = (moved.json() as { version: number }).version;
      }
    }

    await winOpportunity(repEast1, '1200000.50');
    await winOpportunity(repEast2, '300000.00');
    await winOpportunity(repEast2, '450000.25');

    const east1 = (await get<TPerformance>(repEast1, `/api/v1/performance?period=${period}`)).body;
    expect(metric(east1, 'won_opportunities')).toMatchObject({ target: '4', actual: '1', completion: 25 });
    expect(metric(east1, 'won_amount').actual).toBe('1200000.50');
    expect(metric(east1, 'won_opportunities').trend.map((p) => p.actual)).toEqual(['0', '1', '0']);
    // rep.east2 has won 2 of 2 (100 %), rep.east1 1 of 4 (25 %); 林晓 has no target and nothing won.
    expect(metric(east1, 'won_opportunities').rank).toEqual({ position: 2, of: 3 });
    const east2 = (await get<TPerformance>(mgrEast, `/api/v1/performance?period=${period}&subject=user:${user.get('rep.east2')}`)).body;
    expect(metric(east2, 'won_opportunities')).toMatchObject({ actual: '2', completion: 100, rank: { position: 1, of: 3 } });
    expect(metric(east2, 'won_amount').actual).toBe('750000.25');

    const team = (await get<TPerformance>(mgrEast, `/api/v1/performance?period=${period}&subject=department:${dept.get('T-EAST-1')}`)).body;
    expect(metric(team, 'won_opportunities')).toMatchObject({ target: '10', actual: '3', completion: 30, rank: null });
    expect(metric(team, 'won_amount').actual).toBe('1950000.75');
  });

  it('gives the director every user and department with the same numbers, set-based', async () => {
    const summary = (await get<TPerformanceSummary>(director, `/api/v1/performance/summary?period=${period}`)).body;
    const won = summary.metrics.findIndex((m) => m.key === 'won_opportunities');
    const amount = summary.metrics.findIndex((m) => m.key === 'won_amount');
    const collected = summary.metrics.findIndex((m) => m.key === 'collected_amount');
    const row = (name: string) => summary.users.find((u) => u.name === name)!;
    expect(row('黄磊').cells[won]).toEqual({ target: '4', actual: '1', completion: 25 });
    expect(row('周杰').cells[amount]!.actual).toBe('750000.25');
    // No module measures collections yet: no actual, never a zero.
    expect(row('黄磊').cells[collected]).toEqual({ target: null, actual: null, completion: null });
    // Everyone who carries targets is listed, in every department (14 demo reps, 4 managers, the director).
    expect(summary.users.length).toBeGreaterThanOrEqual(19);
    const office = summary.departments.find((d) => d.id === dept.get('OFF-EAST'))!;
    expect(office.cells[amount]!.actual).toBe('1950000.75');
    expect(summary.departments.find((d) => d.id === dept.get('T-EAST-1'))!.cells[won]).toEqual({
      target: '10',
      actual: '3',
      completion: 30,
    });
    expect(summary.departments.map((d) => d.id)).not.toContain(dept.get('FINANCE'));
    const group = summary.departments.find((d) => d.depth === 0)!;
    expect(group.cells[amount]!.actual).toBe('1950000.75');
  });
  it('shares a computed summary for a few seconds, computes it anew on request, and at once after a target change', async () => {
    const url = `/api/v1/performance/summary?period=${period}`;
    const actualOf = (summary: TPerformanceSummary, name: string) => {
      const i = summary.metrics.findIndex((m) => m.key === 'new_customers');
      return summary.users.find((u) => u.name === name)!.cells[i]!;
    };
    const first = (await get<TPerformanceSummary>(director, url)).body;
    const before = Number(actualOf(first, '黄磊').actual);
    await createCustomer(repEast1);
    // The same view a moment later: the summary computed before.
    const again = (await get<TPerformanceSummary>(director, url)).body;
    expect(actualOf(again, '黄磊').actual).toBe(String(before));
    expect(again.computedAt).toBe(first.computedAt);
    // Asked for fresh figures, the new customer counts.
    const fresh = (await get<TPerformanceSummary>(director, `${url}&fresh=true`)).body;
    expect(actualOf(fresh, '黄磊').actual).toBe(String(before + 1));

    await createCustomer(repEast1);
    const saved = await post(director, '/api/v1/targets', {
      period,
      metric: 'new_customers',
      departmentId: dept.get('T-EAST-1'),
      entries: [{ subjectType: 'user', subjectId: user.get('rep.east2'), value: '3', version: null }],
    });
    expect(saved.status).toBe(200);
    // A target change is seen at once, with every figure computed anew.
    const after = (await get<TPerformanceSummary>(director, url)).body;
    expect(actualOf(after, '周杰').target).toBe('3');
    expect(actualOf(after, '黄磊').actual).toBe(String(before + 2));
  });
});
