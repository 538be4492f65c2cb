import {
  Permission,
  ZActivity,
  ZActivityListQuery,
  ZCreateActivity,
  ZCreateLead,
  ZIdParams,
  ZLead,
  ZLeadAssignRequest,
  ZLeadBatchAssignRequest,
  ZLeadBatchResult,
  ZLeadConversionPreview,
  ZLeadConvertRequest,
  ZLeadConvertResult,
  ZLeadDisqualifyRequest,
  ZLeadListQuery,
  ZLeadQualifyRequest,
  ZLeadReopenRequest,
  ZLeadSource,
  ZLeadSourcesUpdate,
  ZPage,
  ZUpdateActivity,
  ZUpdateLead,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoredFile } from '../../../kernel/files/files.service.ts';
import type { LeadActivityService } from './lead-activities.service.ts';
import type { LeadAssignmentService } from './lead-assignment.service.ts';
import type { LeadConversionService } from './lead-conversion.service.ts';
import type { LeadSourceService } from './lead-sources.service.ts';
import type { LeadService } from './leads.service.ts';

const ZActivityParams = z.object({ id: z.uuid(), activityId: z.uuid() });
const ZAttachmentParams = ZActivityParams.extend({ fileId: z.uuid() });

export function leadRoutes(deps: {
  leads: LeadService;
  assignment: LeadAssignmentService;
  conversion: LeadConversionService;
  activities: LeadActivityService;
  sources: LeadSourceService;
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['leads'];
    const read = { permission: Permission.leadRead };
    const create = { permission: Permission.leadCreate };
    const update = { permission: Permission.leadUpdate };
    const assign = { permission: Permission.leadAssign };
    const convert = { permission: Permission.leadConvert };
    const write = { permission: Permission.activityWrite };

    app.get('/api/v1/leads', { config: read, schema: { tags, querystring: ZLeadListQuery, response: { 200: ZPage(ZLead) } } }, (req) =>
      deps.leads.list(req.actor, req.query),
    );
    app.post('/api/v1/leads', { config: create, schema: { tags, body: ZCreateLead, response: { 201: ZLead } } }, async (req, reply) =>
      reply.code(201).send(await deps.leads.create(req.actor, req.body)),
    );
    app.post(
      '/api/v1/leads/batch-assign',
      { config: assign, schema: { tags, body: ZLeadBatchAssignRequest, response: { 200: ZLeadBatchResult } } },
      (req) => deps.assignment.batch(req.actor, req.body),
    );
    app.get('/api/v1/leads/:id', { config: read, schema: { tags, params: ZIdParams, response: { 200: ZLead } } }, (req) =>
      deps.leads.get(req.actor, req.params.id),
    );
    app.patch(
      '/api/v1/leads/:id',
      { config: update, schema: { tags, params: ZIdParams, body: ZUpdateLead, response: { 200: ZLead } } },
      (req) => deps.leads.update(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/leads/:id/assign',
      { config: assign, schema: { tags, params: ZIdParams, body: ZLeadAssignRequest, response: { 200: ZLead } } },
      (req) => deps.assignment.assign(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/leads/:id/qualify',
      { config: update, schema: { tags, params: ZIdParams, body: ZLeadQualifyRequest, response: { 200: ZLead } } },
      (req) => deps.leads.qualify(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/leads/:id/disqualify',
      { config: update, schema: { tags, params: ZIdParams, body: ZLeadDisqualifyRequest, response: { 200: ZLead } } },
      (req) => deps.leads.disqualify(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/leads/:id/reopen',
      { config: update, schema: { tags, params: ZIdParams, body: ZLeadReopenRequest, response: { 200: ZLead } } },
      (req) => deps.leads.reopen(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/leads/:id/convert/preview',
      { config: convert, schema: { tags, params: ZIdParams, response: { 200: ZLeadConversionPreview } } },
      (req) => deps.conversion.preview(req.actor, req.params.id),
    );
    app.post(
      '/api/v1/leads/:id/convert',
      { config: convert, schema: { tags, params: ZIdParams, body: ZLeadConvertRequest, response: { 200: ZLeadConvertResult } } },
      (req) => deps.conversion.convert(req.actor, req.params.id, req.body),
    );

    app.get(
      '/api/v1/leads/:id/activities',
      { config: read, schema: { tags, params: ZIdParams, querystring: ZActivityListQuery, response: { 200: ZPage(ZActivity) } } },
      (req) => deps.activities.list(req.actor, req.params.id, req.query),
    );
    app.post(
      '/api/v1/leads/:id/activities',
      { config: write, schema: { tags, params: ZIdParams, body: ZCreateActivity, response: { 201: ZActivity } } },
      async (req, reply) => reply.code(201).send(await deps.activities.create(req.actor, req.params.id, req.body)),
    );
    app.patch(
      '/api/v1/leads/:id/activities/:activityId',
      { config: write, schema: { tags, params: ZActivityParams, body: ZUpdateActivity, response: { 200: ZActivity } } },
      (req) => deps.activities.update(req.actor, req.params.id, req.params.activityId, req.body),
    );
    app.delete(
      '/api/v1/leads/:id/activities/:activityId',
      { config: write, schema: { tags, params: ZActivityParams } },
      async (req, reply) => {
        await deps.activities.remove(req.actor, req.params.id, req.params.activityId);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/v1/leads/:id/activities/:activityId/attachments/:fileId',
      { config: read, schema: { tags, params: ZAttachmentParams } },
      async (req, reply) => {
        return sendStoredFile(
          reply,
          await deps.activities.openAttachment(req.actor, req.params.id, req.params.activityId, req.params.fileId),
        );
      },
    );

    app.get('/api/v1/lead-sources', { config: read, schema: { tags, response: { 200: z.array(ZLeadSource) } } }, () => deps.sources.list());
    app.put(
      '/api/v1/lead-sources',
      {
        config: { permission: Permission.leadSettings },
        schema: { tags, body: ZLeadSourcesUpdate, response: { 200: z.array(ZLeadSource) } },
      },
      (req) => deps.sources.update(req.actor, req.body),
    );
  };
}
