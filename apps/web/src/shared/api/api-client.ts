import type { TFieldError, TProblem } from '@crm/contracts';
import { CommonErrorCode } from '@crm/contracts';

/** Base path of the versioned JSON API (same origin; the dev server proxies it). */
export const API_BASE = '/api/v1';

/** A failed API call. `problem` is the server's RFC 9457 body (already translated), or one we made up. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: TProblem;
  /** Seconds from a Retry-After header (429), when present. */
  readonly retryAfter: number | null;

  constructor(problem: TProblem, retryAfter: number | null = null) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): TFieldError[] {
    return this.problem.errors ?? [];
  }

  /** An extension member of the problem body (RFC 9457 §3.2), e.g. the `matches` of a duplicate conflict. */
  extension(name: string): unknown {
    return (this.problem as Record<string, unknown>)[name];
  }

  /** Seconds to wait, when the server asked for it and its own text does not already say so. */
  get retryAfterNotStated(): number | null {
    if (this.retryAfter === null) return null;
    const text = `${this.problem.title} ${this.problem.detail ?? ''}`;
    return text.includes(String(this.retryAfter)) ? null : this.retryAfter;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Codes that mean "this browser has no (valid) session". */
export function isUnauthenticated(e: unknown): boolean {
  return isApiError(e) && e.status === 401 && (e.code === CommonErrorCode.UNAUTHENTICATED || e.code === CommonErrorCode.SESSION_EXPIRED);
}

type Primitive = string | number | boolean;
/** An array value repeats the key (`grade=A&grade=B`). */
export type QueryParams = Record<string, Primitive | readonly Primitive[] | null | undefined>;

interface ClientState {
  csrfToken: string | null;
  language: () => string;
  onUnauthenticated: (error: ApiError) => void;
  /** Messages for failures that never reached the server's error handler. */
  fallbackMessages: () => { network: string; unexpected: string };
}

const state: ClientState = {
  csrfToken: null,
  language: () => 'zh-CN',
  onUnauthenticated: () => undefined,
  fallbackMessages: () => ({ network: 'Network error', unexpected: 'Unexpected server response' }),
};

/** The CSRF token lives in memory only; the login and session responses deliver it. */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function configureApiClient(options: Partial<Omit<ClientState, 'csrfToken'>>): void {
  Object.assign(state, options);
}

export function buildQuery(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly Primitive[]) search.append(key, String(item));
      continue;
    }
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function apiUrl(path: string, params?: QueryParams): string {
  return `${API_BASE}${path}${buildQuery(params)}`;
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Auth endpoints answer 401 as a normal outcome; they must not trigger the global redirect. */
  skipAuthRedirect?: boolean;
}

function isProblem(value: unknown): value is TProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { title?: unknown }).title === 'string' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isProblem(body)) {
    return new ApiError({ ...body, code: body.code ?? CommonErrorCode.INTERNAL }, retryAfter);
  }
  return new ApiError(
    {
      type: 'about:blank',
      title: state.fallbackMessages().unexpected,
      status: response.status,
      detail: `HTTP ${response.status}`,
      code: response.status === 404 ? CommonErrorCode.NOT_FOUND : CommonErrorCode.INTERNAL,
    },
    retryAfter,
  );
}

async function send(method: string, path: string, options: RequestOptions, retried = false): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': state.language(),
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && state.csrfToken) {
    headers['X-CSRF-Token'] = state.csrfToken;
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      type: 'about:blank',
      title: state.fallbackMessages().network,
      status: 0,
      code: 'NETWORK_ERROR',
    });
  }

  if (response.ok) return response;

  const error = await toApiError(response);
  // A token that went stale (e.g. the session was renewed in another tab): fetch a fresh one once.
  if (error.code === CommonErrorCode.CSRF_TOKEN_INVALID && !retried) {
    const refreshed = await refreshCsrfToken();
    if (refreshed) return send(method, path, options, true);
  }
  if (!options.skipAuthRedirect && isUnauthenticated(error)) {
    state.onUnauthenticated(error);
  }
  throw error;
}

async function refreshCsrfToken(): Promise<boolean> {
  try {
    const response = await fetch(apiUrl('/auth/session'), {
      headers: { Accept: 'application/json', 'Accept-Language': state.language() },
      credentials: 'same-origin',
    });
    if (!response.ok) return false;
    const data = (await response.json()) as { csrfToken?: string | null };
    if (!data.csrfToken) return false;
    state.csrfToken = data.csrfToken;
    return true;
  } catch {
    return false;
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return parse<T>(await send(method, path, options));
}

export const api = {
  get: <T>(path: string, query?: QueryParams, options: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...options, body }),
  delete: <T = void>(path: string, options: Omit<RequestOptions, 'body'> = {}) => request<T>('DELETE', path, options),
  /** multipart/form-data upload; the browser sets the boundary header. */
  upload: <T>(path: string, form: FormData, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body: form }),
};
