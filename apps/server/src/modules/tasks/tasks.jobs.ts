import { z } from 'zod';
import { defineJob } from '../../kernel/jobs/jobs.ts';
import type { TaskService } from './tasks.service.ts';

/** Every quarter of an hour: remind assignees of tasks that became due (each task once; safe to run twice). */
export function taskJobs(deps: { tasks: Pick<TaskService, 'notifyDueTasks'> }) {
  const notifyDue = defineJob({
    name: 'tasks.notify-due',
    payload: z.object({}),
    cron: '*/15 * * * *',
    handler: async () => {
      await deps.tasks.notifyDueTasks();
    },
  });
  return { notifyDue, all: [notifyDue] };
}
