import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import type { People } from '../admin/index.ts';
import { addDefaultGrants } from '../admin/index.ts';
import { createConnectorRegistry } from './connectors.ts';
import { createIntegrationHealthService } from './integration-health.service.ts';
import { integrationJobs } from './integrations.jobs.ts';
import { INTEGRATION_GRANTS } from './integrations.messages.ts';
import { integrationRoutes } from './integrations.routes.ts';

export type { ConnectorDescriptor, ConnectorRegistry } from './connectors.ts';
export type { IntegrationHealthService } from './integration-health.service.ts';

/**
 * Integrations (系统集成): every connector to an external system gets its call log and outbound rate
 * limiter here (`connectors.kitFor(descriptor)`), and administrators see the health of each system.
 */
export function createIntegrationsModule(k: Kernel, deps: { people: People }) {
  addDefaultGrants(INTEGRATION_GRANTS);
  const connectors = createConnectorRegistry({ db: k.db, clock: k.clock, logger: k.logger });
  const health = createIntegrationHealthService({ db: k.db, clock: k.clock, people: deps.people, connectors });
  const jobs = integrationJobs({ db: k.db, clock: k.clock, logger: k.logger, retentionDays: k.config.integrations.logRetentionDays });
  const module: ModuleDefinition = { name: 'integrations', routes: integrationRoutes({ health }), jobs: jobs.all };
  return { module, connectors, health, jobs };
}
export type IntegrationsModule = ReturnType<typeof createIntegrationsModule>;
