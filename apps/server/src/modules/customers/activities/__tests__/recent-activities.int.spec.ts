import type { TRecentActivity } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let east1: Session; // rep.east1, 华东一组
let east2: Session; // rep.east2, 华东一组
let north1: Session; // rep.north1, 华北一组
let mgrEast: Session; // mgr.east, 华东大区
let director: Session; // director.dom, scope all

beforeAll(async () => {
  t = await createTestApp();
  [east1, east2, north1, mgrEast, director] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.east2'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('director.dom'),
  ]);
});

let seq = 0;
async function customerWithActivity(s: Session, content: string, hoursAgo: number): Promise<string> {
  seq += 1;
  const created = await s.request({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name: `最近跟进测试${seq}号能源装备有限公司`, type: 'industrial', acknowledgeDuplicates: true },
  });
  expect(created.statusCode).toBe(201);
  const id = (created.json() as { id: string }).id;
  const res = await s.request({
    method: 'POST',
    url: `/api/v1/customers/${id}/activities`,
    payload: { type: 'call', content, occurredAt: new Date(t.clock.now().getTime() - hoursAgo * 3_600_000).toISOString() },
  });
  expect(res.statusCode).toBe(201);
  return id;
}

async function recent(s: Session, query = ''): Promise<TRecentActivity[]> {
  const res = await s.request({ method: 'GET', url: `/api/v1/activities/recent${query}` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: TRecentActivity[] }).items;
}

describe('recent activities', () => {
  it('lists the newest activities of the customers in the reader’s scope, with the customer’s name', async () => {
    const mine = await customerWithActivity(east1, '电话确认招标文件的技术参数', 1);
    await customerWithActivity(east2, '约定下周拜访采购部', 2);
    await customerWithActivity(north1, '华北客户回访', 3);

    const own = await recent(east1, '?limit=50');
    expect(own.map((a) => a.content)).toContain('电话确认招标文件的技术参数');
    expect(own.map((a) => a.content)).not.toContain('约定下周拜访采购部');
    expect(own.find((a) => a.customerId === mine)!.customerName).toMatch(/^最近跟进测试/);

    const team = await recent(mgrEast, '?limit=50');
    const teamContents = team.map((a) => a.content);
    expect(teamContents).toEqual(expect.arrayContaining(['电话确认招标文件的技术参数', '约定下周拜访采购部']));
    expect(teamContents).not.toContain('华北客户回访');
    // Newest first.
    const times = team.map((a) => a.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);

    const all = await recent(director, '?limit=50');
    expect(all.map((a) => a.content)).toEqual(expect.arrayContaining(['电话确认招标文件的技术参数', '华北客户回访']));
  });

  it('leaves out what is older than the window and stops at the limit', async () => {
    await customerWithActivity(east1, '两个月前的一次拜访', 24 * 60);
    expect((await recent(east1, '?days=30&limit=50')).map((a) => a.content)).not.toContain('两个月前的一次拜访');
    expect((await recent(east1, '?days=90&limit=50')).map((a) => a.content)).toContain('两个月前的一次拜访');
    expect(await recent(director, '?limit=1')).toHaveLength(1);
  });
});
