import type { Locale } from './i18n.ts';
import { registerMessages, translate } from './i18n.ts';

export type ErrorDefinition = { status: number; 'zh-CN': string; 'en-US': string };

const statusByCode = new Map<string, number>();

/**
 * Declares a domain's error codes with their HTTP status and messages in both languages.
 * Returns an enum-like object, e.g. `AdminErrorCode.USERNAME_TAKEN === 'USERNAME_TAKEN'`.
 */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(defs: T): { readonly [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  const zh: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const [code, def] of Object.entries(defs)) {
    if (statusByCode.has(code) && statusByCode.get(code) !== def.status) {
      throw new Error(`Error code ${code} is defined twice with different statuses`);
    }
    statusByCode.set(code, def.status);
    zh[`error.${code}`] = def['zh-CN'];
    en[`error.${code}`] = def['en-US'];
    (codes as Record<string, string>)[code] = code;
  }
  registerMessages({ 'zh-CN': zh, 'en-US': en });
  return Object.freeze(codes);
}

export type FieldIssue = { path: string; code: string; message?: string; messageKey?: string; params?: Record<string, unknown> };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    readonly options: {
      params?: Record<string, unknown>;
      fields?: FieldIssue[];
      headers?: Record<string, string>;
      /** Extension members of the problem document (RFC 9457 §3.2), e.g. the records a conflict is with. */
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
    this.name = 'AppError';
    const status = statusByCode.get(code);
    if (status === undefined) throw new Error(`Unknown error code ${code}: declare it with defineErrors`);
    this.status = status;
  }

  title(locale: Locale): string {
    return translate(locale, `error.${this.code}`, this.options.params);
  }
}

export const CommonError = defineErrors({
  VALIDATION_FAILED: { status: 400, 'zh-CN': '提交的数据有误，请检查标出的字段', 'en-US': 'Some fields are not valid' },
  MALFORMED_JSON: { status: 400, 'zh-CN': '请求体不是有效的 JSON', 'en-US': 'The request body is not valid JSON' },
  BAD_REQUEST: { status: 400, 'zh-CN': '请求无效', 'en-US': 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  SESSION_EXPIRED: { status: 401, 'zh-CN': '会话已过期，请重新登录', 'en-US': 'Your session has expired; please sign in again' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    'zh-CN': '安全校验失败（CSRF），请刷新页面后重试',
    'en-US': 'Security check failed (CSRF token missing or wrong); reload the page and try again',
  },
  FORBIDDEN: { status: 403, 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You do not have permission to do this' },
  NOT_FOUND: { status: 404, 'zh-CN': '记录不存在或您无权查看', 'en-US': 'The record does not exist or you cannot see it' },
  ROUTE_NOT_FOUND: { status: 404, 'zh-CN': '接口不存在', 'en-US': 'No such API endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, 'zh-CN': '不支持该请求方法', 'en-US': 'Method not allowed' },
  STALE_VERSION: {
    status: 409,
    'zh-CN': '记录已被他人修改，请刷新后重试',
    'en-US': 'The record was changed by someone else; reload it and try again',
  },
  CONFLICT: { status: 409, 'zh-CN': '与现有数据重复', 'en-US': 'This duplicates existing data' },
  PAYLOAD_TOO_LARGE: { status: 413, 'zh-CN': '请求体过大（上限 {limit}）', 'en-US': 'The request is too large (limit {limit})' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    'zh-CN': '不支持的内容类型：{type}',
    'en-US': 'Unsupported content type: {type}',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    'zh-CN': '该幂等键已用于另一个请求',
    'en-US': 'This Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    'zh-CN': '相同幂等键的请求正在处理中',
    'en-US': 'A request with this Idempotency-Key is still being processed',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    'zh-CN': '请求过于频繁，请 {seconds} 秒后再试',
    'en-US': 'Too many attempts; try again in {seconds} s',
  },
  SERVICE_UNAVAILABLE: { status: 503, 'zh-CN': '服务暂不可用', 'en-US': 'Service unavailable' },
  INTERNAL: { status: 500, 'zh-CN': '服务器内部错误，请稍后再试', 'en-US': 'Internal server error; please try again later' },
});

export const notFound = () => new AppError(CommonError.NOT_FOUND);
export const forbidden = () => new AppError(CommonError.FORBIDDEN);
export const staleVersion = () => new AppError(CommonError.STALE_VERSION);
