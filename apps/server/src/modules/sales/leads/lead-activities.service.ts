import type { TActivity, TActivityListQuery, TCreateActivity, TPage, TUpdateActivity } from '@crm/contracts';
import { scopeFilter } from '../../../kernel/access/access.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { LinkedActivityService, LinkedActivityTarget } from '../../customers/index.ts';
import { isLeadClosed } from './lead-status.ts';
import { LeadErrorCode } from './leads.errors.ts';
import * as repo from './leads.repository.ts';

/**
 * 跟进记录 of a lead: whoever sees the lead reads and adds them (the customers module keeps them);
 * the first one moves a new lead into follow-up. After conversion they are on the customer's
 * timeline too, and the lead takes no new ones.
 */
export function createLeadActivityService(deps: { db: Db; activities: LinkedActivityService }) {
  const { db, activities } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.leadScopeColumns);

  function targetOf(actor: Actor, lead: repo.LeadRow): LinkedActivityTarget {
    return {
      link: { leadId: lead.id },
      customerId: lead.convertedCustomerId,
      followUp: {
        related: { type: 'lead', id: lead.id, label: lead.companyName },
        // A lead waiting for an owner: the author follows it up.
        assigneeId: lead.ownerId ?? actor.userId!,
        departmentId: lead.ownerId ? lead.departmentId : actor.departmentId,
      },
    };
  }

  async function visibleLead(actor: Actor, leadId: string): Promise<repo.LeadRow> {
    const lead = await repo.findLead(db, leadId, scopeOf(actor));
    if (!lead) throw new AppError(CommonError.NOT_FOUND);
    return lead;
  }

  async function lockVisible(tx: Db, actor: Actor, leadId: string): Promise<repo.LeadRow> {
    const lead = await repo.lockLead(tx, leadId, scopeOf(actor));
    if (!lead) throw new AppError(CommonError.NOT_FOUND);
    return lead;
  }

  return {
    async list(actor: Actor, leadId: string, query: TActivityListQuery): Promise<TPage<TActivity>> {
      await visibleLead(actor, leadId);
      return activities.list(actor, { leadId }, query);
    },

    async create(actor: Actor, leadId: string, input: TCreateActivity): Promise<TActivity> {
      await visibleLead(actor, leadId);
      const attachments = await activities.prepareAttachments(actor, input.attachmentIds ?? []);
      const row = await withTx(db, async (tx) => {
        const lead = await lockVisible(tx, actor, leadId);
        if (isLeadClosed(lead.status)) throw new AppError(LeadErrorCode.LEAD_CLOSED);
        const created = await activities.createWithin(tx, actor, targetOf(actor, lead), input, attachments);
        await repo.touchLead(tx, leadId, created.occurredAt);
        return created;
      });
      return (await activities.present(actor, [row]))[0]!;
    },

    async update(actor: Actor, leadId: string, activityId: string, input: TUpdateActivity): Promise<TActivity> {
      await visibleLead(actor, leadId);
      const attachments = await activities.prepareAttachments(actor, input.attachmentIds, { leadId }, activityId);
      const row = await withTx(db, async (tx) => {
        const lead = await lockVisible(tx, actor, leadId);
        const updated = await activities.updateWithin(tx, actor, targetOf(actor, lead), activityId, input, attachments);
        await repo.touchLead(tx, leadId, updated.occurredAt);
        return updated;
      });
      return (await activities.present(actor, [row]))[0]!;
    },

    async remove(actor: Actor, leadId: string, activityId: string): Promise<void> {
      await withTx(db, async (tx) => {
        const lead = await lockVisible(tx, actor, leadId);
        await activities.removeWithin(tx, actor, targetOf(actor, lead), activityId);
      });
    },

    async openAttachment(actor: Actor, leadId: string, activityId: string, fileId: string) {
      await visibleLead(actor, leadId);
      return activities.openAttachment(actor, { leadId }, activityId, fileId);
    },
  };
}
export type LeadActivityService = ReturnType<typeof createLeadActivityService>;
