import {
  completionOfUnits,
  completionPercent,
  fromUnits,
  toUnits,
  parsePeriod,
  Permission,
  type PeriodInfo,
  type TMetricInfo,
  type TMetricPerformance,
  type TPerformance,
  ZPerformanceSummary,
  type TPerformanceSummary,
  type TPerformanceSummaryQuery,
  type TSummaryCell,
  type TTargetSubjectType,
} from '@crm/contracts';
import { writeReadAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import type { Locale } from '../../../kernel/i18n.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { People } from '../../admin/index.ts';
import type { MetricRegistry } from './metric-registry.ts';
import { canSeeDepartment, canSeeUser, createOrgView, type RosterEntry } from './org-view.ts';
import { collectActuals, formatUnits, monthlyActuals, rankStandings, sumActuals, type Actuals } from './performance-math.ts';
import * as repo from './targets.repository.ts';
import { valueOf } from './targets.service.ts';

type Subject = { type: TTargetSubjectType; id: string };

/**
 * A director's summary covers every user and department: computed once, it answers the same view
 * again for this long, and up to twice as long while the next one is computed (the answer says when
 * it was computed, and `fresh` computes it anew). Target changes made through this node clear it.
 */
export const SUMMARY_MAX_AGE_MS = 10_000;
const SUMMARY_CACHE_ENTRIES = 200;

type SharedSummary = { summary: TPerformanceSummary; json: string };

/**
 * Summaries by view, shared while fresh; requests for a view being computed wait for that
 * computation. A summary past its age is still answered (up to twice the age) while the next one is
 * computed in the background, so that no reader waits for the recomputation of a busy view.
 */
function createSummaryCache(maxAgeMs: number, maxEntries: number) {
  type Entry = { at: number; value: Promise<SharedSummary>; refreshing?: boolean };
  const entries = new Map<string, Entry>();
  function put(key: string, entry: Entry): void {
    entries.delete(key);
    entries.set(key, entry);
    // The oldest views go first.
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
  }
  return {
    get(key: string, fresh: boolean, compute: () => Promise<SharedSummary>): Promise<SharedSummary> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && !fresh && now - hit.at < maxAgeMs) return hit.value;
      if (hit && !fresh && now - hit.at < 2 * maxAgeMs) {
        if (!hit.refreshing) {
          hit.refreshing = true;
          compute().then(
            (next) => {
              if (entries.get(key) === hit) put(key, { at: now, value: Promise.resolve(next) });
            },
            () => {
              hit.refreshing = false;
            },
          );
        }
        return hit.value;
      }
      const value = compute();
      put(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    clear: () => entries.clear(),
  };
}

export type PerformanceDeps = {
  db: Db;
  clock: Clock;
  people: Pick<People, 'departmentTree' | 'roster' | 'summaries'>;
  metrics: MetricRegistry;
};

/**
 * Performance computed live from the records: per metric the target, the actual (measured by the
 * module that owns the records), completion, a user's place in the department and the months.
 * Every metric is measured with one grouped query for all the users concerned.
 */
export function createPerformanceService(deps: PerformanceDeps) {
  const { db, clock, metrics } = deps;

  function periodOf(period: string): PeriodInfo {
    const info = parsePeriod(period);
    if (!info)
      throw new AppError(CommonError.VALIDATION_FAILED, {
        fields: [{ path: 'period', code: 'invalid', messageKey: 'error.VALIDATION_FAILED' }],
      });
    return info;
  }

  /** Each available metric measured for the users (all users when none given), in registry order. */
  async function measureAll(
    info: MetricContext[],
    period: PeriodInfo,
    userIds: readonly string[] | undefined,
  ): Promise<(Actuals | null)[]> {
    const memo = new Map<string, Promise<unknown>>();
    return Promise.all(
      info.map(async (m) => {
        const measure = metrics.measureOf(m.info.key);
        if (!measure) return null;
        const rows = await measure(db, { from: period.from, to: period.to, timezone: clock.timezone, userIds, memo });
        return collectActuals(rows, m.info.unit);
      }),
    );
  }

  type MetricContext = { info: TMetricInfo };
  const metricContexts = (locale: Locale): MetricContext[] => metrics.list(locale).map((info) => ({ info }));

  const summaries = createSummaryCache(SUMMARY_MAX_AGE_MS, SUMMARY_CACHE_ENTRIES);

  const service = {
    /** Targets changed: summaries computed before are not answered again. */
    forgetSummaries: () => summaries.clear(),

    async performance(actor: Actor, query: { period: string; subject?: Subject }, locale: Locale = actor.locale): Promise<TPerformance> {
      const period = periodOf(query.period);
      const subject: Subject = query.subject ?? { type: 'user', id: actor.userId ?? '' };
      const org = createOrgView(await deps.people.departmentTree());

      // Whose records count, and (for a user) the colleagues of the ranking.
      let name: string;
      let departmentId: string;
      let counted: string[];
      let peers: RosterEntry[] = [];
      let everyone = false;
      if (subject.type === 'user') {
        const user = (await deps.people.summaries([subject.id])).get(subject.id);
        if (!user || !canSeeUser(actor, user)) throw new AppError(CommonError.NOT_FOUND);
        name = user.displayName;
        departmentId = user.departmentId;
        counted = [user.id];
        peers = (await deps.people.roster([user.departmentId], Permission.targetHold)).filter(
          (u) => u.id === user.id || (u.holds && u.isActive),
        );
      } else {
        const department = org.get(subject.id);
        if (!department || !canSeeDepartment(actor, department.id)) throw new AppError(CommonError.NOT_FOUND);
        name = department.name;
        departmentId = department.id;
        const subtree = org.subtree(department.id);
        everyone = subtree.length === org.size;
        counted = (await deps.people.roster(everyone ? undefined : subtree, Permission.targetHold)).map((u) => u.id);
      }

      // The whole organisation is measured without naming its users (one plain grouped scan).
      const contexts = metricContexts(locale);
      const measured = await measureAll(
        contexts,
        period,
        subject.type === 'user' ? peers.map((p) => p.id) : everyone ? undefined : counted,
      );
      const periods = [...new Set([period.period, ...period.months])];
      const targets = await repo.findTargetValues(db, { periods, subjectType: subject.type, subjectIds: [subject.id] });
      const peerTargets =
        subject.type === 'user' && peers.length > 1
          ? await repo.findTargetValues(db, { periods: [period.period], subjectType: 'user', subjectIds: peers.map((p) => p.id) })
          : targets.filter((t) => t.period === period.period);
      const targetOf = (rows: repo.TargetValueRow[], metric: TMetricInfo, subjectId: string, p: string) => {
        const row = rows.find((r) => r.metric === metric.key && r.subjectId === subjectId && r.period === p);
        return row ? valueOf(row, metric.unit) : null;
      };

      const result: TMetricPerformance[] = contexts.map(({ info }, i) => {
        const actuals = measured[i];
        const target = targetOf(targets, info, subject.id, period.period);
        const actual = actuals ? formatUnits(sumActuals(actuals, counted), info.unit) : null;
        const monthly = actuals ? monthlyActuals(actuals, counted, period.months) : null;
        let rank: TMetricPerformance['rank'] = null;
        if (actuals && subject.type === 'user') {
          const places = rankStandings(
            peers.map((p) => ({
              id: p.id,
              target: targetOf(peerTargets, info, p.id, period.period),
              actual: formatUnits(sumActuals(actuals, [p.id]), info.unit),
            })),
          );
          const position = places.get(subject.id);
          rank = position === undefined ? null : { position, of: places.size };
        }
        return {
          ...info,
          target,
          actual,
          completion: completionPercent(actual, target),
          rank,
          trend: period.months.map((month, m) => ({
            month,
            target: targetOf(targets, info, subject.id, month),
            actual: monthly ? formatUnits(monthly[m]!, info.unit) : null,
          })),
        };
      });
      await writeReadAudit(db, actor, {
        action: 'performance.read',
        entityType: subject.type,
        entityId: subject.id,
        meta: { period: period.period },
      });
      return {
        period: period.period,
        from: period.from,
        to: period.to,
        subject: { type: subject.type, id: subject.id, name, departmentId, departmentName: org.get(departmentId)?.name ?? '' },
        metrics: result,
      };
    },

    /**
     * Every user in the actor's scope (or below the department asked for) with target, actual and
     * completion per metric, and the departments with the sums over their subtrees. One grouped
     * query per metric, whatever the number of users.
     */
    /**
     * Every user of the subtree (or the rep alone) with target, actual and completion per metric, and
     * the departments with their subtrees' sums, as JSON checked against its contract once, when it
     * was computed (a summary is shared for a few seconds).
     */
    async summaryJson(actor: Actor, query: TPerformanceSummaryQuery, locale: Locale = actor.locale): Promise<string> {
      return (await sharedSummary(actor, query, locale)).json;
    },
  };

  async function sharedSummary(actor: Actor, query: TPerformanceSummaryQuery, locale: Locale): Promise<SharedSummary> {
    const period = periodOf(query.period);
    let rootId: string | null = query.departmentId ?? null;
    if (rootId && !canSeeDepartment(actor, rootId)) throw new AppError(CommonError.NOT_FOUND);
    if (!rootId && actor.dataScope === 'department') rootId = actor.departmentId;
    const ownOnly = !query.departmentId && actor.dataScope === 'own';
    // The figures depend on the period, the subtree, (for a rep) the user and the language only.
    const key = JSON.stringify([period.period, rootId, ownOnly ? actor.userId : null, locale]);
    const shared = await summaries.get(key, query.fresh === 'true', async () => {
      // The organisation is read only when the figures are computed; an unknown department is not found.
      const org = createOrgView(await deps.people.departmentTree());
      if (rootId && !org.get(rootId)) throw new AppError(CommonError.NOT_FOUND);
      const summary = await computeSummary(actor, { period, org, rootId, ownOnly, locale });
      return { summary, json: JSON.stringify(ZPerformanceSummary.parse(summary)) };
    });
    await writeReadAudit(db, actor, {
      action: 'performance.summary.read',
      entityType: 'department',
      entityId: rootId,
      meta: { period: period.period, users: shared.summary.users.length, computedAt: shared.summary.computedAt },
    });
    return shared;
  }

  /**
   * Every user of the subtree (or the rep alone) with target, actual and completion per metric, and
   * the departments with the sums over their subtrees. One grouped query per metric, whatever the
   * number of users.
   */
  async function computeSummary(
    actor: Actor,
    q: { period: PeriodInfo; org: ReturnType<typeof createOrgView>; rootId: string | null; ownOnly: boolean; locale: Locale },
  ): Promise<TPerformanceSummary> {
    const { period, org, rootId, ownOnly, locale } = q;
    const computedAt = clock.now().toISOString();

    const departmentIds = rootId ? org.subtree(rootId) : undefined;
    let roster = await deps.people.roster(
      ownOnly ? (actor.departmentId ? [actor.departmentId] : []) : departmentIds,
      Permission.targetHold,
    );
    if (ownOnly) roster = roster.filter((u) => u.id === actor.userId);
    const everyone = !rootId && !ownOnly;
    const userIds = everyone ? undefined : roster.map((u) => u.id);

    const contexts = metricContexts(locale);
    const [measured, targets] = await Promise.all([
      measureAll(contexts, period, userIds),
      repo.findTargetValues(db, {
        periods: [period.period],
        subjectIds: everyone ? undefined : [...(userIds ?? []), ...(departmentIds ?? [])],
      }),
    ]);
    // Targets and actuals stay whole units (fen or pieces) until they are written out.
    const unitByMetric = new Map(contexts.map(({ info }) => [info.key, info.unit]));
    const targetUnits = new Map<string, bigint>();
    for (const t of targets) {
      const unit = unitByMetric.get(t.metric);
      const units = unit ? toUnits(t.value, unit) : undefined;
      if (units !== undefined) targetUnits.set(`${t.metric}:${t.subjectType}:${t.subjectId}`, units);
    }
    const cell = (info: TMetricInfo, type: string, id: string, actual: bigint | null): TSummaryCell & { hasFigures: boolean } => {
      const target = targetUnits.get(`${info.key}:${type}:${id}`);
      return {
        target: target === undefined ? null : fromUnits(target, info.unit),
        actual: actual === null ? null : fromUnits(actual, info.unit),
        completion: actual === null ? null : completionOfUnits(actual, target),
        hasFigures: target !== undefined || (actual !== null && actual !== 0n),
      };
    };
    const plain = ({ hasFigures: _, ...c }: TSummaryCell & { hasFigures: boolean }): TSummaryCell => c;

    // Users, in the order of their departments in the tree.
    const order = new Map(org.inTreeOrder(org.roots()).map((d, i) => [d.id, i]));
    const users = roster
      .map((u) => ({
        u,
        cells: contexts.map(({ info }, i) => {
          const actuals = measured[i];
          return cell(info, 'user', u.id, actuals ? sumActuals(actuals, [u.id]) : null);
        }),
      }))
      .filter(({ u, cells }) => (u.holds && u.isActive) || cells.some((c) => c.hasFigures))
      .sort((a, b) => (order.get(a.u.departmentId) ?? 0) - (order.get(b.u.departmentId) ?? 0));

    // Departments: sums of their direct users, then rolled up the tree.
    const departments = ownOnly ? [] : org.inTreeOrder(rootId ? [rootId] : org.roots());
    const usersByDepartment = new Map<string, string[]>();
    const holdersByDepartment = new Map<string, number>();
    for (const u of roster) {
      const members = usersByDepartment.get(u.departmentId);
      if (members) members.push(u.id);
      else usersByDepartment.set(u.departmentId, [u.id]);
      if (u.holds && u.isActive) holdersByDepartment.set(u.departmentId, (holdersByDepartment.get(u.departmentId) ?? 0) + 1);
    }
    const rolled = contexts.map((_, i) => {
      const actuals = measured[i];
      const totals = new Map<string, bigint>();
      for (const d of [...departments].reverse()) {
        let sum = actuals ? sumActuals(actuals, usersByDepartment.get(d.id) ?? []) : 0n;
        for (const c of org.children(d.id)) sum += totals.get(c.id) ?? 0n;
        totals.set(d.id, sum);
      }
      return totals;
    });
    const holders = new Map<string, number>();
    for (const d of [...departments].reverse()) {
      holders.set(d.id, (holdersByDepartment.get(d.id) ?? 0) + org.children(d.id).reduce((n, c) => n + (holders.get(c.id) ?? 0), 0));
    }
    const baseDepth = rootId ? org.depth(rootId) : 0;
    const departmentRows = departments
      .map((d) => ({
        id: d.id,
        name: d.name,
        parentId: d.parentId,
        depth: org.depth(d.id) - baseDepth,
        cells: contexts.map(({ info }, i) => cell(info, 'department', d.id, measured[i] ? (rolled[i]!.get(d.id) ?? 0n) : null)),
      }))
      // Departments without anyone carrying a target and without figures (finance, planning…) stay out.
      .filter((d) => (holders.get(d.id) ?? 0) > 0 || d.cells.some((c) => c.hasFigures));

    return {
      period: period.period,
      from: period.from,
      to: period.to,
      departmentId: rootId,
      computedAt,
      metrics: contexts.map((c) => c.info),
      users: users.map(({ u, cells }) => ({
        userId: u.id,
        name: u.displayName,
        departmentId: u.departmentId,
        departmentName: org.get(u.departmentId)?.name ?? '',
        isActive: u.isActive,
        cells: cells.map(plain),
      })),
      departments: departmentRows.map((d) => ({ ...d, cells: d.cells.map(plain) })),
    };
  }

  return service;
}
export type PerformanceService = ReturnType<typeof createPerformanceService>;
