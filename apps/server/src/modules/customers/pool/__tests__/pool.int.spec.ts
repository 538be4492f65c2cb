import type { TCustomer, TCustomerBatchResult, TCustomerPool, TOwnerChange, TPoolStatus } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let rep1: Session; // rep.east1, 华东一组
let rep2: Session; // rep.east2, 华东一组
let repNorth: Session; // rep.north1, 华北一组
let mgr: Session; // mgr.east, 华东大区
let admin: Session;
const executing = new Set<string>();

/** Moves the clock by days; sessions do not outlive that, so everyone signs in again. */
async function advanceDays(days: number): Promise<void> {
  t.clock.advance(days * 86_400_000);
  [rep1, rep2, repNorth, mgr, admin] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.east2'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('admin'),
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  await advanceDays(0);
  // Stands for the contracts module: customers with a contract in execution never fall back.
  t.modules.customers.extensions.register({
    key: 'test-contracts',
    order: 99,
    facts: { withExecutingContracts: async (_tx, ids) => new Set(ids.filter((id) => executing.has(id))) },
  });
});

let seq = 0;
async function newCustomer(s: Session, extra: Record<string, unknown> = {}): Promise<TCustomer> {
  seq += 1;
  const res = await s.request({
    method: 'POST',
    url: '/api/v1/customers',
    payload: {
      name: `池测试客户${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'[seq]}号精密仪表厂${seq}`,
      type: 'industrial',
      acknowledgeDuplicates: true,
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const post = (s: Session, url: string, payload?: unknown) => s.request({ method: 'POST', url, payload });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });

async function pools(): Promise<TCustomerPool[]> {
  return (await get(admin, '/api/v1/customer-pools')).json();
}
async function patchPool(name: string, set: Record<string, unknown>): Promise<void> {
  const pool = (await pools()).find((p) => p.name === name)!;
  const res = await admin.request({
    method: 'PATCH',
    url: `/api/v1/customer-pools/${pool.id}`,
    payload: { ...set, version: pool.version },
  });
  expect(res.statusCode, res.body).toBe(200);
}
async function history(s: Session, id: string): Promise<TOwnerChange[]> {
  return (await get(s, `/api/v1/customers/${id}/owner-history`)).json().items;
}
async function inbox(s: Session): Promise<{ title: string }[]> {
  return (await get(s, '/api/v1/notifications?limit=50')).json().items;
}

describe('public pools', () => {
  it('serves each user the pools of their department chain, with their limits', async () => {
    const east: TPoolStatus = (await get(rep1, '/api/v1/customer-pools/status')).json();
    expect(east.pools.map((p) => p.name).sort()).toEqual(['华东大区公海', '国内事业部公海'].sort());
    expect(east).toMatchObject({ ownerCap: 200, dailyClaimQuota: 10, claimedToday: 0 });
    const north: TPoolStatus = (await get(repNorth, '/api/v1/customer-pools/status')).json();
    expect(north.pools.map((p) => p.name)).toEqual(['国内事业部公海']);
    // The demo put one customer of 华北 into the business unit's pool; 华北 reps see it, masked.
    const list = (await get(repNorth, '/api/v1/customer-pools/customers')).json();
    expect(list.items.length).toBeGreaterThan(0);
    const detail = (await get(repNorth, `/api/v1/customers/${list.items[0].id}`)).json();
    expect(detail.customer.ownerId).toBeNull();
    for (const c of detail.contacts) if (c.mobile) expect(c.mobile).toMatch(/^\*+\d{4}$/);
  });

  it('releases with a reason into the nearest pool, then keeps the releaser from re-claiming for 30 days', async () => {
    const c = await newCustomer(rep1);
    const noReason = await post(rep1, `/api/v1/customers/${c.id}/release`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const released = await post(rep1, `/api/v1/customers/${c.id}/release`, { reason: '客户无采购计划' });
    expect(released.statusCode, released.body).toBe(200);
    const eastPool = (await pools()).find((p) => p.name === '华东大区公海')!;
    expect(released.json()).toMatchObject({ ownerId: null, poolId: eastPool.id });
    // Not in the rep's own list any more, but in the pool list of the office.
    const mine = (await get(rep1, '/api/v1/customers?limit=200')).json().items as TCustomer[];
    expect(mine.some((x) => x.id === c.id)).toBe(false);
    const pool = (await get(rep2, `/api/v1/customer-pools/customers?poolId=${eastPool.id}&limit=200`)).json().items as TCustomer[];
    expect(pool.some((x) => x.id === c.id)).toBe(true);
    // 华北 is not served by the 华东 office pool.
    expect((await post(repNorth, `/api/v1/customers/${c.id}/claim`)).statusCode).toBe(404);

    const again = await post(rep1, `/api/v1/customers/${c.id}/claim`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CUSTOMER_CLAIM_COOLDOWN', title: '您在 2026-12-02 前不能重新领取自己释放或被收回的客户' });

    const claimed = await post(rep2, `/api/v1/customers/${c.id}/claim`);
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toMatchObject({ ownerId: rep2.userId, poolId: null });
    expect((await history(rep2, c.id)).map((h) => [h.kind, h.fromOwnerName, h.toOwnerName, h.reason])).toEqual([
      ['claim', null, '周杰', null],
      ['release', '黄磊', null, '客户无采购计划'],
      ['create', null, '黄磊', null],
    ]);
  });

  it('lets exactly one of two simultaneous claims win; the other is told who was faster', async () => {
    const c = await newCustomer(rep1);
    await post(rep1, `/api/v1/customers/${c.id}/release`, { reason: '转交同事' });
    const other = await t.login('rep.east3');
    const results = await Promise.all([post(rep2, `/api/v1/customers/${c.id}/claim`), post(other, `/api/v1/customers/${c.id}/claim`)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!.json();
    const winner = results.find((r) => r.statusCode === 200)!.json() as TCustomer;
    expect(loser.code).toBe('CUSTOMER_ALREADY_CLAIMED');
    expect(loser.title).toContain(winner.ownerName);
    expect((await history(mgr, c.id)).filter((h) => h.kind === 'claim')).toHaveLength(1);
  });

  it('enforces the daily claim quota and the owner cap of the pool', async () => {
    await patchPool('华东大区公海', { dailyClaimQuota: 2 });
    const a = await newCustomer(rep1);
    const b = await newCustomer(rep1);
    await post(rep1, '/api/v1/customers/batch', { action: 'release', customerIds: [a.id, b.id], reason: '批量释放' });
    // rep.east2 claimed one customer today already (previous test) and maybe a second.
    const status: TPoolStatus = (await get(rep2, '/api/v1/customer-pools/status')).json();
    const first = await post(rep2, `/api/v1/customers/${a.id}/claim`);
    const firstOk = status.claimedToday < 2;
    expect(first.statusCode).toBe(firstOk ? 200 : 409);
    const second = await post(rep2, `/api/v1/customers/${b.id}/claim`);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'CUSTOMER_CLAIM_QUOTA_REACHED', title: '今日领取已达上限（2 个），请明天再来' });
    // A new business day (Shanghai) gives a new quota; then the cap applies.
    await advanceDays(1);
    const owned = (await get(rep2, '/api/v1/customer-pools/status')).json().owned as number;
    await patchPool('华东大区公海', { ownerCap: owned });
    const capped = await post(rep2, `/api/v1/customers/${b.id}/claim`);
    expect(capped.statusCode).toBe(409);
    expect(capped.json().code).toBe('CUSTOMER_OWNER_CAP_REACHED');
    await patchPool('华东大区公海', { ownerCap: 200, dailyClaimQuota: 10 });
    expect((await post(rep2, `/api/v1/customers/${b.id}/claim`)).statusCode).toBe(200);
  });

  it('refuses to release a customer with a contract in execution', async () => {
    const c = await newCustomer(rep1);
    executing.add(c.id);
    const res = await post(rep1, `/api/v1/customers/${c.id}/release`, { reason: '试试释放' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CUSTOMER_EXECUTING_CONTRACT');
  });
});

describe('assignment and transfer', () => {
  it('transfers with a reason, notifies both owners and keeps the history', async () => {
    const c = await newCustomer(rep1);
    const followUp = await post(rep1, `/api/v1/customers/${c.id}/activities`, {
      type: 'call',
      content: '电话沟通年度框架招标计划',
      occurredAt: t.clock.now().toISOString(),
      nextFollowUpAt: new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString(),
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    expect((await post(rep1, `/api/v1/customers/${c.id}/assign`, { ownerId: rep2.userId, reason: '调整客户分工' })).statusCode).toBe(403);
    const res = await post(mgr, `/api/v1/customers/${c.id}/assign`, { ownerId: rep2.userId, reason: '调整客户分工' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerId: rep2.userId, ownerName: '周杰' });
    expect((await inbox(rep2)).some((n) => n.title === `张伟将客户“${c.name}”转给了您`)).toBe(true);
    expect((await inbox(rep1)).some((n) => n.title === '张伟将 1 个客户从您名下转出')).toBe(true);
    expect((await history(mgr, c.id))[0]).toMatchObject({ kind: 'transfer', fromOwnerName: '黄磊', toOwnerName: '周杰', byName: '张伟' });
    // The open follow-up went with the customer.
    const tasksOf = async (s: Session) =>
      ((await get(s, `/api/v1/tasks?relatedType=customer&relatedId=${c.id}`)).json().items as { status: string }[]).filter(
        (x) => x.status === 'open',
      );
    expect(await tasksOf(rep2)).toHaveLength(1);
    expect(await tasksOf(rep1)).toHaveLength(0);
    // The old owner no longer sees it.
    expect((await get(rep1, `/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    // A manager assigns only within the office.
    const out = await post(mgr, `/api/v1/customers/${c.id}/assign`, { ownerId: repNorth.userId, reason: '跨区' });
    expect(out.statusCode).toBe(400);
    expect(out.json().code).toBe('CUSTOMER_ASSIGNEE_OUT_OF_SCOPE');
    const audit = (await get(admin, `/api/v1/audit-log?entityType=customer&entityId=${c.id}`)).json().items as { action: string }[];
    expect(audit.map((a) => a.action)).toContain('customer.transfer');
  });

  it('assigns automatically by rule: region and type to a department, then round robin', async () => {
    const north = (await get(admin, '/api/v1/departments')).json().items.find((d: { code: string }) => d.code === 'T-NORTH-1');
    const rule = await post(admin, '/api/v1/customer-assignment-rules', {
      name: '河南电网',
      priority: 1,
      provinces: ['河南'],
      industries: [],
      types: ['grid'],
      departmentId: north.id,
      strategy: 'round_robin',
      enabled: true,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const director = await t.login('director.dom');
    const a = await newCustomer(director, { type: 'grid', province: '河南' });
    const b = await newCustomer(director, { type: 'grid', province: '河南' });
    const c = await newCustomer(director, { type: 'grid', province: '海南' });
    const res: TCustomerBatchResult = (
      await post(director, '/api/v1/customers/batch', { action: 'autoAssign', customerIds: [a.id, b.id, c.id] })
    ).json();
    expect(res.results.map((r) => [r.outcome, r.code])).toEqual([
      ['done', null],
      ['done', null],
      ['refused', 'ASSIGNMENT_NO_RULE'],
    ]);
    const owners = await Promise.all(
      [a, b].map(async (x) => (await get(director, `/api/v1/customers/${x.id}`)).json().customer as TCustomer),
    );
    expect(owners.every((o) => o.departmentName === '华北一组')).toBe(true);
    expect(owners[0]!.ownerId).not.toBe(owners[1]!.ownerId);
    expect((await history(director, a.id))[0]).toMatchObject({ kind: 'auto_assign', reason: '河南电网' });
  });
});

describe('batch operations', () => {
  it('runs one action on many customers with a result per customer, never touching what is out of scope', async () => {
    const mine = await Promise.all([newCustomer(rep1), newCustomer(rep1)]);
    const foreign = await newCustomer(repNorth);
    const tags = await post(rep1, '/api/v1/customers/batch', {
      action: 'addTags',
      customerIds: [...mine.map((c) => c.id), foreign.id],
      tags: ['重点', '集招'],
    });
    const res: TCustomerBatchResult = tags.json();
    expect(res).toMatchObject({ done: 2, refused: 1 });
    expect(res.results[2]).toMatchObject({ customerId: foreign.id, outcome: 'refused', code: 'NOT_FOUND' });
    expect((await get(repNorth, `/api/v1/customers/${foreign.id}`)).json().customer.tags).toEqual([]);
    const removed: TCustomerBatchResult = (
      await post(rep1, '/api/v1/customers/batch', { action: 'removeTags', customerIds: [mine[0]!.id], tags: ['重点'] })
    ).json();
    expect(removed.done).toBe(1);
    expect((await get(rep1, `/api/v1/customers/${mine[0]!.id}`)).json().customer.tags).toEqual(['集招']);

    // A rep may not batch-assign at all, nor batch-release another rep's customer.
    expect(
      (
        await post(rep1, '/api/v1/customers/batch', {
          action: 'assign',
          customerIds: [mine[0]!.id],
          ownerId: rep2.userId,
          reason: '转给同事',
        })
      ).statusCode,
    ).toBe(403);
    const release: TCustomerBatchResult = (
      await post(rep2, '/api/v1/customers/batch', { action: 'release', customerIds: [mine[1]!.id], reason: '不是我的' })
    ).json();
    expect(release.results[0]).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND' });

    // The manager transfers all of them at once; the cap refuses per customer, not the whole batch.
    const assign: TCustomerBatchResult = (
      await post(mgr, '/api/v1/customers/batch', {
        action: 'assign',
        customerIds: [...mine.map((c) => c.id), foreign.id],
        ownerId: rep2.userId,
        reason: '离职交接',
      })
    ).json();
    expect(assign.results.map((r) => r.outcome)).toEqual(['done', 'done', 'refused']);
    const grade: TCustomerBatchResult = (
      await post(mgr, '/api/v1/customers/batch', {
        action: 'grade',
        customerIds: mine.map((c) => c.id),
        grade: 'B',
        reason: '年度重点客户',
      })
    ).json();
    expect(grade.done).toBe(2);
    expect((await get(mgr, `/api/v1/customers/${mine[0]!.id}`)).json().customer.grade).toBe('B');
  });

  it('refuses more than 500 customers in one batch', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await post(mgr, '/api/v1/customers/batch', { action: 'addTags', customerIds: ids, tags: ['x'] })).statusCode).toBe(400);
  });
});

describe('nightly reclaim', () => {
  it('warns the owner once 7 days before, then puts the customer back into its pool', async () => {
    const c = await newCustomer(rep1);
    const kept = await newCustomer(rep1);
    executing.add(kept.id);
    // Grade D: 30 days without activity. Day 24 is within the 7-day warning window.
    await advanceDays(24);
    let outcome = (await post(admin, '/api/v1/customer-pools/reclaim')).json();
    expect(outcome.warned).toBeGreaterThanOrEqual(1);
    expect((await inbox(rep1)).filter((n) => n.title.includes('将于')).length).toBe(1);
    outcome = (await post(admin, '/api/v1/customer-pools/reclaim')).json();
    expect((await inbox(rep1)).filter((n) => n.title.includes('将于')).length).toBe(1);

    await advanceDays(7);
    outcome = (await post(admin, '/api/v1/customer-pools/reclaim')).json();
    expect(outcome.reclaimed).toBeGreaterThanOrEqual(1);
    const back = (await get(mgr, `/api/v1/customers/${c.id}`)).json().customer as TCustomer;
    expect(back.ownerId).toBeNull();
    expect(back.poolId).not.toBeNull();
    expect((await history(mgr, c.id))[0]).toMatchObject({ kind: 'reclaim', fromOwnerName: '黄磊', reason: 'no_activity', byName: null });
    expect((await inbox(rep1)).some((n) => n.title.includes('已回收到公海'))).toBe(true);
    // The customer with a contract in execution stays with its owner.
    expect((await get(rep1, `/api/v1/customers/${kept.id}`)).json().customer.ownerId).toBe(rep1.userId);
  });

  it('is refused to users who do not manage pools', async () => {
    expect((await post(rep1, '/api/v1/customer-pools/reclaim')).statusCode).toBe(403);
    expect((await post(mgr, '/api/v1/customer-pools', {})).statusCode).toBe(403);
  });
});
