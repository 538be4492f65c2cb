import { ZIdParams, ZSavedView, type TSavedViewEntity } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SavedViewInput, SavedViewService, SavedViewUpdate } from './views.service.ts';

/** One list's saved views: where they live in the API, who may use them and the shapes of their content. */
export type SavedViewList = {
  entityType: TSavedViewEntity;
  /** e.g. `/api/v1/customer-views` */
  path: string;
  /** The permission to read the list itself. */
  permission: string;
  create: z.ZodType<SavedViewInput>;
  update: z.ZodType<SavedViewUpdate>;
};

export function savedViewRoutes(deps: { views: SavedViewService; lists: readonly SavedViewList[] }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['saved-views'];
    for (const list of deps.lists) {
      const config = { permission: list.permission };
      app.get(list.path, { config, schema: { tags, response: { 200: z.object({ items: z.array(ZSavedView) }) } } }, async (req) => ({
        items: await deps.views.list(req.actor, list.entityType),
      }));
      app.post(list.path, { config, schema: { tags, body: list.create, response: { 201: ZSavedView } } }, async (req, reply) =>
        reply.code(201).send(await deps.views.create(req.actor, list.entityType, req.body)),
      );
      app.patch(
        `${list.path}/:id`,
        { config, schema: { tags, params: ZIdParams, body: list.update, response: { 200: ZSavedView } } },
        (req) => deps.views.update(req.actor, list.entityType, req.params.id, req.body),
      );
      app.delete(`${list.path}/:id`, { config, schema: { tags, params: ZIdParams } }, async (req, reply) => {
        await deps.views.remove(req.actor, list.entityType, req.params.id);
        return reply.code(204).send();
      });
    }
  };
}
