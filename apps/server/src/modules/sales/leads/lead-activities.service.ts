import { scopeFilter } from '../../../kernel/access/access.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { AppError } from '../../../kernel/errors.ts';
import { createRecordActivityService, type ActivityRecordHost, type LinkedActivityService } from '../../customers/index.ts';
import { isLeadClosed } from './lead-status.ts';
import { LeadErrorCode } from './leads.errors.ts';
import * as repo from './leads.repository.ts';

/**
 * 跟进记录 of a lead: whoever sees the lead reads and adds them (the customers module keeps them);
 * the first one moves a new lead into follow-up. After conversion they are on the customer's
 * timeline too, and the lead takes no new ones.
 */
export function createLeadActivityService(deps: { db: Db; activities: LinkedActivityService }) {
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.leadScopeColumns);
  const host: ActivityRecordHost<repo.LeadRow> = {
    find: (db, actor, id) => repo.findLead(db, id, scopeOf(actor)),
    lock: (tx, actor, id) => repo.lockLead(tx, id, scopeOf(actor)),
    link: (id) => ({ leadId: id }),
    target: (actor, lead) => ({
      link: { leadId: lead.id },
      customerId: lead.convertedCustomerId,
      followUp: {
        related: { type: 'lead', id: lead.id, label: lead.companyName },
        // A lead waiting for an owner: the author follows it up.
        assigneeId: lead.ownerId ?? actor.userId!,
        departmentId: lead.ownerId ? lead.departmentId : actor.departmentId,
      },
    }),
    assertOpen(lead) {
      if (isLeadClosed(lead.status)) throw new AppError(LeadErrorCode.LEAD_CLOSED);
    },
    touch: (tx, lead, occurredAt) => repo.touchLead(tx, lead.id, occurredAt),
  };
  return createRecordActivityService({ db: deps.db, activities: deps.activities, host });
}
export type LeadActivityService = ReturnType<typeof createLeadActivityService>;
