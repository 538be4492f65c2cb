import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { createRecordActivityService, type ActivityRecordHost, type LinkedActivityService } from '../../customers/index.ts';
import * as repo from './opportunities.repository.ts';

/**
 * 跟进记录 of an opportunity: whoever sees the opportunity reads and adds them; they are on its
 * customer's timeline too, and a next follow-up becomes a task of the opportunity's owner.
 */
export function createOpportunityActivityService(deps: {
  db: Db;
  activities: LinkedActivityService;
  scopeOf: (actor: Actor) => repo.OpportunityFilter['scope'];
}) {
  const host: ActivityRecordHost<repo.OpportunityRow> = {
    find: (db, actor, id) => repo.findOpportunity(db, id, deps.scopeOf(actor)),
    lock: (tx, actor, id) => repo.lockOpportunity(tx, id, deps.scopeOf(actor)),
    link: (id) => ({ opportunityId: id }),
    target: (_actor, o) => ({
      link: { opportunityId: o.id },
      customerId: o.customerId,
      followUp: {
        related: { type: 'opportunity', id: o.id, label: o.name },
        assigneeId: o.ownerId,
        departmentId: o.departmentId,
      },
    }),
  };
  return createRecordActivityService({ db: deps.db, activities: deps.activities, host });
}
export type OpportunityActivityService = ReturnType<typeof createOpportunityActivityService>;
