import { Permission, ZCustomerPanels, ZIdParams } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PanelService } from './panels.service.ts';

export function panelRoutes(deps: { panels: PanelService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/customers/:id/panels',
      {
        config: { permission: Permission.customerRead },
        schema: { tags: ['customers'], params: ZIdParams, response: { 200: ZCustomerPanels } },
      },
      (req) => deps.panels.get(req.actor, req.params.id),
    );
  };
}
