import {
  Permission,
  ZCreateProduct,
  ZCreateProductCategory,
  ZIdParams,
  ZPage,
  ZProduct,
  ZProductCategory,
  ZProductListQuery,
  ZUpdateProduct,
  ZUpdateProductCategory,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProductService } from './products.service.ts';

export function productRoutes(deps: {
  products: ProductService;
  /** Import and export of the catalogue (import/, export/). */
  sheets: FastifyPluginAsync;
  priceLists: FastifyPluginAsync;
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['products'];
    const read = { permission: Permission.productRead };
    const write = { permission: Permission.productWrite };

    app.get(
      '/api/v1/products',
      { config: read, schema: { tags, querystring: ZProductListQuery, response: { 200: ZPage(ZProduct) } } },
      (req) => deps.products.list(req.actor, req.query),
    );
    app.get(
      '/api/v1/product-categories',
      { config: read, schema: { tags, response: { 200: z.object({ items: z.array(ZProductCategory) }) } } },
      async () => ({ items: await deps.products.listCategories() }),
    );
    app.post(
      '/api/v1/product-categories',
      { config: write, schema: { tags, body: ZCreateProductCategory, response: { 201: ZProductCategory } } },
      async (req, reply) => reply.code(201).send(await deps.products.createCategory(req.actor, req.body)),
    );
    app.patch(
      '/api/v1/product-categories/:id',
      { config: write, schema: { tags, params: ZIdParams, body: ZUpdateProductCategory, response: { 200: ZProductCategory } } },
      (req) => deps.products.updateCategory(req.actor, req.params.id, req.body),
    );
    await fastify.register(deps.sheets);
    app.get('/api/v1/products/:id', { config: read, schema: { tags, params: ZIdParams, response: { 200: ZProduct } } }, (req) =>
      deps.products.get(req.actor, req.params.id),
    );
    app.post(
      '/api/v1/products',
      { config: write, schema: { tags, body: ZCreateProduct, response: { 201: ZProduct } } },
      async (req, reply) => reply.code(201).send(await deps.products.create(req.actor, req.body)),
    );
    app.patch(
      '/api/v1/products/:id',
      { config: write, schema: { tags, params: ZIdParams, body: ZUpdateProduct, response: { 200: ZProduct } } },
      (req) => deps.products.update(req.actor, req.params.id, req.body),
    );
    await fastify.register(deps.priceLists);
  };
}
