import type { TOpportunityListQuery, TOpportunitySummary, TPage } from '@crm/contracts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import { addDefaultGrants, type People } from '../admin/index.ts';
import type { CustomersModule } from '../customers/index.ts';
import type { ProductsModule } from '../products/index.ts';
import type { ApprovalsApi } from '../workflow/index.ts';
import { registerRequirementApproval } from './requirement-approval.ts';
import { requirementCustomerExtension } from './requirement-customer-extension.ts';
import { createRequirementReview } from './requirement-review.service.ts';
import { createRequirementWorkflow, type RequirementApprovalStarter } from './requirement-workflow.service.ts';
import { REQUIREMENT_GRANTS } from './requirements.messages.ts';
import { requirementRoutes } from './requirements.routes.ts';
import { seedDemoRequirements } from './requirements.seed.ts';
import { createRequirementService, type RequirementOpportunityLookup } from './requirements.service.ts';

export type { RequirementForContract, RequirementWorkflow } from './requirement-workflow.service.ts';
export type { RequirementService } from './requirements.service.ts';
export { REQUIREMENT_APPROVAL_TYPE } from './requirement-approval.ts';
export { RequirementErrorCode } from './requirements.errors.ts';

/**
 * 需求: requirements entered by reps on phone or PC (catalogue products or free descriptions with
 * technical parameters, quantities, dates, photos and documents), reviewed line by line by product
 * managers through the approvals engine; approved requirements feed contracts.
 */
export function createRequirementsModule(
  k: Kernel,
  deps: {
    people: People;
    customers: Pick<CustomersModule, 'lookup' | 'register'>;
    sales: {
      opportunities: RequirementOpportunityLookup & {
        list(actor: Actor, query: TOpportunityListQuery): Promise<TPage<TOpportunitySummary>>;
      };
    };
    products: Pick<ProductsModule, 'catalog' | 'products'>;
    approvals: ApprovalsApi;
  },
) {
  addDefaultGrants(REQUIREMENT_GRANTS);
  const requirements = createRequirementService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    catalog: deps.products.catalog,
    customers: deps.customers.lookup,
    opportunities: deps.sales.opportunities,
    files: k.files,
  });
  const workflow = createRequirementWorkflow({
    db: k.db,
    clock: k.clock,
    notifications: k.notifications,
    requirements,
    // The engine's registration needs the workflow's callbacks; the workflow starts instances through it.
    approvals: () => approvals,
  });
  const approvals: RequirementApprovalStarter = registerRequirementApproval({
    approvals: deps.approvals,
    workflow,
    customers: deps.customers.lookup,
  });
  const review = createRequirementReview({
    db: k.db,
    clock: k.clock,
    catalog: deps.products.catalog,
    products: deps.products.products,
    requirements,
  });
  deps.customers.register(requirementCustomerExtension({ db: k.db }));
  const module: ModuleDefinition = {
    name: 'requirements',
    routes: requirementRoutes({ requirements, workflow, review }),
    seed: () =>
      seedDemoRequirements({
        db: k.db,
        clock: k.clock,
        demo: k.config.demo.enabled,
        people: deps.people,
        opportunities: deps.sales.opportunities,
        products: deps.products.products,
        approvals,
      }),
  };
  return {
    module,
    /** One requirement as the actor may see it (404 outside the actor's scope). */
    get: requirements.get,
    /**
     * For contracts (see docs/requirements.md): an approved (or contracted) requirement with its
     * reviewed lines, in the caller's transaction; 404 outside the actor's scope, 409
     * `REQUIREMENT_NOT_APPROVED` otherwise.
     */
    forContract: workflow.forContract,
    /** Approved → contracted for the contract, in the contract's transaction (audited). */
    markContracted: workflow.markContracted,
    /** Undoes `markContracted` when the contract is withdrawn or cancelled, in its transaction. */
    releaseContracted: workflow.releaseContracted,
  };
}
export type RequirementsModule = ReturnType<typeof createRequirementsModule>;
