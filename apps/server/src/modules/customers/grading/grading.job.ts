import { z } from 'zod';
import { defineJob } from '../../../kernel/jobs/jobs.ts';
import type { GradingService } from './grading.service.ts';

/** Nightly, in the business time zone (Asia/Shanghai by default), when nobody is at work. */
export const GRADING_CRON = '30 2 * * *';

export function gradingJobs(deps: { grading: Pick<GradingService, 'recomputeAll'> }) {
  return [
    defineJob({
      name: 'customers.grading.recompute',
      payload: z.object({}),
      cron: GRADING_CRON,
      expireInMinutes: 60,
      handler: async () => {
        await deps.grading.recomputeAll();
      },
    }),
  ];
}
