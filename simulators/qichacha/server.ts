import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidQccToken, QccStatus, qccStatusMessages } from '@crm/protocols';
import { buildDataset, type SimCompany } from './dataset.ts';

export type QccSimulatorOptions = {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** The one AppKey / SecretKey pair the simulator accepts. */
  appKey: string;
  secretKey: string;
  /** How far the `Timespan` header may be from the simulator's clock, in seconds (default 300; 0 checks nothing). */
  timespanToleranceSeconds?: number;
  /** The largest `pageSize` served; larger requests are cut to it (default 20). */
  maxPageSize?: number;
  /** Billed calls left before every call answers 112; undefined means unlimited. */
  quota?: number;
  /** The simulator's clock (tests move it). */
  now?: () => Date;
};

/** A failure the next calls answer with, instead of their normal result. */
export type InjectedFailure = {
  /** A QCC status code sent in an HTTP 200 body, e.g. "107". */
  status?: string;
  /** An HTTP status sent with a non-JSON body (a gateway failure), e.g. 502. */
  httpStatus?: number;
  /** Delay before answering, in milliseconds (for timeouts). */
  delayMs?: number;
  /** How many calls fail this way (default 1). */
  times?: number;
};

/** What a control call may change about a company, the way the registry would record it. */
export type CompanyChange = {
  /** The company: its current name, credit code or registration number. */
  keyword: string;
  /** A new name: the current one moves into OriginalName. */
  name?: string;
  status?: string;
  address?: string;
  operName?: string;
  registCapi?: string;
};

export type QccCall = { path: string; searchKey: string | null; status: string; orderNumber: string | null; at: string };

export type QccSimulator = {
  url: string;
  port: number;
  /** The companies as they are now (a live view). */
  readonly companies: readonly SimCompany[];
  /** Every call answered since the start or the last reset. */
  readonly calls: readonly QccCall[];
  failNext(failure: InjectedFailure): void;
  change(change: CompanyChange): SimCompany;
  setQuota(remaining: number | undefined): void;
  reset(): void;
  close(): Promise<void>;
};

const API_PREFIX: Record<string, string> = { '/FuzzySearch/GetList': 'FUZZY', '/ECIV4/GetBasicDetailsByName': 'ECI' };

/** yyyyMMddHHmmss in Beijing time, as the service stamps its order numbers. */
function beijingStamp(at: Date): string {
  const b = new Date(at.getTime() + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}${p(b.getUTCMonth() + 1)}${p(b.getUTCDate())}${p(b.getUTCHours())}${p(b.getUTCMinutes())}${p(b.getUTCSeconds())}`;
}

function beijingDate(at: Date): string {
  return beijingStamp(at).replace(/^(\d{4})(\d{2})(\d{2}).*/, '$1-$2-$3');
}

const compact = (s: string) =>
  s
    .replace(/[\s\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toUpperCase();

function searchItem(c: SimCompany) {
  return {
    KeyNo: c.KeyNo,
    Name: c.Name,
    CreditCode: c.CreditCode,
    StartDate: c.StartDate,
    OperName: c.OperName,
    Status: c.Status,
    No: c.No,
    Address: c.Address,
  };
}

/**
 * A local stand-in for the QCC open API (https://api.qichacha.com): the same paths, parameters,
 * signature check, string status codes in HTTP 200 bodies and order numbers; plus control
 * endpoints under /__sim/ to inject failures and to change companies.
 */
export async function startQccSimulator(options: QccSimulatorOptions): Promise<QccSimulator> {
  const now = options.now ?? (() => new Date());
  const tolerance = options.timespanToleranceSeconds ?? 300;
  const maxPageSize = options.maxPageSize ?? 20;
  let companies = buildDataset();
  let quota = options.quota;
  let failures: InjectedFailure[] = [];
  let calls: QccCall[] = [];
  let sequence = 0;

  function orderNumber(path: string): string {
    sequence = (sequence + 1) % 100_000_000;
    const tail = String((sequence * 7_919 + Math.floor(Math.random() * 1000)) % 100_000_000).padStart(8, '0');
    return `${API_PREFIX[path] ?? 'API'}${beijingStamp(now())}${tail}`;
  }

  function find(keyword: string): SimCompany | undefined {
    const k = compact(keyword);
    return companies.find((c) => compact(c.Name) === k || c.CreditCode === k || c.No === k);
  }

  function search(searchKey: string): SimCompany[] {
    const k = compact(searchKey);
    const matches = companies.filter(
      (c) => compact(c.Name).includes(k) || c.CreditCode === k || c.No === k || c.OperName === searchKey.trim(),
    );
    // Exact names first, then names that start with the key, then the shorter (closer) names.
    const rank = (c: SimCompany) => (compact(c.Name) === k ? 0 : compact(c.Name).startsWith(k) ? 1 : 2);
    return matches.sort((a, b) => rank(a) - rank(b) || a.Name.length - b.Name.length || a.Name.localeCompare(b.Name, 'zh-CN'));
  }

  function send(res: ServerResponse, body: unknown, httpStatus = 200): void {
    const text = JSON.stringify(body);
    res.writeHead(httpStatus, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function answer(res: ServerResponse, call: Omit<QccCall, 'status' | 'orderNumber' | 'at'>, status: string, extra: object = {}): void {
    // Valid requests (2xx codes) are billed and carry an order number; refused ones do not.
    const billed = status.startsWith('2');
    const number = billed ? orderNumber(call.path) : null;
    if (billed && quota !== undefined) quota = Math.max(0, quota - 1);
    calls.push({ ...call, status, orderNumber: number, at: now().toISOString() });
    send(res, {
      Status: status,
      Message: qccStatusMessages[status] ?? '【无效请求】未知错误',
      OrderNumber: number ?? '',
      Paging: null,
      Result: null,
      ...extra,
    });
  }

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method === 'GET' && path === '/__sim/calls') return send(res, { calls, quota: quota ?? null });
    if (req.method !== 'POST') return send(res, { error: 'method not allowed' }, 405);
    const body = await readJson(req);
    switch (path) {
      case '/__sim/fail-next':
        api.failNext(body as InjectedFailure);
        return send(res, { ok: true });
      case '/__sim/companies/change':
        return send(res, api.change(body as CompanyChange));
      case '/__sim/quota':
        api.setQuota(typeof body.remaining === 'number' ? body.remaining : undefined);
        return send(res, { ok: true, quota: quota ?? null });
      case '/__sim/reset':
        api.reset();
        return send(res, { ok: true });
      default:
        return send(res, { error: 'unknown control endpoint' }, 404);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname;
    if (path.startsWith('/__sim/')) return control(req, res, path);
    if (!(path in API_PREFIX))
      return send(res, { Status: QccStatus.methodNotSupported, Message: qccStatusMessages['118'], Result: null }, 404);
    const q = url.searchParams;
    const call = { path, searchKey: q.get(path === '/FuzzySearch/GetList' ? 'searchKey' : 'keyword') };

    const injected = q.get('__fail') ? { status: q.get('__fail')!, times: 1 } : failures.shift();
    if (injected) {
      if (injected.times && injected.times > 1) failures.unshift({ ...injected, times: injected.times - 1 });
      if (injected.delayMs) await new Promise((r) => setTimeout(r, injected.delayMs));
      if (injected.httpStatus) {
        calls.push({ ...call, status: `HTTP ${injected.httpStatus}`, orderNumber: null, at: now().toISOString() });
        res.writeHead(injected.httpStatus, { 'content-type': 'text/html' });
        return void res.end('<html><body><h1>Bad Gateway</h1></body></html>');
      }
      if (injected.status) return answer(res, call, injected.status);
    }
    if (req.method !== 'GET') return answer(res, call, QccStatus.methodNotSupported);

    // Authentication: the key, then the signature over key + Timespan + secret, then its freshness.
    const key = q.get('key');
    if (!key || key !== options.appKey) return answer(res, call, QccStatus.keyInvalid);
    const token = req.headers.token;
    const timespan = req.headers.timespan;
    if (typeof token !== 'string' || typeof timespan !== 'string' || !/^\d{9,11}$/.test(timespan)) {
      return answer(res, call, QccStatus.signatureOrIpRejected);
    }
    if (!isValidQccToken(token, options.appKey, timespan, options.secretKey)) return answer(res, call, QccStatus.signatureOrIpRejected);
    if (tolerance > 0 && Math.abs(Number(timespan) - now().getTime() / 1000) > tolerance) {
      return answer(res, call, QccStatus.authenticationExpired);
    }
    if (quota !== undefined && quota <= 0) return answer(res, call, QccStatus.balanceInsufficient);

    if (path === '/FuzzySearch/GetList') {
      const searchKey = (q.get('searchKey') ?? '').trim();
      if (!searchKey) return answer(res, call, QccStatus.badParameters);
      if (searchKey.length < 2) return answer(res, call, QccStatus.keyTooShort);
      const pageIndex = Math.max(1, Number.parseInt(q.get('pageIndex') ?? '1', 10) || 1);
      const pageSize = Math.min(maxPageSize, Math.max(1, Number.parseInt(q.get('pageSize') ?? '10', 10) || 10));
      const all = search(searchKey);
      const page = all.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
      if (page.length === 0) return answer(res, call, QccStatus.noResult);
      return answer(res, call, QccStatus.success, {
        Paging: { PageSize: pageSize, PageIndex: pageIndex, TotalRecords: all.length },
        Result: page.map(searchItem),
      });
    }
    const keyword = (q.get('keyword') ?? '').trim();
    if (!keyword) return answer(res, call, QccStatus.badParameters);
    if (keyword.length < 2) return answer(res, call, QccStatus.keyTooShort);
    const company = find(keyword);
    if (!company) return answer(res, call, QccStatus.noResult);
    return answer(res, call, QccStatus.success, { Result: company });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, { error: err instanceof Error ? err.message : String(err) }, 400);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  const api: QccSimulator = {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    get companies() {
      return companies;
    },
    get calls() {
      return calls;
    },
    failNext(failure) {
      failures.push({ ...failure, times: failure.times ?? 1 });
    },
    change(change) {
      const company = find(change.keyword);
      if (!company) throw new Error(`no company ${change.keyword}`);
      if (change.name && change.name !== company.Name) {
        company.OriginalName = [...company.OriginalName, { Name: company.Name, ChangeDate: beijingDate(now()) }];
        company.Name = change.name;
      }
      if (change.status) {
        company.Status = change.status;
        if (/吊销|注销|撤销/.test(change.status)) {
          company.RevokeInfo = {
            CancelDate: change.status === '注销' ? beijingDate(now()) : '',
            CancelReason: change.status === '注销' ? '决议解散' : '',
            RevokeDate: change.status.startsWith('吊销') ? beijingDate(now()) : '',
            RevokeReason: change.status.startsWith('吊销') ? '连续两年未按规定报送年度报告' : '',
          };
        }
      }
      if (change.address) company.Address = change.address;
      if (change.operName) company.OperName = change.operName;
      if (change.registCapi) company.RegistCapi = change.registCapi;
      return company;
    },
    setQuota(remaining) {
      quota = remaining;
    },
    reset() {
      companies = buildDataset();
      quota = options.quota;
      failures = [];
      calls = [];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
