import type { TCustomerGrade, TPoolGradeRules } from '@crm/contracts';
import { addDays, businessDate } from '../../../kernel/clock.ts';

/** DOMAIN.md defaults: 60 days without activity for A/B, 30 for C/D; 180 days without a won deal. */
export const DEFAULT_POOL_RULES: TPoolGradeRules = {
  A: { noActivityDays: 60, noDealDays: 180 },
  B: { noActivityDays: 60, noDealDays: 180 },
  C: { noActivityDays: 30, noDealDays: 180 },
  D: { noActivityDays: 30, noDealDays: 180 },
};
export const DEFAULT_OWNER_CAP = 200;

export type ReclaimInput = {
  grade: TCustomerGrade;
  createdAt: Date;
  ownerSince: Date | null;
  lastActivityAt: Date | null;
  lastDealAt: Date | null;
};

export type ReclaimDue = { date: string; reason: 'no_activity' | 'no_deal' };

function latest(...dates: (Date | null)[]): Date {
  return new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
}

/**
 * The business date on which an owned customer falls back to the pool, and why; null when the
 * grade's rules never reclaim. Periods count from the latest of the event and the day the current
 * owner got the customer, so that a fresh owner always has the full period.
 */
export function reclaimDue(c: ReclaimInput, rules: TPoolGradeRules, timezone: string): ReclaimDue | null {
  const rule = rules[c.grade];
  const since = latest(c.createdAt, c.ownerSince);
  const candidates: ReclaimDue[] = [];
  if (rule.noActivityDays !== null) {
    candidates.push({ date: addDays(businessDate(latest(since, c.lastActivityAt), timezone), rule.noActivityDays), reason: 'no_activity' });
  }
  if (rule.noDealDays !== null) {
    candidates.push({ date: addDays(businessDate(latest(since, c.lastDealAt), timezone), rule.noDealDays), reason: 'no_deal' });
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (b.date < a.date ? b : a));
}

export type ReclaimDecision = { action: 'reclaim'; due: ReclaimDue } | { action: 'warn'; due: ReclaimDue } | { action: 'none' };

/** What the nightly job does with one owned customer today. */
export function reclaimDecision(
  c: ReclaimInput & { reclaimWarnedFor: string | null },
  pool: { rules: TPoolGradeRules; warnDays: number },
  today: string,
  timezone: string,
): ReclaimDecision {
  const due = reclaimDue(c, pool.rules, timezone);
  if (!due) return { action: 'none' };
  if (today >= due.date) return { action: 'reclaim', due };
  if (pool.warnDays > 0 && today >= addDays(due.date, -pool.warnDays) && c.reclaimWarnedFor !== due.date) return { action: 'warn', due };
  return { action: 'none' };
}

/**
 * The pool serving a department: of the pools whose subtree contains it, the one with the smallest
 * subtree (the nearest), so that an office pool takes precedence over its business unit's.
 */
export function nearestPool<P extends { id: string; subtree: readonly string[] }>(
  departmentId: string | null,
  pools: readonly P[],
): P | undefined {
  if (!departmentId) return undefined;
  let best: P | undefined;
  for (const pool of pools) {
    if (pool.subtree.includes(departmentId) && (!best || pool.subtree.length < best.subtree.length)) best = pool;
  }
  return best;
}
