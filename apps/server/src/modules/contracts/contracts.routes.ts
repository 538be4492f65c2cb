import {
  Permission,
  ZAnnexImportResult,
  ZContract,
  ZContractAmend,
  ZContractCreate,
  ZContractDiff,
  ZContractListItem,
  ZContractListQuery,
  ZContractReview,
  ZContractSettings,
  ZContractSign,
  ZContractSubmit,
  ZContractTerminate,
  ZContractTransition,
  ZContractUpdate,
  ZId,
  ZIdParams,
  ZPage,
} from '@crm/contracts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { contentDisposition } from '../../kernel/files/files.service.ts';
import type { ContractAnnexService } from './contract-annex.service.ts';
import type { ContractSettingsService } from './contract-settings.service.ts';
import type { ContractWorkflow } from './contract-workflow.service.ts';
import type { ContractService } from './contracts.service.ts';

const ZVersionQuery = z.object({ versionId: ZId.optional() });

/** The actor in the language of this request (findings, diff and messages are written in it). */
const actorOf = (req: FastifyRequest) => (req.locale === req.actor.locale ? req.actor : { ...req.actor, locale: req.locale });
const ZSettingsBody = z.object({ settings: ZContractSettings, version: z.number().int().min(1) });
const ZAnnexQuery = z.object({ mode: z.enum(['replace', 'append']).default('replace') });

export function contractRoutes(deps: {
  contracts: ContractService;
  workflow: ContractWorkflow;
  annex: ContractAnnexService;
  settings: ContractSettingsService;
  extra: FastifyPluginAsync[];
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['contracts'];
    const read = { permission: Permission.contractRead };
    const write = { permission: Permission.contractWrite };
    const sign = { permission: Permission.contractSign };
    const { contracts, workflow } = deps;

    app.get(
      '/api/v1/contracts',
      { config: read, schema: { tags, querystring: ZContractListQuery, response: { 200: ZPage(ZContractListItem) } } },
      (req) => contracts.list(actorOf(req), req.query),
    );
    app.post(
      '/api/v1/contracts',
      { config: write, schema: { tags, body: ZContractCreate, response: { 201: ZContract } } },
      async (req, reply) => reply.code(201).send(await contracts.create(actorOf(req), req.body)),
    );
    app.get('/api/v1/contracts/annex-template.xlsx', { config: read, schema: { tags } }, async (req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(req.locale === 'en-US' ? 'product-list-annex.xlsx' : '产品清单附件.xlsx'))
        .send(await deps.annex.template(req.locale)),
    );
    app.get('/api/v1/contract-settings', { config: read, schema: { tags, response: { 200: ZSettingsBody } } }, (req) =>
      deps.settings.get(actorOf(req)),
    );
    app.put(
      '/api/v1/contract-settings',
      { config: { permission: Permission.contractSettings }, schema: { tags, body: ZSettingsBody, response: { 200: ZSettingsBody } } },
      (req) => deps.settings.update(actorOf(req), req.body),
    );
    app.get(
      '/api/v1/contracts/:id',
      { config: read, schema: { tags, params: ZIdParams, querystring: ZVersionQuery, response: { 200: ZContract } } },
      (req) => contracts.get(actorOf(req), req.params.id, req.query.versionId),
    );
    app.patch(
      '/api/v1/contracts/:id',
      { config: write, schema: { tags, params: ZIdParams, body: ZContractUpdate, response: { 200: ZContract } } },
      (req) => contracts.update(actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/v1/contracts/:id/review',
      { config: read, schema: { tags, params: ZIdParams, response: { 200: ZContractReview } } },
      (req) => contracts.review(actorOf(req), req.params.id),
    );
    app.post(
      '/api/v1/contracts/:id/submit',
      { config: write, schema: { tags, params: ZIdParams, body: ZContractSubmit, response: { 200: ZContract } } },
      (req) => workflow.submit(actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/v1/contracts/:id/withdraw',
      { config: write, schema: { tags, params: ZIdParams, body: ZContractTransition, response: { 200: ZContract } } },
      (req) => workflow.withdraw(actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/v1/contracts/:id/sign',
      { config: sign, schema: { tags, params: ZIdParams, body: ZContractSign, response: { 200: ZContract } } },
      (req) => workflow.sign(actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/v1/contracts/:id/execute',
      { config: sign, schema: { tags, params: ZIdParams, body: ZContractTransition, response: { 200: ZContract } } },
      (req) => workflow.execute(actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/v1/contracts/:id/complete',
      { config: sign, schema: { tags, params: ZIdParams, body: ZContractTransition, response: { 200: ZContract } } },
      (req) => workflow.complete(actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/v1/contracts/:id/terminate',
      { config: sign, schema: { tags, params: ZIdParams, body: ZContractTerminate, response: { 200: ZContract } } },
      (req) => workflow.terminate(actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/v1/contracts/:id/amendments',
      { config: write, schema: { tags, params: ZIdParams, body: ZContractAmend, response: { 200: ZContract } } },
      (req) => workflow.amend(actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/api/v1/contracts/:id/diff',
      { config: read, schema: { tags, params: ZIdParams, querystring: ZVersionQuery, response: { 200: ZContractDiff } } },
      (req) => workflow.diff(actorOf(req), req.params.id, req.query.versionId),
    );
    app.post(
      '/api/v1/contracts/:id/annex',
      {
        config: write,
        schema: {
          tags,
          params: ZIdParams,
          querystring: ZAnnexQuery,
          consumes: ['multipart/form-data'],
          response: { 200: ZAnnexImportResult },
        },
      },
      async (req) => {
        if (!req.isMultipart())
          throw new AppError(CommonError.UNSUPPORTED_MEDIA_TYPE, { params: { type: req.headers['content-type'] ?? '-' } });
        const part = await req.file();
        if (!part)
          throw new AppError(CommonError.VALIDATION_FAILED, {
            fields: [{ path: 'file', code: 'required', messageKey: 'validation.required' }],
          });
        const field = part.fields.mode as { value?: unknown } | undefined;
        const mode = field?.value === 'append' ? 'append' : req.query.mode;
        return deps.annex.importAnnex(actorOf(req), req.params.id, { name: part.filename, content: await part.toBuffer() }, mode);
      },
    );
    for (const plugin of deps.extra) await fastify.register(plugin);
  };
}
