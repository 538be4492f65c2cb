import { Permission, ZCreateCustomerView, ZUpdateCustomerView } from '@crm/contracts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import { savedViewRoutes, type SavedViewList } from './views.routes.ts';
import { createSavedViewService } from './views.service.ts';

export type { SavedViewService } from './views.service.ts';

/** The lists that offer saved views; another list adds one entry with its own contract shapes. */
const LISTS: readonly SavedViewList[] = [
  {
    entityType: 'customer',
    path: '/api/v1/customer-views',
    permission: Permission.customerRead,
    create: ZCreateCustomerView,
    update: ZUpdateCustomerView,
  },
];

/** Saved views of lists, private to each user (filters, sort, visible columns). */
export function createViewsModule(k: Kernel) {
  const views = createSavedViewService({ db: k.db, clock: k.clock });
  const module: ModuleDefinition = { name: 'views', routes: savedViewRoutes({ views, lists: LISTS }) };
  return { module, views };
}
