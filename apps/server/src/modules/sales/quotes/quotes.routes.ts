import {
  Permission,
  ZCreateQuote,
  ZIdParams,
  ZPage,
  ZQuote,
  ZQuoteAcceptRequest,
  ZQuoteApprovalRequest,
  ZQuoteCompany,
  ZQuoteExportQuery,
  ZQuoteListItem,
  ZQuoteListQuery,
  ZQuotePreview,
  ZQuotePreviewRequest,
  ZQuoteRejectRequest,
  ZQuoteSettings,
  ZQuoteVersionParams,
  ZQuoteVersionRequest,
  ZUpdateQuote,
  ZUpdateQuoteSettings,
} from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../../kernel/files/files.service.ts';
import type { QuoteExportService } from './quote-export.service.ts';
import type { QuoteSettingsService } from './quote-settings.service.ts';
import type { QuoteWorkflow } from './quote-workflow.service.ts';
import type { QuoteService } from './quotes.service.ts';

export function quoteRoutes(deps: {
  quotes: QuoteService;
  workflow: QuoteWorkflow;
  exports: QuoteExportService;
  settings: QuoteSettingsService;
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['quotes'];
    const read = { permission: Permission.quoteRead };
    const write = { permission: Permission.quoteWrite };
    const { quotes, workflow } = deps;

    app.get(
      '/api/v1/quotes',
      { config: read, schema: { tags, querystring: ZQuoteListQuery, response: { 200: ZPage(ZQuoteListItem) } } },
      (req) => quotes.list(req.actor, req.query),
    );
    app.post('/api/v1/quotes', { config: write, schema: { tags, body: ZCreateQuote, response: { 201: ZQuote } } }, async (req, reply) =>
      reply.code(201).send(await quotes.create(req.actor, req.body)),
    );
    app.post(
      '/api/v1/quotes/preview',
      { config: write, schema: { tags, body: ZQuotePreviewRequest, response: { 200: ZQuotePreview } } },
      (req) => quotes.preview(req.actor, req.body),
    );
    app.get('/api/v1/quotes/company', { config: read, schema: { tags, response: { 200: ZQuoteCompany } } }, () => deps.settings.company());
    app.get(
      '/api/v1/quotes/settings',
      { config: { permission: Permission.quoteSettings }, schema: { tags, response: { 200: ZQuoteSettings } } },
      () => deps.settings.get(),
    );
    app.put(
      '/api/v1/quotes/settings',
      { config: { permission: Permission.quoteSettings }, schema: { tags, body: ZUpdateQuoteSettings, response: { 200: ZQuoteSettings } } },
      (req) => deps.settings.update(req.actor, req.body),
    );
    app.get('/api/v1/quotes/:id', { config: read, schema: { tags, params: ZIdParams, response: { 200: ZQuote } } }, (req) =>
      quotes.get(req.actor, req.params.id),
    );
    app.patch(
      '/api/v1/quotes/:id',
      { config: write, schema: { tags, params: ZIdParams, body: ZUpdateQuote, response: { 200: ZQuote } } },
      (req) => quotes.update(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/quotes/:id/versions/:versionNo',
      { config: read, schema: { tags, params: ZQuoteVersionParams, response: { 200: ZQuote } } },
      (req) => quotes.get(req.actor, req.params.id, req.params.versionNo),
    );
    app.post(
      '/api/v1/quotes/:id/versions',
      { config: write, schema: { tags, params: ZIdParams, body: ZQuoteVersionRequest, response: { 201: ZQuote } } },
      async (req, reply) => reply.code(201).send(await quotes.newVersion(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/v1/quotes/:id/submit',
      { config: write, schema: { tags, params: ZIdParams, body: ZQuoteVersionRequest, response: { 200: ZQuote } } },
      (req) => workflow.submit(req.actor, req.params.id, req.body.version),
    );
    app.post(
      '/api/v1/quotes/:id/withdraw',
      { config: write, schema: { tags, params: ZIdParams, body: ZQuoteVersionRequest, response: { 200: ZQuote } } },
      (req) => workflow.withdraw(req.actor, req.params.id, req.body.version),
    );
    app.post(
      '/api/v1/quotes/:id/approval',
      {
        config: { permission: Permission.quoteApprove },
        schema: { tags, params: ZIdParams, body: ZQuoteApprovalRequest, response: { 200: ZQuote } },
      },
      (req) => workflow.decide(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/quotes/:id/send',
      { config: write, schema: { tags, params: ZIdParams, body: ZQuoteVersionRequest, response: { 200: ZQuote } } },
      (req) => workflow.send(req.actor, req.params.id, req.body.version),
    );
    app.post(
      '/api/v1/quotes/:id/accept',
      { config: write, schema: { tags, params: ZIdParams, body: ZQuoteAcceptRequest, response: { 200: ZQuote } } },
      (req) => workflow.accept(req.actor, req.params.id, req.body),
    );
    app.post(
      '/api/v1/quotes/:id/reject',
      { config: write, schema: { tags, params: ZIdParams, body: ZQuoteRejectRequest, response: { 200: ZQuote } } },
      (req) => workflow.reject(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/quotes/:id/export',
      { config: { permission: Permission.quoteExport }, schema: { tags, params: ZIdParams, querystring: ZQuoteExportQuery } },
      async (req, reply) => {
        const file = await deps.exports.export(req.actor, req.params.id, req.query, req.locale);
        return reply.type(file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.body);
      },
    );
  };
}
