import type { TActivity, TLead, TLeadBatchResult, TLeadSource, TNotification, TPage, TTask } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let rep1: Session; // rep.east1 黄磊, 华东一组
let rep2: Session; // rep.north1 朱峰, 华北一组
let east2: Session; // rep.east2 周杰, 华东一组
let mgr: Session; // mgr.east 张伟, 华东大区
let mgrNorth: Session; // mgr.north 刘洋, 华北大区
let director: Session; // director.dom 王建国
let admin: Session;

const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, east2, mgr, mgrNorth, director, admin] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.north1'),
    t.login('rep.east2'),
    t.login('mgr.east'),
    t.login('mgr.north'),
    t.login('director.dom'),
    t.login('admin'),
  ]);
});

let seq = 0;
async function newLead(s: Session, extra: Record<string, unknown> = {}): Promise<TLead> {
  seq += 1;
  const res = await s.request({
    method: 'POST',
    url: '/api/v1/leads',
    payload: {
      companyName: `线索测试${'甲乙丙丁戊己庚辛壬癸'[seq % 10]}${seq}号仪表有限公司`,
      contactName: '陆工',
      mobile: `1770000${String(1000 + seq)}`,
      source: '展会',
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const get = (s: Session, url: string) => s.request({ method: 'GET', url });
const post = (s: Session, url: string, payload: unknown) => s.request({ method: 'POST', url, payload });
const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

async function inbox(s: Session): Promise<TNotification[]> {
  return (await get(s, '/api/v1/notifications?limit=50')).json().items;
}

async function auditOf(entityId: string): Promise<{ action: string; meta: Record<string, unknown> | null }[]> {
  const res = await get(admin, `/api/v1/audit-log?entityId=${entityId}&limit=50`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('leads', () => {
  it('creates a lead owned by the creator in their department, with a source from the list', async () => {
    const lead = await newLead(rep1, { title: '设备部主任', email: 'lu@example.cn', province: '江苏', city: '常州', industry: '制造业' });
    expect(lead).toMatchObject({
      status: 'new',
      ownerName: '黄磊',
      departmentName: '华东一组',
      source: '展会',
      contactName: '陆工',
      version: 1,
      convertedCustomerId: null,
    });
    const unknown = await post(rep1, '/api/v1/leads', { companyName: '来源错误测试有限公司', source: '不存在的来源' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('LEAD_SOURCE_UNKNOWN');
    const badMobile = await post(rep1, '/api/v1/leads', { companyName: '号码错误测试有限公司', mobile: 'call me' });
    expect(badMobile.statusCode).toBe(400);
    expect((await auditOf(lead.id)).map((e) => e.action)).toContain('lead.create');
  });

  it('lets a rep create for someone else only with the assign permission; a manager may, and the owner is told', async () => {
    const { userId: east2Id } = east2;
    const refused = await post(rep1, '/api/v1/leads', { companyName: '代建线索测试有限公司', ownerId: east2Id });
    expect(refused.statusCode).toBe(403);
    const made = await newLead(mgr, { ownerId: east2Id });
    expect(made.ownerName).toBe('周杰');
    expect((await inbox(east2)).some((n) => n.kind === 'leads.assigned' && n.link === `/leads/${made.id}`)).toBe(true);
  });

  it('keeps a rep to own leads: another rep’s lead answers 404 to read, change, qualify, follow up and convert', async () => {
    const lead = await newLead(rep1);
    const url = `/api/v1/leads/${lead.id}`;
    expect((await get(rep2, url)).statusCode).toBe(404);
    expect((await rep2.request({ method: 'PATCH', url, payload: { version: 1, notes: 'x' } })).statusCode).toBe(404);
    expect((await post(rep2, `${url}/qualify`, { version: 1 })).statusCode).toBe(404);
    expect((await post(rep2, `${url}/disqualify`, { version: 1, reason: 'no_need' })).statusCode).toBe(404);
    expect((await post(rep2, `${url}/activities`, { type: 'call', content: '试探', occurredAt: at(-HOUR) })).statusCode).toBe(404);
    expect((await get(rep2, `${url}/activities`)).statusCode).toBe(404);
    expect((await post(rep2, `${url}/convert/preview`, {})).statusCode).toBe(404);
    expect((await post(rep2, `${url}/convert`, { version: 1, customer: { mode: 'create' } })).statusCode).toBe(404);
    // The manager of the rep's region and the director see it; the other region's manager does not.
    expect((await get(mgr, url)).statusCode).toBe(200);
    expect((await get(director, url)).statusCode).toBe(200);
    expect((await get(mgrNorth, url)).statusCode).toBe(404);
    const list: TPage<TLead> = (await get(rep2, `/api/v1/leads?q=${encodeURIComponent(lead.companyName)}`)).json();
    expect(list.items).toHaveLength(0);
  });

  it('lists with search, filters and keyset pages, only within the scope, and audits the read', async () => {
    const a = await newLead(rep1, { companyName: '筛选测试甲号电能表有限公司', source: '官网', mobile: '+86 176 5555 0001' });
    t.clock.advance(60_000);
    const b = await newLead(rep1, { companyName: '筛选测试乙号电能表有限公司', source: '官网' });
    t.clock.advance(60_000);
    const c = await newLead(rep1, { companyName: '筛选测试丙号电能表有限公司', source: '电话咨询' });
    await newLead(rep2, { companyName: '筛选测试丁号电能表有限公司', source: '官网' });
    const q = encodeURIComponent('筛选测试');
    const mine: TPage<TLead> = (await get(rep1, `/api/v1/leads?q=${q}&limit=50`)).json();
    expect(mine.items.map((l) => l.id)).toEqual([c.id, b.id, a.id]);
    const bySource: TPage<TLead> = (await get(rep1, `/api/v1/leads?q=${q}&source=${encodeURIComponent('官网')}`)).json();
    expect(bySource.items.map((l) => l.id).sort()).toEqual([a.id, b.id].sort());
    const byMobile: TPage<TLead> = (await get(rep1, '/api/v1/leads?q=17655550001')).json();
    expect(byMobile.items.map((l) => l.id)).toEqual([a.id]);
    const director4: TPage<TLead> = (await get(director, `/api/v1/leads?q=${q}&limit=50`)).json();
    expect(director4.items).toHaveLength(4);
    const ownerFilter: TPage<TLead> = (await get(director, `/api/v1/leads?q=${q}&ownerId=${rep2.userId}`)).json();
    expect(ownerFilter.items).toHaveLength(1);
    const today = t.clock.today();
    expect((await get(rep1, `/api/v1/leads?q=${q}&createdFrom=${today}&createdTo=${today}`)).json().items).toHaveLength(3);
    expect((await get(rep1, `/api/v1/leads?q=${q}&createdTo=2026-01-01`)).json().items).toHaveLength(0);
    const first: TPage<TLead> = (await get(rep1, `/api/v1/leads?q=${q}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second: TPage<TLead> = (await get(rep1, `/api/v1/leads?q=${q}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((l) => l.id)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();
    const asc: TPage<TLead> = (await get(rep1, `/api/v1/leads?q=${q}&sort=createdAt`)).json();
    expect(asc.items.at(-1)?.id).toBe(c.id);
    expect((await get(rep1, `/api/v1/leads?q=${q}&status=new&status=following`)).json().items).toHaveLength(3);
    expect((await get(rep1, `/api/v1/leads?q=${q}&status=converted`)).json().items).toHaveLength(0);
    // A rep's list never holds another rep's leads, whatever the filter.
    const all: TPage<TLead> = (await get(rep1, '/api/v1/leads?limit=200')).json();
    expect(all.items.every((l) => l.ownerId === rep1.userId)).toBe(true);
  });

  it('edits with the version and refuses a stale one', async () => {
    const lead = await newLead(rep1);
    const url = `/api/v1/leads/${lead.id}`;
    const ok = await rep1.request({ method: 'PATCH', url, payload: { version: 1, notes: '对分项计量感兴趣', city: '苏州' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ notes: '对分项计量感兴趣', city: '苏州', version: 2 });
    const stale = await rep1.request({ method: 'PATCH', url, payload: { version: 1, notes: '旧版本' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('qualifies, disqualifies with a reason code and text, and reopens; refuses transitions the status does not allow', async () => {
    const lead = await newLead(rep1);
    const url = `/api/v1/leads/${lead.id}`;
    const qualified = await post(rep1, `${url}/qualify`, { version: 1 });
    expect(qualified.statusCode).toBe(200);
    expect(qualified.json()).toMatchObject({ status: 'qualified', version: 2 });
    expect(qualified.json().qualifiedAt).not.toBeNull();
    const again = await post(rep1, `${url}/qualify`, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LEAD_STATUS_INVALID');
    const noReason = await post(rep1, `${url}/disqualify`, { version: 2 });
    expect(noReason.statusCode).toBe(400);
    const dq = await post(rep1, `${url}/disqualify`, { version: 2, reason: 'no_budget', note: '今年预算已冻结' });
    expect(dq.statusCode).toBe(200);
    expect(dq.json()).toMatchObject({ status: 'disqualified', disqualifyReason: 'no_budget', disqualifyNote: '今年预算已冻结' });
    const convert = await post(rep1, `${url}/convert`, { version: 3, customer: { mode: 'create' } });
    expect(convert.statusCode).toBe(409);
    expect(convert.json().code).toBe('LEAD_STATUS_INVALID');
    const reopened = await post(rep1, `${url}/reopen`, { version: 3 });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'following', disqualifyReason: null });
    const actions = (await auditOf(lead.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['lead.qualify', 'lead.disqualify', 'lead.reopen']));
    const dqEntry = (await auditOf(lead.id)).find((e) => e.action === 'lead.disqualify');
    expect(dqEntry?.meta).toMatchObject({ reason: 'no_budget', note: '今年预算已冻结' });
  });

  it('follows up with activities: the first one moves a new lead into follow-up, a next date makes the owner’s task', async () => {
    const lead = await newLead(rep1);
    const url = `/api/v1/leads/${lead.id}/activities`;
    const res = await post(rep1, url, {
      type: 'call',
      content: '电话了解需求：园区 300 户远程抄表',
      occurredAt: at(-HOUR),
      nextFollowUpAt: at(48 * HOUR),
    });
    expect(res.statusCode, res.body).toBe(201);
    const activity: TActivity = res.json();
    expect(activity).toMatchObject({ leadId: lead.id, customerId: null, opportunityId: null, authorName: '黄磊', canEdit: true });
    const after: TLead = (await get(rep1, `/api/v1/leads/${lead.id}`)).json();
    expect(after.status).toBe('following');
    expect(after.lastActivityAt).toBe(activity.occurredAt);
    const timeline: TPage<TActivity> = (await get(rep1, url)).json();
    expect(timeline.items.map((a) => a.id)).toEqual([activity.id]);
    const tasks: TTask[] = (await get(rep1, '/api/v1/tasks?limit=200')).json().items;
    const task = tasks.find((x) => x.relatedType === 'lead' && x.relatedId === lead.id);
    expect(task).toMatchObject({ status: 'open', relatedLabel: lead.companyName });
    // The author corrects it; a manager who reads the lead may not.
    const edit = await rep1.request({
      method: 'PATCH',
      url: `${url}/${activity.id}`,
      payload: { version: activity.version, content: '电话了解需求：园区 320 户远程抄表' },
    });
    expect(edit.statusCode).toBe(200);
    const byManager = await mgr.request({ method: 'PATCH', url: `${url}/${activity.id}`, payload: { version: 2, content: '改' } });
    expect(byManager.statusCode).toBe(403);
    // Deleting it cancels its follow-up task.
    expect((await rep1.request({ method: 'DELETE', url: `${url}/${activity.id}` })).statusCode).toBe(204);
    const open: TTask[] = (await get(rep1, '/api/v1/tasks?limit=200')).json().items;
    expect(open.find((x) => x.relatedId === lead.id && x.status === 'open')).toBeUndefined();
  });

  it('assigns one lead with a reason: the new owner is told, follow-ups go along, the change is audited', async () => {
    const lead = await newLead(rep1);
    await post(rep1, `/api/v1/leads/${lead.id}/activities`, {
      type: 'visit',
      content: '上门拜访',
      occurredAt: at(-HOUR),
      nextFollowUpAt: at(24 * HOUR),
    });
    expect((await post(rep1, `/api/v1/leads/${lead.id}/assign`, { ownerId: east2.userId, reason: '区域调整' })).statusCode).toBe(403);
    const outside = await post(mgr, `/api/v1/leads/${lead.id}/assign`, { ownerId: rep2.userId, reason: '跨区调整' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('LEAD_OWNER_INVALID');
    const res = await post(mgr, `/api/v1/leads/${lead.id}/assign`, { ownerId: east2.userId, reason: '区域调整' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerName: '周杰', departmentName: '华东一组' });
    const note = (await inbox(east2)).find((n) => n.kind === 'leads.assigned' && n.entityId === lead.id);
    expect(note?.title).toContain('张伟');
    expect(note?.body).toContain('区域调整');
    expect((await inbox(rep1)).some((n) => n.kind === 'leads.taken_away')).toBe(true);
    const tasks: TTask[] = (await get(east2, '/api/v1/tasks?limit=200')).json().items;
    expect(tasks.some((x) => x.relatedId === lead.id && x.status === 'open')).toBe(true);
    const entry = (await auditOf(lead.id)).find((e) => e.action === 'lead.transfer');
    expect(entry?.meta).toMatchObject({ reason: '区域调整' });
    expect((await get(rep1, `/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
  });

  it('assigns a batch with a result per lead, touching nothing outside the scope', async () => {
    const mine = await Promise.all([newLead(rep1), newLead(rep1), newLead(rep1)]);
    const already = await newLead(east2);
    const north = await newLead(rep2);
    const res = await post(mgr, '/api/v1/leads/batch-assign', {
      leadIds: [...mine.map((l) => l.id), already.id, north.id],
      ownerId: east2.userId,
      reason: '集中跟进展会线索',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r: TLeadBatchResult = res.json();
    expect(r.done).toBe(3);
    expect(r.refused).toBe(2);
    const byId = new Map(r.results.map((x) => [x.leadId, x]));
    expect(byId.get(already.id)).toMatchObject({ outcome: 'refused', code: 'LEAD_SAME_OWNER' });
    expect(byId.get(north.id)).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND' });
    const northAfter: TLead = (await get(rep2, `/api/v1/leads/${north.id}`)).json();
    expect(northAfter.ownerId).toBe(rep2.userId);
    for (const l of mine) expect(((await get(east2, `/api/v1/leads/${l.id}`)).json() as TLead).ownerName).toBe('周杰');
    const many = (await inbox(east2)).find((n) => n.kind === 'leads.assigned_many');
    expect(many?.title).toContain('3');
    const tooMany = await post(mgr, '/api/v1/leads/batch-assign', {
      leadIds: Array.from({ length: 501 }, () => mine[0]!.id),
      ownerId: east2.userId,
      reason: '太多',
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('keeps the configurable list of sources: defaults, then an administrator’s changes', async () => {
    const defaults: TLeadSource[] = (await get(rep1, '/api/v1/lead-sources')).json();
    expect(defaults.map((s) => s.name)).toEqual(['展会', '官网', '电话咨询', '招标网', '老客户转介绍', '合作伙伴', '其他']);
    const body = {
      sources: [
        ...defaults
          .filter((s) => s.name !== '其他')
          .map((s) => ({ id: s.id, name: s.name === '官网' ? '官网留资' : s.name, isActive: true })),
        { name: '行业协会', isActive: true },
      ],
    };
    expect((await rep1.request({ method: 'PUT', url: '/api/v1/lead-sources', payload: body })).statusCode).toBe(403);
    const res = await admin.request({ method: 'PUT', url: '/api/v1/lead-sources', payload: body });
    expect(res.statusCode, res.body).toBe(200);
    const after: TLeadSource[] = res.json();
    expect(after.filter((s) => s.isActive).map((s) => s.name)).toEqual([
      '展会',
      '官网留资',
      '电话咨询',
      '招标网',
      '老客户转介绍',
      '合作伙伴',
      '行业协会',
    ]);
    expect(after.find((s) => s.name === '其他')?.isActive).toBe(false);
    expect((await post(rep1, '/api/v1/leads', { companyName: '停用来源测试有限公司', source: '其他' })).json().code).toBe(
      'LEAD_SOURCE_UNKNOWN',
    );
    await newLead(rep1, { source: '行业协会' });
  });

  it('seeds demo leads in every status over the demo reps, the converted ones on demo customers', async () => {
    const statuses = ['new', 'following', 'qualified', 'disqualified', 'converted'] as const;
    for (const status of statuses) {
      const page: TPage<TLead> = (await get(admin, `/api/v1/leads?status=${status}&limit=5`)).json();
      expect(page.items.length, status).toBeGreaterThan(0);
    }
    const converted: TLead = (await get(admin, '/api/v1/leads?status=converted&limit=1')).json().items[0];
    const customer = await get(admin, `/api/v1/customers/${converted.convertedCustomerId}`);
    expect(customer.statusCode).toBe(200);
    expect(customer.json().customer.name).toBe(converted.companyName);
  });
});
