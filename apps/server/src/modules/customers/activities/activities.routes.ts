import {
  Permission,
  ZActivity,
  ZActivityByCustomerQuery,
  ZActivityListQuery,
  ZCreateActivity,
  ZCreateCustomerActivity,
  ZIdParams,
  ZPage,
  ZRecentActivity,
  ZRecentActivityQuery,
  ZUpdateActivity,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoredFile } from '../../../kernel/files/files.service.ts';
import type { ActivityService } from './activities.service.ts';
import type { RecentActivityService } from './recent-activities.service.ts';

const ZActivityParams = z.object({ id: z.uuid(), activityId: z.uuid() });
const ZAttachmentParams = ZActivityParams.extend({ fileId: z.uuid() });

export function activityRoutes(deps: { activities: ActivityService; recent: RecentActivityService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['activities'];
    const read = { permission: Permission.customerRead };
    const write = { permission: Permission.activityWrite };

    app.get(
      '/api/v1/customers/:id/activities',
      { config: read, schema: { tags, params: ZIdParams, querystring: ZActivityListQuery, response: { 200: ZPage(ZActivity) } } },
      (req) => deps.activities.list(req.actor, req.params.id, req.query),
    );
    app.post(
      '/api/v1/customers/:id/activities',
      { config: write, schema: { tags, params: ZIdParams, body: ZCreateActivity, response: { 201: ZActivity } } },
      async (req, reply) => reply.code(201).send(await deps.activities.create(req.actor, req.params.id, req.body)),
    );
    app.get(
      '/api/v1/activities/recent',
      {
        config: read,
        schema: { tags, querystring: ZRecentActivityQuery, response: { 200: z.object({ items: z.array(ZRecentActivity) }) } },
      },
      (req) => deps.recent.recent(req.actor, req.query),
    );
    // The same timeline addressed by query / body, for clients that work with activities first.
    app.get(
      '/api/v1/activities',
      { config: read, schema: { tags, querystring: ZActivityByCustomerQuery, response: { 200: ZPage(ZActivity) } } },
      (req) => {
        const { customerId, ...query } = req.query;
        return deps.activities.list(req.actor, customerId, query);
      },
    );
    app.post(
      '/api/v1/activities',
      { config: write, schema: { tags, body: ZCreateCustomerActivity, response: { 201: ZActivity } } },
      async (req, reply) => {
        const { customerId, ...input } = req.body;
        return reply.code(201).send(await deps.activities.create(req.actor, customerId, input));
      },
    );
    app.patch(
      '/api/v1/customers/:id/activities/:activityId',
      { config: write, schema: { tags, params: ZActivityParams, body: ZUpdateActivity, response: { 200: ZActivity } } },
      (req) => deps.activities.update(req.actor, req.params.id, req.params.activityId, req.body),
    );
    app.delete(
      '/api/v1/customers/:id/activities/:activityId',
      { config: write, schema: { tags, params: ZActivityParams } },
      async (req, reply) => {
        await deps.activities.remove(req.actor, req.params.id, req.params.activityId);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/v1/customers/:id/activities/:activityId/attachments/:fileId',
      { config: read, schema: { tags, params: ZAttachmentParams } },
      async (req, reply) => {
        return sendStoredFile(
          reply,
          await deps.activities.openAttachment(req.actor, req.params.id, req.params.activityId, req.params.fileId),
        );
      },
    );
  };
}
