import {
  Permission,
  ZContractArchiveSettingsResponse,
  ZContractArchiveSettingsUpdate,
  ZContractDocument,
  ZContractDocumentGenerate,
  ZContractDocumentList,
  ZContractDocumentParams,
  ZContractDocumentUploadFields,
  ZContractDocumentVersionFields,
  ZContractDocumentVersionParams,
  ZContractTemplate,
  ZContractTemplateCreateFields,
  ZContractTemplateList,
  ZContractTemplateListQuery,
  ZContractTemplateUpdate,
  ZIdParams,
} from '@crm/contracts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { contentDisposition, sendStoredFile } from '../../../kernel/files/files.service.ts';
import { requestLocale } from '../../../kernel/http/problem.ts';
import type { ArchiveSettingsService } from './archive-settings.service.ts';
import type { ArchiveService } from './archive.service.ts';
import { ContractDocumentErrorCode } from './documents.errors.ts';
import type { DocumentService } from './documents.service.ts';
import type { TemplateService } from './templates.service.ts';

/** The text fields and the one file (part `file`) of a multipart request, the fields checked by `schema`. */
async function readMultipart<S extends z.ZodType>(
  req: FastifyRequest,
  schema: S,
): Promise<{ fields: z.infer<S>; file: { name: string; content: Buffer } }> {
  if (!req.isMultipart()) throw new AppError(CommonError.UNSUPPORTED_MEDIA_TYPE, { params: { type: req.headers['content-type'] ?? '-' } });
  const raw: Record<string, string> = {};
  let file: { name: string; content: Buffer } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') file = { name: part.filename, content: await part.toBuffer() };
    else if (typeof part.value === 'string' && part.value !== '') raw[part.fieldname] = part.value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(CommonError.VALIDATION_FAILED, {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', code: i.code, message: i.message })),
    });
  }
  if (!file || file.content.length === 0) {
    throw new AppError(ContractDocumentErrorCode.CONTRACT_DOCUMENT_FILE_REQUIRED, {
      fields: [{ path: 'file', code: 'required', messageKey: 'validation.required' }],
    });
  }
  return { fields: parsed.data, file };
}

const ZTemplateVersionParams = z.object({ id: ZIdParams.shape.id, versionNo: z.coerce.number().int().min(1) });

export function contractDocumentRoutes(deps: {
  documents: DocumentService;
  templates: TemplateService;
  archive: ArchiveService;
  settings: ArchiveSettingsService;
  defaultLocale: 'zh-CN' | 'en-US';
}): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['contract-documents'];
    const read = { permission: Permission.contractRead };
    const write = { permission: Permission.contractDocumentWrite };
    const manage = { permission: Permission.contractTemplateManage };
    const { documents, templates } = deps;

    app.get(
      '/api/v1/contracts/:id/documents',
      { config: read, schema: { tags, params: ZIdParams, response: { 200: ZContractDocumentList } } },
      (req) => documents.list(req.actor, req.params.id),
    );
    app.post(
      '/api/v1/contracts/:id/documents',
      { config: write, schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 201: ZContractDocument } } },
      async (req, reply) => {
        const { fields, file } = await readMultipart(req, ZContractDocumentUploadFields);
        return reply.code(201).send(await documents.upload(req.actor, req.params.id, fields, file));
      },
    );
    app.post(
      '/api/v1/contracts/:id/documents/generate',
      { config: write, schema: { tags, params: ZIdParams, body: ZContractDocumentGenerate, response: { 201: ZContractDocument } } },
      async (req, reply) => reply.code(201).send(await documents.generate(req.actor, req.params.id, req.body)),
    );
    app.post(
      '/api/v1/contracts/:id/documents/:documentId/versions',
      {
        config: write,
        schema: { tags, params: ZContractDocumentParams, consumes: ['multipart/form-data'], response: { 201: ZContractDocument } },
      },
      async (req, reply) => {
        const { fields, file } = await readMultipart(req, ZContractDocumentVersionFields);
        return reply.code(201).send(await documents.addVersion(req.actor, req.params.id, req.params.documentId, fields.note, file));
      },
    );
    app.delete(
      '/api/v1/contracts/:id/documents/:documentId',
      { config: write, schema: { tags, params: ZContractDocumentParams } },
      async (req, reply) => {
        await documents.remove(req.actor, req.params.id, req.params.documentId);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/v1/contracts/:id/documents/:documentId/content',
      { config: read, schema: { tags, params: ZContractDocumentParams } },
      async (req, reply) => sendStoredFile(reply, await documents.download(req.actor, req.params.id, req.params.documentId)),
    );
    app.get(
      '/api/v1/contracts/:id/documents/:documentId/versions/:versionNo/content',
      { config: read, schema: { tags, params: ZContractDocumentVersionParams } },
      async (req, reply) =>
        sendStoredFile(reply, await documents.download(req.actor, req.params.id, req.params.documentId, req.params.versionNo)),
    );
    app.get('/api/v1/contracts/:id/archive.pdf', { config: read, schema: { tags, params: ZIdParams } }, async (req, reply) => {
      const file = await deps.archive.pdf(req.actor, req.params.id, requestLocale(req, deps.defaultLocale));
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    });

    app.get(
      '/api/v1/contract-templates',
      { config: read, schema: { tags, querystring: ZContractTemplateListQuery, response: { 200: ZContractTemplateList } } },
      async (req) => ({ items: await templates.list(req.actor, req.query) }),
    );
    app.post(
      '/api/v1/contract-templates',
      { config: manage, schema: { tags, consumes: ['multipart/form-data'], response: { 201: ZContractTemplate } } },
      async (req, reply) => {
        const { fields, file } = await readMultipart(req, ZContractTemplateCreateFields);
        return reply.code(201).send(await templates.create(req.actor, fields, file));
      },
    );
    app.post(
      '/api/v1/contract-templates/:id/versions',
      { config: manage, schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 201: ZContractTemplate } } },
      async (req, reply) => {
        const { file } = await readMultipart(req, z.strictObject({}));
        return reply.code(201).send(await templates.addVersion(req.actor, req.params.id, file));
      },
    );
    app.patch(
      '/api/v1/contract-templates/:id',
      { config: manage, schema: { tags, params: ZIdParams, body: ZContractTemplateUpdate, response: { 200: ZContractTemplate } } },
      (req) => templates.update(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/contract-templates/:id/versions/:versionNo/content',
      { config: read, schema: { tags, params: ZTemplateVersionParams } },
      async (req, reply) => sendStoredFile(reply, await templates.open(req.actor, req.params.id, req.params.versionNo)),
    );

    app.get(
      '/api/v1/contract-archive-settings',
      { config: read, schema: { tags, response: { 200: ZContractArchiveSettingsResponse } } },
      () => deps.settings.get(),
    );
    app.put(
      '/api/v1/contract-archive-settings',
      { config: manage, schema: { tags, body: ZContractArchiveSettingsUpdate, response: { 200: ZContractArchiveSettingsResponse } } },
      (req) => deps.settings.update(req.actor, req.body),
    );
  };
}
