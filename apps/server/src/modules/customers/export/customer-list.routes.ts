import { Permission, ZCustomerCount, ZCustomerExportQuery, ZCustomerListFilters } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../../kernel/files/files.service.ts';
import type { CustomerService } from '../customers.service.ts';
import type { CustomerExportService } from './customer-export.service.ts';

/** The list's capped count and its xlsx export (same filters and sort as `GET /api/v1/customers`). */
export function customerListRoutes(deps: { customers: CustomerService; exports: CustomerExportService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['customers'];
    app.get(
      '/api/v1/customers/count',
      {
        config: { permission: Permission.customerRead },
        schema: { tags, querystring: ZCustomerListFilters, response: { 200: ZCustomerCount } },
      },
      (req) => deps.customers.count(req.actor, req.query),
    );
    app.get(
      '/api/v1/customers/export',
      { config: { permission: Permission.customerExport }, schema: { tags, querystring: ZCustomerExportQuery } },
      async (req, reply) => {
        const file = await deps.exports.export(req.actor, req.query, req.locale);
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-export-truncated', file.truncated ? '1' : '0')
          .send(file.stream);
      },
    );
  };
}
