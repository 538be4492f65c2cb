import { describe, expect, it } from 'vitest';
import type { CallRecord, ConnectorKit } from '../../connector-kit.ts';
import { RateLimitedError } from '../../rate-limiter.ts';
import { createQccClient } from '../qcc.client.ts';
import { isRetryable, qccErrorKind, stopsBatch, type QccError } from '../qcc.errors.ts';

const settings = { baseUrl: 'https://api.example.test/', appKey: 'KEY', secretKey: 'SECRET', pageSize: 5, timeoutMs: 1000 };

/** A fetch that answers every call with the given body and HTTP status, and records the requests. */
function fakeFetch(body: unknown, status = 200) {
  const requests: { url: URL; headers: Record<string, string> }[] = [];
  const fn = (async (url: URL, init: RequestInit) => {
    requests.push({ url, headers: init.headers as Record<string, string> });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { fn, requests };
}

async function failure(p: Promise<unknown>): Promise<QccError> {
  try {
    await p;
  } catch (e) {
    return e as QccError;
  }
  throw new Error('expected a failure');
}

describe('QCC status codes', () => {
  it('map to the kinds the CRM acts on', () => {
    expect(qccErrorKind('201')).toBe('no_result');
    expect(qccErrorKind('213')).toBe('invalid_request');
    for (const code of ['101', '107', '115']) expect(qccErrorKind(code)).toBe('auth');
    for (const code of ['102', '109', '112', '116']) expect(qccErrorKind(code)).toBe('quota');
    for (const code of ['111', '113', '114']) expect(qccErrorKind(code)).toBe('disabled');
    expect(qccErrorKind('110')).toBe('throttled');
    expect(qccErrorKind('999')).toBe('unknown');
  });

  it('say which errors a retry may cure and which stop a batch', () => {
    expect(isRetryable('transport')).toBe(true);
    expect(isRetryable('throttled')).toBe(true);
    expect(isRetryable('auth')).toBe(false);
    expect(stopsBatch('quota')).toBe(true);
    expect(stopsBatch('transport')).toBe(false);
  });
});

describe('QCC client', () => {
  it('signs the call with key, Timespan and Token, and caps the page size', async () => {
    const f = fakeFetch({ Status: '201', Message: '【有效请求】查询无结果', OrderNumber: 'FUZZY2026110210000012345678', Result: null });
    const client = createQccClient(settings, { fetch: f.fn, now: () => new Date(1_700_000_000_000) });
    expect(await client.fuzzySearch('国网', { pageSize: 50 })).toEqual({ items: [], total: 0, orderNumber: 'FUZZY2026110210000012345678' });
    const { url, headers } = f.requests[0]!;
    expect(url.origin + url.pathname).toBe('https://api.example.test/FuzzySearch/GetList');
    expect(Object.fromEntries(url.searchParams)).toEqual({ key: 'KEY', searchKey: '国网', pageIndex: '1', pageSize: '5' });
    expect(headers).toMatchObject({ Timespan: '1700000000', Token: 'BEB63E31287AA62975FE7DFD463529CA' });
  });

  it('turns a refused call (HTTP 200, Status "107") into an auth error with the status', async () => {
    const f = fakeFetch({ Status: '107', Message: '【无效请求】被禁止的IP或签名错误', OrderNumber: '', Result: null });
    const err = await failure(createQccClient(settings, { fetch: f.fn }).basicDetails('国网江苏省电力有限公司'));
    expect(err).toMatchObject({ name: 'QccError', kind: 'auth', details: { status: '107' } });
  });

  it('accepts a numeric Status and returns null details for "no result"', async () => {
    const f = fakeFetch({ Status: 201, Message: 'x', Result: null });
    expect(await createQccClient(settings, { fetch: f.fn }).basicDetails('不存在的公司')).toBeNull();
  });

  it('treats a gateway error page, a non-JSON body and a wrong shape as retryable failures', async () => {
    const gateway = await failure(createQccClient(settings, { fetch: fakeFetch('<html>502</html>', 502).fn }).fuzzySearch('国网'));
    expect(gateway).toMatchObject({ kind: 'transport', details: { httpStatus: 502 } });
    const html = await failure(createQccClient(settings, { fetch: fakeFetch('<html>ok</html>').fn }).fuzzySearch('国网'));
    expect(html.kind).toBe('protocol');
    const shape = await failure(
      createQccClient(settings, { fetch: fakeFetch({ Status: '200', Result: { Name: 42 } }).fn }).basicDetails('x公司'),
    );
    expect(shape.kind).toBe('protocol');
    expect(shape.retryable).toBe(true);
  });

  it('reports a network failure and missing settings without calling out', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect((await failure(createQccClient(settings, { fetch: down }).fuzzySearch('国网'))).kind).toBe('transport');
    const f = fakeFetch({});
    expect((await failure(createQccClient({ ...settings, appKey: undefined }, { fetch: f.fn }).fuzzySearch('国网'))).kind).toBe(
      'not_configured',
    );
    expect(f.requests).toHaveLength(0);
  });

  it('logs each call with operation, status, outcome and caller, never its parameters or keys', async () => {
    const records: CallRecord[] = [];
    let refuse = false;
    const kit: ConnectorKit = {
      log: { record: async (r) => void records.push(r) },
      limiter: {
        acquire: async () => {
          if (refuse) throw new RateLimitedError('qcc', 700, 0);
          return { waitedMs: 0 };
        },
      },
      now: () => new Date('2026-11-02T02:00:00Z'),
    };
    const caller = { id: null, name: 'rep.east1' };
    const ok = fakeFetch({
      Status: '200',
      OrderNumber: 'FUZZY2026110210000000000001',
      Result: [],
      Paging: { PageSize: 10, PageIndex: 1, TotalRecords: 0 },
    });
    await createQccClient(settings, { fetch: ok.fn, kit }).fuzzySearch('国网江苏', {}, { caller });
    const refused = fakeFetch({ Status: '112', Message: '余额不足', OrderNumber: '', Result: null });
    await failure(createQccClient(settings, { fetch: refused.fn, kit }).basicDetails('国网江苏省电力有限公司', { caller }));
    refuse = true;
    const held = fakeFetch({ Status: '200', Result: null });
    const limited = await failure(createQccClient(settings, { fetch: held.fn, kit }).basicDetails('国网江苏省电力有限公司', { caller }));
    expect(limited).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 700 } });
    expect(held.requests).toHaveLength(0);
    expect(records).toEqual([
      expect.objectContaining({
        operation: 'fuzzy-search',
        outcome: 'ok',
        statusCode: '200',
        errorKind: null,
        caller,
        reference: 'FUZZY2026110210000000000001',
      }),
      expect.objectContaining({ operation: 'basic-details', outcome: 'error', statusCode: '112', errorKind: 'quota', caller }),
      expect.objectContaining({ operation: 'basic-details', outcome: 'limited', statusCode: null, errorKind: 'rate_limited', caller }),
    ]);
    const text = JSON.stringify(records);
    for (const secret of ['SECRET', 'KEY', '国网江苏']) expect(text).not.toContain(secret);
    expect(records.every((r) => r.durationMs >= 0 && r.startedAt instanceof Date)).toBe(true);
  });
});
