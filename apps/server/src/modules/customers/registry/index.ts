import type { Kernel } from '../../../kernel/kernel.ts';
import { createQccClient } from '../../../integrations/qcc/index.ts';
import { registryJobs } from './registry.jobs.ts';
import './registry.messages.ts';
import { registryRoutes } from './registry.routes.ts';
import { createRegistryService } from './registry.service.ts';

export type { RegistryService, RegistryRefreshRun } from './registry.service.ts';

/** The business-registry (企查查) feature of the customer database: lookups, refreshes, change history. */
export function createRegistryFeature(k: Kernel) {
  const qcc = createQccClient(k.config.integrations.qcc);
  const registry = createRegistryService({
    db: k.db,
    clock: k.clock,
    qcc,
    notifications: k.notifications,
    logger: k.logger,
    cacheTtlSeconds: k.config.integrations.qcc.cacheTtlSeconds,
    batchSize: k.config.registry.refreshBatchSize,
  });
  return {
    registry,
    routes: registryRoutes({ registry }),
    jobs: registryJobs({ registry, jobs: k.jobs, clock: k.clock, logger: k.logger, cron: k.config.registry.refreshCron }),
  };
}
