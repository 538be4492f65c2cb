import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { defineJob } from '../../kernel/jobs/jobs.ts';
import * as repo from './integrations.repository.ts';

const DAY = 86_400_000;
/** Rows deleted per statement, so that a long backlog never holds a big lock. */
const PRUNE_BATCH = 5_000;

/** Nightly: drops call-log rows older than the retention period, and spent rate windows. Safe to run twice. */
export function integrationJobs(deps: { db: Db; clock: Clock; logger: FastifyBaseLogger; retentionDays: number }) {
  const prune = defineJob({
    name: 'integrations.prune-call-log',
    payload: z.object({}),
    cron: '43 3 * * *',
    handler: async () => {
      const before = new Date(deps.clock.now().getTime() - deps.retentionDays * DAY);
      let calls = 0;
      for (;;) {
        const n = await repo.pruneCalls(deps.db, before, PRUNE_BATCH);
        calls += n;
        if (n < PRUNE_BATCH) break;
      }
      // Rate windows run on real time (see the rate limiter), not on the business clock.
      const windows = await repo.pruneWindows(deps.db, new Date(Date.now() - DAY));
      deps.logger.info({ calls, windows, before: before.toISOString() }, 'integration call log pruned');
    },
  });
  return { prune, all: [prune] };
}
