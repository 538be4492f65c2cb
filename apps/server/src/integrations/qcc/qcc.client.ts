import { qccAuthHeaders } from '@crm/protocols';
import type { z } from 'zod';
import { QccError, qccErrorKind } from './qcc.errors.ts';
import {
  ZQccBasicDetails,
  ZQccEnvelope,
  ZQccSearchResult,
  type TQccBasicDetails,
  type TQccEnvelope,
  type TQccSearchItem,
} from './qcc.schemas.ts';

export type QccSettings = {
  baseUrl: string | undefined;
  appKey: string | undefined;
  secretKey: string | undefined;
  /** The largest page the account may ask for (the package's cap). */
  pageSize: number;
  timeoutMs: number;
};

export type QccSearchPage = { items: TQccSearchItem[]; total: number; orderNumber: string | null };
export type QccDetails = { details: TQccBasicDetails; orderNumber: string | null };

const FUZZY_SEARCH = '/FuzzySearch/GetList';
const BASIC_DETAILS = '/ECIV4/GetBasicDetailsByName';

/**
 * The QCC (企查查) open API: signed GET calls with a timeout, answers checked against the wire
 * shapes, every `Status` other than "200" turned into a `QccError` of a kind the caller acts on.
 * Only "no result" is an ordinary answer: an empty page, or `null` details.
 */
export function createQccClient(settings: QccSettings, deps: { fetch?: typeof fetch; now?: () => Date } = {}) {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());

  async function call(path: string, params: Record<string, string>): Promise<TQccEnvelope> {
    const { baseUrl, appKey, secretKey } = settings;
    if (!baseUrl || !appKey || !secretKey) throw new QccError('not_configured', 'the QCC base URL and keys are not configured', { path });
    const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
    url.searchParams.set('key', appKey);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'GET',
        headers: { ...qccAuthHeaders(appKey, secretKey, now()), accept: 'application/json' },
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new QccError('transport', timedOut ? `no answer within ${settings.timeoutMs} ms` : 'the QCC service cannot be reached', {
        path,
        cause: err,
      });
    }
    // The service answers 200 whatever happened; anything else comes from a gateway on the way.
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new QccError('transport', `HTTP ${res.status} from the QCC service`, { path, httpStatus: res.status });
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      throw new QccError('protocol', 'the QCC answer is not JSON', { path, cause: err });
    }
    const envelope = ZQccEnvelope.safeParse(body);
    if (!envelope.success) throw new QccError('protocol', 'the QCC answer has no Status', { path, cause: envelope.error });
    const status = envelope.data.Status;
    if (status !== '200' && status !== '201') {
      throw new QccError(qccErrorKind(status), `QCC status ${status}: ${envelope.data.Message ?? ''}`.trim(), {
        path,
        status,
        orderNumber: envelope.data.OrderNumber ?? null,
      });
    }
    return envelope.data;
  }

  function parse<S extends z.ZodType>(schema: S, value: unknown, path: string): z.infer<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new QccError('protocol', 'the QCC result does not have the documented shape', { path, cause: parsed.error });
    return parsed.data;
  }

  return {
    /** 886 FuzzySearch/GetList: companies by part of a name, a credit code, a registration number or a person. */
    async fuzzySearch(searchKey: string, opts: { pageIndex?: number; pageSize?: number } = {}): Promise<QccSearchPage> {
      const pageSize = Math.min(settings.pageSize, opts.pageSize ?? settings.pageSize);
      const envelope = await call(FUZZY_SEARCH, {
        searchKey,
        pageIndex: String(opts.pageIndex ?? 1),
        pageSize: String(pageSize),
      });
      if (envelope.Status === '201') return { items: [], total: 0, orderNumber: envelope.OrderNumber ?? null };
      const items = parse(ZQccSearchResult, envelope.Result ?? [], FUZZY_SEARCH);
      return { items, total: envelope.Paging?.TotalRecords ?? items.length, orderNumber: envelope.OrderNumber ?? null };
    },

    /** 410 ECIV4/GetBasicDetailsByName: one company by full name, credit code or registration number; null when unknown. */
    async basicDetails(keyword: string): Promise<QccDetails | null> {
      const envelope = await call(BASIC_DETAILS, { keyword });
      if (envelope.Status === '201') return null;
      return { details: parse(ZQccBasicDetails, envelope.Result, BASIC_DETAILS), orderNumber: envelope.OrderNumber ?? null };
    },
  };
}
export type QccClient = ReturnType<typeof createQccClient>;
