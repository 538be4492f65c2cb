import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { AppError, CommonError } from '../errors.ts';
import type { Locale } from '../i18n.ts';
import { sendProblem } from './problem.ts';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from './idempotency.repository.ts';

const HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its answer is kept (24 h); a
 * repeat with the same body gets the same answer without running again; a repeat with another
 * body is refused (422); a repeat while the first still runs gets 409.
 */
export function installIdempotency(app: FastifyInstance, deps: { db: Db; defaultLocale: Locale }): void {
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST') return;
    const key = req.headers[HEADER];
    if (typeof key !== 'string' || key.length === 0) return;
    if (key.length > 200) {
      return sendProblem(
        reply,
        req,
        new AppError(CommonError.VALIDATION_FAILED, { fields: [{ path: 'Idempotency-Key', code: 'too_big', message: 'max 200' }] }),
        deps.defaultLocale,
      );
    }
    const principal = req.actor?.userId ?? `anon:${req.ip}`;
    const path = req.routeOptions.url ?? req.url;
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const existing = await claimIdempotencyKey(deps.db, { principal, key, method: req.method, path, requestHash });
    if (!existing) {
      (req as { idempotency?: { principal: string; key: string } }).idempotency = { principal, key };
      return;
    }
    if (existing.requestHash !== requestHash) {
      return sendProblem(reply, req, new AppError(CommonError.IDEMPOTENCY_KEY_REUSED), deps.defaultLocale);
    }
    if (existing.state !== 'completed') {
      return sendProblem(reply, req, new AppError(CommonError.IDEMPOTENCY_IN_PROGRESS), deps.defaultLocale);
    }
    void reply.header('idempotent-replayed', 'true');
    if (existing.responseType) void reply.type(existing.responseType);
    return reply.code(existing.statusCode ?? 200).send(existing.responseBody ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const held = (req as { idempotency?: { principal: string; key: string } }).idempotency;
    if (!held) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // Nothing durable happened (or we cannot replay a stream): let the client try again.
      await releaseIdempotencyKey(deps.db, held);
    } else {
      const type = reply.getHeader('content-type');
      await completeIdempotencyKey(deps.db, held, {
        statusCode: reply.statusCode,
        body: payload,
        type: typeof type === 'string' ? type : null,
      });
    }
    return payload;
  });
}
