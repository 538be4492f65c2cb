import { z } from 'zod';
import { defineJob } from '../../kernel/jobs/jobs.ts';
import type { AuthService } from './auth.service.ts';

export function adminJobs(deps: { auth: AuthService }) {
  return [
    defineJob({
      name: 'admin.purge-expired-sessions',
      payload: z.object({}),
      cron: '*/15 * * * *',
      handler: async () => {
        await deps.auth.purgeExpired();
      },
    }),
  ];
}
