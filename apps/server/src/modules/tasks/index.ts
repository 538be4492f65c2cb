import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import type { People } from '../admin/index.ts';
import { addDefaultGrants } from '../admin/index.ts';
import { createCalendarService } from './calendar.service.ts';
import { taskJobs } from './tasks.jobs.ts';
import { TASK_GRANTS } from './tasks.messages.ts';
import { taskRoutes } from './tasks.routes.ts';
import { createTaskService } from './tasks.service.ts';

export type { TaskService, RelatedRecord, RelatedRecordResolver } from './tasks.service.ts';
export type { CalendarService } from './calendar.service.ts';
export { calendarEventType } from './calendar.service.ts';

/**
 * Tasks (待办) and the calendar (日程): reminders for one person about any record, given to oneself
 * or by a manager to the team, with an inbox reminder at the chosen time; and each person's calendar
 * of tasks, planned visits and next follow-ups.
 */
export function createTasksModule(k: Kernel, deps: { people: People }) {
  addDefaultGrants(TASK_GRANTS);
  const tasks = createTaskService({ db: k.db, clock: k.clock, people: deps.people, notifications: k.notifications });
  const calendar = createCalendarService({ db: k.db, clock: k.clock, people: deps.people, tasks });
  const jobs = taskJobs({ tasks });
  const module: ModuleDefinition = { name: 'tasks', routes: taskRoutes({ tasks, calendar }), jobs: jobs.all };
  return { module, tasks, calendar, jobs };
}
export type TasksModule = ReturnType<typeof createTasksModule>;
