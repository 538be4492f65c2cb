import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { deleteIdempotencyKeysBefore } from '../http/idempotency.repository.ts';
import { defineJob } from './jobs.ts';

export function kernelJobs(deps: { db: Db; clock: Clock }) {
  return [
    defineJob({
      name: 'kernel.purge-idempotency-keys',
      payload: z.object({}),
      cron: '17 3 * * *',
      handler: async () => {
        await deleteIdempotencyKeysBefore(deps.db, new Date(deps.clock.now().getTime() - 24 * 3_600_000));
      },
    }),
  ];
}
