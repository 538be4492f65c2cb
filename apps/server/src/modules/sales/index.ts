import type { FastifyPluginAsync } from 'fastify';
import type { Kernel } from '../../kernel/kernel.ts';
import type { JobDefinition } from '../../kernel/jobs/jobs.ts';
import type { ModuleDefinition, SeedContext } from '../../kernel/module.ts';
import type { People } from '../admin/index.ts';
import type { CustomersModule } from '../customers/index.ts';
import type { TasksModule } from '../tasks/index.ts';

/** One part of the sales module (opportunities, leads, quotes, targets): its routes, jobs and demo data. */
export interface SalesFeature {
  routes: FastifyPluginAsync;
  jobs?: JobDefinition[];
  prepare?: () => Promise<void>;
  seed?: (ctx: SeedContext) => Promise<void>;
}

/** Sales (销售): opportunities and tenders, leads, quotes, targets and performance. */
export function createSalesModule(k: Kernel, deps: { people: People; tasks: TasksModule; customers: CustomersModule }) {
  void k;
  void deps;
  const features: SalesFeature[] = [];
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
  return { module };
}
export type SalesModule = ReturnType<typeof createSalesModule>;
