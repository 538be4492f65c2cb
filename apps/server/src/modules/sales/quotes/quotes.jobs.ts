import { z } from 'zod';
import { defineJob } from '../../../kernel/jobs/jobs.ts';
import type { QuoteWorkflow } from './quote-workflow.service.ts';

/** Every night shortly after midnight: quotes whose validity ended become expired. Safe to run twice. */
export function quoteJobs(deps: { workflow: Pick<QuoteWorkflow, 'expireDue'> }) {
  const expire = defineJob({
    name: 'quotes.expire',
    payload: z.object({}),
    cron: '10 0 * * *',
    expireInMinutes: 30,
    handler: async () => {
      await deps.workflow.expireDue();
    },
  });
  return { expire, all: [expire] };
}
