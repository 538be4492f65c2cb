import { z } from 'zod';
import { ZDateTime, ZId, ZListQuery, ZVersion } from './common.ts';
import { ZCustomerGrade } from './customers.ts';

/** A positive amount with at most two decimals, as a string (exact). */
export const ZGradingThreshold = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, 'money');

/**
 * Compares two non-negative decimal strings exactly (no floats): -1, 0 or 1. The web form uses
 * it too, so both sides agree on "A > B > C".
 */
export function compareDecimalStrings(a: string, b: string): number {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const intA = ai.replace(/^0+(?=\d)/, '');
  const intB = bi.replace(/^0+(?=\d)/, '');
  if (intA.length !== intB.length) return intA.length < intB.length ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const left = intA + af.padEnd(width, '0');
  const right = intB + bf.padEnd(width, '0');
  return left === right ? 0 : left < right ? -1 : 1;
}

const settingsFields = {
  /** Signed amount in the lookback period from which a customer is graded A (strategic customers are A anyway). */
  thresholdA: ZGradingThreshold,
  thresholdB: ZGradingThreshold,
  /** From this amount (above zero) a customer is C; below it, D. */
  thresholdC: ZGradingThreshold,
  lookbackMonths: z.number().int().min(1).max(120),
  /** Receivables overdue by more than this many days cap the grade at C. */
  overdueCapDays: z.number().int().min(1).max(3650),
};

export const ZGradingSettings = z.object({
  ...settingsFields,
  version: ZVersion,
  updatedAt: ZDateTime,
  updatedByName: z.string().nullable(),
});
export type TGradingSettings = z.infer<typeof ZGradingSettings>;

/** The settings as an administrator saves them; the server also checks A > B > C > 0 (see `gradingThresholdIssues`). */
export const ZUpdateGradingSettings = z.strictObject({ ...settingsFields, version: ZVersion });
export type TUpdateGradingSettings = z.infer<typeof ZUpdateGradingSettings>;

/** The fields that break "A > B > C > 0", for the server's coded error and the web form alike. */
export function gradingThresholdIssues(v: {
  thresholdA: string;
  thresholdB: string;
  thresholdC: string;
}): ('thresholdA' | 'thresholdB' | 'thresholdC')[] {
  const issues: ('thresholdA' | 'thresholdB' | 'thresholdC')[] = [];
  if (compareDecimalStrings(v.thresholdA, v.thresholdB) <= 0) issues.push('thresholdA');
  if (compareDecimalStrings(v.thresholdB, v.thresholdC) <= 0) issues.push('thresholdB');
  if (compareDecimalStrings(v.thresholdC, '0') <= 0) issues.push('thresholdC');
  return issues;
}

const ZGradeReason = z.string().trim().min(2).max(500);

/** A manual grade: wins over the rule until it is cleared. `version` (optional) refuses a stale record. */
export const ZOverrideGrade = z.strictObject({ grade: ZCustomerGrade, reason: ZGradeReason, version: ZVersion.optional() });
export type TOverrideGrade = z.infer<typeof ZOverrideGrade>;

export const ZClearGradeOverrideQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const ZSetStrategic = z.strictObject({ strategic: z.boolean(), reason: ZGradeReason, version: ZVersion.optional() });
export type TSetStrategic = z.infer<typeof ZSetStrategic>;

export const ZGradeSource = z.enum(['rule', 'manual']);

export const ZGradeHistoryEntry = z.object({
  id: ZId,
  customerId: ZId,
  fromGrade: ZCustomerGrade,
  toGrade: ZCustomerGrade,
  ruleGrade: ZCustomerGrade,
  /** Whether a manual override holds after this change (false on "override cleared"). */
  overridden: z.boolean(),
  source: ZGradeSource,
  reason: z.string().nullable(),
  facts: z.object({
    /** Signed amount in the lookback period, decimal string. */
    signedAmount: z.string(),
    overdueDays: z.number().int().nullable(),
    strategic: z.boolean(),
  }),
  at: ZDateTime,
  byName: z.string().nullable(),
});
export type TGradeHistoryEntry = z.infer<typeof ZGradeHistoryEntry>;

export const ZGradeHistoryQuery = ZListQuery;

/** What a recompute did (the nightly job, or an administrator's "recompute now"). */
export const ZGradingRunResult = z.object({ customers: z.number().int(), changed: z.number().int() });
export type TGradingRunResult = z.infer<typeof ZGradingRunResult>;
