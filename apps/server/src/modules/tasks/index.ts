import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import type { People } from '../admin/index.ts';
import { addDefaultGrants } from '../admin/index.ts';
import { taskJobs } from './tasks.jobs.ts';
import { TASK_GRANTS } from './tasks.messages.ts';
import { taskRoutes } from './tasks.routes.ts';
import { createTaskService } from './tasks.service.ts';

export type { TaskService, RelatedRecord } from './tasks.service.ts';

/** Tasks (待办): reminders for one person about any record, with a due-time notification. */
export function createTasksModule(k: Kernel, deps: { people: People }) {
  addDefaultGrants(TASK_GRANTS);
  const tasks = createTaskService({ db: k.db, clock: k.clock, people: deps.people, notifications: k.notifications });
  const jobs = taskJobs({ tasks });
  const module: ModuleDefinition = { name: 'tasks', routes: taskRoutes({ tasks }), jobs: jobs.all };
  return { module, tasks, jobs };
}
export type TasksModule = ReturnType<typeof createTasksModule>;
