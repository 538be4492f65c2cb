import type { TForecast, TForecastFigures } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { money, toMoneyString } from '../../../kernel/money.ts';

/** Open opportunities at or above this probability count as committed (商务谈判 by default). */
export const COMMIT_PROBABILITY = 75;

/** The months of a period (`2026`, `2026-Q4`, `2026-11`) and its business-date range [from, to). */
export function periodMonths(period: string): { months: string[]; from: string; to: string } {
  const year = Number(period.slice(0, 4));
  let first = 1;
  let count = 12;
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (quarter) {
    first = (Number(quarter[1]) - 1) * 3 + 1;
    count = 3;
  } else if (month) {
    first = Number(month[1]);
    count = 1;
  }
  const months = Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
  const next = first + count > 12 ? `${year + 1}-01` : `${year}-${String(first + count).padStart(2, '0')}`;
  return { months, from: `${months[0]}-01`, to: `${next}-01` };
}

/** Open opportunities expected to close in a month, per owner, with the sums the database made. */
export type OpenForecastRow = {
  ownerId: string;
  month: string;
  count: number;
  amount: string;
  /** Σ amount × probability / 100, unrounded. */
  weighted: string;
  /** Σ amount of those at or above the commit probability. */
  committed: string;
};
export type WonForecastRow = { ownerId: string; month: string; count: number; amount: string };

type Acc = { openCount: number; pipeline: Decimal; weighted: Decimal; committed: Decimal; wonCount: number; won: Decimal };

const empty = (): Acc => ({ openCount: 0, pipeline: money(0), weighted: money(0), committed: money(0), wonCount: 0, won: money(0) });

function add(acc: Acc, open?: OpenForecastRow, won?: WonForecastRow): void {
  if (open) {
    acc.openCount += open.count;
    acc.pipeline = acc.pipeline.plus(open.amount);
    acc.weighted = acc.weighted.plus(open.weighted);
    acc.committed = acc.committed.plus(open.committed);
  }
  if (won) {
    acc.wonCount += won.count;
    acc.won = acc.won.plus(won.amount);
  }
}

/** Won amounts are certain: they count fully in the weighted and the committed figures. */
function figures(acc: Acc): TForecastFigures {
  return {
    openCount: acc.openCount,
    pipelineAmount: toMoneyString(acc.pipeline),
    weightedAmount: toMoneyString(acc.weighted.plus(acc.won)),
    committedAmount: toMoneyString(acc.committed.plus(acc.won)),
    wonCount: acc.wonCount,
    wonAmount: toMoneyString(acc.won),
  };
}

/**
 * The weighted forecast of a period: per month, per owner (each with its months) and in total.
 * Sums stay exact until the end, then each figure is rounded half-up to the fen.
 */
export function buildForecast(input: {
  period: string;
  currency: string;
  open: readonly OpenForecastRow[];
  won: readonly WonForecastRow[];
  ownerNames: ReadonlyMap<string, string>;
}): TForecast {
  const { months } = periodMonths(input.period);
  const total = empty();
  const byMonth = new Map(months.map((m) => [m, empty()]));
  const byOwner = new Map<string, { total: Acc; months: Map<string, Acc> }>();
  const ownerAcc = (ownerId: string) => {
    let o = byOwner.get(ownerId);
    if (!o) {
      o = { total: empty(), months: new Map(months.map((m) => [m, empty()])) };
      byOwner.set(ownerId, o);
    }
    return o;
  };
  for (const row of input.open) {
    const m = byMonth.get(row.month);
    if (!m) continue;
    add(m, row);
    add(total, row);
    const o = ownerAcc(row.ownerId);
    add(o.total, row);
    add(o.months.get(row.month)!, row);
  }
  for (const row of input.won) {
    const m = byMonth.get(row.month);
    if (!m) continue;
    add(m, undefined, row);
    add(total, undefined, row);
    const o = ownerAcc(row.ownerId);
    add(o.total, undefined, row);
    add(o.months.get(row.month)!, undefined, row);
  }
  const owners = [...byOwner.entries()].map(([ownerId, o]) => ({
    ownerId,
    ownerName: input.ownerNames.get(ownerId) ?? null,
    ...figures(o.total),
    months: months.map((month) => ({ month, ...figures(o.months.get(month)!) })),
  }));
  owners.sort((a, b) => new Decimal(b.weightedAmount).comparedTo(a.weightedAmount) || a.ownerId.localeCompare(b.ownerId));
  return {
    period: input.period,
    months,
    commitProbability: COMMIT_PROBABILITY,
    currency: input.currency,
    byMonth: months.map((month) => ({ month, ...figures(byMonth.get(month)!) })),
    byOwner: owners,
    total: figures(total),
  };
}

/** amount × probability / 100, rounded half-up to the fen. */
export function weightedAmount(amount: Decimal.Value, probability: number): string {
  return toMoneyString(money(amount).times(probability).dividedBy(100));
}
