import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { writeAudit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError, CommonError } from '../errors.ts';
import { sendProblem } from '../http/problem.ts';
import type { Locale } from '../i18n.ts';
import { localeFromHeader } from '../i18n.ts';
import type { Actor } from './actor.ts';
import { hasPermission } from './actor.ts';

export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string };

/** Implemented by the module that owns users and sessions; the kernel only asks it who is calling. */
export interface AuthResolver {
  resolveSession(token: string, meta: RequestMeta): Promise<Actor | 'expired' | null>;
  resolveApiToken(token: string, meta: RequestMeta): Promise<Actor | null>;
}

export function sessionCookieName(isHttps: boolean): string {
  // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and Path=/.
  return isHttps ? '__Host-crm_sid' : 'crm_sid';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Authenticates every request (session cookie or `Authorization: Bearer` API token), enforces CSRF
 * for cookie sessions and the route's permission, all before validation and before any work.
 */
export function installAuth(app: FastifyInstance, deps: { resolver: AuthResolver; db: Db; isHttps: boolean; defaultLocale: Locale }): void {
  const cookieName = sessionCookieName(deps.isHttps);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('locale', deps.defaultLocale);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const config = req.routeOptions.config;
    const meta: RequestMeta = { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) };
    const isKnownRoute = req.routeOptions.url !== undefined;
    const isPublic = config.auth === 'public' || !isKnownRoute;

    let actor: Actor | null = null;
    let expired = false;
    const authorization = req.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      actor = await deps.resolver.resolveApiToken(authorization.slice(7).trim(), meta);
    } else {
      const token = req.cookies[cookieName];
      if (token) {
        const result = await deps.resolver.resolveSession(token, meta);
        if (result === 'expired') {
          expired = true;
          void reply.clearCookie(cookieName, { path: '/' });
        } else actor = result;
      }
    }
    if (actor) {
      req.actor = actor;
      req.locale = localeFromHeader(req.headers['accept-language']) ?? actor.locale;
    } else {
      req.locale = localeFromHeader(req.headers['accept-language']) ?? deps.defaultLocale;
    }
    if (isPublic) return;

    if (!actor) {
      return sendProblem(reply, req, new AppError(expired ? CommonError.SESSION_EXPIRED : CommonError.UNAUTHENTICATED), deps.defaultLocale);
    }
    if (actor.auth.method === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, actor.auth.csrfToken)) {
        return sendProblem(reply, req, new AppError(CommonError.CSRF_TOKEN_INVALID), deps.defaultLocale);
      }
    }
    if (config.permission && !hasPermission(actor, config.permission)) {
      await writeAudit(deps.db, actor, {
        action: 'access.denied',
        meta: { method: req.method, route: req.routeOptions.url, permission: config.permission },
      });
      return sendProblem(reply, req, new AppError(CommonError.FORBIDDEN), deps.defaultLocale);
    }
  });
}
