/**
 * What went wrong with a QCC call, in the terms the CRM acts on:
 * - `no_result`: the registry knows no such company (a valid, billed answer);
 * - `invalid_request`: the query itself was refused (too short, unsupported keyword …);
 * - `auth`, `quota`, `disabled`: the account needs an administrator (wrong key or signature, balance,
 *   API not in the package); retrying does not help;
 * - `throttled`, `unknown`, `transport`, `protocol`: worth retrying later;
 * - `rate_limited`: our own outbound rate limit held the call back (it never reached the registry);
 * - `not_configured`: no base URL or keys.
 */
export type QccErrorKind =
  | 'no_result'
  | 'invalid_request'
  | 'auth'
  | 'quota'
  | 'disabled'
  | 'throttled'
  | 'rate_limited'
  | 'unknown'
  | 'transport'
  | 'protocol'
  | 'not_configured';

const KIND_BY_STATUS: Record<string, QccErrorKind> = {
  '201': 'no_result',
  '202': 'invalid_request',
  '207': 'invalid_request',
  '208': 'invalid_request',
  '209': 'invalid_request',
  '213': 'invalid_request',
  '215': 'invalid_request',
  '117': 'invalid_request',
  '118': 'invalid_request',
  '101': 'auth',
  '104': 'auth',
  '107': 'auth',
  '115': 'auth',
  '119': 'auth',
  '102': 'quota',
  '109': 'quota',
  '112': 'quota',
  '116': 'quota',
  '103': 'disabled',
  '105': 'disabled',
  '111': 'disabled',
  '113': 'disabled',
  '114': 'disabled',
  '106': 'throttled',
  '108': 'throttled',
  '110': 'throttled',
  '205': 'throttled',
  '199': 'unknown',
};

/** The kind of error a QCC `Status` other than "200" stands for. */
export function qccErrorKind(status: string): QccErrorKind {
  return KIND_BY_STATUS[status.trim()] ?? 'unknown';
}

/** Errors that a later attempt may not meet again. */
export function isRetryable(kind: QccErrorKind): boolean {
  return kind === 'throttled' || kind === 'rate_limited' || kind === 'unknown' || kind === 'transport' || kind === 'protocol';
}

/** Errors after which no further call of a batch can succeed until an administrator acts. */
export function stopsBatch(kind: QccErrorKind): boolean {
  return kind === 'auth' || kind === 'quota' || kind === 'disabled' || kind === 'not_configured';
}

export class QccError extends Error {
  constructor(
    readonly kind: QccErrorKind,
    message: string,
    readonly details: {
      status?: string;
      httpStatus?: number;
      path?: string;
      orderNumber?: string | null;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'QccError';
  }

  get retryable(): boolean {
    return isRetryable(this.kind);
  }
}

export function isQccError(e: unknown): e is QccError {
  return e instanceof QccError;
}
