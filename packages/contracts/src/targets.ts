import { z } from 'zod';
import { ZBusinessDate, ZDateTime, ZId, ZListQuery, ZVersion } from './common.ts';

/* ---------------------------------------------------------------- periods */

/** A period of targets and performance: a year (`2026`), a quarter (`2026-Q4`) or a month (`2026-11`). */
export const ZTargetPeriod = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'period');
export type TTargetPeriod = z.infer<typeof ZTargetPeriod>;
export const ZPeriodKindValues = ['year', 'quarter', 'month'] as const;
export const ZPeriodKind = z.enum(ZPeriodKindValues);
export type TPeriodKind = z.infer<typeof ZPeriodKind>;

export type PeriodInfo = {
  period: string;
  kind: TPeriodKind;
  year: number;
  /** First and last business date of the period, both inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The months the period covers, `YYYY-MM`. */
  months: string[];
};

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Dates and months of a period; undefined when the text is not a period. */
export function parsePeriod(period: string): PeriodInfo | undefined {
  if (!ZTargetPeriod.safeParse(period).success) return undefined;
  const year = Number(period.slice(0, 4));
  let first = 1;
  let count = 12;
  let kind: TPeriodKind = 'year';
  if (period.length === 7 && period[5] === 'Q') {
    kind = 'quarter';
    first = (Number(period[6]) - 1) * 3 + 1;
    count = 3;
  } else if (period.length === 7) {
    kind = 'month';
    first = Number(period.slice(5, 7));
    count = 1;
  }
  const months = Array.from({ length: count }, (_, i) => `${year}-${pad2(first + i)}`);
  const last = first + count - 1;
  return { period, kind, year, from: `${year}-${pad2(first)}-01`, to: `${year}-${pad2(last)}-${pad2(lastDayOfMonth(year, last))}`, months };
}

/** The period of a kind that contains a business date, e.g. (`2026-11-02`, quarter) → `2026-Q4`. */
export function periodOf(date: string, kind: TPeriodKind): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${pad2(month)}`;
}

/** The periods one level down: a year's quarters, a quarter's months; a month has none. */
export function subPeriods(period: string): string[] {
  const info = parsePeriod(period);
  if (!info) return [];
  if (info.kind === 'year') return [1, 2, 3, 4].map((q) => `${info.year}-Q${q}`);
  if (info.kind === 'quarter') return info.months;
  return [];
}

/* ---------------------------------------------------------------- metrics */

/** The metrics known today; other modules register more (shipped amount, invoiced amount…). */
export const TargetMetric = {
  signedAmount: 'signed_amount',
  collectedAmount: 'collected_amount',
  newCustomers: 'new_customers',
  wonOpportunities: 'won_opportunities',
  wonAmount: 'won_amount',
} as const;

export const ZMetricKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'metric');
export const ZMetricUnitValues = ['amount', 'count'] as const;
export const ZMetricUnit = z.enum(ZMetricUnitValues);
export type TMetricUnit = z.infer<typeof ZMetricUnit>;

export const ZMetricInfo = z.object({
  key: ZMetricKey,
  unit: ZMetricUnit,
  /** In the reader's language. */
  label: z.string(),
  /** False until the module that measures it exists: the metric then has targets but no actuals. */
  available: z.boolean(),
  /** Why it is not available yet, e.g. "available when contracts exist". */
  pendingNote: z.string().nullable(),
});
export type TMetricInfo = z.infer<typeof ZMetricInfo>;
export const ZMetricList = z.object({ items: z.array(ZMetricInfo) });

/* ---------------------------------------------------------------- targets */

export const ZTargetSubjectTypeValues = ['user', 'department'] as const;
export const ZTargetSubjectType = z.enum(ZTargetSubjectTypeValues);
export type TTargetSubjectType = z.infer<typeof ZTargetSubjectType>;

/** A target value: money to the fen, or a whole count; never negative. */
export const ZTargetValue = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'target_value');

export const ZTarget = z.object({
  id: ZId,
  period: ZTargetPeriod,
  periodKind: ZPeriodKind,
  metric: ZMetricKey,
  subjectType: ZTargetSubjectType,
  subjectId: ZId,
  subjectName: z.string().nullable(),
  /** The department the target was split in (the subject itself for a department). */
  departmentId: ZId,
  value: ZTargetValue,
  version: ZVersion,
  updatedAt: ZDateTime,
});
export type TTarget = z.infer<typeof ZTarget>;

export const ZTargetListQuery = ZListQuery.extend({
  period: ZTargetPeriod.optional(),
  /** Every period of the year (the year, its quarters and months). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  metric: ZMetricKey.optional(),
  subjectType: ZTargetSubjectType.optional(),
  subjectId: ZId.optional(),
  /** Targets split in this department or below it. */
  departmentId: ZId.optional(),
});
export type TTargetListQuery = z.infer<typeof ZTargetListQuery>;

/** The current value of one line of a split, or null when it has no target yet. */
export const ZTargetCell = z.object({ value: ZTargetValue, version: ZVersion }).nullable();
export type TTargetCell = z.infer<typeof ZTargetCell>;

export const ZTargetSplitLine = z.object({
  subjectType: ZTargetSubjectType,
  subjectId: ZId,
  name: z.string(),
  /** Users: false when the account is disabled (an old target stays visible). */
  isActive: z.boolean(),
  target: ZTargetCell,
});
export type TTargetSplitLine = z.infer<typeof ZTargetSplitLine>;

/** A department's target for a period and metric, and how it is split over its teams and people. */
export const ZTargetSplit = z.object({
  period: ZTargetPeriod,
  metric: ZMetricInfo,
  department: z.object({ id: ZId, name: z.string(), parentId: ZId.nullable() }),
  own: ZTargetCell,
  /** Child departments first, then the people directly in the department. */
  lines: z.array(ZTargetSplitLine),
  /** Sum of the lines' targets, and what of the department's target is not assigned (negative: over-assigned). */
  assigned: ZTargetValue,
  remainder: z.string().nullable(),
  /** Whether the reader may change the department's own target (set one level up) and the lines. */
  canEditOwn: z.boolean(),
  canEditLines: z.boolean(),
});
export type TTargetSplit = z.infer<typeof ZTargetSplit>;

export const ZTargetSplitQuery = z.object({ period: ZTargetPeriod, metric: ZMetricKey, departmentId: ZId.optional() });
export type TTargetSplitQuery = z.infer<typeof ZTargetSplitQuery>;

/**
 * Saves a department's split in one transaction. `version` is the one read (null: "there was no
 * target"); a line changed by someone else meanwhile fails the whole save with 409. `value: null`
 * removes the target. Lines not sent stay as they are.
 */
export const ZSaveTargetSplit = z.strictObject({
  period: ZTargetPeriod,
  metric: ZMetricKey,
  departmentId: ZId,
  entries: z
    .array(
      z.strictObject({
        subjectType: ZTargetSubjectType,
        subjectId: ZId,
        value: ZTargetValue.nullable(),
        version: ZVersion.nullable(),
      }),
    )
    .min(1)
    .max(500),
});
export type TSaveTargetSplit = z.infer<typeof ZSaveTargetSplit>;

/* ---------------------------------------------------------------- performance */

/** `user:{id}` or `department:{id}`. */
export const ZPerformanceSubject = z
  .string()
  .regex(/^(user|department):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'subject')
  .transform((s) => {
    const [type, id] = s.split(':') as [TTargetSubjectType, string];
    return { type, id: id.toLowerCase() };
  });

export const ZPerformanceQuery = z.object({ period: ZTargetPeriod, subject: ZPerformanceSubject.optional() });
export type TPerformanceQuery = z.input<typeof ZPerformanceQuery>;

export const ZTrendPoint = z.object({ month: z.string(), target: ZTargetValue.nullable(), actual: z.string().nullable() });

export const ZMetricPerformance = ZMetricInfo.extend({
  target: ZTargetValue.nullable(),
  /** Null when the metric is not available yet (never shown as zero). */
  actual: z.string().nullable(),
  /** actual / target in percent, one decimal; null without a target. */
  completion: z.number().nullable(),
  /** A user's place among the people of their department (by completion, then actual). */
  rank: z.object({ position: z.number().int(), of: z.number().int() }).nullable(),
  trend: z.array(ZTrendPoint),
});
export type TMetricPerformance = z.infer<typeof ZMetricPerformance>;

export const ZPerformance = z.object({
  period: ZTargetPeriod,
  from: ZBusinessDate,
  to: ZBusinessDate,
  subject: z.object({
    type: ZTargetSubjectType,
    id: ZId,
    name: z.string(),
    departmentId: ZId,
    departmentName: z.string(),
  }),
  metrics: z.array(ZMetricPerformance),
});
export type TPerformance = z.infer<typeof ZPerformance>;

export const ZPerformanceSummaryQuery = z.object({
  period: ZTargetPeriod,
  departmentId: ZId.optional(),
  /** Compute again now instead of answering with a summary computed in the last few seconds. */
  fresh: z.enum(['true', 'false']).optional(),
});
export type TPerformanceSummaryQuery = z.infer<typeof ZPerformanceSummaryQuery>;

/** One metric of one row: target, actual (null: metric not available) and completion. */
export const ZSummaryCell = z.object({ target: ZTargetValue.nullable(), actual: z.string().nullable(), completion: z.number().nullable() });
export type TSummaryCell = z.infer<typeof ZSummaryCell>;

/**
 * Every user in scope with target / actual / completion per metric; `cells` follow the order of
 * `metrics`. Departments carry the sums over their subtree.
 */
export const ZPerformanceSummary = z.object({
  period: ZTargetPeriod,
  from: ZBusinessDate,
  to: ZBusinessDate,
  departmentId: ZId.nullable(),
  /** When the figures were computed from the records (a summary is shared for a few seconds). */
  computedAt: z.iso.datetime(),
  metrics: z.array(ZMetricInfo),
  users: z.array(
    z.object({
      userId: ZId,
      name: z.string(),
      departmentId: ZId,
      departmentName: z.string(),
      isActive: z.boolean(),
      cells: z.array(ZSummaryCell),
    }),
  ),
  departments: z.array(
    z.object({
      id: ZId,
      name: z.string(),
      parentId: ZId.nullable(),
      depth: z.number().int(),
      cells: z.array(ZSummaryCell),
    }),
  ),
});
export type TPerformanceSummary = z.infer<typeof ZPerformanceSummary>;

/* ---------------------------------------------------------------- exact arithmetic */

/**
 * Target maths in whole units (fen for money, pieces for counts) with BigInt, so that a split
 * always adds up to the total exactly, on the server and in the browser alike.
 */
/** A decimal string as whole units; undefined when it is not a valid value of the unit. */
export function toUnits(value: string, unit: TMetricUnit): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [, sign, whole, frac = ''] = m;
  if (unit === 'count' && frac.replace(/0/g, '') !== '') return undefined;
  const units = unit === 'amount' ? BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0')) : BigInt(whole!);
  return sign === '-' ? -units : units;
}

export function fromUnits(units: bigint, unit: TMetricUnit): string {
  if (unit === 'count') return units.toString();
  const negative = units < 0n;
  const abs = negative ? -units : units;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** A value in the canonical form of its unit ("1200.00", "12"). */
export function normaliseValue(value: string, unit: TMetricUnit): string | undefined {
  const units = toUnits(value, unit);
  return units === undefined ? undefined : fromUnits(units, unit);
}

/**
 * Splits a total evenly over `parts` lines: each gets the total divided by the count, and the units
 * left over (fen or pieces) go one each to the first lines, so the lines add up to the total.
 */
export function splitEvenly(total: string, parts: number, unit: TMetricUnit): string[] {
  const units = toUnits(total, unit);
  if (units === undefined || parts <= 0) return [];
  const n = BigInt(parts);
  const base = units / n;
  const extra = units % n;
  return Array.from({ length: parts }, (_, i) => fromUnits(base + (BigInt(i) < extra ? 1n : 0n), unit));
}

/** Sum of the given values (empty and invalid ones count as nothing). */
export function sumValues(values: readonly (string | null | undefined)[], unit: TMetricUnit): string {
  let sum = 0n;
  for (const v of values) sum += v ? (toUnits(v, unit) ?? 0n) : 0n;
  return fromUnits(sum, unit);
}

/** What of the total is not yet assigned to lines; negative when the lines exceed it; null without a total. */
export function unassignedRemainder(
  total: string | null | undefined,
  lines: readonly (string | null | undefined)[],
  unit: TMetricUnit,
): string | null {
  if (!total) return null;
  const units = toUnits(total, unit);
  if (units === undefined) return null;
  return fromUnits(units - (toUnits(sumValues(lines, unit), unit) ?? 0n), unit);
}

/** actual / target in percent, rounded half-up to one decimal; null without a positive target. */
export function completionPercent(actual: string | null | undefined, target: string | null | undefined): number | null {
  if (actual === null || actual === undefined || !target) return null;
  // Both as amounts: counts are whole numbers, which read the same way.
  const a = toUnits(actual, 'amount');
  const t = toUnits(target, 'amount');
  return a === undefined || t === undefined ? null : completionOfUnits(a, t);
}

/** The same from whole units of one unit (fen or pieces), without parsing. */
export function completionOfUnits(actual: bigint, target: bigint | null | undefined): number | null {
  if (target === null || target === undefined || target <= 0n) return null;
  const tenths = actual * 1000n;
  const negative = tenths < 0n;
  const abs = negative ? -tenths : tenths;
  const rounded = (abs * 2n + target) / (2n * target);
  return Number(negative ? -rounded : rounded) / 10;
}
