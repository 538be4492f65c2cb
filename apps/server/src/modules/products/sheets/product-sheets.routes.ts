import { Permission, ZProductExportQuery, ZProductImportQuery, ZProductImportReport } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { contentDisposition } from '../../../kernel/files/files.service.ts';
import type { ProductImportService } from './product-import.service.ts';
import type { ProductExportService } from './product-export.service.ts';

/** xlsx export of the filtered catalogue and xlsx import (multipart field `file`). */
export function productSheetRoutes(deps: { exports: ProductExportService; imports: ProductImportService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['products'];
    app.get(
      '/api/v1/products/export',
      { config: { permission: Permission.productExport }, schema: { tags, querystring: ZProductExportQuery } },
      async (req, reply) => {
        const file = await deps.exports.export(req.actor, req.query, req.locale);
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-export-truncated', file.truncated ? '1' : '0')
          .send(file.stream);
      },
    );
    app.post(
      '/api/v1/products/import',
      {
        config: { permission: Permission.productWrite },
        schema: { tags, consumes: ['multipart/form-data'], querystring: ZProductImportQuery, response: { 200: ZProductImportReport } },
      },
      async (req) => {
        if (!req.isMultipart())
          throw new AppError(CommonError.UNSUPPORTED_MEDIA_TYPE, { params: { type: req.headers['content-type'] ?? '-' } });
        const part = await req.file();
        if (!part)
          throw new AppError(CommonError.VALIDATION_FAILED, {
            fields: [{ path: 'file', code: 'required', messageKey: 'validation.required' }],
          });
        const content = await part.toBuffer();
        return deps.imports.import(req.actor, { name: part.filename, content }, { dryRun: req.query.dryRun ?? false });
      },
    );
  };
}
