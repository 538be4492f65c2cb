import type { TIntegrationState } from '@crm/contracts';

/** Error kinds after which only an administrator helps (keys, balance, package, settings); a convention of every connector. */
export const ACCOUNT_ERROR_KINDS: ReadonlySet<string> = new Set(['auth', 'quota', 'disabled', 'not_configured']);

/** The share of failed calls in the last hour from which a system counts as degraded. */
export const DEGRADED_ERROR_RATE = 0.2;
/** This many failed calls in a row (the latest ones) mean the system is failing. */
export const FAILING_STREAK = 3;

/**
 * The current state of one external system from its latest calls (newest first, only those that
 * reached it) and the last hour's and day's figures.
 */
export function integrationState(input: {
  configured: boolean;
  latest: readonly { outcome: string; errorKind: string | null }[];
  lastHour: { calls: number; errors: number; limited: number };
  lastDay: { calls: number; limited: number };
}): TIntegrationState {
  if (!input.configured) return 'not_configured';
  if (input.lastDay.calls + input.lastDay.limited === 0) return 'idle';
  const last = input.latest[0];
  if (last?.outcome === 'error') {
    if (last.errorKind !== null && ACCOUNT_ERROR_KINDS.has(last.errorKind)) return 'failing';
    const streak = input.latest.slice(0, FAILING_STREAK);
    if (streak.length === FAILING_STREAK && streak.every((c) => c.outcome === 'error')) return 'failing';
    return 'degraded';
  }
  const { calls, errors, limited } = input.lastHour;
  if (limited > 0 || (calls > 0 && errors / calls >= DEGRADED_ERROR_RATE)) return 'degraded';
  return 'ok';
}
