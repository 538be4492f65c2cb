import { Permission, ZIdParams, ZPage, ZTask, ZTaskListQuery, ZUpdateTask } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TaskService } from './tasks.service.ts';

export function taskRoutes(deps: { tasks: TaskService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tasks'];
    app.get(
      '/api/v1/tasks',
      { config: { permission: Permission.taskRead }, schema: { tags, querystring: ZTaskListQuery, response: { 200: ZPage(ZTask) } } },
      (req) => deps.tasks.list(req.actor, req.query),
    );
    app.patch(
      '/api/v1/tasks/:id',
      {
        config: { permission: Permission.taskUpdate },
        schema: { tags, params: ZIdParams, body: ZUpdateTask, response: { 200: ZTask } },
      },
      (req) => deps.tasks.update(req.actor, req.params.id, req.body),
    );
  };
}
