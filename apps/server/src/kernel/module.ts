import type { FastifyPluginAsync } from 'fastify';
import type { JobDefinition } from './jobs/jobs.ts';

export type SeedContext = {
  /** Tests pass a precomputed hash so that seeding does not spend a second hashing. */
  demoPasswordHash?: string;
};

export type SeedOutcome = { seeded: boolean; adminPassword?: string; demoPassword?: string } | void;

/** What a business module gives the platform: routes, jobs, start-up preparation and demo data. */
export interface ModuleDefinition {
  name: string;
  routes: FastifyPluginAsync;
  jobs?: JobDefinition[];
  /** Runs at every start after migrations (e.g. built-in reference data). */
  prepare?: () => Promise<void>;
  /** Runs on every start; must itself do nothing when its data is there already. */
  seed?: (ctx: SeedContext) => Promise<SeedOutcome>;
}
