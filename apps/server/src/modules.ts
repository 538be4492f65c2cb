import type { Kernel } from './kernel/kernel.ts';
import { createAdminModule } from './modules/admin/index.ts';

/** Wires the business modules, one line each. Order matters for seeds: admin first. */
export function createModules(k: Kernel) {
  const admin = createAdminModule(k);
  return { authResolver: admin.authResolver, admin, list: [admin.module] };
}
