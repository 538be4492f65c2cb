import {
  Permission,
  ZIdParams,
  ZRegistryChangeList,
  ZRegistryCompany,
  ZRegistryKeywordParams,
  ZRegistryMatch,
  ZRegistryRefreshResult,
  ZRegistrySearchQuery,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RegistryService } from './registry.service.ts';

export function registryRoutes(deps: { registry: RegistryService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['registry'];
    // Registry lookups need customer:read or customer:create (either); the service checks.
    app.get(
      '/api/v1/registry/companies',
      { schema: { tags, querystring: ZRegistrySearchQuery, response: { 200: z.array(ZRegistryMatch) } } },
      (req) => deps.registry.search(req.actor, req.query.q),
    );
    app.get(
      '/api/v1/registry/companies/:keyword',
      { schema: { tags, params: ZRegistryKeywordParams, response: { 200: ZRegistryCompany } } },
      (req) => deps.registry.details(req.actor, req.params.keyword),
    );
    app.post(
      '/api/v1/customers/:id/registry-refresh',
      { config: { permission: Permission.customerUpdate }, schema: { tags, params: ZIdParams, response: { 200: ZRegistryRefreshResult } } },
      (req) => deps.registry.refresh(req.actor, req.params.id),
    );
    app.get(
      '/api/v1/customers/:id/registry-changes',
      { config: { permission: Permission.customerRead }, schema: { tags, params: ZIdParams, response: { 200: ZRegistryChangeList } } },
      (req) => deps.registry.listChanges(req.actor, req.params.id),
    );
  };
}
