import type { TLead, TLeadBatchAssignRequest, TLeadBatchResult } from '@crm/contracts';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { translate } from '../../../kernel/i18n.ts';
import type { NotificationService } from '../../../kernel/notifications/notifications.ts';
import type { People } from '../../admin/index.ts';
import type { TaskService } from '../../tasks/index.ts';
import { resolveAssignee } from './lead-assignee.ts';
import type { LeadPresenter } from './lead-dto.ts';
import { isLeadClosed } from './lead-status.ts';
import { LeadErrorCode } from './leads.errors.ts';
import * as repo from './leads.repository.ts';

type Refusal = { code: string; params?: Record<string, unknown> };

const OWNER_FIELDS = (r: repo.LeadRow) => ({ ownerId: r.ownerId, departmentId: r.departmentId });

/**
 * Assignment (a lead without owner gets one) and transfer (to another owner) of one lead or a
 * batch of up to 500: one transaction, one set-based update, one multi-row audit insert, the open
 * follow-ups handed over, the new owner told in the inbox; per-lead results.
 */
export function createLeadAssignmentService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summary'>;
  notifications: Pick<NotificationService, 'notify'>;
  tasks: Pick<TaskService, 'handOverFollowUps'>;
  present: LeadPresenter;
}) {
  const { db, clock } = deps;

  async function run(actor: Actor, req: TLeadBatchAssignRequest) {
    const ids = [...new Set(req.leadIds)];
    const owner = await resolveAssignee(deps.people, actor, req.ownerId);
    const outcomes = new Map<string, { done: true } | ({ done: false } & Refusal)>();
    const moved = new Map<string, repo.LeadRow>();
    await withTx(db, async (tx) => {
      const locked = await repo.lockLeads(tx, ids, scopeFilter(actor, repo.leadScopeColumns));
      const found = new Map(locked.map((r) => [r.id, r]));
      const take: repo.LeadRow[] = [];
      for (const id of ids) {
        const r = found.get(id);
        if (!r) outcomes.set(id, { done: false, code: CommonError.NOT_FOUND });
        else if (isLeadClosed(r.status)) outcomes.set(id, { done: false, code: LeadErrorCode.LEAD_CLOSED });
        else if (r.ownerId === owner.id)
          outcomes.set(id, { done: false, code: LeadErrorCode.LEAD_SAME_OWNER, params: { owner: owner.displayName } });
        else take.push(r);
      }
      if (take.length === 0) return;
      const now = clock.now();
      const updated = await repo.setOwners(
        tx,
        take.map((r) => r.id),
        { ownerId: owner.id, departmentId: owner.departmentId, at: now, by: actor.userId },
      );
      const after = new Map(updated.map((r) => [r.id, r]));
      await deps.tasks.handOverFollowUps(tx, actor, {
        type: 'lead',
        ids: take.map((r) => r.id),
        to: { userId: owner.id, departmentId: owner.departmentId },
      });
      await writeAudit(
        tx,
        actor,
        take.map((r) => ({
          action: r.ownerId ? 'lead.transfer' : 'lead.assign',
          entityType: 'lead',
          entityId: r.id,
          before: OWNER_FIELDS(r),
          after: OWNER_FIELDS(after.get(r.id)!),
          meta: { reason: req.reason, ...(take.length > 1 ? { batchSize: take.length } : {}) },
        })),
      );
      const by = actor.displayName;
      if (owner.id !== actor.userId) {
        const single = take.length === 1 ? take[0]! : undefined;
        await deps.notifications.notify(tx, {
          userIds: [owner.id],
          kind: single ? 'leads.assigned' : 'leads.assigned_many',
          params: { by, reason: req.reason, count: take.length, name: take[0]!.companyName },
          link: single ? `/leads/${single.id}` : '/leads?mine=1',
          entityType: single ? 'lead' : undefined,
          entityId: single?.id,
        });
      }
      const previous = new Map<string, number>();
      for (const r of take) if (r.ownerId && r.ownerId !== actor.userId) previous.set(r.ownerId, (previous.get(r.ownerId) ?? 0) + 1);
      for (const [userId, count] of previous) {
        await deps.notifications.notify(tx, { userIds: [userId], kind: 'leads.taken_away', params: { by, reason: req.reason, count } });
      }
      for (const r of updated) {
        outcomes.set(r.id, { done: true });
        moved.set(r.id, r);
      }
    });
    return { ids, outcomes, moved };
  }

  return {
    async batch(actor: Actor, req: TLeadBatchAssignRequest): Promise<TLeadBatchResult> {
      const { ids, outcomes } = await run(actor, req);
      const results = ids.map((leadId) => {
        const o = outcomes.get(leadId) ?? { done: false as const, code: CommonError.NOT_FOUND };
        return o.done
          ? { leadId, outcome: 'done' as const, code: null, message: null }
          : { leadId, outcome: 'refused' as const, code: o.code, message: translate(actor.locale, `error.${o.code}`, o.params) };
      });
      const done = results.filter((r) => r.outcome === 'done').length;
      return { done, refused: results.length - done, results };
    },

    /** One lead; a refusal is thrown as its error. */
    async assign(actor: Actor, id: string, input: { ownerId: string; reason: string }): Promise<TLead> {
      const { outcomes, moved } = await run(actor, { leadIds: [id], ...input });
      const outcome = outcomes.get(id);
      if (!outcome || !outcome.done) throw new AppError(outcome?.code ?? CommonError.NOT_FOUND, { params: outcome?.params });
      return (await deps.present([moved.get(id)!]))[0]!;
    },
  };
}
export type LeadAssignmentService = ReturnType<typeof createLeadAssignmentService>;
