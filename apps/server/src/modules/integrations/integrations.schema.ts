import { bigint, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../kernel/db/columns.ts';

/**
 * One call to an external system (企查查 today; SAP, MES, PLM, OA, WeCom and the e-invoice platform
 * later): what was asked, how long it took and how it ended, for the integration health view.
 * Never the request's parameters, keys or answers. Old rows are pruned by a daily job.
 */
export const integrationCall = pgTable(
  'integration_call',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The external system, e.g. `qcc`. */
    system: text('system').notNull(),
    /** The system's operation, e.g. `fuzzy-search`. */
    operation: text('operation').notNull(),
    startedAt: timestamptz('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** `ok`: the system answered (also "no result"); `error`: it failed or refused; `limited`: our own rate limit held the call back. */
    outcome: text('outcome', { enum: ['ok', 'error', 'limited'] }).notNull(),
    /** The system's own status (e.g. QCC "200", "107") or `HTTP 502` for a gateway failure. */
    statusCode: text('status_code'),
    /** The connector's error class (auth, quota, transport …). */
    errorKind: text('error_kind'),
    /** A short description of the failure, without secrets. */
    message: text('message'),
    callerId: uuid('caller_id'),
    /** Who caused the call: a username, or `system:<job>`. */
    caller: text('caller'),
    /** The system's reference for the call (e.g. the billed QCC order number). */
    reference: text('reference'),
  },
  (t) => [index('integration_call_system_idx').on(t.system, t.startedAt, t.id), index('integration_call_started_idx').on(t.startedAt)],
);

/**
 * Outbound rate limits shared by every node: one counter per system, window length and window start,
 * taken atomically (`insert … on conflict do update … where used < limit`).
 */
export const integrationRateWindow = pgTable(
  'integration_rate_window',
  {
    system: text('system').notNull(),
    windowMs: integer('window_ms').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.system, t.windowMs, t.windowStart] }), index('integration_rate_window_start_idx').on(t.windowStart)],
);
