import {
  Permission,
  ZCreatePriceList,
  ZIdParams,
  ZPage,
  ZPriceList,
  ZPriceListDetail,
  ZPriceListListQuery,
  ZPriceResolveRequest,
  ZPriceResolveResult,
  ZUpdatePriceList,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PriceListService } from './price-lists.service.ts';

export function priceListRoutes(deps: { priceLists: PriceListService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['price-lists'];
    const read = { permission: Permission.priceListRead };
    const write = { permission: Permission.priceListWrite };

    app.get(
      '/api/v1/price-lists',
      { config: read, schema: { tags, querystring: ZPriceListListQuery, response: { 200: ZPage(ZPriceList) } } },
      (req) => deps.priceLists.list(req.actor, req.query),
    );
    app.post(
      '/api/v1/price-lists/resolve',
      // Pricing a quote line is part of selling: reading the catalogue is enough.
      {
        config: { permission: Permission.productRead },
        schema: { tags, body: ZPriceResolveRequest, response: { 200: ZPriceResolveResult } },
      },
      (req) => deps.priceLists.resolve(req.actor, req.body),
    );
    app.get('/api/v1/price-lists/:id', { config: read, schema: { tags, params: ZIdParams, response: { 200: ZPriceListDetail } } }, (req) =>
      deps.priceLists.get(req.actor, req.params.id),
    );
    app.post(
      '/api/v1/price-lists',
      { config: write, schema: { tags, body: ZCreatePriceList, response: { 201: ZPriceListDetail } } },
      async (req, reply) => reply.code(201).send(await deps.priceLists.create(req.actor, req.body)),
    );
    app.patch(
      '/api/v1/price-lists/:id',
      { config: write, schema: { tags, params: ZIdParams, body: ZUpdatePriceList, response: { 200: ZPriceListDetail } } },
      (req) => deps.priceLists.update(req.actor, req.params.id, req.body),
    );
  };
}
