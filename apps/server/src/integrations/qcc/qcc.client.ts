import { performance } from 'node:perf_hooks';
import { qccAuthHeaders } from '@crm/protocols';
import type { z } from 'zod';
import { detachedKit, type Caller, type ConnectorKit } from '../connector-kit.ts';
import { isRateLimitedError } from '../rate-limiter.ts';
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

/** Who asks, and how long they may wait for the rate limit (a user at a form briefly, a batch longer). */
export type QccCallContext = { caller?: Caller | null; maxWaitMs?: number };

/** The system's name in the integration call log and the health view. */
export const QCC_SYSTEM = 'qcc';

const FUZZY_SEARCH = '/FuzzySearch/GetList';
const BASIC_DETAILS = '/ECIV4/GetBasicDetailsByName';
/** Operation names in the call log. */
const OPERATION: Record<string, string> = { [FUZZY_SEARCH]: 'fuzzy-search', [BASIC_DETAILS]: 'basic-details' };

/**
 * The QCC (企查查) open API: signed GET calls with a timeout, answers checked against the wire
 * shapes, every `Status` other than "200" turned into a `QccError` of a kind the caller acts on.
 * Only "no result" is an ordinary answer: an empty page, or `null` details. Every call first takes
 * a slot from the outbound rate limiter and is then written to the integration call log with its
 * outcome (`kit`; without one, neither happens).
 */
export function createQccClient(settings: QccSettings, deps: { fetch?: typeof fetch; now?: () => Date; kit?: ConnectorKit } = {}) {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const kit = deps.kit ?? detachedKit;

  /** Rate limit, call, and log the call whatever its outcome. */
  async function call(path: string, params: Record<string, string>, ctx: QccCallContext): Promise<TQccEnvelope> {
    const operation = OPERATION[path] ?? path;
    const caller = ctx.caller ?? null;
    const startedAt = kit.now();
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      await kit.limiter.acquire({ maxWaitMs: ctx.maxWaitMs });
    } catch (err) {
      if (!isRateLimitedError(err)) throw err;
      await kit.log.record({
        operation,
        startedAt,
        durationMs: elapsed(),
        outcome: 'limited',
        statusCode: null,
        errorKind: 'rate_limited',
        message: `held back by the outbound rate limit (next slot in ${err.retryAfterMs} ms)`,
        caller,
        reference: null,
      });
      throw new QccError('rate_limited', err.message, { path, retryAfterMs: err.retryAfterMs });
    }
    // The time and duration logged are the registry's own, not the wait for a slot.
    const sent = performance.now();
    const sentAt = kit.now();
    const took = () => Math.round(performance.now() - sent);
    try {
      const envelope = await send(path, params);
      await kit.log.record({
        operation,
        startedAt: sentAt,
        durationMs: took(),
        outcome: 'ok',
        statusCode: envelope.Status,
        errorKind: null,
        message: null,
        caller,
        reference: envelope.OrderNumber || null,
      });
      return envelope;
    } catch (err) {
      const qcc = err instanceof QccError ? err : undefined;
      await kit.log.record({
        operation,
        startedAt: sentAt,
        durationMs: took(),
        outcome: 'error',
        statusCode: qcc?.details.status ?? (qcc?.details.httpStatus ? `HTTP ${qcc.details.httpStatus}` : null),
        errorKind: qcc?.kind ?? 'unknown',
        message: (err instanceof Error ? err.message : String(err)).slice(0, 300),
        caller,
        reference: qcc?.details.orderNumber || null,
      });
      throw err;
    }
  }

  async function send(path: string, params: Record<string, string>): Promise<TQccEnvelope> {
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
    async fuzzySearch(
      searchKey: string,
      opts: { pageIndex?: number; pageSize?: number } = {},
      ctx: QccCallContext = {},
    ): Promise<QccSearchPage> {
      const pageSize = Math.min(settings.pageSize, opts.pageSize ?? settings.pageSize);
      const envelope = await call(
        FUZZY_SEARCH,
        {
          searchKey,
          pageIndex: String(opts.pageIndex ?? 1),
          pageSize: String(pageSize),
        },
        ctx,
      );
      if (envelope.Status === '201') return { items: [], total: 0, orderNumber: envelope.OrderNumber ?? null };
      const items = parse(ZQccSearchResult, envelope.Result ?? [], FUZZY_SEARCH);
      return { items, total: envelope.Paging?.TotalRecords ?? items.length, orderNumber: envelope.OrderNumber ?? null };
    },

    /** 410 ECIV4/GetBasicDetailsByName: one company by full name, credit code or registration number; null when unknown. */
    async basicDetails(keyword: string, ctx: QccCallContext = {}): Promise<QccDetails | null> {
      const envelope = await call(BASIC_DETAILS, { keyword }, ctx);
      if (envelope.Status === '201') return null;
      return { details: parse(ZQccBasicDetails, envelope.Result, BASIC_DETAILS), orderNumber: envelope.OrderNumber ?? null };
    },
  };
}
export type QccClient = ReturnType<typeof createQccClient>;
