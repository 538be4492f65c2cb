import type { TActivity, TCustomer, TLead, TLeadConversionPreview, TLeadConvertResult, TOpportunity, TPage } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, CommonError } from '../../../../kernel/errors.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { createLeadPresenter } from '../lead-dto.ts';
import { createLeadConversionService } from '../lead-conversion.service.ts';

let t: TestApp;
let rep1: Session; // rep.east1 黄磊, 华东一组
let rep2: Session; // rep.north1 朱峰, 华北一组
let mgr: Session; // mgr.east 张伟, 华东大区

const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, mgr] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('mgr.east')]);
});

const get = (s: Session, url: string) => s.request({ method: 'GET', url });
const post = (s: Session, url: string, payload: unknown) => s.request({ method: 'POST', url, payload });
const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

async function newLead(s: Session, payload: Record<string, unknown>): Promise<TLead> {
  const res = await post(s, '/api/v1/leads', { contactName: '陆工', title: '设备部主任', source: '展会', ...payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function newCustomer(s: Session, payload: Record<string, unknown>): Promise<TCustomer> {
  const res = await post(s, '/api/v1/customers', { type: 'industrial', acknowledgeDuplicates: true, ...payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function preview(s: Session, leadId: string): Promise<TLeadConversionPreview> {
  const res = await post(s, `/api/v1/leads/${leadId}/convert/preview`, {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function customerActivities(s: Session, customerId: string): Promise<TActivity[]> {
  const res = await get(s, `/api/v1/customers/${customerId}/activities?limit=50`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as TPage<TActivity>).items;
}

describe('converting a lead', () => {
  it('creates customer + contact + opportunity when nothing matches, and the lead’s activities join the customer’s timeline', async () => {
    const lead = await newLead(rep1, {
      companyName: '洱海翡翠云杉计量实验室有限公司',
      mobile: '17733330001',
      email: 'lu@erhai-lab.example.cn',
      province: '云南',
      city: '大理',
      industry: '检测',
    });
    const activity: TActivity = (
      await post(rep1, `/api/v1/leads/${lead.id}/activities`, {
        type: 'visit',
        content: '现场勘察配电房',
        occurredAt: at(-2 * HOUR),
        nextFollowUpAt: at(48 * HOUR),
      })
    ).json();
    const followUpsOf = async (type: string, id: string) =>
      ((await get(rep1, '/api/v1/tasks?status=open&limit=100')).json().items as { relatedType: string; relatedId: string }[]).filter(
        (x) => x.relatedType === type && x.relatedId === id,
      );
    expect(await followUpsOf('lead', lead.id)).toHaveLength(1);
    const p = await preview(rep1, lead.id);
    expect(p).toMatchObject({ verdict: 'none', matches: [], canCreate: true, canConvert: true, blockedBy: null });
    expect(p.proposed).toMatchObject({ name: lead.companyName, city: '大理', source: '展会' });

    const res = await post(rep1, `/api/v1/leads/${lead.id}/convert`, {
      version: lead.version,
      customer: { mode: 'create', type: 'industrial' },
      opportunity: { name: '实验室远程抄表改造', amount: '368000.50', expectedCloseDate: '2026-12-31' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r: TLeadConvertResult = res.json();
    expect(r).toMatchObject({ customerCreated: true, contactCreated: true, activitiesMoved: 1, customerName: lead.companyName });
    expect(r.lead).toMatchObject({ status: 'converted', convertedCustomerId: r.customerId, convertedContactId: r.contactId });
    expect(r.lead.convertedOpportunityId).toBe(r.opportunityId);

    const detail = (await get(rep1, `/api/v1/customers/${r.customerId}`)).json() as {
      customer: TCustomer;
      contacts: { id: string; name: string; isPrimary: boolean; mobile: string }[];
    };
    expect(detail.customer).toMatchObject({ ownerName: '黄磊', type: 'industrial', city: '大理', source: '展会', status: 'prospect' });
    expect(detail.customer.lastActivityAt).toBe(activity.occurredAt);
    expect(detail.contacts).toEqual([expect.objectContaining({ id: r.contactId, name: '陆工', isPrimary: true, mobile: '17733330001' })]);
    const opp: TOpportunity = (await get(rep1, `/api/v1/opportunities/${r.opportunityId}`)).json();
    expect(opp).toMatchObject({ customerId: r.customerId, amount: '368000.50', leadId: lead.id, ownerName: '黄磊' });
    expect((await customerActivities(rep1, r.customerId)).map((a) => [a.id, a.leadId])).toEqual([[activity.id, lead.id]]);
    // The open follow-up about the lead is about the customer now.
    expect(await followUpsOf('lead', lead.id)).toHaveLength(0);
    expect(await followUpsOf('customer', r.customerId)).toEqual([expect.objectContaining({ relatedLabel: lead.companyName })]);
    // A converted lead is closed.
    const again = await post(rep1, `/api/v1/leads/${lead.id}/convert`, { version: r.lead.version, customer: { mode: 'create' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LEAD_CLOSED');
    const edit = await rep1.request({ method: 'PATCH', url: `/api/v1/leads/${lead.id}`, payload: { version: r.lead.version, notes: 'x' } });
    expect(edit.json().code).toBe('LEAD_CLOSED');
    const audit = (await get(await t.login('admin'), `/api/v1/audit-log?entityId=${lead.id}&limit=50`)).json().items as {
      action: string;
    }[];
    expect(audit.map((e) => e.action)).toContain('lead.convert');
  });

  it('on a warning lets the user link the matching customer (its contact is reused) or confirm a new one', async () => {
    const existing = await newCustomer(rep1, {
      name: '盐城海湾储能电站有限公司',
      contacts: [{ name: '顾工', mobile: '17744440001' }],
    });
    const lead = await newLead(rep1, { companyName: '滨海湖泊光储示范项目有限公司', contactName: '顾工', mobile: '177 4444 0001' });
    const p = await preview(rep1, lead.id);
    expect(p.verdict).toBe('warn');
    expect(p.matches[0]).toMatchObject({ customerId: existing.id, reason: 'contact_phone', visible: true });
    expect(p).toMatchObject({ canCreate: true, canConvert: true });
    const unconfirmed = await post(rep1, `/api/v1/leads/${lead.id}/convert`, { version: lead.version, customer: { mode: 'create' } });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().code).toBe('LEAD_CONVERT_POSSIBLE_DUPLICATE');
    expect(unconfirmed.json().matches[0].customerId).toBe(existing.id);

    const res = await post(rep1, `/api/v1/leads/${lead.id}/convert`, {
      version: lead.version,
      customer: { mode: 'link', customerId: existing.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r: TLeadConvertResult = res.json();
    expect(r).toMatchObject({ customerId: existing.id, customerCreated: false, contactCreated: false, opportunityId: null });
    const contacts = (await get(rep1, `/api/v1/customers/${existing.id}/contacts`)).json().items as { id: string }[];
    expect(contacts.map((c) => c.id)).toEqual([r.contactId]);

    // Confirmed, a new customer is made beside the similar one.
    const lead2 = await newLead(rep1, { companyName: '滨海湖泊光储二期项目有限公司', mobile: '17744440001' });
    const created = await post(rep1, `/api/v1/leads/${lead2.id}/convert`, {
      version: lead2.version,
      customer: { mode: 'create', acknowledgeDuplicates: true },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ customerCreated: true, contactCreated: true });
  });

  it('on a block within the scope refuses a new customer and links the existing one, adding the lead’s contact', async () => {
    const existing = await newCustomer(rep1, { name: '泰州星河光伏电力有限公司', contacts: [{ name: '钱经理', mobile: '17755550001' }] });
    const lead = await newLead(rep1, { companyName: '泰州星河光伏电力有限公司', contactName: '孙工', mobile: '17755550002' });
    const p = await preview(rep1, lead.id);
    expect(p).toMatchObject({ verdict: 'block', canCreate: false, canConvert: true, blockedBy: null });
    expect(p.matches[0]).toMatchObject({ customerId: existing.id, reason: 'same_name' });
    const create = await post(rep1, `/api/v1/leads/${lead.id}/convert`, {
      version: lead.version,
      customer: { mode: 'create', acknowledgeDuplicates: true },
    });
    expect(create.statusCode).toBe(409);
    expect(create.json().code).toBe('LEAD_CONVERT_DUPLICATE');
    const other = await newCustomer(rep1, { name: '完全无关的宿迁配电工程有限公司' });
    const wrongLink = await post(rep1, `/api/v1/leads/${lead.id}/convert`, {
      version: lead.version,
      customer: { mode: 'link', customerId: other.id },
    });
    expect(wrongLink.json().code).toBe('LEAD_CONVERT_DUPLICATE');
    const res = await post(rep1, `/api/v1/leads/${lead.id}/convert`, {
      version: lead.version,
      customer: { mode: 'link', customerId: existing.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ customerId: existing.id, contactCreated: true });
    const contacts = (await get(rep1, `/api/v1/customers/${existing.id}/contacts`)).json().items as { name: string; isPrimary: boolean }[];
    expect(contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['钱经理', true],
      ['孙工', false],
    ]);
  });

  it('refuses with a coded error naming the owner when the blocking customer is outside the scope', async () => {
    const theirs = await newCustomer(rep2, { name: '唐山北方重型机械有限公司' });
    const lead = await newLead(rep1, { companyName: '唐山北方重型机械有限公司' });
    const p = await preview(rep1, lead.id);
    expect(p).toMatchObject({ verdict: 'block', canCreate: false, canConvert: false, blockedBy: { name: theirs.name, ownerName: '朱峰' } });
    expect(p.matches[0]).toMatchObject({ customerId: null, visible: false });
    for (const customer of [{ mode: 'create' }, { mode: 'link', customerId: theirs.id }]) {
      const res = await post(rep1, `/api/v1/leads/${lead.id}/convert`, { version: lead.version, customer });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('LEAD_CONVERT_CUSTOMER_OUT_OF_SCOPE');
      expect(res.json().title).toContain('朱峰');
    }
    expect(((await get(rep1, `/api/v1/leads/${lead.id}`)).json() as TLead).status).toBe('new');
  });

  it('refuses to link a customer outside the scope even without a duplicate', async () => {
    const theirs = await newCustomer(rep2, { name: '秦皇岛港口岸电服务有限公司' });
    const lead = await newLead(rep1, { companyName: '完全不同的丽水山区小水电开发有限公司' });
    const res = await post(rep1, `/api/v1/leads/${lead.id}/convert`, {
      version: lead.version,
      customer: { mode: 'link', customerId: theirs.id },
    });
    expect(res.statusCode).toBe(404);
  });

  it('lets a manager convert a rep’s lead: customer and opportunity go to the rep', async () => {
    const lead = await newLead(rep1, { companyName: '衢州青瓷文旅园区运营有限公司', mobile: '17766660001' });
    const res = await post(mgr, `/api/v1/leads/${lead.id}/convert`, {
      version: lead.version,
      customer: { mode: 'create' },
      opportunity: { name: '园区能耗监测一期', amount: '120000', expectedCloseDate: '2027-03-31' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r: TLeadConvertResult = res.json();
    expect(((await get(rep1, `/api/v1/customers/${r.customerId}`)).json().customer as TCustomer).ownerName).toBe('黄磊');
    expect(((await get(rep1, `/api/v1/opportunities/${r.opportunityId}`)).json() as TOpportunity).ownerName).toBe('黄磊');
  });

  it('is all or nothing: when a later step fails, no customer, contact or opportunity stays and the lead is unchanged', async () => {
    const lead = await newLead(rep1, { companyName: '舟山海上风电运维保障有限公司', mobile: '17788880001' });
    const activity: TActivity = (
      await post(rep1, `/api/v1/leads/${lead.id}/activities`, { type: 'call', content: '电话沟通', occurredAt: at(-HOUR) })
    ).json();
    const after = (await get(rep1, `/api/v1/leads/${lead.id}`)).json() as TLead;
    const { customers, sales, admin } = t.modules;
    let opportunityMade: string | undefined;
    // The real opportunity is written, then the step after it fails.
    const failing = createLeadConversionService({
      db: t.database.db,
      clock: t.clock,
      people: admin.people,
      duplicates: customers.duplicates,
      customers: customers.customers,
      activities: customers.linkedActivities,
      tasks: t.modules.tasks.tasks,
      opportunities: () => ({
        createWithin: async (tx, actor, body, opts) => {
          opportunityMade = (await sales.opportunities.createWithin(tx, actor, body, opts)).id;
          throw new AppError(CommonError.SERVICE_UNAVAILABLE);
        },
      }),
      present: createLeadPresenter(admin.people),
    });
    const actor = await actorOf(rep1);
    await expect(
      failing.convert(actor, lead.id, {
        version: after.version,
        customer: { mode: 'create', type: 'other' },
        opportunity: { name: '风电场计量', amount: '50000', expectedCloseDate: '2027-01-31' },
      }),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(opportunityMade).toBeDefined();
    expect((await get(rep1, `/api/v1/opportunities/${opportunityMade}`)).statusCode).toBe(404);
    const found: TPage<TCustomer> = (await get(rep1, `/api/v1/customers?q=${encodeURIComponent('舟山海上风电运维保障')}`)).json();
    expect(found.items).toHaveLength(0);
    const unchanged = (await get(rep1, `/api/v1/leads/${lead.id}`)).json() as TLead;
    expect(unchanged).toMatchObject({ status: after.status, version: after.version, convertedCustomerId: null });
    const timeline = (await get(rep1, `/api/v1/leads/${lead.id}/activities`)).json() as TPage<TActivity>;
    expect(timeline.items.map((a) => [a.id, a.customerId])).toEqual([[activity.id, null]]);
    // The same conversion through the API then succeeds.
    const res = await post(rep1, `/api/v1/leads/${lead.id}/convert`, { version: after.version, customer: { mode: 'create' } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses a stale version and a contact without a name', async () => {
    const lead = await newLead(rep1, { companyName: '湖州竹海生态旅游开发有限公司', contactName: null });
    const stale = await post(rep1, `/api/v1/leads/${lead.id}/convert`, { version: lead.version + 1, customer: { mode: 'create' } });
    expect(stale.json().code).toBe('STALE_VERSION');
    const noName = await post(rep1, `/api/v1/leads/${lead.id}/convert`, {
      version: lead.version,
      customer: { mode: 'create' },
      createContact: true,
    });
    expect(noName.json().code).toBe('LEAD_CONVERT_NO_CONTACT');
    const ok = await post(rep1, `/api/v1/leads/${lead.id}/convert`, { version: lead.version, customer: { mode: 'create' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ contactId: null, contactCreated: false });
  });
});

/** The actor behind a session, as the auth plugin resolves it. */
async function actorOf(s: Session) {
  const token = s.cookie.replace(/^crm_sid=/, '');
  const resolved = await t.modules.authResolver.resolveSession(token, { ip: '127.0.0.1', userAgent: null, requestId: 'test' });
  if (!resolved || resolved === 'expired') throw new Error('no actor');
  return resolved;
}
