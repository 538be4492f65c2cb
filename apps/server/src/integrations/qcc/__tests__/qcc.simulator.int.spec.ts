import { isValidCreditCode, qccAuthHeaders } from '@crm/protocols';
import { startQccSimulator, type QccSimulator } from '@crm/simulators/qichacha';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQccClient, type QccClient } from '../qcc.client.ts';
import type { QccError } from '../qcc.errors.ts';

let sim: QccSimulator;
let client: QccClient;
const APP_KEY = 'test-app-key';
const SECRET = 'test-secret-key';

beforeAll(async () => {
  sim = await startQccSimulator({ appKey: APP_KEY, secretKey: SECRET, maxPageSize: 5, timespanToleranceSeconds: 120 });
  client = createQccClient({ baseUrl: sim.url, appKey: APP_KEY, secretKey: SECRET, pageSize: 20, timeoutMs: 2000 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function failure(p: Promise<unknown>): Promise<QccError> {
  try {
    await p;
  } catch (e) {
    return e as QccError;
  }
  throw new Error('expected a failure');
}

describe('the QCC connector against the simulator', () => {
  it('finds companies by part of a name, page by page, within the page-size cap', async () => {
    const first = await client.fuzzySearch('国网江苏省电力');
    expect(first.items).toHaveLength(5);
    expect(first.total).toBeGreaterThan(5);
    expect(first.items[0]).toMatchObject({
      Name: '国网江苏省电力有限公司',
      CreditCode: '91320000MA1000000X',
      Status: '存续（在营、开业、在册）',
    });
    const second = await client.fuzzySearch('国网江苏省电力', { pageIndex: 2 });
    expect(second.items.map((i) => i.Name)).not.toContain(first.items[0]!.Name);
    expect(first.orderNumber).toMatch(/^FUZZY\d{14}\d{8}$/);
  });

  it('returns the details of a company by credit code and by full name', async () => {
    const byCode = await client.basicDetails('91320629MA1134623X');
    expect(byCode?.details).toMatchObject({
      Name: '南京华能电气设备有限公司',
      OperName: '顾晓明',
      Area: { Province: '江苏省', City: '南京市' },
      OriginalName: [{ Name: '南京华能电器有限公司' }],
    });
    expect(byCode?.orderNumber).toMatch(/^ECI\d{22}$/);
    const byName = await client.basicDetails('无锡恒通电力器材有限公司');
    expect(isValidCreditCode(byName!.details.CreditCode!)).toBe(true);
  });

  it('answers "no result" (201) for an unknown company and an empty page for an unknown name', async () => {
    expect(await client.basicDetails('不存在的测试公司有限公司')).toBeNull();
    expect(await client.fuzzySearch('完全不存在的名字')).toMatchObject({ items: [], total: 0 });
    expect(sim.calls.map((c) => c.status)).toEqual(['201', '201']);
  });

  it('is refused with 107 when the secret is wrong, and with 101 for an unknown key', async () => {
    const wrongSecret = createQccClient({ baseUrl: sim.url, appKey: APP_KEY, secretKey: 'not-the-secret', pageSize: 5, timeoutMs: 2000 });
    expect(await failure(wrongSecret.fuzzySearch('国网'))).toMatchObject({ kind: 'auth', details: { status: '107' } });
    const wrongKey = createQccClient({ baseUrl: sim.url, appKey: 'other', secretKey: SECRET, pageSize: 5, timeoutMs: 2000 });
    expect(await failure(wrongKey.fuzzySearch('国网'))).toMatchObject({ kind: 'auth', details: { status: '101' } });
    // Refused calls are not billed: no order number.
    expect(sim.calls.every((c) => c.orderNumber === null)).toBe(true);
  });

  it('refuses a stale Timespan (115) and a search key shorter than two characters (213), over raw HTTP', async () => {
    const stale = qccAuthHeaders(APP_KEY, SECRET, new Date(Date.now() - 10 * 60_000));
    const res = await fetch(`${sim.url}/FuzzySearch/GetList?key=${APP_KEY}&searchKey=${encodeURIComponent('国网')}`, { headers: stale });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ Status: '115' });
    expect(await failure(client.fuzzySearch('国'))).toMatchObject({ kind: 'invalid_request', details: { status: '213' } });
  });

  it('runs out of quota with 112', async () => {
    sim.setQuota(1);
    await client.fuzzySearch('国网');
    expect(await failure(client.fuzzySearch('国网'))).toMatchObject({ kind: 'quota', details: { status: '112' } });
  });

  it('injects failures: a status code, a gateway error and a slow answer', async () => {
    const injected = await fetch(`${sim.url}/ECIV4/GetBasicDetailsByName?key=${APP_KEY}&keyword=x&__fail=114`);
    expect(await injected.json()).toMatchObject({ Status: '114' });
    await fetch(`${sim.url}/__sim/fail-next`, { method: 'POST', body: JSON.stringify({ httpStatus: 502 }) });
    expect(await failure(client.fuzzySearch('国网'))).toMatchObject({ kind: 'transport', details: { httpStatus: 502 } });
    sim.failNext({ delayMs: 600 });
    const impatient = createQccClient({ baseUrl: sim.url, appKey: APP_KEY, secretKey: SECRET, pageSize: 5, timeoutMs: 200 });
    expect(await failure(impatient.fuzzySearch('国网'))).toMatchObject({ kind: 'transport' });
    expect((await client.fuzzySearch('国网')).items.length).toBeGreaterThan(0);
  });

  it('changes a company through the control endpoint: rename with history, status and address', async () => {
    const res = await fetch(`${sim.url}/__sim/companies/change`, {
      method: 'POST',
      body: JSON.stringify({
        keyword: '91320629MA1134623X',
        name: '南京华能智能电气有限公司',
        status: '吊销，未注销',
        address: '江苏省南京市江宁区天元中路1号',
      }),
    });
    expect(res.status).toBe(200);
    const d = (await client.basicDetails('91320629MA1134623X'))!.details;
    expect(d).toMatchObject({ Name: '南京华能智能电气有限公司', Status: '吊销，未注销', Address: '江苏省南京市江宁区天元中路1号' });
    expect(d.OriginalName.map((o) => o.Name)).toEqual(['南京华能电器有限公司', '南京华能电气设备有限公司']);
    expect(d.RevokeInfo).toMatchObject({ RevokeReason: expect.any(String) });
  });
});

describe('the simulated dataset', () => {
  it('holds the demo customers with their credit codes and over a hundred more companies with valid check characters', () => {
    const all = sim.companies;
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(all.find((c) => c.Name === '国网江苏省电力有限公司')?.CreditCode).toBe('91320000MA1000000X');
    expect(all.find((c) => c.Name === '中国能建江苏省电力设计院有限公司')?.CreditCode).toBe('91320888MA1190056X');
    const generated = all.filter((c) => !/^91320\d{3}MA1\d{6}X$/.test(c.CreditCode));
    expect(generated.length).toBeGreaterThanOrEqual(100);
    expect(generated.filter((c) => !isValidCreditCode(c.CreditCode))).toEqual([]);
    expect(new Set(all.map((c) => c.CreditCode)).size).toBe(all.length);
    expect(new Set(all.map((c) => c.Name)).size).toBe(all.length);
  });
});
