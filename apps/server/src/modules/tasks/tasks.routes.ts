import { Permission, ZCalendar, ZCalendarQuery, ZCreateTask, ZIdParams, ZPage, ZTask, ZTaskListQuery, ZUpdateTask } from '@crm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CalendarService } from './calendar.service.ts';
import type { TaskService } from './tasks.service.ts';

export function taskRoutes(deps: { tasks: TaskService; calendar: CalendarService }): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tasks'];
    app.get(
      '/api/v1/tasks',
      { config: { permission: Permission.taskRead }, schema: { tags, querystring: ZTaskListQuery, response: { 200: ZPage(ZTask) } } },
      (req) => deps.tasks.list(req.actor, req.query),
    );
    app.post(
      '/api/v1/tasks',
      { config: { permission: Permission.taskUpdate }, schema: { tags, body: ZCreateTask, response: { 201: ZTask } } },
      async (req, reply) => reply.code(201).send(await deps.tasks.create(req.actor, req.body)),
    );
    app.get(
      '/api/v1/tasks/:id',
      { config: { permission: Permission.taskRead }, schema: { tags, params: ZIdParams, response: { 200: ZTask } } },
      (req) => deps.tasks.get(req.actor, req.params.id),
    );
    app.patch(
      '/api/v1/tasks/:id',
      {
        config: { permission: Permission.taskUpdate },
        schema: { tags, params: ZIdParams, body: ZUpdateTask, response: { 200: ZTask } },
      },
      (req) => deps.tasks.update(req.actor, req.params.id, req.body),
    );
    app.get(
      '/api/v1/calendar',
      {
        config: { permission: Permission.taskRead },
        schema: { tags: ['calendar'], querystring: ZCalendarQuery, response: { 200: ZCalendar } },
      },
      (req) => deps.calendar.read(req.actor, req.query),
    );
  };
}
