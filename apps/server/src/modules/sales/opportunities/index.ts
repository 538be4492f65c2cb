import type { Kernel } from '../../../kernel/kernel.ts';
import { addDefaultGrants, type People } from '../../admin/index.ts';
import type { CustomersModule } from '../../customers/index.ts';
import type { SalesFeature } from '../index.ts';
import type { TaskService } from '../../tasks/index.ts';
import { createBoardService } from './board.service.ts';
import { opportunityCustomerExtension } from './customer-extension.ts';
import { OPPORTUNITY_GRANTS } from './opportunities.messages.ts';
import { createOpportunityActivityService } from './opportunity-activities.ts';
import * as repo from './opportunities.repository.ts';
import { opportunityRoutes } from './opportunities.routes.ts';
import { seedDemoOpportunities } from './opportunities.seed.ts';
import { createOpportunityService, type ProductLookup } from './opportunities.service.ts';
import { createPipelineService } from './pipeline.service.ts';

export type { OpportunityService, ProductLookup, CustomerLookup } from './opportunities.service.ts';
export type { WonMeasure, WonPeriod } from './board.service.ts';
export { OpportunityErrorCode } from './opportunities.errors.ts';

/**
 * 商机与投标: the pipeline, opportunities with tender info, competitors and product lines, the
 * kanban, the pipeline summary and the forecast; the customer 360 panel and merge moves.
 */
export function createOpportunitiesFeature(
  k: Kernel,
  deps: {
    people: People;
    customers: Pick<CustomersModule, 'lookup' | 'register' | 'customers' | 'linkedActivities'>;
    tasks: Pick<TaskService, 'registerRelatedRecords'>;
    products?: ProductLookup;
  },
) {
  addDefaultGrants(OPPORTUNITY_GRANTS);
  const pipeline = createPipelineService({ db: k.db, clock: k.clock, people: deps.people });
  const service = createOpportunityService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    customers: deps.customers.lookup,
    files: k.files,
    products: deps.products,
  });
  const board = createBoardService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    customers: deps.customers.lookup,
    scopeOf: service.scopeOf,
    scopePartsOf: service.scopePartsOf,
  });
  deps.customers.register(opportunityCustomerExtension({ db: k.db, scopeOf: service.scopeOf }));
  const activities = createOpportunityActivityService({ db: k.db, activities: deps.customers.linkedActivities, scopeOf: service.scopeOf });
  // Tasks about an opportunity (its follow-ups) carry its name and open only for those who see it.
  deps.tasks.registerRelatedRecords('opportunity', async (actor, id) => {
    const row = await repo.findOpportunity(k.db, id, service.scopeOf(actor));
    return row ? { label: row.name } : undefined;
  });
  const feature: SalesFeature = {
    routes: opportunityRoutes({ opportunities: service, board, pipeline, activities }),
    prepare: () => pipeline.prepare(),
    seed: () =>
      seedDemoOpportunities({
        db: k.db,
        clock: k.clock,
        demo: k.config.demo.enabled,
        customers: deps.customers.customers,
        files: k.files,
      }),
  };
  return {
    feature,
    /** What other sales features and modules call (see docs/opportunities.md). */
    service: {
      /** Creates an opportunity inside the caller's transaction (lead conversion). */
      createWithin: service.createWithin,
      /** One opportunity as the actor may see it (404 outside the actor's scope). */
      get: service.get,
      /** The scoped list (quotes' demo data reads the demo opportunities through it). */
      list: service.list,
      /** Opportunities won per owner, department and month of a period, for targets and performance. */
      measureWon: board.measureWon,
      /** The pipeline summary per stage, scoped (dashboards). */
      pipelineSummary: board.summary,
      forecast: board.forecast,
      pipeline: () => pipeline.get(),
    },
  };
}
export type OpportunitiesFeature = ReturnType<typeof createOpportunitiesFeature>;
