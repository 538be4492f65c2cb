import type { Kernel } from '../../../kernel/kernel.ts';
import { createQccClient, QCC_SYSTEM } from '../../../integrations/qcc/index.ts';
import type { ConnectorRegistry } from '../../integrations/index.ts';
import { registryJobs } from './registry.jobs.ts';
import './registry.messages.ts';
import { registryRoutes } from './registry.routes.ts';
import { createRegistryService } from './registry.service.ts';

export type { RegistryService, RegistryRefreshRun } from './registry.service.ts';

/** The business-registry (企查查) feature of the customer database: lookups, refreshes, change history. */
export function createRegistryFeature(k: Kernel, deps: { connectors: Pick<ConnectorRegistry, 'kitFor'> }) {
  const settings = k.config.integrations.qcc;
  const kit = deps.connectors.kitFor({
    system: QCC_SYSTEM,
    mode: k.config.integrations.mode,
    configured: Boolean(settings.baseUrl && settings.appKey && settings.secretKey),
    rules: [
      { limit: settings.rateLimit.perSecond, windowMs: 1_000 },
      { limit: settings.rateLimit.perMinute, windowMs: 60_000 },
    ],
    maxWaitMs: settings.rateLimit.maxWaitMs,
  });
  const qcc = createQccClient(settings, { kit });
  const registry = createRegistryService({
    db: k.db,
    clock: k.clock,
    qcc,
    notifications: k.notifications,
    logger: k.logger,
    cacheTtlSeconds: settings.cacheTtlSeconds,
    batchSize: k.config.registry.refreshBatchSize,
  });
  return {
    registry,
    routes: registryRoutes({ registry }),
    jobs: registryJobs({ registry, jobs: k.jobs, clock: k.clock, logger: k.logger, cron: k.config.registry.refreshCron }),
  };
}
