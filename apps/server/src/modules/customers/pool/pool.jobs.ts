import { z } from 'zod';
import { defineJob } from '../../../kernel/jobs/jobs.ts';
import type { PoolService } from './pool.service.ts';

/** Every night: warn owners of customers about to fall back, then reclaim the due ones. */
export function poolJobs(deps: { pools: Pick<PoolService, 'reclaim'> }) {
  return [
    defineJob({
      name: 'customers.pool-reclaim',
      payload: z.object({}),
      cron: '10 1 * * *',
      handler: async () => {
        await deps.pools.reclaim();
      },
    }),
  ];
}
