import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../../kernel/clock.ts';
import { defineJob, type JobDefinition, type Jobs } from '../../../kernel/jobs/jobs.ts';
import type { RegistryService } from './registry.service.ts';

const MAX_ATTEMPTS = 4;

const ZRefreshPayload = z.object({
  /** Customers synced before this instant are refreshed; a resumed run keeps the first run's instant. */
  syncedBefore: z.iso.datetime().optional(),
  attempt: z.number().int().min(1).default(1),
});

/**
 * The weekly registry refresh (cron in the business time zone, CRM_REGISTRY_REFRESH_CRON). A run
 * that could not reach every customer sends itself again later, with growing delays, for those left.
 */
export function registryJobs(deps: {
  registry: Pick<RegistryService, 'refreshAll'>;
  jobs: Pick<Jobs, 'send'>;
  clock: Clock;
  logger: FastifyBaseLogger;
  cron: string;
}): JobDefinition[] {
  const refresh = defineJob({
    name: 'customers.registry-refresh',
    payload: ZRefreshPayload,
    cron: deps.cron,
    retryLimit: 1,
    expireInMinutes: 240,
    handler: async (data) => {
      const syncedBefore = data.syncedBefore ? new Date(data.syncedBefore) : deps.clock.now();
      const run = await deps.registry.refreshAll({ syncedBefore });
      deps.logger.info({ ...run, attempt: data.attempt }, 'registry refresh finished');
      const retryable = run.failed > 0 && run.stoppedBy !== 'auth' && run.stoppedBy !== 'quota' && run.stoppedBy !== 'disabled';
      if (!retryable || data.attempt >= MAX_ATTEMPTS) return;
      const startAfter = new Date(deps.clock.now().getTime() + 30 * 60_000 * 2 ** (data.attempt - 1));
      try {
        await deps.jobs.send(refresh, { syncedBefore: syncedBefore.toISOString(), attempt: data.attempt + 1 }, { startAfter });
      } catch (err) {
        deps.logger.warn({ err }, 'registry refresh: the retry could not be queued; the next scheduled run catches up');
      }
    },
  });
  return [refresh as unknown as JobDefinition];
}
