import {
  Permission,
  ZAssignmentRule,
  ZAssignmentRuleInput,
  ZAssignRequest,
  ZCustomer,
  ZCustomerBatchRequest,
  ZCustomerBatchResult,
  ZCustomerPool,
  ZIdParams,
  ZOwnerChange,
  ZPage,
  ZPoolCustomerQuery,
  ZPoolSettings,
  ZPoolStatus,
  ZReasonBody,
  ZReclaimOutcome,
  ZUpdateAssignmentRule,
  ZUpdatePool,
  ZVersion,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { CustomerRow } from './pool.repository.ts';
import type { AssignmentRuleService } from './assignment-rules.service.ts';
import type { OwnershipService } from './ownership.service.ts';
import type { PoolService } from './pool.service.ts';

export function poolRoutes(deps: {
  pools: PoolService;
  ownership: OwnershipService;
  rules: AssignmentRuleService;
  present: (actor: Actor, rows: CustomerRow[]) => Promise<z.infer<typeof ZCustomer>[]>;
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['customer pools'];
    const read = { permission: Permission.customerRead };
    const manage = { permission: Permission.customerPoolManage };
    const one = async (actor: Actor, row: Promise<CustomerRow>) => (await deps.present(actor, [await row]))[0]!;

    app.get('/api/v1/customer-pools', { config: read, schema: { tags, response: { 200: z.array(ZCustomerPool) } } }, (req) =>
      deps.pools.list(req.actor),
    );
    app.get('/api/v1/customer-pools/status', { config: read, schema: { tags, response: { 200: ZPoolStatus } } }, (req) =>
      deps.pools.status(req.actor),
    );
    app.get(
      '/api/v1/customer-pools/customers',
      { config: read, schema: { tags, querystring: ZPoolCustomerQuery, response: { 200: ZPage(ZCustomer) } } },
      (req) => deps.pools.customers(req.actor, req.query),
    );
    app.post(
      '/api/v1/customer-pools',
      { config: manage, schema: { tags, body: ZPoolSettings, response: { 201: ZCustomerPool } } },
      async (req, reply) => reply.code(201).send(await deps.pools.create(req.actor, req.body)),
    );
    app.patch(
      '/api/v1/customer-pools/:id',
      { config: manage, schema: { tags, params: ZIdParams, body: ZUpdatePool, response: { 200: ZCustomerPool } } },
      (req) => deps.pools.update(req.actor, req.params.id, req.body),
    );
    app.post('/api/v1/customer-pools/reclaim', { config: manage, schema: { tags, response: { 200: ZReclaimOutcome } } }, () =>
      deps.pools.reclaim(),
    );

    app.post(
      '/api/v1/customers/:id/claim',
      { config: { permission: Permission.customerClaim }, schema: { tags, params: ZIdParams, response: { 200: ZCustomer } } },
      (req) => one(req.actor, deps.ownership.claim(req.actor, req.params.id)),
    );
    app.post(
      '/api/v1/customers/:id/release',
      {
        config: { permission: Permission.customerRelease },
        schema: { tags, params: ZIdParams, body: ZReasonBody, response: { 200: ZCustomer } },
      },
      (req) => one(req.actor, deps.ownership.release(req.actor, req.params.id, req.body.reason)),
    );
    app.post(
      '/api/v1/customers/:id/assign',
      {
        config: { permission: Permission.customerAssign },
        schema: { tags, params: ZIdParams, body: ZAssignRequest, response: { 200: ZCustomer } },
      },
      (req) => one(req.actor, deps.ownership.assign(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/v1/customers/:id/auto-assign',
      { config: { permission: Permission.customerAssign }, schema: { tags, params: ZIdParams, response: { 200: ZCustomer } } },
      (req) => one(req.actor, deps.ownership.autoAssign(req.actor, req.params.id)),
    );
    app.get(
      '/api/v1/customers/:id/owner-history',
      { config: read, schema: { tags, params: ZIdParams, response: { 200: z.object({ items: z.array(ZOwnerChange) }) } } },
      async (req) => ({ items: await deps.pools.ownerHistory(req.actor, req.params.id) }),
    );
    app.post(
      '/api/v1/customers/batch',
      {
        config: { permission: Permission.customerUpdate },
        schema: { tags, body: ZCustomerBatchRequest, response: { 200: ZCustomerBatchResult } },
        // Also accepted as `{ operation, ids }`.
        preValidation: async (req) => {
          const body = req.body as Record<string, unknown> | null;
          if (!body || typeof body !== 'object') return;
          if (body.action === undefined && body.operation !== undefined) {
            body.action = body.operation;
            delete body.operation;
          }
          if (body.customerIds === undefined && body.ids !== undefined) {
            body.customerIds = body.ids;
            delete body.ids;
          }
        },
      },
      (req) => deps.ownership.batch(req.actor, req.body),
    );

    app.get('/api/v1/customer-assignment-rules', { config: manage, schema: { tags, response: { 200: z.array(ZAssignmentRule) } } }, (req) =>
      deps.rules.list(req.actor),
    );
    app.post(
      '/api/v1/customer-assignment-rules',
      { config: manage, schema: { tags, body: ZAssignmentRuleInput, response: { 201: ZAssignmentRule } } },
      async (req, reply) => reply.code(201).send(await deps.rules.create(req.actor, req.body)),
    );
    app.patch(
      '/api/v1/customer-assignment-rules/:id',
      { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateAssignmentRule, response: { 200: ZAssignmentRule } } },
      (req) => deps.rules.update(req.actor, req.params.id, req.body),
    );
    app.delete(
      '/api/v1/customer-assignment-rules/:id',
      { config: manage, schema: { tags, params: ZIdParams, querystring: z.object({ version: z.coerce.number().pipe(ZVersion) }) } },
      async (req, reply) => {
        await deps.rules.remove(req.actor, req.params.id, req.query.version);
        return reply.code(204).send();
      },
    );
  };
}
