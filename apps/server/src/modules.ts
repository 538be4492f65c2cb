import type { Kernel } from './kernel/kernel.ts';
import { createAdminModule } from './modules/admin/index.ts';
import { createCustomersModule } from './modules/customers/index.ts';

/** Wires the business modules, one line each. Order matters for seeds: admin first. */
export function createModules(k: Kernel) {
  const admin = createAdminModule(k);
  const customers = createCustomersModule(k, { people: admin.people });
  return { authResolver: admin.authResolver, admin, customers, list: [admin.module, customers.module] };
}
