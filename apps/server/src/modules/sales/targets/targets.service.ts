import {
  normaliseValue,
  parsePeriod,
  Permission,
  sumValues,
  unassignedRemainder,
  type TMetricInfo,
  type TMetricUnit,
  type TPage,
  type TSaveTargetSplit,
  type TTarget,
  type TTargetCell,
  type TTargetListQuery,
  type TTargetSplit,
  type TTargetSplitLine,
  type TTargetSplitQuery,
} from '@crm/contracts';
import { z } from 'zod';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit, type AuditInput, writeReadAudit } from '../../../kernel/audit/audit.ts';
import { hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import type { Locale } from '../../../kernel/i18n.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { decodeCursor, iso, toPage } from '../../../kernel/http/pagination.ts';
import type { People } from '../../admin/index.ts';
import type { MetricRegistry } from './metric-registry.ts';
import { canEditOwnTarget, canSeeDepartment, createOrgView, type OrgView, type RosterEntry } from './org-view.ts';
import { TargetErrorCode } from './targets.errors.ts';
import * as repo from './targets.repository.ts';

const ZCursor = z.tuple([z.string(), z.uuid()]);
const key = (type: string, id: string) => `${type}:${id}`;

export type TargetDeps = {
  db: Db;
  clock: Clock;
  people: Pick<People, 'departmentTree' | 'roster' | 'summaries'>;
  metrics: MetricRegistry;
  /** Called after targets have changed (performance summaries computed before are stale). */
  onChange?: () => void;
};

/** A stored value in the canonical form of the metric's unit ("1200.00", "12"). */
export function valueOf(row: { value: string }, unit: TMetricUnit): string {
  return normaliseValue(row.value, unit) ?? row.value;
}

/** Targets: listing, a department's split and saving it (the entry screen). */
export function createTargetService(deps: TargetDeps) {
  const { db, clock, metrics } = deps;

  function metricOf(locale: Locale, metric: string): TMetricInfo {
    const info = metrics.info(metric, locale);
    if (!info) {
      throw new AppError(TargetErrorCode.TARGET_METRIC_UNKNOWN, {
        params: { metric },
        fields: [{ path: 'metric', code: 'unknown', messageKey: 'error.TARGET_METRIC_UNKNOWN' }],
      });
    }
    return info;
  }

  function periodOf(period: string) {
    const info = parsePeriod(period);
    if (!info)
      throw new AppError(CommonError.VALIDATION_FAILED, {
        fields: [{ path: 'period', code: 'invalid', messageKey: 'error.VALIDATION_FAILED' }],
      });
    return info;
  }

  /** Who the split of a department lists: its child departments, then its people who carry targets. */
  async function splitContext(actor: Actor, departmentId: string | undefined) {
    const org = createOrgView(await deps.people.departmentTree());
    const id = departmentId ?? actor.departmentId;
    const department = id ? org.get(id) : undefined;
    if (!department || !canSeeDepartment(actor, department.id)) throw new AppError(CommonError.NOT_FOUND);
    const roster = await deps.people.roster([department.id], Permission.targetHold);
    return { org, department, children: org.children(department.id), roster };
  }

  async function loadSplit(
    actor: Actor,
    ctx: Awaited<ReturnType<typeof splitContext>>,
    period: string,
    metric: TMetricInfo,
  ): Promise<TTargetSplit> {
    const { department, children, roster } = ctx;
    const rows = await repo.findTargetsOfSubjects(db, {
      periods: [period],
      metric: metric.key,
      subjectIds: [department.id, ...children.map((c) => c.id), ...roster.map((u) => u.id)],
    });
    const byKey = new Map(rows.map((r) => [key(r.subjectType, r.subjectId), r]));
    const cell = (type: string, id: string): TTargetCell => {
      const row = byKey.get(key(type, id));
      return row ? { value: valueOf(row, metric.unit), version: row.version } : null;
    };
    const people = roster.filter((u) => (u.holds && u.isActive) || byKey.has(key('user', u.id)));
    const lines: TTargetSplitLine[] = [
      ...children.map((c) => ({
        subjectType: 'department' as const,
        subjectId: c.id,
        name: c.name,
        isActive: true,
        target: cell('department', c.id),
      })),
      ...people.map((u) => ({
        subjectType: 'user' as const,
        subjectId: u.id,
        name: u.displayName,
        isActive: u.isActive,
        target: cell('user', u.id),
      })),
    ];
    const own = cell('department', department.id);
    const values = lines.map((l) => l.target?.value ?? null);
    const canManage = hasPermission(actor, Permission.targetManage);
    return {
      period,
      metric,
      department: { id: department.id, name: department.name, parentId: department.parentId },
      own,
      lines,
      assigned: sumValues(values, metric.unit),
      remainder: unassignedRemainder(own?.value, values, metric.unit),
      canEditOwn: canManage && canEditOwnTarget(actor, department),
      canEditLines: canManage && canSeeDepartment(actor, department.id),
    };
  }

  function subjectNames(org: OrgView, roster: Map<string, string>, row: repo.TargetRow): string | null {
    return row.subjectType === 'department' ? (org.get(row.subjectId)?.name ?? null) : (roster.get(row.subjectId) ?? null);
  }

  return {
    /** Targets the actor may see (own, the team's, or all), by period or year, metric, subject or department. */
    async list(actor: Actor, query: TTargetListQuery): Promise<TPage<TTarget>> {
      const after = decodeCursor(query.cursor, ZCursor);
      const org = createOrgView(await deps.people.departmentTree());
      const rows = await repo.listTargets(
        db,
        {
          scope: scopeFilter(actor, repo.targetScopeColumns),
          period: query.period,
          year: query.year,
          metric: query.metric,
          subjectType: query.subjectType,
          subjectId: query.subjectId,
          departmentIds: query.departmentId ? org.subtree(query.departmentId) : undefined,
        },
        { limit: query.limit + 1, after: after ? { period: after[0], id: after[1] } : undefined },
      );
      await writeListAudit(db, actor, { action: 'target.list', entityType: 'target' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [r.period, r.id],
        (r) => r,
      );
      const users = await deps.people.summaries(page.items.filter((r) => r.subjectType === 'user').map((r) => r.subjectId));
      const names = new Map([...users].map(([id, u]) => [id, u.displayName]));
      return {
        items: page.items.map((r) => ({
          id: r.id,
          period: r.period,
          periodKind: r.periodKind,
          metric: r.metric,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          subjectName: subjectNames(org, names, r),
          departmentId: r.departmentId,
          value: valueOf(r, metrics.unitOf(r.metric) ?? 'amount'),
          version: r.version,
          updatedAt: iso(r.updatedAt),
        })),
        nextCursor: page.nextCursor,
      };
    },

    /** A department's target for the period and metric and its split over its teams and people. */
    async split(actor: Actor, query: TTargetSplitQuery, locale: Locale = actor.locale): Promise<TTargetSplit> {
      periodOf(query.period);
      const metric = metricOf(locale, query.metric);
      const ctx = await splitContext(actor, query.departmentId);
      const split = await loadSplit(actor, ctx, query.period, metric);
      await writeReadAudit(db, actor, {
        action: 'target.split.read',
        entityType: 'department',
        entityId: ctx.department.id,
        meta: { period: query.period, metric: query.metric },
      });
      return split;
    },

    /**
     * Saves a department's split in one transaction: its own target (when the actor may set it) and
     * those of its child departments and people. Each line carries the version it was read with.
     */
    async saveSplit(actor: Actor, input: TSaveTargetSplit, locale: Locale = actor.locale): Promise<TTargetSplit> {
      const period = periodOf(input.period);
      const metric = metricOf(locale, input.metric);
      const ctx = await splitContext(actor, input.departmentId);
      const { department } = ctx;
      if (!hasPermission(actor, Permission.targetManage) || !canSeeDepartment(actor, department.id))
        throw new AppError(CommonError.FORBIDDEN);
      const allowed = new Map<string, { departmentId: string; roster?: RosterEntry }>([
        [key('department', department.id), { departmentId: department.id }],
        ...ctx.children.map((c) => [key('department', c.id), { departmentId: c.id }] as const),
        ...ctx.roster.map((u) => [key('user', u.id), { departmentId: department.id, roster: u }] as const),
      ]);
      const seen = new Set<string>();
      const entries = input.entries.map((e, i) => {
        const k = key(e.subjectType, e.subjectId);
        const target = allowed.get(k);
        if (!target) {
          throw new AppError(TargetErrorCode.TARGET_SUBJECT_OUTSIDE_SPLIT, {
            fields: [{ path: `entries.${i}.subjectId`, code: 'outside_split', messageKey: 'error.TARGET_SUBJECT_OUTSIDE_SPLIT' }],
          });
        }
        if (seen.has(k)) {
          throw new AppError(TargetErrorCode.TARGET_SUBJECT_REPEATED, {
            fields: [{ path: `entries.${i}.subjectId`, code: 'repeated', messageKey: 'error.TARGET_SUBJECT_REPEATED' }],
          });
        }
        seen.add(k);
        const value = e.value === null ? null : normaliseValue(e.value, metric.unit);
        if (value === undefined) {
          throw new AppError(TargetErrorCode.TARGET_VALUE_INVALID, {
            fields: [{ path: `entries.${i}.value`, code: 'invalid', messageKey: 'error.TARGET_VALUE_INVALID' }],
          });
        }
        if (e.subjectType === 'department' && e.subjectId === department.id && !canEditOwnTarget(actor, department)) {
          throw new AppError(TargetErrorCode.TARGET_OWN_LOCKED, {
            fields: [{ path: `entries.${i}.value`, code: 'locked', messageKey: 'error.TARGET_OWN_LOCKED' }],
          });
        }
        return { ...e, index: i, key: k, value, departmentId: target.departmentId };
      });

      const now = clock.now();
      await withTx(db, async (tx) => {
        const existing = await repo.findTargetsOfSubjects(
          tx,
          { periods: [input.period], metric: metric.key, subjectIds: entries.map((e) => e.subjectId) },
          true,
        );
        const byKey = new Map(existing.map((r) => [key(r.subjectType, r.subjectId), r]));
        const audits: AuditInput[] = [];
        const stale = (i: number) =>
          new AppError(CommonError.STALE_VERSION, {
            fields: [{ path: `entries.${i}.version`, code: 'stale', messageKey: 'error.STALE_VERSION' }],
          });
        const meta = { period: input.period, metric: metric.key, splitDepartmentId: department.id };
        for (const e of entries) {
          const current = byKey.get(e.key);
          if (e.version === null) {
            if (current) throw stale(e.index);
            if (e.value === null) continue;
            const inserted = await repo.insertTarget(tx, {
              period: input.period,
              periodKind: period.kind,
              year: period.year,
              metric: metric.key,
              subjectType: e.subjectType,
              subjectId: e.subjectId,
              departmentId: e.departmentId,
              value: e.value,
              createdAt: now,
              updatedAt: now,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            });
            if (!inserted) throw stale(e.index);
            audits.push({ action: 'target.create', entityType: 'target', entityId: inserted.id, after: auditShape(inserted), meta });
            continue;
          }
          if (!current || current.version !== e.version) throw stale(e.index);
          if (e.value === null) {
            if (!(await repo.deleteTarget(tx, current.id, current.version))) throw stale(e.index);
            audits.push({ action: 'target.delete', entityType: 'target', entityId: current.id, before: auditShape(current), meta });
            continue;
          }
          if (valueOf(current, metric.unit) === e.value && current.departmentId === e.departmentId) continue;
          const updated = await repo.updateTargetValue(tx, current.id, current.version, {
            value: e.value,
            departmentId: e.departmentId,
            updatedAt: now,
            updatedBy: actor.userId,
          });
          if (!updated) throw stale(e.index);
          audits.push({
            action: 'target.update',
            entityType: 'target',
            entityId: current.id,
            before: auditShape(current),
            after: auditShape(updated),
            meta,
          });
        }
        await writeAudit(tx, actor, audits);
      });
      deps.onChange?.();
      return loadSplit(actor, ctx, input.period, metric);
    },

    /** The metrics targets can be set on, and whether each is measured yet. */
    metrics: (actor: Actor, locale: Locale = actor.locale): TMetricInfo[] => metrics.list(locale),
  };
}
export type TargetService = ReturnType<typeof createTargetService>;

function auditShape(row: repo.TargetRow): Record<string, unknown> {
  return {
    period: row.period,
    metric: row.metric,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    departmentId: row.departmentId,
    value: row.value,
  };
}
