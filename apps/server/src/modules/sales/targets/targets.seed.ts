import { fromUnits, parsePeriod, subPeriods, type TMetricUnit } from '@crm/contracts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import type { People } from '../../admin/index.ts';
import { DEMO_DEPARTMENTS } from '../../admin/index.ts';
import type { MetricRegistry } from './metric-registry.ts';
import { collectActuals } from './performance-math.ts';
import * as repo from './targets.repository.ts';

/** A rep's yearly target per metric when the demo has no records to go by (money in yuan). */
const REP_BASE: Record<string, { unit: TMetricUnit; value: number }> = {
  signed_amount: { unit: 'amount', value: 20_000_000 },
  collected_amount: { unit: 'amount', value: 17_000_000 },
  won_amount: { unit: 'amount', value: 22_000_000 },
  won_opportunities: { unit: 'count', value: 16 },
  new_customers: { unit: 'count', value: 30 },
};
/** Contracts follow won opportunities and money follows contracts: their targets follow the won amount. */
const DERIVED: Record<string, { from: string; percent: bigint }> = {
  signed_amount: { from: 'won_amount', percent: 92n },
  collected_amount: { from: 'won_amount', percent: 80n },
};

/** How stretching each demo rep's target is (100 = what the records suggest): completions then spread out. */
const REP_STRETCH: Record<string, number> = {
  'rep.east1': 110,
  'rep.east2': 95,
  'rep.east3': 125,
  'rep.east4': 100,
  'rep.east5': 88,
  'rep.north1': 105,
  'rep.north2': 118,
  'rep.north3': 92,
  'rep.north4': 130,
  'rep.intl1': 97,
  'rep.intl2': 115,
  'rep.ind1': 102,
  'rep.ind2': 90,
  'rep.ind3': 122,
};

/** Without records, grid tenders close late in the year: the months' shares in percent. */
const MONTH_WEIGHTS = [4, 5, 6, 8, 8, 9, 8, 8, 9, 10, 11, 14];
/** Offices keep a little of their target for the manager's own accounts (shows as unassigned). */
const OFFICE_RESERVE_PERCENT = 5n;

/** Ten thousand yuan in fen: monthly money targets are round to it. */
const WAN = 1_000_000n;

function roundTo(units: bigint, step: bigint): bigint {
  return ((units + step / 2n) / step) * step;
}

/**
 * Splits a total over weights in whole steps (largest remainder): each part is its exact share
 * rounded down to a step, and the steps left over go to the parts that lost the most by it.
 */
export function splitBySteps(total: bigint, weights: readonly bigint[], step: bigint): bigint[] {
  const weightTotal = weights.reduce((a, b) => a + b, 0n);
  if (weightTotal === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const exact = weights.map((w) => total * w);
  const parts = exact.map((e) => (e / weightTotal / step) * step);
  let left = (total - parts.reduce((a, b) => a + b, 0n)) / step;
  const byLoss = exact
    .map((e, i) => ({ i, loss: e - parts[i]! * weightTotal }))
    .sort((a, b) => (a.loss === b.loss ? a.i - b.i : a.loss > b.loss ? -1 : 1));
  for (const { i } of byLoss) {
    if (left <= 0n) break;
    parts[i]! += step;
    left--;
  }
  return parts;
}

/** A small, repeatable wobble per rep and month (±8 %), so that the months do not look machine-made. */
function wobble(seed: string): bigint {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return BigInt(92 + (h % 17));
}

type SeedDeps = {
  db: Db;
  clock: Clock;
  demo: boolean;
  people: Pick<People, 'idsByUsername' | 'summaries' | 'departmentIdsByCode' | 'departmentTree'>;
  metrics: Pick<MetricRegistry, 'measureOf'>;
};

/**
 * Demo targets for the current year, per month, quarter and year, for the demo reps and every
 * department above them. A rep's monthly target follows what the demo records show for that month
 * (extrapolated past today), stretched by the rep's factor, so completions look like a real team's:
 * some ahead, some behind. Departments carry the sums of their reps; offices a little more.
 * Does nothing outside the demo or when any target exists.
 */
export async function seedDemoTargets(deps: SeedDeps) {
  if (!deps.demo || (await repo.countTargets(deps.db)) > 0) return;
  const reps = await deps.people.idsByUsername(Object.keys(REP_STRETCH));
  if (reps.size === 0) return;
  const summaries = await deps.people.summaries([...reps.values()]);
  const codes = await deps.people.departmentIdsByCode(DEMO_DEPARTMENTS.map((d) => d.code));
  const tree = await deps.people.departmentTree();
  const parentOf = new Map(tree.map((d) => [d.id, d.parentId]));
  const today = deps.clock.today();
  const year = Number(today.slice(0, 4));
  const months = parsePeriod(String(year))!.months;
  const metrics = Object.keys(REP_BASE);
  const unitOf = (m: string) => REP_BASE[m]!.unit;

  // What the records say per rep and month, for the metrics measured today.
  const measured = new Map<string, ReturnType<typeof collectActuals>>();
  for (const m of metrics) {
    const measure = deps.metrics.measureOf(m);
    if (!measure) continue;
    const rows = await measure(deps.db, {
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      timezone: deps.clock.timezone,
      userIds: [...reps.values()],
    });
    measured.set(m, collectActuals(rows, unitOf(m)));
  }

  const currentMonth = Number(today.slice(5, 7));
  const dayOfMonth = Number(today.slice(8, 10));
  const daysInMonth = new Date(Date.UTC(year, currentMonth, 0)).getUTCDate();
  /** A rep's expected value per month: past months as recorded, this month extrapolated, later months the recent average. */
  function expectedMonths(userId: string, m: string): bigint[] | undefined {
    const actual = measured.get(m)?.get(userId);
    if (!actual || [...actual.values()].every((v) => v === 0n)) return undefined;
    const values: bigint[] = [];
    months.forEach((month, i) => {
      const n = i + 1;
      if (n < currentMonth) values.push(actual.get(month) ?? 0n);
      // This month extrapolated once a third of it has passed; before that, like the months to come.
      else if (n === currentMonth && dayOfMonth >= 10) values.push(((actual.get(month) ?? 0n) * BigInt(daysInMonth)) / BigInt(dayOfMonth));
      else {
        const recent = values.slice(-3);
        values.push(recent.reduce((a, b) => a + b, 0n) / BigInt(Math.max(1, recent.length)));
      }
    });
    return values;
  }

  type Subject = { type: 'user' | 'department'; id: string; departmentId: string; monthUnits: Record<string, bigint[]> };
  const subjects = new Map<string, Subject>();
  const zero = () => Object.fromEntries(metrics.map((m) => [m, months.map(() => 0n)]));
  const departmentOf = (id: string): Subject => {
    let s = subjects.get(`department:${id}`);
    if (!s) {
      s = { type: 'department', id, departmentId: id, monthUnits: zero() };
      subjects.set(`department:${id}`, s);
    }
    return s;
  };

  // A rep's year follows their own records; its months the shape of the whole team's records (one
  // rep's months are too sparse to go by). A rep without records gets the team's average. Where the
  // records are too thin to mean anything (a small demo), the plain defaults stand in.
  const plans = new Map<string, { shape: bigint[]; levels: Map<string, bigint>; average: bigint }>();
  for (const m of metrics.filter((x) => !DERIVED[x])) {
    const base = BigInt(REP_BASE[m]!.value) * (unitOf(m) === 'amount' ? 100n : 1n);
    const perRep = new Map([...reps.values()].map((id) => [id, expectedMonths(id, m)] as const));
    const raw = months.map((_, i) => [...perRep.values()].reduce((sum, v) => sum + (v?.[i] ?? 0n), 0n));
    const total = raw.reduce((a, b) => a + b, 0n);
    if (total * 4n < base * BigInt(reps.size)) {
      plans.set(m, { shape: MONTH_WEIGHTS.map((w) => BigInt(w)), levels: new Map(), average: base });
      continue;
    }
    // No month below half the average, so that a quiet month in the records still has a target.
    const shape = raw.map((v) => (v < total / 24n ? total / 24n : v));
    const levels = new Map([...perRep].filter(([, v]) => v).map(([id, v]) => [id, v!.reduce((a, b) => a + b, 0n)] as const));
    plans.set(m, { shape, levels, average: total / BigInt(Math.max(1, levels.size)) });
  }

  for (const [username, id] of reps) {
    const rep = summaries.get(id);
    if (!rep) continue;
    const stretch = BigInt(REP_STRETCH[username]!);
    const monthUnits: Record<string, bigint[]> = {};
    for (const [m, plan] of plans) {
      // Money to ten thousand yuan, counts whole; the months add up to the year exactly.
      const step = unitOf(m) === 'amount' ? WAN : 1n;
      const year = roundTo(((plan.levels.get(id) ?? plan.average) * stretch) / 100n, step);
      const weights = plan.shape.map((w, i) => (w * wobble(`${username}:${m}:${i}`)) / 100n);
      monthUnits[m] = splitBySteps(year, weights, step);
    }
    for (const [m, d] of Object.entries(DERIVED)) {
      monthUnits[m] = monthUnits[d.from]!.map((v) => roundTo((v * d.percent) / 100n, WAN));
    }
    subjects.set(`user:${id}`, { type: 'user', id, departmentId: rep.departmentId, monthUnits });
    // Each department up the tree carries the rep's share.
    for (let d: string | null | undefined = rep.departmentId; d; d = parentOf.get(d)) {
      const dept = departmentOf(d);
      for (const m of metrics) dept.monthUnits[m] = dept.monthUnits[m]!.map((v, i) => v + monthUnits[m]![i]!);
    }
  }
  // Offices (and everything above them) hold a reserve for the manager's own accounts.
  for (const office of DEMO_DEPARTMENTS.filter((d) => d.kind === 'office').map((d) => codes.get(d.code))) {
    const s = office ? subjects.get(`department:${office}`) : undefined;
    if (!s) continue;
    for (const m of metrics) {
      const step = unitOf(m) === 'amount' ? WAN : 1n;
      const reserve = s.monthUnits[m]!.map((v) => ((v * OFFICE_RESERVE_PERCENT) / 100n / step) * step);
      for (let d: string | null | undefined = s.id; d; d = parentOf.get(d)) {
        const dept = departmentOf(d);
        dept.monthUnits[m] = dept.monthUnits[m]!.map((v, i) => v + reserve[i]!);
      }
    }
  }

  const now = deps.clock.now();
  const rows: repo.NewTargetRow[] = [];
  for (const s of subjects.values()) {
    for (const m of metrics) {
      const byMonth = s.monthUnits[m]!;
      const add = (period: string, units: bigint) =>
        rows.push({
          period,
          periodKind: parsePeriod(period)!.kind,
          year,
          metric: m,
          subjectType: s.type,
          subjectId: s.id,
          departmentId: s.departmentId,
          value: fromUnits(units, unitOf(m)),
          createdAt: now,
          updatedAt: now,
        });
      add(
        String(year),
        byMonth.reduce((a, b) => a + b, 0n),
      );
      subPeriods(String(year)).forEach((quarter) => {
        const inQuarter = subPeriods(quarter).map((month) => byMonth[months.indexOf(month)]!);
        add(
          quarter,
          inQuarter.reduce((a, b) => a + b, 0n),
        );
        subPeriods(quarter).forEach((month, i) => add(month, inQuarter[i]!));
      });
    }
  }
  await withTx(deps.db, async (tx) => {
    await repo.insertTargets(tx, rows);
    await writeAudit(tx, asSystem('seed'), { action: 'seed.demo_targets', meta: { year, targets: rows.length } });
  });
}
