/**
 * What every connector to an external system gets from the platform: a call log for the integration
 * health view and an outbound rate limiter. Connectors depend on these types only; the integrations
 * module implements them on the database.
 */

/** Who caused a call: a user (id and username) or a job (`system:<job>`). */
export type Caller = { id: string | null; name: string };

export type CallOutcome = 'ok' | 'error' | 'limited';

/** One call as the log keeps it. No parameters, keys or answers: they may hold secrets or personal data. */
export type CallRecord = {
  operation: string;
  startedAt: Date;
  durationMs: number;
  outcome: CallOutcome;
  /** The system's own status (QCC "200", "107"), or `HTTP 502` for a gateway failure. */
  statusCode: string | null;
  /** The connector's error class (auth, quota, transport …). */
  errorKind: string | null;
  /** A short description of the failure. */
  message: string | null;
  caller: Caller | null;
  /** The system's reference for the call (e.g. a billed order number). */
  reference: string | null;
};

/** Writes call records; never throws (a log that cannot be written must not fail the call itself). */
export interface CallLog {
  record(entry: CallRecord): Promise<void>;
}

export interface RateLimiter {
  /**
   * Takes one call from every limit, waiting up to `maxWaitMs` for a window with room; throws
   * `RateLimitedError` when none comes in time. Answers how long it waited.
   */
  acquire(opts?: { maxWaitMs?: number }): Promise<{ waitedMs: number }>;
}

/** The platform services of one connector. */
export type ConnectorKit = { log: CallLog; limiter: RateLimiter; now: () => Date };

/** A connector without platform services (unit tests of the wire format, the command line). */
export const detachedKit: ConnectorKit = {
  log: { record: async () => undefined },
  limiter: { acquire: async () => ({ waitedMs: 0 }) },
  now: () => new Date(),
};
