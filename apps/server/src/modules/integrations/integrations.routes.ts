import {
  Permission,
  ZIntegrationCall,
  ZIntegrationCallListQuery,
  ZIntegrationOverview,
  ZIntegrationSystemParams,
  ZPage,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IntegrationHealthService } from './integration-health.service.ts';

export function integrationRoutes(deps: { health: IntegrationHealthService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['integrations'];
    const config = { permission: Permission.integrationRead };
    app.get('/api/v1/integrations', { config, schema: { tags, response: { 200: ZIntegrationOverview } } }, () => deps.health.overview());
    app.get(
      '/api/v1/integrations/:system/calls',
      {
        config,
        schema: {
          tags,
          params: ZIntegrationSystemParams,
          querystring: ZIntegrationCallListQuery,
          response: { 200: ZPage(ZIntegrationCall) },
        },
      },
      (req) => deps.health.listCalls(req.actor, req.params.system, req.query),
    );
  };
}
