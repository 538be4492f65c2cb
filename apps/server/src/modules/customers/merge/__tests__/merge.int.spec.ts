import type { TActivity, TContact, TCustomer, TCustomerMerge, TTask } from '@crm/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

/** The records of a module that hangs them off customers (as shipments will), in a table of the test's own. */
const testContract = pgTable('test_contract', {
  id: uuid('id').primaryKey().defaultRandom(),
  customerId: uuid('customer_id').notNull(),
  no: text('no').notNull(),
});

let t: TestApp;
let rep1: Session; // rep.east1 黄磊, 华东一组
let rep3: Session; // rep.east2 周杰, 华东一组
let repNorth: Session; // rep.north1 朱峰
let mgr: Session; // mgr.east 张伟
let mgrNorth: Session; // mgr.north 刘洋
let director: Session; // director.dom 王建国
let admin: Session;

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

async function loginAll() {
  [rep1, rep3, repNorth, mgr, mgrNorth, director, admin] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.east2'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('mgr.north'),
    t.login('director.dom'),
    t.login('admin'),
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  await loginAll();
  await t.database.db.execute(
    sql`create table test_contract (id uuid primary key default gen_random_uuid(), customer_id uuid not null, no text not null)`,
  );
  t.modules.customers.register({
    key: 'shipments',
    order: 30,
    moveOnMerge: async (tx, from, to) => {
      const rows = await tx
        .update(testContract)
        .set({ customerId: to.customerId })
        .where(eq(testContract.customerId, from.customerId))
        .returning({ id: testContract.id });
      return [{ table: 'test_contract', ids: rows.map((r) => r.id) }];
    },
    undoMove: async (tx, moved, back) => {
      for (const m of moved)
        if (m.ids.length) await tx.update(testContract).set({ customerId: back.customerId }).where(inArray(testContract.id, m.ids));
    },
  });
});

let seq = 0;
const code = () => `91320500MA1MRG${String(1000 + seq).slice(-4)}`;
async function newCustomer(s: Session, name: string, extra: Record<string, unknown> = {}): Promise<TCustomer> {
  seq += 1;
  const res = await s.request({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name, type: 'industrial', creditCode: code(), acknowledgeDuplicates: true, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const detail = async (s: Session, id: string) =>
  (await s.request({ method: 'GET', url: `/api/v1/customers/${id}` })).json() as { customer: TCustomer; contacts: TContact[] };
const activities = async (s: Session, id: string) =>
  ((await s.request({ method: 'GET', url: `/api/v1/customers/${id}/activities?limit=200` })).json().items as TActivity[]).map(
    (a) => a.content,
  );
const contractsOf = async (customerId: string) =>
  (await t.database.db.select().from(testContract).where(eq(testContract.customerId, customerId))).map((r) => r.no).sort();
const merge = (s: Session, survivorId: string, body: Record<string, unknown>) =>
  s.request({ method: 'POST', url: `/api/v1/customers/${survivorId}/merge`, payload: { reason: '同一家公司重复录入', ...body } });
const undo = (s: Session, mergeId: string) => s.request({ method: 'POST', url: `/api/v1/customer-merges/${mergeId}/undo` });

/** Two customers of one office: the survivor (rep.east1's) and a duplicate with records of its own (rep.east2's). */
async function pair(label: string) {
  const survivor = await newCustomer(rep1, `常州${label}电力设备有限公司`, {
    industry: '电力设备',
    city: '常州',
    contacts: [{ name: `${label}张工`, mobile: '13800000001', isPrimary: true }],
  });
  const merged = await newCustomer(rep3, `常州市${label}电力设备股份公司`, {
    industry: '输配电',
    city: '常州市',
    address: '新北区太湖东路 9 号',
    contacts: [{ name: `${label}李工`, mobile: '13800000002', isPrimary: true }],
  });
  for (const content of [`${label}-甲`, `${label}-乙`]) {
    const res = await rep3.request({
      method: 'POST',
      url: `/api/v1/customers/${merged.id}/activities`,
      payload: { type: 'visit', content, occurredAt: at(-HOUR), nextFollowUpAt: at(24 * HOUR) },
    });
    expect(res.statusCode).toBe(201);
  }
  await t.database.db.insert(testContract).values([
    { customerId: merged.id, no: `HT-${label}-1` },
    { customerId: merged.id, no: `HT-${label}-2` },
  ]);
  return { survivor, merged };
}

describe('merging two customers', () => {
  it('copies the chosen fields, moves contacts, activities, tasks and a module’s records, hides the merged one, and audits both', async () => {
    const { survivor, merged } = await pair('恒通');
    const res = await merge(mgr, survivor.id, {
      mergedId: merged.id,
      fields: { creditCode: 'merged', industry: 'merged', address: 'merged', name: 'survivor', city: 'survivor' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const m: TCustomerMerge = res.json();
    // Other modules registered beside the test's own report that they had nothing to move.
    const moved = Object.fromEntries(Object.entries(m.movedCounts).filter(([, n]) => n > 0));
    expect(moved).toEqual({ contacts: 1, activities: 2, tasks: 1, shipments: 2 });
    expect(m.takenFields.sort()).toEqual(['address', 'creditCode', 'industry']);
    expect(m.canUndo).toBe(true);

    const after = await detail(mgr, survivor.id);
    expect(after.customer).toMatchObject({
      name: survivor.name,
      city: '常州',
      creditCode: merged.creditCode,
      industry: '输配电',
      address: '新北区太湖东路 9 号',
    });
    // The survivor keeps its primary contact; the moved one joins as an ordinary contact.
    expect(after.contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['恒通张工', true],
      ['恒通李工', false],
    ]);
    expect((await activities(mgr, survivor.id)).sort()).toEqual(['恒通-乙', '恒通-甲']);
    expect(await contractsOf(survivor.id)).toEqual(['HT-恒通-1', 'HT-恒通-2']);
    const task = ((await rep3.request({ method: 'GET', url: '/api/v1/tasks?limit=200' })).json().items as TTask[]).find(
      (x) => x.relatedId === survivor.id,
    );
    expect(task).toMatchObject({ relatedLabel: survivor.name, assigneeName: '周杰' });

    const gone = await detail(mgr, merged.id);
    expect(gone.customer).toMatchObject({ mergedIntoId: survivor.id, creditCode: null });
    const list = (await mgr.request({ method: 'GET', url: '/api/v1/customers?limit=200&q=恒通' })).json().items as TCustomer[];
    expect(list.map((c) => c.id)).toEqual([survivor.id]);
    const check = (
      await mgr.request({
        method: 'POST',
        url: '/api/v1/customers/duplicate-check',
        payload: { name: merged.name, creditCode: merged.creditCode },
      })
    ).json();
    expect(check.matches.map((x: { customerId: string }) => x.customerId)).not.toContain(merged.id);
    expect(check.matches[0]).toMatchObject({ customerId: survivor.id, reason: 'credit_code' });

    const edit = await mgr.request({
      method: 'PATCH',
      url: `/api/v1/customers/${merged.id}`,
      payload: { version: gone.customer.version, city: 'x' },
    });
    expect(edit.json().code).toBe('CUSTOMER_MERGED');
    const add = await mgr.request({
      method: 'POST',
      url: `/api/v1/customers/${merged.id}/activities`,
      payload: { type: 'note', content: 'x', occurredAt: at(-HOUR) },
    });
    expect(add.json().code).toBe('CUSTOMER_MERGED');

    const log = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=customer&entityId=${survivor.id}` })).json().items;
    const entry = log.find((e: { action: string }) => e.action === 'customer.merge');
    expect(entry.changes.industry).toEqual({ from: '电力设备', to: '输配电' });
    expect(entry.meta).toMatchObject({ mergeId: m.id, mergedId: merged.id });
    const mergedLog = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=customer&entityId=${merged.id}` })).json()
      .items;
    expect(mergedLog.map((e: { action: string }) => e.action)).toContain('customer.merged_into');

    const banner = (await mgr.request({ method: 'GET', url: `/api/v1/customers/${survivor.id}/merges` })).json().items as TCustomerMerge[];
    expect(banner.map((x) => [x.id, x.mergedName, x.canUndo])).toEqual([[m.id, merged.name, true]]);
  });

  it('undoes within 24 hours: exactly the moved rows go back, the survivor’s fields and the credit codes are restored', async () => {
    const { survivor, merged } = await pair('华瑞');
    const m: TCustomerMerge = (
      await merge(mgr, survivor.id, { mergedId: merged.id, fields: { creditCode: 'merged', industry: 'merged' } })
    ).json();
    // Recorded on the survivor after the merge: stays there.
    await mgr.request({
      method: 'POST',
      url: `/api/v1/customers/${survivor.id}/activities`,
      payload: { type: 'call', content: '华瑞-合并后', occurredAt: at(0) },
    });
    t.clock.advance(HOUR);
    const res = await undo(mgr, m.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().undoneAt).toBe(t.clock.now().toISOString());

    const s = await detail(mgr, survivor.id);
    expect(s.customer).toMatchObject({ creditCode: survivor.creditCode, industry: '电力设备' });
    expect(s.contacts.map((c) => c.name)).toEqual(['华瑞张工']);
    expect(await activities(mgr, survivor.id)).toEqual(['华瑞-合并后']);
    expect(await contractsOf(survivor.id)).toEqual([]);
    const back = await detail(mgr, merged.id);
    expect(back.customer).toMatchObject({ mergedIntoId: null, creditCode: merged.creditCode, industry: '输配电' });
    expect(back.contacts.map((c) => [c.name, c.isPrimary])).toEqual([['华瑞李工', true]]);
    expect((await activities(mgr, merged.id)).sort()).toEqual(['华瑞-乙', '华瑞-甲']);
    expect(await contractsOf(merged.id)).toEqual(['HT-华瑞-1', 'HT-华瑞-2']);
    const task = ((await rep3.request({ method: 'GET', url: '/api/v1/tasks?limit=200' })).json().items as TTask[]).find(
      (x) => x.relatedId === merged.id,
    );
    expect(task?.relatedLabel).toBe(merged.name);
    const list = (await mgr.request({ method: 'GET', url: '/api/v1/customers?limit=200&q=华瑞' })).json().items as TCustomer[];
    expect(list.map((c) => c.id).sort()).toEqual([survivor.id, merged.id].sort());

    const log = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=customer&entityId=${merged.id}` })).json().items;
    expect(log.map((e: { action: string }) => e.action)).toContain('customer.merge_undo');
    expect((await undo(mgr, m.id)).json().code).toBe('MERGE_ALREADY_UNDONE');
    expect((await mgr.request({ method: 'GET', url: `/api/v1/customers/${survivor.id}/merges` })).json().items).toEqual([]);
  });

  it('refuses to undo after 24 hours', async () => {
    const { survivor, merged } = await pair('泰和');
    const m: TCustomerMerge = (await merge(mgr, survivor.id, { mergedId: merged.id, fields: {} })).json();
    const start = t.clock.now();
    try {
      t.clock.advance(25 * HOUR);
      const late = await t.login('mgr.east');
      const res = await undo(late, m.id);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('MERGE_UNDO_EXPIRED');
      expect((await detail(late, merged.id)).customer.mergedIntoId).toBe(survivor.id);
    } finally {
      t.clock.set(start);
      await loginAll();
    }
  });

  it('refuses to undo when a taken field of the survivor changed since', async () => {
    const { survivor, merged } = await pair('宏达');
    const m: TCustomerMerge = (
      await merge(mgr, survivor.id, { mergedId: merged.id, fields: { industry: 'merged', address: 'merged' } })
    ).json();
    const current = (await detail(rep1, survivor.id)).customer;
    const edited = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/customers/${survivor.id}`,
      payload: { version: current.version, industry: '智能电网' },
    });
    expect(edited.statusCode).toBe(200);
    const res = await undo(mgr, m.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'MERGE_UNDO_FIELDS_CHANGED', fields: ['industry'] });
    expect(await contractsOf(survivor.id)).toEqual(['HT-宏达-1', 'HT-宏达-2']);
  });

  it('lets only the one who merged, or an administrator, undo', async () => {
    const { survivor, merged } = await pair('永安');
    const m: TCustomerMerge = (await merge(mgr, survivor.id, { mergedId: merged.id, fields: {} })).json();
    const byDirector = await undo(director, m.id);
    expect(byDirector.statusCode).toBe(403);
    expect(byDirector.json().code).toBe('MERGE_UNDO_NOT_ALLOWED');
    const banner = (await director.request({ method: 'GET', url: `/api/v1/customers/${survivor.id}/merges` })).json().items;
    expect(banner[0].canUndo).toBe(false);
    expect((await undo(admin, m.id)).statusCode).toBe(200);
  });
});

describe('merge permissions and scope', () => {
  it('refuses reps, customers outside the actor’s scope, and a customer merged with itself', async () => {
    const a = await newCustomer(rep1, '镇江金山电缆有限公司');
    const b = await newCustomer(rep1, '镇江市金山电缆有限责任公司');
    const north = await newCustomer(repNorth, '天津金山电缆有限公司');
    const byRep = await merge(rep1, a.id, { mergedId: b.id });
    expect(byRep.statusCode).toBe(403);
    expect((await merge(mgrNorth, a.id, { mergedId: b.id })).statusCode).toBe(404);
    expect((await merge(mgr, a.id, { mergedId: north.id })).statusCode).toBe(404);
    expect((await merge(mgr, north.id, { mergedId: a.id })).statusCode).toBe(404);
    expect((await merge(mgr, a.id, { mergedId: a.id })).json().code).toBe('MERGE_SAME_CUSTOMER');
    const ok = await merge(mgr, a.id, { mergedId: b.id });
    expect(ok.statusCode).toBe(201);
    // A merged customer cannot be merged again, nor become a survivor.
    const c = await newCustomer(rep1, '镇江金山线缆科技有限公司');
    expect((await merge(mgr, c.id, { mergedId: b.id })).json().code).toBe('CUSTOMER_MERGED');
    expect((await merge(mgr, b.id, { mergedId: c.id })).json().code).toBe('CUSTOMER_MERGED');
    // Once the survivor is merged away in turn, the first merge cannot be undone before the second.
    const second = await merge(mgr, c.id, { mergedId: a.id });
    expect(second.statusCode).toBe(201);
    expect((await undo(mgr, ok.json().id)).json().code).toBe('CUSTOMER_MERGED');
    expect((await undo(mgr, second.json().id)).statusCode).toBe(200);
    expect((await undo(mgr, ok.json().id)).statusCode).toBe(200);
  });
});
