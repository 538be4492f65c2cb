import type { Kernel } from '../../kernel/kernel.ts';
import { scopeFilter } from '../../kernel/access/access.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import * as customerRepo from './customers.repository.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import type { People } from '../admin/index.ts';
import { addDefaultGrants } from '../admin/index.ts';
import { CUSTOMER_GRANTS } from './customers.messages.ts';
import { customerRoutes } from './customers.routes.ts';
import { createCustomerService } from './customers.service.ts';
import { createDuplicateCheckService } from './duplicate-check.service.ts';
import { seedDemoCustomers } from './customers.seed.ts';
import { createCustomerExtensions } from './customer-extensions.ts';
import { createGradingModule } from './grading/index.ts';
import { createCustomerExportService } from './export/customer-export.service.ts';
import { customerListRoutes } from './export/customer-list.routes.ts';
import type { TaskService } from '../tasks/index.ts';
import type { ConnectorRegistry } from '../integrations/index.ts';
import { createActivityService } from './activities/activities.service.ts';
import { createLinkedActivityService } from './activities/linked-activities.service.ts';
import { activityRoutes } from './activities/activities.routes.ts';
import { createActivitySupport } from './activities/activity-support.ts';
import { createRecentActivityService } from './activities/recent-activities.service.ts';
import { ACTIVITY_GRANTS } from './activities/activities.messages.ts';
import { MERGE_GRANTS } from './merge/merge.messages.ts';
import { createMergeService } from './merge/merge.service.ts';
import { mergeRoutes } from './merge/merge.routes.ts';
import { createPanelService } from './panels/panels.service.ts';
import { panelRoutes } from './panels/panels.routes.ts';
import { createAssignmentRuleService } from './pool/assignment-rules.service.ts';
import { createOwnershipService } from './pool/ownership.service.ts';
import { createPoolDirectory } from './pool/pool-directory.ts';
import { poolJobs } from './pool/pool.jobs.ts';
import { POOL_GRANTS } from './pool/pool.messages.ts';
import { poolRoutes } from './pool/pool.routes.ts';
import { DEFAULT_OWNER_CAP, nearestPool } from './pool/pool.rules.ts';
import { createPoolService } from './pool/pool.service.ts';
import { seedDemoPools } from './pool/pool.seed.ts';
import { createRegistryFeature } from './registry/index.ts';

export type { CustomerService } from './customers.service.ts';
export type { CustomerExtension, CustomerPanelItem, MovedRecords } from './customer-extensions.ts';
/** New customers per creating owner and month, for the targets' performance metric. */
export { measureNewCustomers, type NewCustomersRange } from './customer-measures.repository.ts';
export type { DuplicateCheckService } from './duplicate-check.service.ts';
export type { LinkedActivityService, LinkedActivityTarget, ActivityLink } from './activities/linked-activities.service.ts';
export { createRecordActivityService, registerRecordActivityRoutes } from './activities/record-activities.ts';
export type { ActivityRecordHost, RecordActivityService } from './activities/record-activities.ts';
export type { GradingService, GradeOverrideItem, GradeItemResult } from './grading/index.ts';

/** The customer database: customers, contacts, duplicate check. */
export function createCustomersModule(k: Kernel, deps: { people: People; tasks: TaskService; connectors: ConnectorRegistry }) {
  addDefaultGrants(CUSTOMER_GRANTS);
  addDefaultGrants(ACTIVITY_GRANTS);
  addDefaultGrants(MERGE_GRANTS);
  addDefaultGrants(POOL_GRANTS);
  const duplicates = createDuplicateCheckService({ db: k.db, people: deps.people });
  const extensions = createCustomerExtensions();
  const grading = createGradingModule({ db: k.db, clock: k.clock, people: deps.people, extensions });
  const poolDirectory = createPoolDirectory({ db: k.db, people: deps.people });
  const customers = createCustomerService({ db: k.db, clock: k.clock, people: deps.people, duplicates, pools: poolDirectory });
  const rules = createAssignmentRuleService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    capsOf: async () => {
      const pools = await poolDirectory.load();
      return (departmentId) => nearestPool(departmentId, pools)?.ownerCap ?? DEFAULT_OWNER_CAP;
    },
  });
  const ownership = createOwnershipService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    notifications: k.notifications,
    extensions,
    pools: poolDirectory,
    rules,
    grading: grading.service,
    tasks: deps.tasks,
  });
  const pools = createPoolService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    notifications: k.notifications,
    extensions,
    pools: poolDirectory,
    present: customers.present,
    tasks: deps.tasks,
  });
  const exports = createCustomerExportService({ db: k.db, clock: k.clock, people: deps.people });
  const activities = createActivityService({ db: k.db, clock: k.clock, people: deps.people, files: k.files, tasks: deps.tasks });
  const recentActivities = createRecentActivityService({
    db: k.db,
    clock: k.clock,
    support: createActivitySupport({ db: k.db, clock: k.clock, people: deps.people, files: k.files }),
  });
  const linkedActivities = createLinkedActivityService({
    db: k.db,
    clock: k.clock,
    people: deps.people,
    files: k.files,
    tasks: deps.tasks,
  });
  const panels = createPanelService({ db: k.db, extensions });
  const merges = createMergeService({ db: k.db, clock: k.clock, tasks: deps.tasks, extensions, undoWindowHours: k.config.mergeUndoHours });
  const registry = createRegistryFeature(k, { connectors: deps.connectors });
  // Tasks about a customer take its name, and only a customer the user sees can be linked.
  deps.tasks.registerRelatedRecords('customer', async (actor, id) => {
    const name = await customers.findName(actor, id);
    return name === undefined ? undefined : { label: name };
  });
  const module: ModuleDefinition = {
    name: 'customers',
    routes: customerRoutes({
      customers,
      duplicates,
      grading: grading.routes,
      list: customerListRoutes({ customers, exports }),
      activities: activityRoutes({ activities, recent: recentActivities }),
      panels: panelRoutes({ panels }),
      merges: mergeRoutes({ merges }),
      pool: poolRoutes({ pools, ownership, rules, present: customers.present }),
      registry: registry.routes,
    }),
    jobs: [...grading.jobs, ...poolJobs({ pools }), ...registry.jobs],
    prepare: grading.prepare,
    seed: async () => {
      await seedDemoCustomers({
        db: k.db,
        clock: k.clock,
        demo: k.config.demo.enabled,
        customers: k.config.demo.customers,
        people: deps.people,
      });
      await seedDemoPools({ db: k.db, clock: k.clock, demo: k.config.demo.enabled, people: deps.people });
    },
  };
  return {
    module,
    customers,
    duplicates,
    extensions,
    grading: grading.service,
    ownership,
    pools,
    activities,
    /** Activities of other modules' records (leads, opportunities): the caller checks its scope and passes its transaction. */
    linkedActivities,
    merges,
    registry: registry.registry,
    /** Later modules hang their records off a customer (360 panels, merge, facts): `customers.register(extension)`. */
    register: extensions.register,
    /** Narrow reads for modules whose records belong to a customer (they take the db or the caller's transaction). */
    lookup: {
      /** The customer if it is in the actor's data scope (own / department / all / shared), else undefined. */
      findInScope: async (db: Db, actor: Actor, id: string) => {
        const row = await customerRepo.findCustomer(db, id, scopeFilter(actor, customerRepo.customerScopeColumns));
        return row
          ? { id: row.id, name: row.name, ownerId: row.ownerId, departmentId: row.departmentId, mergedIntoId: row.mergedIntoId }
          : undefined;
      },
      /**
       * Grade, province and name of a customer, whatever the caller's scope: what price lists match on
       * (quotes price the customer of a record the caller has already checked).
       */
      pricingProfile: async (db: Db, id: string) => {
        const row = await customerRepo.findCustomer(db, id, undefined);
        return row ? { name: row.name, grade: row.grade, province: row.province } : undefined;
      },
      /**
       * Grade, credit limit and credit days of a customer, whatever the caller's scope: what the
       * contract review checks for a contract the caller has already checked.
       */
      creditProfile: async (db: Db, id: string) => {
        const row = await customerRepo.findCustomer(db, id, undefined);
        return row ? { name: row.name, grade: row.grade, creditLimit: row.creditLimit, creditDays: row.creditDays } : undefined;
      },
      /** Customer names by id, for display next to records the actor may already see. */
      names: async (db: Db, ids: readonly string[]) => new Map((await customerRepo.listCustomerNames(db, ids)).map((c) => [c.id, c.name])),
    },
  };
}
export type CustomersModule = ReturnType<typeof createCustomersModule>;
