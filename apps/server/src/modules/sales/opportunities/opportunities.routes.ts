import {
  Permission,
  ZBoard,
  ZBoardCard,
  ZBoardColumnQuery,
  ZBoardQuery,
  ZCreateOpportunity,
  ZForecast,
  ZForecastQuery,
  ZIdParams,
  ZMoveStage,
  ZOpportunity,
  ZOpportunityListQuery,
  ZOpportunitySummary,
  ZPage,
  ZPipeline,
  ZPipelineSummary,
  ZPipelineSummaryQuery,
  ZStageChange,
  ZUpdateOpportunity,
  ZUpdatePipeline,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoredFile } from '../../../kernel/files/files.service.ts';
import { registerRecordActivityRoutes, type RecordActivityService } from '../../customers/index.ts';
import type { BoardService } from './board.service.ts';
import type { OpportunityService } from './opportunities.service.ts';
import type { PipelineService } from './pipeline.service.ts';

export function opportunityRoutes(deps: {
  opportunities: OpportunityService;
  board: BoardService;
  pipeline: PipelineService;
  activities: RecordActivityService;
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['opportunities'];
    const read = { permission: Permission.opportunityRead };
    const create = { permission: Permission.opportunityCreate };
    const update = { permission: Permission.opportunityUpdate };

    registerRecordActivityRoutes(fastify, {
      path: '/api/v1/opportunities',
      tags,
      readPermission: Permission.opportunityRead,
      service: deps.activities,
    });

    app.get(
      '/api/v1/opportunities',
      { config: read, schema: { tags, querystring: ZOpportunityListQuery, response: { 200: ZPage(ZOpportunitySummary) } } },
      (req) => deps.opportunities.list(req.actor, req.query),
    );
    app.post(
      '/api/v1/opportunities',
      { config: create, schema: { tags, body: ZCreateOpportunity, response: { 201: ZOpportunity } } },
      async (req, reply) => reply.code(201).send(await deps.opportunities.create(req.actor, req.body)),
    );
    app.get('/api/v1/opportunities/board', { config: read, schema: { tags, querystring: ZBoardQuery, response: { 200: ZBoard } } }, (req) =>
      deps.board.board(req.actor, req.query),
    );
    app.get(
      '/api/v1/opportunities/board/column',
      {
        config: read,
        schema: {
          tags,
          querystring: ZBoardColumnQuery,
          response: { 200: z.object({ cards: z.array(ZBoardCard), nextCursor: z.string().nullable() }) },
        },
      },
      (req) => deps.board.column(req.actor, req.query),
    );
    app.get(
      '/api/v1/opportunities/pipeline-summary',
      { config: read, schema: { tags, querystring: ZPipelineSummaryQuery, response: { 200: ZPipelineSummary } } },
      (req) => deps.board.summary(req.actor, req.query),
    );
    app.get(
      '/api/v1/opportunities/forecast',
      { config: read, schema: { tags, querystring: ZForecastQuery, response: { 200: ZForecast } } },
      (req) => deps.board.forecast(req.actor, req.query),
    );
    app.get('/api/v1/opportunities/:id', { config: read, schema: { tags, params: ZIdParams, response: { 200: ZOpportunity } } }, (req) =>
      deps.opportunities.get(req.actor, req.params.id),
    );
    app.patch(
      '/api/v1/opportunities/:id',
      { config: update, schema: { tags, params: ZIdParams, body: ZUpdateOpportunity, response: { 200: ZOpportunity } } },
      (req) => deps.opportunities.update(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/opportunities/:id/stage',
      { config: update, schema: { tags, params: ZIdParams, body: ZMoveStage, response: { 200: ZOpportunity } } },
      (req) => deps.opportunities.moveStage(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/opportunities/:id/stage-history',
      { config: read, schema: { tags, params: ZIdParams, response: { 200: z.object({ items: z.array(ZStageChange) }) } } },
      async (req) => ({ items: await deps.opportunities.history(req.actor, req.params.id) }),
    );
    app.get('/api/v1/opportunities/:id/award-notice', { config: read, schema: { tags, params: ZIdParams } }, async (req, reply) => {
      return sendStoredFile(reply, await deps.opportunities.openAwardNotice(req.actor, req.params.id));
    });
    app.get('/api/v1/opportunity-pipeline', { config: read, schema: { tags, response: { 200: ZPipeline } } }, () => deps.pipeline.get());
    app.put(
      '/api/v1/opportunity-pipeline',
      {
        config: { permission: Permission.opportunityPipelineManage },
        schema: { tags, body: ZUpdatePipeline, response: { 200: ZPipeline } },
      },
      (req) => deps.pipeline.update(req.actor, req.body),
    );
  };
}
