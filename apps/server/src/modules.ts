import type { Kernel } from './kernel/kernel.ts';
import { createAdminModule } from './modules/admin/index.ts';
import { createContractsModule } from './modules/contracts/index.ts';
import { createCustomersModule } from './modules/customers/index.ts';
import { createIntegrationsModule } from './modules/integrations/index.ts';
import { createProductsModule } from './modules/products/index.ts';
import { createRequirementsModule } from './modules/requirements/index.ts';
import { createSalesModule } from './modules/sales/index.ts';
import { createTasksModule } from './modules/tasks/index.ts';
import { createViewsModule } from './modules/views/index.ts';
import { createWorkflowModule } from './modules/workflow/index.ts';

/** Wires the business modules, one line each. Order matters for seeds: admin first. */
export function createModules(k: Kernel) {
  const admin = createAdminModule(k);
  const tasks = createTasksModule(k, { people: admin.people });
  const integrations = createIntegrationsModule(k, { people: admin.people });
  const customers = createCustomersModule(k, { people: admin.people, tasks: tasks.tasks, connectors: integrations.connectors });
  const views = createViewsModule(k);
  const products = createProductsModule(k, { people: admin.people, customers });
  const sales = createSalesModule(k, { people: admin.people, tasks, customers, products });
  const workflow = createWorkflowModule(k, { people: admin.people });
  sales.quotes.useApprovalsEngine(workflow.approvals);
  const requirements = createRequirementsModule(k, { people: admin.people, customers, sales, products, approvals: workflow.approvals });
  const contracts = createContractsModule(k, { people: admin.people, customers, products, sales, approvals: workflow.approvals });
  contracts.useRequirements({ forContract: requirements.forContract, markContracted: requirements.markContracted });
  return {
    authResolver: admin.authResolver,
    admin,
    tasks,
    integrations,
    customers,
    views,
    products,
    sales,
    workflow,
    requirements,
    contracts,
    list: [
      admin.module,
      tasks.module,
      integrations.module,
      customers.module,
      views.module,
      products.module,
      sales.module,
      workflow.module,
      requirements.module,
      contracts.module,
    ],
  };
}
