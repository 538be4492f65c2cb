import type { FastifyPluginAsync } from 'fastify';
import type { Kernel } from '../../kernel/kernel.ts';
import type { JobDefinition } from '../../kernel/jobs/jobs.ts';
import type { ModuleDefinition, SeedContext } from '../../kernel/module.ts';
import type { People } from '../admin/index.ts';
import type { CustomersModule } from '../customers/index.ts';
import type { ProductsModule } from '../products/index.ts';
import type { TasksModule } from '../tasks/index.ts';
import { createLeadsFeature } from './leads/index.ts';
import { createOpportunitiesFeature } from './opportunities/index.ts';
import { createQuotesFeature } from './quotes/index.ts';
import { createTargetsFeature } from './targets/index.ts';

export type { AcceptedQuote } from './quotes/index.ts';

/** One part of the sales module (opportunities, leads, quotes, targets): its routes, jobs and demo data. */
export interface SalesFeature {
  routes: FastifyPluginAsync;
  jobs?: JobDefinition[];
  prepare?: () => Promise<void>;
  seed?: (ctx: SeedContext) => Promise<void>;
}

/** Sales (销售): opportunities and tenders, leads, quotes, targets and performance. */
export function createSalesModule(
  k: Kernel,
  deps: { people: People; tasks: TasksModule; customers: CustomersModule; products: ProductsModule },
) {
  void k;
  void deps;
  const opportunities = createOpportunitiesFeature(k, {
    people: deps.people,
    customers: deps.customers,
    tasks: deps.tasks.tasks,
    products: deps.products.catalog,
  });
  const targets = createTargetsFeature(k, { people: deps.people, measureWon: opportunities.service.measureWon });
  const leads = createLeadsFeature(k, {
    people: deps.people,
    tasks: deps.tasks.tasks,
    customers: deps.customers,
    opportunities: () => opportunities.service,
  });
  const quotes = createQuotesFeature(k, {
    people: deps.people,
    customers: deps.customers,
    catalog: deps.products.catalog,
    opportunities: opportunities.service,
    products: deps.products.products,
  });
  const features: SalesFeature[] = [opportunities.feature, targets.feature, leads.feature, quotes.feature];
  const module: ModuleDefinition = {
    name: 'sales',
    routes: async (fastify) => {
      for (const f of features) await fastify.register(f.routes);
    },
    jobs: features.flatMap((f) => f.jobs ?? []),
    prepare: async () => {
      for (const f of features) if (f.prepare) await f.prepare();
    },
    seed: async (ctx) => {
      for (const f of features) if (f.seed) await f.seed(ctx);
    },
  };
  return {
    module,
    opportunities: opportunities.service,
    /** Leads: the service and the conversion into customer + contact + opportunity. */
    leads: { leads: leads.leads, conversion: leads.conversion },
    /** Quotes: `get`, `getAccepted(tx, quoteId)` for contracts, and the approval hook (`setApprovalGate`, `applyApprovalDecision`). */
    quotes: quotes.service,
    /** Targets and performance; `targets.registerMetric` lets later modules add measured metrics. */
    targets: { targets: targets.targets, performance: targets.performance, registerMetric: targets.registerMetric },
  };
}
export type SalesModule = ReturnType<typeof createSalesModule>;
