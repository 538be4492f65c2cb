import {
  Permission,
  ZMetricList,
  ZPage,
  ZPerformance,
  ZPerformanceQuery,
  ZPerformanceSummary,
  ZPerformanceSummaryQuery,
  ZSaveTargetSplit,
  ZTarget,
  ZTargetListQuery,
  ZTargetSplit,
  ZTargetSplitQuery,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPrewrittenJson } from '../../../kernel/http/prewritten-json.ts';
import type { PerformanceService } from './performance.service.ts';
import type { TargetService } from './targets.service.ts';

export function targetRoutes(deps: { targets: TargetService; performance: PerformanceService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['targets'];
    const read = { permission: Permission.targetRead };
    const manage = { permission: Permission.targetManage };

    app.get(
      '/api/v1/targets',
      { config: read, schema: { tags, querystring: ZTargetListQuery, response: { 200: ZPage(ZTarget) } } },
      (req) => deps.targets.list(req.actor, req.query),
    );
    app.post('/api/v1/targets', { config: manage, schema: { tags, body: ZSaveTargetSplit, response: { 200: ZTargetSplit } } }, (req) =>
      deps.targets.saveSplit(req.actor, req.body, req.locale),
    );
    app.get(
      '/api/v1/targets/split',
      { config: read, schema: { tags, querystring: ZTargetSplitQuery, response: { 200: ZTargetSplit } } },
      (req) => deps.targets.split(req.actor, req.query, req.locale),
    );
    app.get('/api/v1/targets/metrics', { config: read, schema: { tags, response: { 200: ZMetricList } } }, async (req) => ({
      items: deps.targets.metrics(req.actor, req.locale),
    }));
    app.get(
      '/api/v1/performance',
      { config: read, schema: { tags, querystring: ZPerformanceQuery, response: { 200: ZPerformance } } },
      (req) => deps.performance.performance(req.actor, req.query, req.locale),
    );
    app.get(
      '/api/v1/performance/summary',
      { config: read, schema: { tags, querystring: ZPerformanceSummaryQuery, response: { 200: ZPerformanceSummary } } },
      // The JSON written once per computed summary: the same view is shared for a few seconds.
      async (req, reply) => sendPrewrittenJson(reply, await deps.performance.summaryJson(req.actor, req.query, req.locale)),
    );
  };
}
