import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import { addDefaultGrants, type People } from '../admin/index.ts';
import type { CustomersModule } from '../customers/index.ts';
import type { ProductsModule } from '../products/index.ts';
import type { SalesModule } from '../sales/index.ts';
import type { ApprovalsApi } from '../workflow/index.ts';
import { createContractAnnexService } from './contract-annex.service.ts';
import { createContractDocumentsFeature } from './documents/index.ts';
import { createContractApprovalGate } from './contract-approval.ts';
import { contractCustomerExtension } from './contract-customer-extension.ts';
import { createContractSettingsService } from './contract-settings.service.ts';
import { createContractWorkflow } from './contract-workflow.service.ts';
import { CONTRACT_GRANTS } from './contracts.messages.ts';
import * as repo from './contracts.repository.ts';
import { contractRoutes } from './contracts.routes.ts';
import { seedDemoContracts } from './contracts.seed.ts';
import type { ContractRequirementSource, CreditExposure } from './contract-ports.ts';
import { createContractService } from './contracts.service.ts';

export type { ContractService } from './contracts.service.ts';
export type { ContractRequirementSource, CreditExposure } from './contract-ports.ts';
export type { ContractWorkflow } from './contract-workflow.service.ts';
export { ContractErrorCode } from './contracts.errors.ts';
export { computeContractAmounts } from './contract-amounts.ts';
export { reviewContract } from './contract-review.ts';

/**
 * 合同 (contracts): created from a quote, an opportunity, a requirement or blank; lines priced from
 * the catalogue with margin; structured payment terms; the automatic review (合同评审) that
 * chooses the approval route; numbering, statuses, amendments (补充协议), the product-list annex.
 */
export function createContractsModule(
  k: Kernel,
  deps: {
    people: People;
    customers: CustomersModule;
    products: ProductsModule;
    sales: SalesModule;
    approvals: ApprovalsApi;
  },
) {
  addDefaultGrants(CONTRACT_GRANTS);
  let requirements: ContractRequirementSource | null = null;
  let exposure: CreditExposure = { openExposure: (tx, customerId, except) => repo.signedExposure(tx, customerId, except) };
  const settings = createContractSettingsService({ db: k.db, clock: k.clock });
  const contracts = createContractService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    catalog: deps.products.catalog,
    customers: deps.customers.lookup,
    opportunities: deps.sales.opportunities,
    quotes: deps.sales.quotes,
    requirements: () => requirements,
    exposure: () => exposure,
    settings,
  });
  const documents = createContractDocumentsFeature(k, { people: deps.people, getContract: (actor, id) => contracts.get(actor, id) });
  const workflow = createContractWorkflow({
    db: k.db,
    clock: k.clock,
    notifications: k.notifications,
    contracts,
    settings,
    gate: () => gate,
    documents: documents.api,
  });
  const gate = createContractApprovalGate({ approvals: deps.approvals, workflow: () => workflow });
  const annex = createContractAnnexService({ db: k.db, clock: k.clock, contracts, catalog: deps.products.catalog });
  deps.customers.register(contractCustomerExtension({ db: k.db, names: deps.customers.lookup.names }));
  deps.sales.targets.registerMetric({
    key: 'signed_amount',
    unit: 'amount',
    measure: async (db, range) =>
      (await repo.signedPerOwnerMonth(db, range)).map((r) => ({ userId: r.userId, month: r.month, value: r.value })),
  });
  const module: ModuleDefinition = {
    name: 'contracts',
    routes: contractRoutes({ contracts, workflow, annex, settings, extra: [documents.routes] }),
    jobs: documents.jobs,
    prepare: async () => {
      await settings.prepare();
      await documents.prepare();
    },
    seed: async () => {
      const seeded = await seedDemoContracts({
        db: k.db,
        clock: k.clock,
        demo: k.config.demo.enabled,
        catalog: deps.products.catalog,
        quotes: deps.sales.quotes,
        contracts,
        settings,
        customerNames: deps.customers.lookup.names,
      });
      if (seeded > 0) await documents.seedDemo();
    },
  };
  return {
    module,
    /** The archive (档案): `hasSignedOriginal`, `archiveStatus` (see documents/index.ts). */
    documents: documents.api,
    contracts,
    workflow,
    settings,
    /** The requirements module gives its approved requirements' lines (wired once both exist). */
    useRequirements(source: ContractRequirementSource): void {
      requirements = source;
    },
    /** The receivables module replaces the default exposure (signed, not yet collected). */
    useCreditExposure(next: CreditExposure): void {
      exposure = next;
    },
  };
}
export type ContractsModule = ReturnType<typeof createContractsModule>;
