import {
  Permission,
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
  ZUpdateLead,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerRecordActivityRoutes } from '../../customers/index.ts';
import type { LeadActivityService } from './lead-activities.service.ts';
import type { LeadAssignmentService } from './lead-assignment.service.ts';
import type { LeadConversionService } from './lead-conversion.service.ts';
import type { LeadSourceService } from './lead-sources.service.ts';
import type { LeadService } from './leads.service.ts';

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

    registerRecordActivityRoutes(fastify, { path: '/api/v1/leads', tags, readPermission: Permission.leadRead, service: deps.activities });

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
