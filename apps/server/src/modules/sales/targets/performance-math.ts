import { completionPercent, fromUnits, toUnits, type TMetricUnit } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import type { MeasureRow } from './metric-registry.ts';

/** Whole units (fen or pieces) of a measured value; a provider's extra decimals round half-up to the fen. */
export function unitsOf(value: string | number, unit: TMetricUnit): bigint {
  const d = new Decimal(value);
  const scaled = unit === 'amount' ? d.times(100) : d;
  return BigInt(scaled.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** Measured rows as units per user and month. */
export type Actuals = Map<string, Map<string, bigint>>;

export function collectActuals(rows: readonly MeasureRow[], unit: TMetricUnit): Actuals {
  const out: Actuals = new Map();
  for (const r of rows) {
    const months = out.get(r.userId) ?? new Map<string, bigint>();
    months.set(r.month, (months.get(r.month) ?? 0n) + unitsOf(r.value, unit));
    out.set(r.userId, months);
  }
  return out;
}

/** The total of some users over some months (all months when none are named). */
export function sumActuals(actuals: Actuals, userIds: Iterable<string>, months?: ReadonlySet<string>): bigint {
  let sum = 0n;
  for (const id of userIds) {
    const byMonth = actuals.get(id);
    if (!byMonth) continue;
    for (const [month, v] of byMonth) if (!months || months.has(month)) sum += v;
  }
  return sum;
}

/** Per month, the total of some users. */
export function monthlyActuals(actuals: Actuals, userIds: Iterable<string>, months: readonly string[]): bigint[] {
  const totals = new Map(months.map((m) => [m, 0n]));
  for (const id of userIds) {
    for (const [month, v] of actuals.get(id) ?? []) if (totals.has(month)) totals.set(month, totals.get(month)! + v);
  }
  return months.map((m) => totals.get(m)!);
}

export type Standing = { id: string; target: string | null; actual: string | null };

/**
 * Places in a department's ranking: by completion (people with a target first), then by actual.
 * Equal standings share a place and the next place is skipped (1, 2, 2, 4). Without actuals (the
 * metric is not measured yet) nobody is ranked.
 */
export function rankStandings(rows: readonly Standing[]): Map<string, number> {
  const keyed = rows
    .filter((r) => r.actual !== null)
    .map((r) => ({ id: r.id, completion: completionPercent(r.actual, r.target), actual: toUnits(r.actual!, 'amount') ?? 0n }));
  const compare = (a: (typeof keyed)[number], b: (typeof keyed)[number]) => {
    if (a.completion !== b.completion) {
      if (a.completion === null) return 1;
      if (b.completion === null) return -1;
      return b.completion - a.completion;
    }
    return a.actual === b.actual ? 0 : a.actual > b.actual ? -1 : 1;
  };
  keyed.sort(compare);
  const places = new Map<string, number>();
  keyed.forEach((r, i) => {
    const previous = keyed[i - 1];
    places.set(r.id, previous && compare(previous, r) === 0 ? places.get(previous.id)! : i + 1);
  });
  return places;
}

export const formatUnits = (units: bigint, unit: TMetricUnit) => fromUnits(units, unit);
