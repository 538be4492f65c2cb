import {
  Permission,
  ZContact,
  ZContactInput,
  ZCreateCustomer,
  ZCustomer,
  ZCustomerListQuery,
  ZDuplicateCheckRequest,
  ZDuplicateCheckResult,
  ZIdParams,
  ZPage,
  ZUpdateContact,
  ZUpdateCustomer,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CustomerService } from './customers.service.ts';
import type { DuplicateCheckService } from './duplicate-check.service.ts';

const ZCustomerDetail = z.object({ customer: ZCustomer, contacts: z.array(ZContact) });
const ZContactParams = z.object({ id: z.uuid(), contactId: z.uuid() });

export function customerRoutes(deps: {
  customers: CustomerService;
  duplicates: DuplicateCheckService;
  /** Grading (grading/grading.routes.ts). */
  grading: FastifyPluginAsync;
  /** Count and export of the list (export/customer-list.routes.ts). */
  list: FastifyPluginAsync;
  /** Activities, 360 panels and merges (activities/, panels/, merge/). */
  activities: FastifyPluginAsync;
  panels: FastifyPluginAsync;
  merges: FastifyPluginAsync;
  /** Public pools, assignment and batch operations (pool/pool.routes.ts). */
  pool: FastifyPluginAsync;
  /** Business-registry lookups, refreshes and change history (registry/registry.routes.ts). */
  registry: FastifyPluginAsync;
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['customers'];
    const read = { permission: Permission.customerRead };
    const create = { permission: Permission.customerCreate };
    const update = { permission: Permission.customerUpdate };

    app.get(
      '/api/v1/customers',
      { config: read, schema: { tags, querystring: ZCustomerListQuery, response: { 200: ZPage(ZCustomer) } } },
      (req) => deps.customers.list(req.actor, req.query),
    );
    app.post(
      '/api/v1/customers/duplicate-check',
      { config: read, schema: { tags, body: ZDuplicateCheckRequest, response: { 200: ZDuplicateCheckResult } } },
      (req) => deps.duplicates.check(req.actor, req.body),
    );
    app.get('/api/v1/customers/:id', { config: read, schema: { tags, params: ZIdParams, response: { 200: ZCustomerDetail } } }, (req) =>
      deps.customers.get(req.actor, req.params.id),
    );
    app.post(
      '/api/v1/customers',
      { config: create, schema: { tags, body: ZCreateCustomer, response: { 201: ZCustomer } } },
      async (req, reply) => reply.code(201).send(await deps.customers.create(req.actor, req.body)),
    );
    app.patch(
      '/api/v1/customers/:id',
      { config: update, schema: { tags, params: ZIdParams, body: ZUpdateCustomer, response: { 200: ZCustomer } } },
      (req) => deps.customers.update(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/customers/:id/contacts',
      { config: read, schema: { tags, params: ZIdParams, response: { 200: z.object({ items: z.array(ZContact) }) } } },
      async (req) => ({ items: (await deps.customers.get(req.actor, req.params.id)).contacts }),
    );
    app.post(
      '/api/v1/customers/:id/contacts',
      { config: update, schema: { tags, params: ZIdParams, body: ZContactInput, response: { 201: ZContact } } },
      async (req, reply) => reply.code(201).send(await deps.customers.addContact(req.actor, req.params.id, req.body)),
    );
    app.patch(
      '/api/v1/customers/:id/contacts/:contactId',
      { config: update, schema: { tags, params: ZContactParams, body: ZUpdateContact, response: { 200: ZContact } } },
      (req) => deps.customers.updateContact(req.actor, req.params.id, req.params.contactId, req.body),
    );
    app.delete(
      '/api/v1/customers/:id/contacts/:contactId',
      { config: update, schema: { tags, params: ZContactParams } },
      async (req, reply) => {
        await deps.customers.removeContact(req.actor, req.params.id, req.params.contactId);
        return reply.code(204).send();
      },
    );
    await fastify.register(deps.grading);
    await fastify.register(deps.list);
    await fastify.register(deps.activities);
    await fastify.register(deps.panels);
    await fastify.register(deps.merges);
    await fastify.register(deps.pool);
    await fastify.register(deps.registry);
  };
}
