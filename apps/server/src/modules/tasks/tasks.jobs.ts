import { z } from 'zod';
import { defineJob } from '../../kernel/jobs/jobs.ts';
import type { TaskService } from './tasks.service.ts';

/**
 * Every minute: remind assignees of tasks whose reminder time (or due time) has come, each reminder
 * once; safe to run twice. One indexed query when nothing is due.
 */
export function taskJobs(deps: { tasks: Pick<TaskService, 'notifyDueTasks'> }) {
  const notifyDue = defineJob({
    name: 'tasks.notify-due',
    payload: z.object({}),
    cron: '* * * * *',
    expireInMinutes: 5,
    handler: async () => {
      await deps.tasks.notifyDueTasks();
    },
  });
  return { notifyDue, all: [notifyDue] };
}
