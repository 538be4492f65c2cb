import type { TCustomer, TGradeHistoryEntry, TGradingSettings } from '@crm/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../../kernel/auth/actor.ts';
import { withTx } from '../../../../kernel/db/tx.ts';
import { auditEntry } from '../../../../kernel/kernel.schema.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let rep1: Session; // rep.east1, 华东一组
let rep2: Session; // rep.north1, 华北一组
let mgr: Session; // mgr.east, 华东大区
let admin: Session;

/** What the test "contracts" and "receivables" modules report, per customer id. */
const signedByContracts = new Map<string, string>();
const signedByFrameworks = new Map<string, string>();
const overdueDays = new Map<string, number>();
const sinceSeen: Date[] = [];

const ids: Record<'big' | 'late' | 'none' | 'other', string> = { big: '', late: '', none: '', other: '' };

async function create(s: Session, name: string): Promise<TCustomer> {
  const res = await s.request({ method: 'POST', url: '/api/v1/customers', payload: { name, type: 'industrial', province: '江苏' } });
  expect(res.statusCode).toBe(201);
  return res.json();
}

const get = async (s: Session, id: string): Promise<TCustomer> =>
  (await s.request({ method: 'GET', url: `/api/v1/customers/${id}` })).json().customer;
const history = async (s: Session, id: string): Promise<TGradeHistoryEntry[]> =>
  (await s.request({ method: 'GET', url: `/api/v1/customers/${id}/grade-history` })).json().items;

function runJob(): Promise<void> {
  const job = t.kernel.jobs.definitions.get('customers.grading.recompute');
  if (!job) throw new Error('the grading job is not registered');
  return t.kernel.jobs.runNow(job, {});
}

async function auditOf(action: string, entityIds: string[]) {
  return t.database.db
    .select()
    .from(auditEntry)
    .where(and(eq(auditEntry.action, action), inArray(auditEntry.entityId, entityIds)));
}

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, mgr, admin] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('mgr.east'), t.login('admin')]);
  ids.big = (await create(rep1, '无锡恒远电能表有限公司')).id;
  ids.late = (await create(rep1, '常州宏达配电设备有限公司')).id;
  ids.none = (await create(rep1, '苏州瑞邦仪表科技有限公司')).id;
  ids.other = (await create(rep2, '天津津滨电力设备有限公司')).id;
  // Two modules report signed amounts (they add up); one reports overdue receivables.
  t.modules.customers.extensions.register({
    key: 'test-contracts',
    order: 10,
    facts: {
      async signedAmountSince(_tx, customerIds, since) {
        sinceSeen.push(since);
        return new Map(customerIds.filter((id) => signedByContracts.has(id)).map((id) => [id, signedByContracts.get(id)!]));
      },
    },
  });
  t.modules.customers.extensions.register({
    key: 'test-receivables',
    order: 20,
    facts: {
      async signedAmountSince(_tx, customerIds) {
        return new Map(customerIds.filter((id) => signedByFrameworks.has(id)).map((id) => [id, signedByFrameworks.get(id)!]));
      },
      async maxOverdueDays(_tx, customerIds) {
        return new Map(customerIds.filter((id) => overdueDays.has(id)).map((id) => [id, overdueDays.get(id)!]));
      },
    },
  });
});

// Every step happens a minute after the previous one (the test clock stands still otherwise).
beforeEach(() => t.clock.advance(60_000));

describe('nightly recompute', () => {
  it('is registered with a nightly cron schedule', () => {
    expect(t.kernel.jobs.definitions.get('customers.grading.recompute')?.cron).toBe('30 2 * * *');
  });

  it('grades from the summed signed amounts of the last 12 months and caps overdue customers at C', async () => {
    signedByContracts.set(ids.big, '3000000.00').set(ids.late, '6000000.00');
    signedByFrameworks.set(ids.big, '2000000.00');
    overdueDays.set(ids.late, 120);
    await runJob();
    // 2026-11-02 in Shanghai: the lookback starts on 2025-11-02 at 00:00 Shanghai time.
    expect(sinceSeen.at(-1)?.toISOString()).toBe('2025-11-01T16:00:00.000Z');
    const [big, late, none] = await Promise.all([get(rep1, ids.big), get(rep1, ids.late), get(rep1, ids.none)]);
    expect([big.grade, big.ruleGrade, big.gradeOverridden]).toEqual(['A', 'A', false]);
    expect([late.grade, late.ruleGrade]).toEqual(['C', 'C']);
    expect(none.grade).toBe('D');

    const [entry] = await history(rep1, ids.big);
    expect(entry).toMatchObject({
      fromGrade: 'D',
      toGrade: 'A',
      ruleGrade: 'A',
      source: 'rule',
      overridden: false,
      byName: null,
      facts: { signedAmount: '5000000.00', overdueDays: null, strategic: false },
    });
    expect((await history(rep1, ids.late))[0]?.facts).toEqual({ signedAmount: '6000000.00', overdueDays: 120, strategic: false });
    expect(await history(rep1, ids.none)).toEqual([]);
    const audit = await auditOf('customer.grade_recompute', [ids.big, ids.late]);
    expect(audit).toHaveLength(2);
    expect(audit.find((a) => a.entityId === ids.big)?.changes).toMatchObject({
      grade: { from: 'D', to: 'A' },
      ruleGrade: { from: 'D', to: 'A' },
    });
  });

  it('changes nothing when run again', async () => {
    const before = (await history(rep1, ids.big)).length;
    const result = await t.modules.customers.grading.recomputeAll();
    expect(result.changed).toBe(0);
    expect(result.customers).toBeGreaterThanOrEqual(4);
    expect(await history(rep1, ids.big)).toHaveLength(before);
  });
});

describe('manual override', () => {
  it('sets the grade with a reason, keeps it through the nightly job, and still tracks the rule grade', async () => {
    const res = await mgr.request({
      method: 'POST',
      url: `/api/v1/customers/${ids.none}/grade`,
      payload: { grade: 'B', reason: '集团框架协议即将签署' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ grade: 'B', ruleGrade: 'D', gradeOverridden: true, gradeOverrideReason: '集团框架协议即将签署' });
    const [manual] = await history(rep1, ids.none);
    expect(manual).toMatchObject({ fromGrade: 'D', toGrade: 'B', ruleGrade: 'D', source: 'manual', overridden: true, byName: '张伟' });
    expect(await auditOf('customer.grade_override', [ids.none])).toHaveLength(1);

    signedByContracts.set(ids.none, '200000.00');
    await runJob();
    const after = await get(rep1, ids.none);
    expect([after.grade, after.ruleGrade, after.gradeOverridden]).toEqual(['B', 'C', true]);
    // The rule's change under the override moved no grade: no history row for it.
    expect((await history(rep1, ids.none))[0]?.id).toBe(manual?.id);
  });

  it('refuses a reason shorter than two characters and a stale version', async () => {
    const short = await mgr.request({ method: 'POST', url: `/api/v1/customers/${ids.none}/grade`, payload: { grade: 'A', reason: ' x ' } });
    expect(short.statusCode).toBe(400);
    const stale = await mgr.request({
      method: 'POST',
      url: `/api/v1/customers/${ids.none}/grade`,
      payload: { grade: 'A', reason: '重点项目', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect((await get(rep1, ids.none)).grade).toBe('B');
  });

  it('clears the override back to the rule grade', async () => {
    const res = await mgr.request({ method: 'DELETE', url: `/api/v1/customers/${ids.none}/grade-override` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ grade: 'C', ruleGrade: 'C', gradeOverridden: false, gradeOverrideReason: null });
    expect((await history(rep1, ids.none))[0]).toMatchObject({ fromGrade: 'B', toGrade: 'C', source: 'manual', overridden: false });
    expect(await auditOf('customer.grade_override_clear', [ids.none])).toHaveLength(1);
    // Clearing again is a no-op.
    const again = await mgr.request({ method: 'DELETE', url: `/api/v1/customers/${ids.none}/grade-override` });
    expect(again.statusCode).toBe(200);
    expect(await auditOf('customer.grade_override_clear', [ids.none])).toHaveLength(1);
  });

  it('overrides many customers in one transaction with a result per item', async () => {
    const token = mgr.cookie.replace('crm_sid=', '');
    const actor = (await t.modules.authResolver.resolveSession(token, { ip: null, userAgent: null, requestId: 'test' })) as Actor;
    const results = await withTx(t.database.db, (tx) =>
      t.modules.customers.grading.overrideGrades(tx, actor, [
        { customerId: ids.big, grade: 'B', reason: '回款风险' },
        { customerId: ids.late, grade: 'D', reason: '停止合作', version: 99 },
        { customerId: ids.other, grade: 'A', reason: '不在范围内' },
        { customerId: ids.big, grade: 'C', reason: '重复' },
      ]),
    );
    expect(results).toEqual([
      expect.objectContaining({ customerId: ids.big, status: 'done', grade: 'B', ruleGrade: 'A' }),
      { customerId: ids.late, status: 'refused', reason: 'STALE_VERSION' },
      { customerId: ids.other, status: 'refused', reason: 'NOT_FOUND' },
      { customerId: ids.big, status: 'refused', reason: 'DUPLICATE_ITEM' },
    ]);
    expect((await get(rep1, ids.big)).grade).toBe('B');
    expect((await get(rep2, ids.other)).grade).toBe('D');
  });
});

describe('strategic flag', () => {
  it('makes the rule grade A at once, with the reason in the history and the audit log', async () => {
    const res = await mgr.request({
      method: 'PUT',
      url: `/api/v1/customers/${ids.none}/strategic`,
      payload: { strategic: true, reason: '省级电网重点客户' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ strategic: true, grade: 'A', ruleGrade: 'A' });
    expect((await history(rep1, ids.none))[0]).toMatchObject({
      fromGrade: 'C',
      toGrade: 'A',
      source: 'rule',
      reason: '省级电网重点客户',
      facts: { strategic: true },
    });
    const [audit] = await auditOf('customer.strategic_set', [ids.none]);
    expect(audit?.meta).toMatchObject({ reason: '省级电网重点客户' });
    expect((await get(rep1, ids.none)).strategic).toBe(true);
  });

  it('is not for reps', async () => {
    const res = await rep1.request({
      method: 'PUT',
      url: `/api/v1/customers/${ids.none}/strategic`,
      payload: { strategic: false, reason: '不再重点' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('scope and permissions', () => {
  it('a rep may not override grades; a manager outside the customer’s department gets 404', async () => {
    const rep = await rep1.request({
      method: 'POST',
      url: `/api/v1/customers/${ids.big}/grade`,
      payload: { grade: 'A', reason: '大客户' },
    });
    expect(rep.statusCode).toBe(403);
    const outside = await mgr.request({
      method: 'POST',
      url: `/api/v1/customers/${ids.other}/grade`,
      payload: { grade: 'A', reason: '大客户' },
    });
    expect(outside.statusCode).toBe(404);
    expect((await rep1.request({ method: 'GET', url: `/api/v1/customers/${ids.other}/grade-history` })).statusCode).toBe(404);
  });
});

describe('settings', () => {
  it('are for administrators only', async () => {
    expect((await rep1.request({ method: 'GET', url: '/api/v1/customer-grading/settings' })).statusCode).toBe(403);
    expect((await mgr.request({ method: 'PUT', url: '/api/v1/customer-grading/settings', payload: {} })).statusCode).toBe(403);
  });

  it('start from the domain defaults and refuse thresholds that are not descending', async () => {
    const current: TGradingSettings = (await admin.request({ method: 'GET', url: '/api/v1/customer-grading/settings' })).json();
    expect(current).toMatchObject({
      thresholdA: '5000000.00',
      thresholdB: '1000000.00',
      thresholdC: '1.00',
      lookbackMonths: 12,
      overdueCapDays: 90,
    });
    const bad = await admin.request({
      method: 'PUT',
      url: '/api/v1/customer-grading/settings',
      payload: {
        thresholdA: '1000000',
        thresholdB: '1000000.00',
        thresholdC: '0',
        lookbackMonths: 12,
        overdueCapDays: 90,
        version: current.version,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('GRADING_THRESHOLDS_ORDER');
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['thresholdA', 'thresholdC']);
  });

  it('are saved with a version and an audit entry, and the next recompute follows them', async () => {
    const current: TGradingSettings = (await admin.request({ method: 'GET', url: '/api/v1/customer-grading/settings' })).json();
    const payload = {
      thresholdA: '3000000',
      thresholdB: '150000.50',
      thresholdC: '10000',
      lookbackMonths: 24,
      overdueCapDays: 60,
      version: current.version,
    };
    const saved = await admin.request({ method: 'PUT', url: '/api/v1/customer-grading/settings', payload });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      thresholdA: '3000000.00',
      thresholdB: '150000.50',
      lookbackMonths: 24,
      version: current.version + 1,
      updatedByName: expect.any(String),
    });
    expect((await admin.request({ method: 'PUT', url: '/api/v1/customer-grading/settings', payload })).statusCode).toBe(409);
    const [audit] = await auditOf('customer_grading_settings.update', ['1']);
    expect(audit?.changes).toMatchObject({ thresholdA: { from: '5000000.00', to: '3000000.00' } });

    signedByContracts.set(ids.late, '200000.00');
    overdueDays.delete(ids.late);
    const run = await admin.request({ method: 'POST', url: '/api/v1/customer-grading/recompute' });
    expect(run.statusCode).toBe(200);
    expect(sinceSeen.at(-1)?.toISOString()).toBe('2024-11-01T16:00:00.000Z');
    // 200,000 ≥ B (150,000.50) under the new settings.
    expect((await get(rep1, ids.late)).grade).toBe('B');
  });
});

describe('a rep holding the grade permission', () => {
  it('still cannot grade another rep’s customer (404)', async () => {
    const roles = (await admin.request({ method: 'GET', url: '/api/v1/roles' })).json().items as {
      id: string;
      code: string;
      version: number;
      permissions: string[];
    }[];
    const repRole = roles.find((r) => r.code === 'sales_rep')!;
    const patched = await admin.request({
      method: 'PATCH',
      url: `/api/v1/roles/${repRole.id}`,
      payload: { version: repRole.version, permissions: [...repRole.permissions, 'customer:grade'] },
    });
    expect(patched.statusCode).toBe(200);
    const rep = await t.login('rep.east1');
    const theirs = await rep.request({
      method: 'POST',
      url: `/api/v1/customers/${ids.other}/grade`,
      payload: { grade: 'A', reason: '大客户' },
    });
    expect(theirs.statusCode).toBe(404);
    const own = await rep.request({
      method: 'POST',
      url: `/api/v1/customers/${ids.late}/grade`,
      payload: { grade: 'A', reason: '大客户' },
    });
    expect(own.statusCode).toBe(200);
  });
});
