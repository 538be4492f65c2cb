import type { TFieldError, TProblem } from '@crm/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, CommonError, type FieldIssue } from '../errors.ts';
import { localeFromHeader, registerMessages, translate, type Locale } from '../i18n.ts';

registerMessages({
  'zh-CN': {
    'validation.required': '必填',
    'validation.unknownField': '不允许的字段',
    'validation.invalidCursor': '分页游标无效',
    'validation.duplicate': '该值已被使用',
  },
  'en-US': {
    'validation.required': 'Required',
    'validation.unknownField': 'Unknown field',
    'validation.invalidCursor': 'Invalid page cursor',
    'validation.duplicate': 'This value is already in use',
  },
});

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() } as const;

type RawIssue = { keyword: string; instancePath: string; message?: string; params?: Record<string, unknown> };

function fieldErrorsFromZod(issues: RawIssue[], locale: Locale, prefix: string): TFieldError[] {
  const out: TFieldError[] = [];
  for (const issue of issues) {
    const basePath = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const params = issue.params ?? {};
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      for (const key of params.keys as string[]) {
        out.push({
          path: [basePath, key].filter(Boolean).join('.'),
          code: 'unknown_field',
          message: translate(locale, 'validation.unknownField'),
        });
      }
      continue;
    }
    const missing = issue.keyword === 'invalid_type' && /received undefined/.test(issue.message ?? '');
    const localized = missing
      ? translate(locale, 'validation.required')
      : (zodLocales[locale].localeError?.({ code: issue.keyword, ...params, path: [], input: undefined } as never) as
          string | { message: string } | undefined);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? issue.message ?? issue.keyword);
    out.push({ path: basePath || prefix, code: missing ? 'required' : issue.keyword, message });
  }
  return out;
}

function translateFields(fields: FieldIssue[] | undefined, locale: Locale): TFieldError[] | undefined {
  return fields?.map((f) => ({
    path: f.path,
    code: f.code,
    message: f.message ?? translate(locale, f.messageKey ?? `validation.${f.code}`, f.params),
  }));
}

export function requestLocale(req: FastifyRequest, fallback: Locale): Locale {
  return localeFromHeader(req.headers['accept-language']) ?? req.actor?.locale ?? fallback;
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, error: AppError, fallbackLocale: Locale): FastifyReply {
  const locale = requestLocale(req, fallbackLocale);
  const problem: TProblem = {
    type: `urn:c2c-crm:problem:${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: error.title(locale),
    status: error.status,
    code: error.code,
    requestId: String(req.id),
  };
  const errors = translateFields(error.options.fields, locale);
  if (errors && errors.length > 0) problem.errors = errors;
  const body = error.options.extensions ? { ...error.options.extensions, ...problem } : problem;
  if (error.options.headers) void reply.headers(error.options.headers);
  return reply.code(error.status).type('application/problem+json; charset=utf-8').send(body);
}

const PG_UNIQUE_VIOLATION = '23505';

/** Maps every error to RFC 9457 problem+json in the caller's language. No stack or SQL reaches the client. */
export function installProblemHandlers(app: FastifyInstance, opts: { defaultLocale: Locale; bodyLimit: number; spaIndex?: boolean }): void {
  app.setErrorHandler((err: FastifyError & { cause?: unknown }, req, reply) => {
    const locale = requestLocale(req, opts.defaultLocale);
    if (err instanceof AppError) return sendProblem(reply, req, err, opts.defaultLocale);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const fields = fieldErrorsFromZod(err.validation as unknown as RawIssue[], locale, where);
      return sendProblem(reply, req, new AppError(CommonError.VALIDATION_FAILED, { fields }), opts.defaultLocale);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return sendProblem(reply, req, new AppError(CommonError.INTERNAL), opts.defaultLocale);
    }
    const pgCode = (err as { code?: string }).code ?? (err.cause as { code?: string } | undefined)?.code;
    const pgError = (err.cause as { constraint?: string; code?: string } | undefined) ?? (err as { constraint?: string });
    if (pgCode === PG_UNIQUE_VIOLATION) {
      const field = constraintField(pgError.constraint);
      return sendProblem(
        reply,
        req,
        new AppError(CommonError.CONFLICT, {
          params: { field },
          fields: [{ path: field, code: 'duplicate', messageKey: 'error.CONFLICT', params: { field } }],
        }),
        opts.defaultLocale,
      );
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, req, new AppError(CommonError.MALFORMED_JSON), opts.defaultLocale);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return sendProblem(
          reply,
          req,
          new AppError(CommonError.PAYLOAD_TOO_LARGE, { params: { limit: `${Math.round(opts.bodyLimit / 1024)} KB` } }),
          opts.defaultLocale,
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(
          reply,
          req,
          new AppError(CommonError.UNSUPPORTED_MEDIA_TYPE, { params: { type: req.headers['content-type'] ?? '-' } }),
          opts.defaultLocale,
        );
      default:
        break;
    }
    if (err instanceof SyntaxError && err.statusCode === 400) {
      return sendProblem(reply, req, new AppError(CommonError.MALFORMED_JSON), opts.defaultLocale);
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      req.log.info({ err }, 'client error');
      return sendProblem(reply, req, new AppError(CommonError.BAD_REQUEST), opts.defaultLocale);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, req, new AppError(CommonError.INTERNAL), opts.defaultLocale);
  });

  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: unknown non-API GETs get its index.html (served by @fastify/static).
    if (opts.spaIndex && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, req, new AppError(CommonError.ROUTE_NOT_FOUND), opts.defaultLocale);
  });
}

const uniqueFields = new Map<string, string>();

/** Names the API field behind a unique index, so that a violation answers 409 with that field. */
export function defineUniqueFields(map: Record<string, string>): void {
  for (const [constraint, field] of Object.entries(map)) uniqueFields.set(constraint, field);
}

function constraintField(constraint: string | undefined): string {
  return (constraint && uniqueFields.get(constraint)) ?? 'id';
}
