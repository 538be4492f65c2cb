import { Permission, type TCustomer, type TRegistryChange, type TRegistryCompany, type TRegistryMatch } from '@crm/contracts';
import { startQccSimulator, type QccSimulator } from '@crm/simulators/qichacha';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let sim: QccSimulator;
let t: TestApp;
let rep1: Session; // rep.east1, owner of 南京华能电气设备有限公司 (demo)
let rep2: Session; // rep.north1
let admin: Session;

const HUANENG = { name: '南京华能电气设备有限公司', creditCode: '91320629MA1134623X' };

beforeAll(async () => {
  sim = await startQccSimulator({ appKey: 'crm-test-key', secretKey: 'crm-test-secret', maxPageSize: 10 });
  t = await createTestApp({
    env: {
      CRM_INTEGRATIONS: 'real',
      CRM_QCC_BASE_URL: sim.url,
      CRM_QCC_APP_KEY: 'crm-test-key',
      CRM_QCC_SECRET_KEY: 'crm-test-secret',
      CRM_QCC_TIMEOUT_MS: '2000',
    },
  });
  [rep1, rep2, admin] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('admin')]);
});
afterAll(() => sim.close());

/** Moves the clock (e.g. to next week's run); sessions do not live that long, so everyone signs in again. */
async function travel(ms: number): Promise<void> {
  t.clock.advance(ms);
  [rep1, rep2, admin] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('admin')]);
}

const get = (s: Session, url: string) => s.request({ method: 'GET', url });
const billed = () => sim.calls.filter((c) => c.orderNumber !== null).length;

async function customerId(s: Session, name: string): Promise<string> {
  const res = await get(s, `/api/v1/customers?q=${encodeURIComponent(name)}`);
  const found = (res.json().items as TCustomer[]).find((c) => c.name === name);
  if (!found) throw new Error(`${name} not visible`);
  return found.id;
}

function refreshJob() {
  const def = t.kernel.jobs.definitions.get('customers.registry-refresh');
  if (!def) throw new Error('the registry refresh job is not registered');
  return def;
}

describe('registry lookups', () => {
  it('searches by part of a name and answers a repeated search from the cache (calls are billed)', async () => {
    const before = billed();
    const res = await get(rep1, `/api/v1/registry/companies?q=${encodeURIComponent('国网江苏省电力')}`);
    expect(res.statusCode).toBe(200);
    const items: TRegistryMatch[] = res.json();
    expect(items[0]).toEqual({
      name: '国网江苏省电力有限公司',
      creditCode: '91320000MA1000000X',
      legalRepresentative: '张强',
      status: '存续（在营、开业、在册）',
      address: '江苏省南京市鼓楼区上海路308号',
      establishedDate: '1988-12-12',
    });
    expect(billed()).toBe(before + 1);
    expect((await get(rep1, `/api/v1/registry/companies?q=${encodeURIComponent('国网江苏省电力 ')}`)).json()).toEqual(items);
    expect(billed()).toBe(before + 1);
  });

  it('refuses a query shorter than two characters', async () => {
    expect((await get(rep1, `/api/v1/registry/companies?q=${encodeURIComponent('国')}`)).statusCode).toBe(400);
  });

  it('maps a company to the fields of a new customer', async () => {
    const res = await get(rep1, `/api/v1/registry/companies/${encodeURIComponent('无锡恒通电力器材有限公司')}`);
    expect(res.statusCode).toBe(200);
    const company: TRegistryCompany = res.json();
    expect(company.fields).toMatchObject({ name: '无锡恒通电力器材有限公司', province: '江苏', city: '无锡', type: 'distributor' });
    expect(company.fields.creditCode).toMatch(/^91320213/);
    expect(company.registry).toMatchObject({ registeredName: '无锡恒通电力器材有限公司', businessStatus: expect.any(String) });
    expect(company.registry.syncedAt).toBe(t.clock.now().toISOString());
  });

  it('answers 404 for a company the registry does not know (201)', async () => {
    const res = await get(rep1, `/api/v1/registry/companies/${encodeURIComponent('不存在的测试公司有限公司')}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('REGISTRY_COMPANY_NOT_FOUND');
  });

  it('tells a refused call (107) from an unreachable registry, without leaking details', async () => {
    sim.failNext({ status: '107' });
    const refused = await get(rep1, `/api/v1/registry/companies/${encodeURIComponent('常州华立电气成套有限公司')}`);
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toMatchObject({ code: 'REGISTRY_REFUSED' });
    expect(refused.json().title).toContain('107');
    sim.failNext({ httpStatus: 502 });
    const down = await get(rep1, `/api/v1/registry/companies?q=${encodeURIComponent('常州华立')}`);
    expect(down.statusCode).toBe(503);
    expect(down.json().code).toBe('REGISTRY_UNAVAILABLE');
    expect(down.body).not.toContain(sim.url);
  });

  it('is refused to a user without customer:read and customer:create', async () => {
    const role = await admin.request({
      method: 'POST',
      url: '/api/v1/roles',
      payload: {
        code: 'registry_none',
        nameZh: '无客户权限',
        nameEn: 'No customers',
        permissions: [Permission.auditRead],
        dataScope: 'own',
      },
    });
    expect(role.statusCode).toBe(201);
    const departments = (await get(admin, '/api/v1/departments')).json().items;
    const user = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: 'no.customers',
        displayName: '无客户',
        departmentId: departments[0].id,
        roleIds: [role.json().id],
        password: 'Plain-Pass-2026',
      },
    });
    expect(user.statusCode).toBe(201);
    const nobody = await t.login('no.customers', 'Plain-Pass-2026');
    const before = billed();
    expect((await get(nobody, `/api/v1/registry/companies?q=${encodeURIComponent('国网')}`)).statusCode).toBe(403);
    expect((await get(nobody, `/api/v1/registry/companies/${HUANENG.creditCode}`)).statusCode).toBe(403);
    expect(billed()).toBe(before);
  });
});

describe('the registry API', () => {
  it('is documented in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/registry/companies',
        '/api/v1/registry/companies/{keyword}',
        '/api/v1/customers/{id}/registry-refresh',
        '/api/v1/customers/{id}/registry-changes',
      ]),
    );
  });
});

describe('customers created from the registry and refreshed', () => {
  let created: TCustomer;

  it('stores the snapshot carried by the create request', async () => {
    const company: TRegistryCompany = (
      await get(rep1, `/api/v1/registry/companies/${encodeURIComponent('杭州钱江电力科技有限公司')}`)
    ).json();
    const res = await rep1.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { ...company.fields, registry: company.registry },
    });
    expect(res.statusCode).toBe(201);
    created = res.json();
    expect(created.creditCode).toBe(company.fields.creditCode);
    const detail = (await get(rep1, `/api/v1/customers/${created.id}`)).json();
    expect(detail.customer.registry).toEqual(company.registry);
  });

  it('refreshes one customer now, within the data scope, and audits it', async () => {
    await travel(3_600_000);
    const other = await rep2.request({ method: 'POST', url: `/api/v1/customers/${created.id}/registry-refresh` });
    expect(other.statusCode).toBe(404);
    const res = await rep1.request({ method: 'POST', url: `/api/v1/customers/${created.id}/registry-refresh` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ changes: [], registry: { syncedAt: t.clock.now().toISOString() } });
    const audit = await get(admin, `/api/v1/audit-log?action=customer.registry_refresh&entityId=${created.id}`);
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0]).toMatchObject({ actorName: '黄磊', meta: { changes: [] } });
  });

  it('refuses to refresh a customer without a credit code', async () => {
    const res = await rep1.request({ method: 'POST', url: '/api/v1/customers', payload: { name: '无锡某某机电工程部', type: 'other' } });
    expect(res.statusCode).toBe(201);
    const refresh = await rep1.request({ method: 'POST', url: `/api/v1/customers/${res.json().id}/registry-refresh` });
    expect(refresh.statusCode).toBe(409);
    expect(refresh.json().code).toBe('REGISTRY_NO_CREDIT_CODE');
  });
});

describe('the weekly registry refresh', () => {
  it('sets the baseline, then detects a rename and a revoked licence, keeps the history and notifies the owner', async () => {
    const id = await customerId(rep1, HUANENG.name);
    await travel(86_400_000);
    await t.kernel.jobs.runNow(refreshJob(), {});
    const baselineRes = await get(rep1, `/api/v1/customers/${id}`);
    expect(baselineRes.statusCode, baselineRes.body).toBe(200);
    const baseline = baselineRes.json().customer;
    expect(baseline.registry).toMatchObject({ registeredName: HUANENG.name, syncedAt: t.clock.now().toISOString() });
    expect((await get(rep1, `/api/v1/customers/${id}/registry-changes`)).json().items).toEqual([]);

    sim.change({
      keyword: HUANENG.creditCode,
      name: '南京华能智能电气有限公司',
      status: '吊销，未注销',
      address: '江苏省南京市江宁区天元中路1号',
    });
    await travel(7 * 86_400_000);
    await t.kernel.jobs.runNow(refreshJob(), {});

    const changes: TRegistryChange[] = (await get(rep1, `/api/v1/customers/${id}/registry-changes`)).json().items;
    expect(changes.map((c) => [c.field, c.before, c.after, c.isAlert])).toEqual([
      ['name', HUANENG.name, '南京华能智能电气有限公司', true],
      ['businessStatus', baseline.registry.businessStatus, '吊销，未注销', true],
      ['registeredAddress', baseline.registry.registeredAddress, '江苏省南京市江宁区天元中路1号', true],
    ]);
    expect(new Set(changes.map((c) => c.detectedAt))).toEqual(new Set([t.clock.now().toISOString()]));
    const after = (await get(rep1, `/api/v1/customers/${id}`)).json().customer;
    expect(after.name).toBe(HUANENG.name);
    expect(after.registry).toMatchObject({ businessStatus: '吊销，未注销', registeredName: '南京华能智能电气有限公司' });

    const inbox = (await get(rep1, '/api/v1/notifications?limit=50')).json().items as {
      kind: string;
      title: string;
      body: string;
      entityId: string;
    }[];
    const mine = inbox.filter((n) => n.entityId === id);
    expect(mine.map((n) => n.kind).sort()).toEqual([
      'customer.registry_address_changed',
      'customer.registry_renamed',
      'customer.registry_status_changed',
    ]);
    expect(mine.find((n) => n.kind === 'customer.registry_status_changed')?.body).toContain('吊销，未注销');
    // Someone else's customer: nothing in another rep's inbox, and no access to its history.
    expect(
      ((await get(rep2, '/api/v1/notifications?limit=50')).json().items as { entityId: string }[]).some((n) => n.entityId === id),
    ).toBe(false);
    expect((await get(rep2, `/api/v1/customers/${id}/registry-changes`)).statusCode).toBe(404);

    const audit = (await get(admin, `/api/v1/audit-log?action=customer.registry_refresh&entityId=${id}`)).json().items;
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorName: 'system:registry-refresh' });
    expect(audit[0].meta).toMatchObject({ changes: ['name', 'businessStatus', 'registeredAddress'] });
  });

  it('counts connector failures without failing, stops when the registry is down and resumes where it stopped', async () => {
    const registry = t.modules.customers.registry;
    await travel(7 * 86_400_000);
    const syncedBefore = t.clock.now();
    sim.failNext({ httpStatus: 502, times: 5 });
    const down = await registry.refreshAll({ syncedBefore });
    expect(down).toMatchObject({ checked: 5, failed: 5, stoppedBy: 'transport' });

    const callsBefore = billed();
    const resumed = await registry.refreshAll({ syncedBefore });
    expect(resumed).toMatchObject({ failed: 0, stoppedBy: null });
    expect(resumed.checked).toBeGreaterThanOrEqual(20);
    expect(billed() - callsBefore).toBe(resumed.checked);
    // Everything is refreshed now: a third run from the same start has nothing left to do.
    expect(await registry.refreshAll({ syncedBefore })).toMatchObject({ checked: 0 });
  });

  it('stops at once when the account is refused and reports why', async () => {
    await travel(86_400_000);
    sim.setQuota(0);
    const run = await t.modules.customers.registry.refreshAll({ syncedBefore: t.clock.now() });
    sim.setQuota(undefined);
    expect(run).toMatchObject({ checked: 1, failed: 1, stoppedBy: 'quota' });
  });
});
