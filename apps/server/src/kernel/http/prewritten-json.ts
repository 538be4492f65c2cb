import type { FastifyReply } from 'fastify';

/**
 * Sends JSON written beforehand (a shared, already checked answer) as it is: Fastify does not
 * serialise a string again. The route keeps its response schema for the API description.
 */
export function sendPrewrittenJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
