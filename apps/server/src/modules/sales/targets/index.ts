import type { Db } from '../../../kernel/db/database.ts';
import type { Kernel } from '../../../kernel/kernel.ts';
import type { People } from '../../admin/index.ts';
import { addDefaultGrants } from '../../admin/index.ts';
import { measureNewCustomers } from '../../customers/index.ts';
import type { SalesFeature } from '../index.ts';
import { createMetricRegistry, sharedMeasure, type MeasureRange } from './metric-registry.ts';
import { createPerformanceService } from './performance.service.ts';
import { BUILTIN_METRICS, TARGET_GRANTS } from './targets.messages.ts';
import { targetRoutes } from './targets.routes.ts';
import { createTargetService } from './targets.service.ts';
import { seedDemoTargets } from './targets.seed.ts';

export type { MetricDefinition, MeasureRange, MeasureRow, Measure, MetricRegistry } from './metric-registry.ts';
export type { TargetService } from './targets.service.ts';
export type { PerformanceService } from './performance.service.ts';

/** Won opportunities per owner and month, as the opportunities feature measures them. */
export type MeasureWon = (
  db: Db,
  range: { from: string; to: string; userIds?: readonly string[] },
) => Promise<{ ownerId: string; month: string; count: number | string; amount: number | string }[]>;

/**
 * Targets (业绩目标) and live performance. Metrics are measured by the modules that own the records;
 * a module that arrives later calls `registerMetric({ key, unit, measure })` (e.g. contracts for
 * `signed_amount`, receipts for `collected_amount`, or a metric of its own with a label).
 */
export function createTargetsFeature(k: Kernel, deps: { people: People; measureWon?: MeasureWon }) {
  addDefaultGrants(TARGET_GRANTS);
  const metrics = createMetricRegistry();
  for (const [key, def] of Object.entries(BUILTIN_METRICS)) {
    metrics.registerMetric({ key, unit: def.unit, label: def.label, order: def.order, pendingNote: def.pendingNote ?? undefined });
  }
  metrics.registerMetric({
    key: 'new_customers',
    unit: 'count',
    measure: async (db, range: MeasureRange) =>
      (await measureNewCustomers(db, range)).map((r) => ({ userId: r.userId, month: r.month, value: r.count })),
  });
  const measureWon = deps.measureWon;
  if (measureWon) {
    // Count and amount come from the same grouped query: it runs once for both.
    const won = (db: Db, range: MeasureRange) => sharedMeasure(range, 'opportunities.won', () => measureWon(db, range));
    metrics.registerMetric({
      key: 'won_opportunities',
      unit: 'count',
      measure: async (db, range) => (await won(db, range)).map((r) => ({ userId: r.ownerId, month: r.month, value: r.count })),
    });
    metrics.registerMetric({
      key: 'won_amount',
      unit: 'amount',
      measure: async (db, range) => (await won(db, range)).map((r) => ({ userId: r.ownerId, month: r.month, value: r.amount })),
    });
  }
  const serviceDeps = { db: k.db, clock: k.clock, people: deps.people, metrics };
  const performance = createPerformanceService(serviceDeps);
  const targets = createTargetService({ ...serviceDeps, onChange: performance.forgetSummaries });
  const feature: SalesFeature = {
    routes: targetRoutes({ targets, performance }),
    seed: () => seedDemoTargets({ db: k.db, clock: k.clock, demo: k.config.demo.enabled, people: deps.people, metrics }),
  };
  return { feature, targets, performance, registerMetric: metrics.registerMetric };
}
export type TargetsFeature = ReturnType<typeof createTargetsFeature>;
