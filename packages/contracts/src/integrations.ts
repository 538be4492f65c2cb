import { z } from 'zod';
import { ZDateTime, ZListQuery } from './common.ts';

/**
 * How an external system is doing: `ok`; `degraded` (some calls fail or are held back by our rate
 * limit); `failing` (the last calls all failed, or the account needs an administrator); `idle`
 * (no call in the last day); `not_configured` (no address or keys).
 */
export const ZIntegrationStateValues = ['ok', 'degraded', 'failing', 'idle', 'not_configured'] as const;
export const ZIntegrationState = z.enum(ZIntegrationStateValues);
export type TIntegrationState = z.infer<typeof ZIntegrationState>;

export const ZIntegrationCallOutcomeValues = ['ok', 'error', 'limited'] as const;
export const ZIntegrationCallOutcome = z.enum(ZIntegrationCallOutcomeValues);
export type TIntegrationCallOutcome = z.infer<typeof ZIntegrationCallOutcome>;

/** Calls over a period: those that reached the system, those that failed, those our rate limit held back. */
export const ZIntegrationStats = z.object({
  calls: z.number().int(),
  errors: z.number().int(),
  limited: z.number().int(),
  /** errors / calls, null without calls. */
  errorRate: z.number().nullable(),
  p95Ms: z.number().int().nullable(),
  avgMs: z.number().int().nullable(),
});
export type TIntegrationStats = z.infer<typeof ZIntegrationStats>;

export const ZIntegrationCall = z.object({
  id: z.number().int(),
  system: z.string(),
  operation: z.string(),
  startedAt: ZDateTime,
  durationMs: z.number().int(),
  outcome: ZIntegrationCallOutcome,
  statusCode: z.string().nullable(),
  errorKind: z.string().nullable(),
  message: z.string().nullable(),
  /** A username or `system:<job>`. */
  caller: z.string().nullable(),
  callerName: z.string().nullable(),
  reference: z.string().nullable(),
});
export type TIntegrationCall = z.infer<typeof ZIntegrationCall>;

export const ZIntegrationHealth = z.object({
  /** e.g. `qcc` (企查查). */
  system: z.string(),
  /** `simulated`: the built-in simulator; `real`: the configured service. */
  mode: z.enum(['simulated', 'real']),
  state: ZIntegrationState,
  /** Outbound limits: at most `limit` calls per `windowMs`. */
  limits: z.array(z.object({ limit: z.number().int(), windowMs: z.number().int() })),
  lastCallAt: ZDateTime.nullable(),
  lastError: ZIntegrationCall.nullable(),
  lastHour: ZIntegrationStats,
  lastDay: ZIntegrationStats,
});
export type TIntegrationHealth = z.infer<typeof ZIntegrationHealth>;

export const ZIntegrationOverview = z.object({ items: z.array(ZIntegrationHealth), at: ZDateTime });
export type TIntegrationOverview = z.infer<typeof ZIntegrationOverview>;

export const ZIntegrationSystemParams = z.object({ system: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/) });

export const ZIntegrationCallListQuery = ZListQuery.extend({ outcome: ZIntegrationCallOutcome.optional() });
export type TIntegrationCallListQuery = z.infer<typeof ZIntegrationCallListQuery>;
