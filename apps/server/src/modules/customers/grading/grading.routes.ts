import {
  Permission,
  ZClearGradeOverrideQuery,
  ZCustomerGrade,
  ZGradeHistoryEntry,
  ZGradeHistoryQuery,
  ZGradingRunResult,
  ZGradingSettings,
  ZIdParams,
  ZOverrideGrade,
  ZPage,
  ZSetStrategic,
  ZUpdateGradingSettings,
  ZVersion,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GradingSettingsService } from './grading-settings.service.ts';
import type { GradingService } from './grading.service.ts';

const ZGradeState = z.object({
  customerId: z.uuid(),
  grade: ZCustomerGrade,
  ruleGrade: ZCustomerGrade,
  gradeOverridden: z.boolean(),
  gradeOverrideReason: z.string().nullable(),
  strategic: z.boolean(),
  version: ZVersion,
});

export function gradingRoutes(deps: { grading: GradingService; settings: GradingSettingsService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['customers'];
    const grade = { permission: Permission.customerGrade };
    const settings = { permission: Permission.customerGradingSettings };

    app.post(
      '/api/v1/customers/:id/grade',
      { config: grade, schema: { tags, params: ZIdParams, body: ZOverrideGrade, response: { 200: ZGradeState } } },
      (req) => deps.grading.override(req.actor, req.params.id, req.body),
    );
    app.delete(
      '/api/v1/customers/:id/grade-override',
      { config: grade, schema: { tags, params: ZIdParams, querystring: ZClearGradeOverrideQuery, response: { 200: ZGradeState } } },
      (req) => deps.grading.clearOverride(req.actor, req.params.id, req.query.version),
    );
    app.put(
      '/api/v1/customers/:id/strategic',
      { config: grade, schema: { tags, params: ZIdParams, body: ZSetStrategic, response: { 200: ZGradeState } } },
      (req) => deps.grading.setStrategic(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/customers/:id/grade-history',
      {
        config: { permission: Permission.customerRead },
        schema: { tags, params: ZIdParams, querystring: ZGradeHistoryQuery, response: { 200: ZPage(ZGradeHistoryEntry) } },
      },
      (req) => deps.grading.history(req.actor, req.params.id, req.query),
    );
    app.get('/api/v1/customer-grading/settings', { config: settings, schema: { tags, response: { 200: ZGradingSettings } } }, (req) =>
      deps.settings.get(req.actor),
    );
    app.put(
      '/api/v1/customer-grading/settings',
      { config: settings, schema: { tags, body: ZUpdateGradingSettings, response: { 200: ZGradingSettings } } },
      (req) => deps.settings.update(req.actor, req.body),
    );
    app.post('/api/v1/customer-grading/recompute', { config: settings, schema: { tags, response: { 200: ZGradingRunResult } } }, (req) =>
      deps.grading.recomputeNow(req.actor),
    );
  };
}
