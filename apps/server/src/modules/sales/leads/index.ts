import { scopeFilter } from '../../../kernel/access/access.ts';
import type { Kernel } from '../../../kernel/kernel.ts';
import { addDefaultGrants, type People } from '../../admin/index.ts';
import type { CustomersModule } from '../../customers/index.ts';
import type { TaskService } from '../../tasks/index.ts';
import type { SalesFeature } from '../index.ts';
import { createLeadActivityService } from './lead-activities.service.ts';
import { createLeadAssignmentService } from './lead-assignment.service.ts';
import { createLeadConversionService, type OpportunityCreator } from './lead-conversion.service.ts';
import { createLeadPresenter } from './lead-dto.ts';
import { createLeadSourceService } from './lead-sources.service.ts';
import { LEAD_GRANTS } from './leads.messages.ts';
import * as repo from './leads.repository.ts';
import { leadRoutes } from './leads.routes.ts';
import { seedDemoLeads } from './leads.seed.ts';
import { createLeadService } from './leads.service.ts';

export type { LeadService } from './leads.service.ts';
export type { LeadConversionService, OpportunityCreator } from './lead-conversion.service.ts';

/**
 * Leads (线索): entry (form and quick entry), sources, assignment, follow-up with activities,
 * qualify / disqualify, conversion into customer + contact + opportunity.
 */
export function createLeadsFeature(
  k: Kernel,
  deps: {
    people: People;
    tasks: Pick<TaskService, 'handOverFollowUps' | 'registerRelatedRecords' | 'moveRelated'>;
    customers: CustomersModule;
    /** The opportunities feature beside this one (conversion creates the opportunity through it). */
    opportunities: () => OpportunityCreator | undefined;
  },
) {
  addDefaultGrants(LEAD_GRANTS);
  const { db, clock } = k;
  const present = createLeadPresenter(deps.people);
  const sources = createLeadSourceService({ db, clock });
  const leads = createLeadService({ db, clock, people: deps.people, notifications: k.notifications, sources, present });
  const assignment = createLeadAssignmentService({
    db,
    clock,
    people: deps.people,
    notifications: k.notifications,
    tasks: deps.tasks,
    present,
  });
  const conversion = createLeadConversionService({
    db,
    clock,
    people: deps.people,
    duplicates: deps.customers.duplicates,
    customers: deps.customers.customers,
    activities: deps.customers.linkedActivities,
    tasks: deps.tasks,
    opportunities: deps.opportunities,
    present,
  });
  const activities = createLeadActivityService({ db, activities: deps.customers.linkedActivities });

  // Tasks about a lead carry its company name and open only for those who see the lead.
  deps.tasks.registerRelatedRecords('lead', async (actor, id) => {
    const row = await repo.findLead(db, id, scopeFilter(actor, repo.leadScopeColumns));
    return row ? { label: row.companyName } : undefined;
  });
  // A converted lead follows its customer into a merge (and back on undo).
  deps.customers.register({
    key: 'leads',
    order: 90,
    moveOnMerge: async (tx, from, to) => [{ table: 'lead', ids: await repo.moveConvertedCustomer(tx, from.customerId, to.customerId) }],
    undoMove: async (tx, moved, back) => {
      for (const m of moved) if (m.table === 'lead') await repo.moveConvertedCustomerBack(tx, m.ids, back.customerId);
    },
  });

  const feature: SalesFeature = {
    routes: leadRoutes({ leads, assignment, conversion, activities, sources }),
    prepare: () => sources.ensureDefaults(),
    seed: () =>
      seedDemoLeads({
        db,
        clock,
        demo: k.config.demo.enabled,
        people: deps.people,
        customers: deps.customers.customers,
        activities: deps.customers.linkedActivities,
      }),
  };
  return { feature, leads, assignment, conversion, activities, sources };
}
export type LeadsFeature = ReturnType<typeof createLeadsFeature>;
