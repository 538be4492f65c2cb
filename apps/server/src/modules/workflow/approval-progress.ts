import type { TApprovalStep, TApproverSpec } from '@crm/contracts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import type { ApprovalTypeRegistration } from './approval-types.ts';
import { resolveApprovers, type OrgLookup } from './approver-resolution.ts';
import { allHold } from './conditions.ts';
import { WorkflowErrorCode } from './workflow.errors.ts';
import * as repo from './workflow.repository.ts';
import type { StepStateValue } from './workflow.schema.ts';

export const ENGINE_CHANNEL = 'approvals';

/** Who acted, as the history shows it. */
export function actorName(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : actor.displayName;
}

/**
 * Moving an instance through its steps: the parts every action shares. Each function runs in
 * the caller's transaction, on an instance the caller has locked.
 */
export function createApprovalProgress(deps: { clock: Clock; org: OrgLookup; notifications: Pick<NotificationService, 'notify'> }) {
  const { clock } = deps;

  async function resolveAll(tx: Db, specs: readonly TApproverSpec[], inst: repo.InstanceRow): Promise<string[]> {
    const found = new Set<string>();
    for (const spec of specs) {
      for (const id of await resolveApprovers(tx, deps.org, spec, { initiatorId: inst.initiatorId, facts: inst.facts })) found.add(id);
    }
    return [...found];
  }

  function notifyTask(
    tx: Db,
    userIds: string[],
    inst: repo.InstanceRow,
    type: ApprovalTypeRegistration,
    step: TApprovalStep,
    initiator: string,
  ) {
    return deps.notifications.notify(tx, {
      userIds,
      kind: 'approval.task',
      params: { title: inst.title, type: type.label['zh-CN'], typeEn: type.label['en-US'], initiator, step: step.name },
      link: `/approvals/${inst.id}`,
      entityType: 'approval_instance',
      entityId: inst.id,
    });
  }

  return {
    resolveAll,

    /**
     * Activates the first step from `from` on that applies: a step whose conditions do not hold is
     * skipped; one whose auto-approve conditions hold, or whose approvers all approved an earlier
     * step already, approves itself; otherwise its approvers get tasks. Returns the new step
     * states and current step; `finished` when no step is left (the instance is approved).
     */
    async activateFrom(
      tx: Db,
      actor: Actor,
      inst: repo.InstanceRow,
      steps: readonly TApprovalStep[],
      from: number,
      type: ApprovalTypeRegistration,
      initiatorName: string,
      states: StepStateValue[],
    ): Promise<{ states: StepStateValue[]; currentStep: number | null; finished: boolean }> {
      const now = clock.now();
      const approvedBefore = new Set(
        (await repo.listInstanceTasks(tx, inst.id))
          .filter((t) => t.kind === 'approve' && t.status === 'approved' && t.stepIndex < from)
          .map((t) => t.assigneeId),
      );
      const actions: repo.NewActionRow[] = [];
      const base = { instanceId: inst.id, actorId: actor.userId, actorName: actorName(actor), createdAt: now };
      for (let i = from; i < steps.length; i++) {
        const step = steps[i]!;
        if (!allHold(inst.facts, step.conditions)) {
          states[i] = 'skipped';
          actions.push({ ...base, stepIndex: i, kind: 'skip' });
          continue;
        }
        if (step.autoApprove.length > 0 && allHold(inst.facts, step.autoApprove)) {
          states[i] = 'auto_approved';
          actions.push({ ...base, stepIndex: i, kind: 'auto_approve' });
          continue;
        }
        const approvers = (await resolveAll(tx, step.approvers, inst)).filter((id) => id !== inst.initiatorId);
        if (approvers.length === 0) throw new AppError(WorkflowErrorCode.APPROVAL_NO_APPROVER, { params: { step: step.name } });
        if (approvers.every((id) => approvedBefore.has(id))) {
          states[i] = 'auto_approved';
          actions.push({ ...base, stepIndex: i, kind: 'auto_approve', comment: 'already_approved' });
          continue;
        }
        const dueAt = step.timeLimitHours ? new Date(now.getTime() + step.timeLimitHours * 3_600_000) : null;
        await repo.insertTasks(
          tx,
          approvers.map((assigneeId) => ({
            instanceId: inst.id,
            stepIndex: i,
            kind: 'approve' as const,
            assigneeId,
            status: 'pending' as const,
            origin: 'rule' as const,
            createdAt: now,
            dueAt,
          })),
        );
        states[i] = 'active';
        await repo.insertActions(tx, actions);
        await notifyTask(tx, approvers, inst, type, step, initiatorName);
        return { states, currentStep: i, finished: false };
      }
      await repo.insertActions(tx, actions);
      return { states, currentStep: null, finished: true };
    },

    notifyTask,
  };
}
export type ApprovalProgress = ReturnType<typeof createApprovalProgress>;
