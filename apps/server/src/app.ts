import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Permission } from '@crm/contracts';
import type { Clock } from './kernel/clock.ts';
import type { Config } from './kernel/config.ts';
import type { Database } from './kernel/db/database.ts';
import { installAuth } from './kernel/auth/auth.plugin.ts';
import { createFileService } from './kernel/files/files.service.ts';
import { fileRoutes } from './kernel/files/files.routes.ts';
import { createStorage } from './kernel/files/storage.ts';
import { installIdempotency } from './kernel/http/idempotency.ts';
import { installMetrics } from './kernel/http/metrics.ts';
import { installProblemHandlers } from './kernel/http/problem.ts';
import { attachReadAuditLog, createReadAuditLog } from './kernel/audit/read-audit.ts';
import { createJobs } from './kernel/jobs/jobs.ts';
import { kernelJobs } from './kernel/jobs/kernel.jobs.ts';
import type { Kernel } from './kernel/kernel.ts';
import type { SeedContext, SeedOutcome } from './kernel/module.ts';
import { createNotificationService } from './kernel/notifications/notifications.ts';
import { createModules } from './modules.ts';

export type AppRoute = { method: string; url: string; auth: 'public' | 'user'; permission: string | undefined };

export type BuiltApp = {
  app: FastifyInstance;
  kernel: Kernel;
  modules: ReturnType<typeof createModules>;
  routes: AppRoute[];
  /** Built-in data and, on an empty database, the seed (admin, demo organisation, module demo data). */
  prepare(ctx?: SeedContext): Promise<SeedOutcome[]>;
};

const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildApp(deps: { config: Config; database: Database; clock: Clock; logger?: boolean | object }): Promise<BuiltApp> {
  const { config, database, clock } = deps;
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', String(req.id));
  });

  const routes: AppRoute[] = [];
  app.addHook('onRoute', (route) => {
    // The API docs and the web app's static files need no session; the API itself does.
    if (route.url.startsWith('/api/docs') || !route.url.startsWith('/api/')) route.config = { ...(route.config ?? {}), auth: 'public' };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as { auth?: 'public' | 'user'; permission?: string };
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, auth: config.auth ?? 'user', permission: config.permission });
    }
  });

  const webDist = config.webDist ? resolve(config.webDist) : defaultWebDist;
  const hasWeb = existsSync(resolve(webDist, 'index.html'));
  installProblemHandlers(app, { defaultLocale: config.defaultLocale, bodyLimit: config.bodyLimitBytes, spaIndex: hasWeb });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: config.isHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 20 }, throwFileSizeLimit: true });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'C2C CRM API',
        version: '1',
        description: 'Customer-to-cash CRM. Authenticate with a session cookie (+ X-CSRF-Token) or `Authorization: Bearer <API token>`.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'crm_sid' } },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  const logger = app.log;
  const jobs = createJobs({ database, timezone: config.timezone, logger, enabled: config.jobs });
  const notifications = createNotificationService({ db: database.db, clock });
  const storage = await createStorage(config.files);
  const files = createFileService({ db: database.db, storage, clock, maxBytes: config.uploadLimitBytes });
  const kernel: Kernel = { config, database, db: database.db, clock, jobs, notifications, files, logger };
  if (config.auditReadFlushMs > 0) {
    // Reads reach the audit log in batches; the last one is written when the server stops.
    const readLog = createReadAuditLog({ db: database.db, flushMs: config.auditReadFlushMs, logger });
    attachReadAuditLog(database.db, readLog);
    app.addHook('onClose', () => readLog.flush());
  }
  const modules = createModules(kernel);

  installAuth(app, { resolver: modules.authResolver, db: database.db, isHttps: config.isHttps, defaultLocale: config.defaultLocale });
  installIdempotency(app, { db: database.db, defaultLocale: config.defaultLocale });
  installMetrics(app, { database, permission: Permission.metricsRead });

  let ready = false;
  app.get('/api/health', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.ping();
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
    return ready ? { status: 'ok' } : reply.code(503).send({ status: 'starting' });
  });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(fileRoutes(files));
  jobs.register(...kernelJobs({ db: database.db, clock }));
  for (const m of modules.list) {
    await app.register(m.routes);
    if (m.jobs) jobs.register(...m.jobs);
  }

  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  return {
    app,
    kernel,
    modules,
    routes,
    async prepare(ctx = {}) {
      const outcomes: SeedOutcome[] = [];
      for (const m of modules.list) if (m.prepare) await m.prepare();
      for (const m of modules.list) if (m.seed) outcomes.push(await m.seed(ctx));
      ready = true;
      return outcomes;
    },
  };
}
