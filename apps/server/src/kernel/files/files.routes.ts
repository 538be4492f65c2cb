import { ZIdParams, ZStoredFile } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, CommonError } from '../errors.ts';
import { sendStoredFile, type FileService } from './files.service.ts';

/** Upload (multipart field `file`) and download of stored files. */
export function fileRoutes(files: FileService): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/v1/files',
      { schema: { tags: ['files'], consumes: ['multipart/form-data'], response: { 201: ZStoredFile } } },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError(CommonError.UNSUPPORTED_MEDIA_TYPE, { params: { type: req.headers['content-type'] ?? '-' } });
        const part = await req.file();
        if (!part)
          throw new AppError(CommonError.VALIDATION_FAILED, {
            fields: [{ path: 'file', code: 'required', messageKey: 'validation.required' }],
          });
        const content = await part.toBuffer();
        return reply.code(201).send(await files.upload(req.actor, { name: part.filename, content }));
      },
    );
    app.get('/api/v1/files/:id', { schema: { tags: ['files'], params: ZIdParams, response: { 200: ZStoredFile } } }, (req) =>
      files.get(req.actor, req.params.id),
    );
    app.get('/api/v1/files/:id/content', { schema: { tags: ['files'], params: ZIdParams } }, async (req, reply) => {
      return sendStoredFile(reply, await files.open(req.actor, req.params.id));
    });
  };
}
