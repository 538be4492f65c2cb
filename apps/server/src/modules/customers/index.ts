import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import type { People } from '../admin/index.ts';
import { addDefaultGrants } from '../admin/index.ts';
import { CUSTOMER_GRANTS } from './customers.messages.ts';
import { customerRoutes } from './customers.routes.ts';
import { createCustomerService } from './customers.service.ts';
import { createDuplicateCheckService } from './duplicate-check.service.ts';
import { seedDemoCustomers } from './customers.seed.ts';

export type { CustomerService } from './customers.service.ts';
export type { DuplicateCheckService } from './duplicate-check.service.ts';

/** The customer database: customers, contacts, duplicate check. */
export function createCustomersModule(k: Kernel, deps: { people: People }) {
  addDefaultGrants(CUSTOMER_GRANTS);
  const duplicates = createDuplicateCheckService({ db: k.db, people: deps.people });
  const customers = createCustomerService({ db: k.db, clock: k.clock, people: deps.people, duplicates });
  const module: ModuleDefinition = {
    name: 'customers',
    routes: customerRoutes({ customers, duplicates }),
    seed: () => seedDemoCustomers({ db: k.db, clock: k.clock, demo: k.config.demo.enabled, people: deps.people }),
  };
  return { module, customers, duplicates };
}
