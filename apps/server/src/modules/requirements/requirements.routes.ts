import {
  Permission,
  ZCreateRequirement,
  ZIdParams,
  ZPage,
  ZRequirement,
  ZRequirementActionRequest,
  ZRequirementAttachmentParams,
  ZRequirementCancelRequest,
  ZRequirementLineParams,
  ZRequirementLineReviewRequest,
  ZRequirementListItem,
  ZRequirementListQuery,
  ZUpdateRequirement,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendStoredFile } from '../../kernel/files/files.service.ts';
import type { RequirementReview } from './requirement-review.service.ts';
import type { RequirementWorkflow } from './requirement-workflow.service.ts';
import type { RequirementService } from './requirements.service.ts';

export function requirementRoutes(deps: {
  requirements: RequirementService;
  workflow: RequirementWorkflow;
  review: RequirementReview;
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['requirements'];
    const read = { permission: Permission.requirementRead };
    const write = { permission: Permission.requirementWrite };
    const { requirements, workflow, review } = deps;

    app.get(
      '/api/v1/requirements',
      { config: read, schema: { tags, querystring: ZRequirementListQuery, response: { 200: ZPage(ZRequirementListItem) } } },
      (req) => requirements.list(req.actor, req.query),
    );
    app.post(
      '/api/v1/requirements',
      { config: write, schema: { tags, body: ZCreateRequirement, response: { 201: ZRequirement } } },
      async (req, reply) => reply.code(201).send(await requirements.create(req.actor, req.body)),
    );
    app.get('/api/v1/requirements/:id', { config: read, schema: { tags, params: ZIdParams, response: { 200: ZRequirement } } }, (req) =>
      requirements.get(req.actor, req.params.id),
    );
    app.patch(
      '/api/v1/requirements/:id',
      { config: write, schema: { tags, params: ZIdParams, body: ZUpdateRequirement, response: { 200: ZRequirement } } },
      (req) => requirements.update(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/requirements/:id/submit',
      { config: write, schema: { tags, params: ZIdParams, body: ZRequirementActionRequest, response: { 200: ZRequirement } } },
      (req) => workflow.submit(req.actor, req.params.id, req.body.version),
    );
    app.post(
      '/api/v1/requirements/:id/withdraw',
      { config: write, schema: { tags, params: ZIdParams, body: ZRequirementActionRequest, response: { 200: ZRequirement } } },
      (req) => workflow.withdraw(req.actor, req.params.id, req.body.version),
    );
    app.post(
      '/api/v1/requirements/:id/cancel',
      { config: write, schema: { tags, params: ZIdParams, body: ZRequirementCancelRequest, response: { 200: ZRequirement } } },
      (req) => workflow.cancel(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/requirements/:id/lines/:lineId/review',
      {
        config: { permission: Permission.requirementReview },
        schema: { tags, params: ZRequirementLineParams, body: ZRequirementLineReviewRequest, response: { 200: ZRequirement } },
      },
      (req) => review.reviewLine(req.actor, req.params.id, req.params.lineId, req.body),
    );
    app.get(
      '/api/v1/requirements/:id/attachments/:fileId',
      { config: read, schema: { tags, params: ZRequirementAttachmentParams } },
      async (req, reply) => sendStoredFile(reply, await requirements.openAttachment(req.actor, req.params.id, req.params.fileId)),
    );
  };
}
