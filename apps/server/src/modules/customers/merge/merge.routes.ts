import { Permission, ZCustomerMerge, ZIdParams, ZMergeCustomers } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MergeService } from './merge.service.ts';

export function mergeRoutes(deps: { merges: MergeService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['customers'];
    const merge = { permission: Permission.customerMerge };
    app.post(
      '/api/v1/customers/:id/merge',
      { config: merge, schema: { tags, params: ZIdParams, body: ZMergeCustomers, response: { 201: ZCustomerMerge } } },
      async (req, reply) => reply.code(201).send(await deps.merges.merge(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/v1/customer-merges/:id/undo',
      { config: merge, schema: { tags, params: ZIdParams, response: { 200: ZCustomerMerge } } },
      (req) => deps.merges.undo(req.actor, req.params.id),
    );
    app.get(
      '/api/v1/customers/:id/merges',
      {
        config: { permission: Permission.customerRead },
        schema: {
          tags,
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZCustomerMerge), undoWindowHours: z.number().int() }) },
        },
      },
      async (req) => ({ items: await deps.merges.listUndoable(req.actor, req.params.id), undoWindowHours: deps.merges.undoWindowHours }),
    );
  };
}
