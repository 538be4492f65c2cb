import { z } from 'zod';
import { defineJob } from '../../kernel/jobs/jobs.ts';
import type { ApprovalEscalation } from './approval-escalation.service.ts';

/**
 * Every five minutes: reminders and escalations of approval tasks past (half) their time limit.
 * One indexed query when nothing is due; safe to run twice.
 */
export function workflowJobs(deps: { escalation: Pick<ApprovalEscalation, 'processDue'> }) {
  const escalateDue = defineJob({
    name: 'workflow.escalate-due',
    payload: z.object({}),
    cron: '*/5 * * * *',
    expireInMinutes: 10,
    handler: async () => {
      await deps.escalation.processDue();
    },
  });
  return { escalateDue, all: [escalateDue] };
}
