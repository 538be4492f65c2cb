import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { FileService } from '../../kernel/files/files.service.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import { actorName, ENGINE_CHANNEL, type ApprovalProgress } from './approval-progress.ts';
import type { ApprovalOutcome, ApprovalTypeRegistry } from './approval-types.ts';
import type { OrgLookup } from './approver-resolution.ts';
import { WorkflowErrorCode } from './workflow.errors.ts';
import * as repo from './workflow.repository.ts';
import type { StepStateValue } from './workflow.schema.ts';

export type ApprovalCoreDeps = {
  db: Db;
  clock: Clock;
  registry: ApprovalTypeRegistry;
  org: OrgLookup;
  progress: ApprovalProgress;
  notifications: Pick<NotificationService, 'notify'>;
  files: Pick<FileService, 'get'>;
  names: (tx: Db, ids: readonly string[]) => Promise<Map<string, string>>;
};

/**
 * What every approval action shares: the type and definition of an instance, saving it under its
 * version guard, ending it (with the type's callback), finding and deciding the actor's own task.
 * Each function runs in the caller's transaction.
 */
export function createApprovalCore(deps: ApprovalCoreDeps) {
  const { clock, registry } = deps;
  function typeOf(key: string) {
    const type = registry.get(key);
    if (!type) throw new AppError(WorkflowErrorCode.APPROVAL_TYPE_UNKNOWN, { params: { type: key } });
    return type;
  }

  async function versionOf(tx: Db, inst: repo.InstanceRow) {
    const version = await repo.findDefinitionVersionById(tx, inst.definitionVersionId);
    if (!version) throw new Error(`Definition version ${inst.definitionVersionId} is missing`);
    return version;
  }

  function outcomeOf(inst: repo.InstanceRow, comment: string | null): ApprovalOutcome {
    return {
      instanceId: inst.id,
      typeKey: inst.typeKey,
      recordId: inst.recordId,
      title: inst.title,
      initiatorId: inst.initiatorId,
      context: inst.context,
      facts: inst.facts,
      comment,
    };
  }

  async function initiatorName(tx: Db, inst: repo.InstanceRow): Promise<string> {
    return (await deps.names(tx, [inst.initiatorId])).get(inst.initiatorId) ?? '';
  }

  async function save(tx: Db, actor: Actor, inst: repo.InstanceRow, set: Parameters<typeof repo.updateRunningInstance>[3]) {
    const updated = await repo.updateRunningInstance(tx, inst.id, inst.version, {
      ...set,
      updatedAt: clock.now(),
      updatedBy: actor.userId,
    });
    if (!updated) throw new AppError(CommonError.STALE_VERSION);
    return updated;
  }

  /** Ends the instance: approved, rejected or withdrawn; runs the type's callback in this transaction. */
  async function finish(
    tx: Db,
    actor: Actor,
    inst: repo.InstanceRow,
    outcome: 'approved' | 'rejected' | 'withdrawn',
    comment: string | null,
    opts: { states?: StepStateValue[]; callback: boolean },
  ): Promise<repo.InstanceRow> {
    const now = clock.now();
    const cancelled = await repo.cancelPendingTasks(tx, inst.id, now);
    const updated = await save(tx, actor, inst, {
      status: outcome,
      currentStep: null,
      finishedAt: now,
      ...(opts.states ? { stepStates: opts.states } : {}),
    });
    await repo.insertActions(tx, [
      { instanceId: inst.id, actorId: actor.userId, actorName: actorName(actor), kind: 'finish', comment: outcome, createdAt: now },
    ]);
    const type = typeOf(inst.typeKey);
    const ctx = { actor, channel: ENGINE_CHANNEL };
    if (opts.callback) {
      if (outcome === 'approved') await type.onApproved(tx, outcomeOf(updated, comment), ctx);
      else if (outcome === 'rejected') await type.onRejected(tx, outcomeOf(updated, comment), ctx);
      else if (type.onWithdrawn) await type.onWithdrawn(tx, outcomeOf(updated, comment), ctx);
    }
    const toTell = outcome === 'withdrawn' ? cancelled.filter((t) => t.kind === 'approve').map((t) => t.assigneeId) : [inst.initiatorId];
    await deps.notifications.notify(tx, {
      userIds: toTell.filter((id) => id !== actor.userId),
      kind: `approval.${outcome}`,
      params: { title: inst.title, actor: actorName(actor), comment: comment ?? '' },
      link: `/approvals/${inst.id}`,
      entityType: 'approval_instance',
      entityId: inst.id,
    });
    return updated;
  }

  /** Finds the actor's own task and locks its instance; anyone else's task answers 404. */
  async function lockOwnTask(tx: Db, actor: Actor, taskId: string) {
    const task = await repo.findTask(tx, taskId);
    if (!task || task.assigneeId !== actor.userId || task.kind !== 'approve') throw new AppError(CommonError.NOT_FOUND);
    const inst = await repo.lockInstance(tx, task.instanceId);
    if (!inst) throw new AppError(CommonError.NOT_FOUND);
    return { task, inst };
  }

  async function decideOwn(tx: Db, actor: Actor, taskId: string, status: repo.TaskStatus, comment: string | null) {
    const { task, inst } = await lockOwnTask(tx, actor, taskId);
    const decided = await repo.decideTask(tx, task.id, actor.userId!, { status, comment, decidedAt: clock.now() });
    if (!decided) throw new AppError(WorkflowErrorCode.APPROVAL_TASK_ALREADY_DECIDED);
    if (inst.status !== 'running') throw new AppError(WorkflowErrorCode.APPROVAL_INSTANCE_FINISHED);
    return { task: decided, inst };
  }

  async function audit(tx: Db, actor: Actor, action: string, inst: repo.InstanceRow, meta: Record<string, unknown>) {
    await writeAudit(tx, actor, {
      action,
      entityType: 'approval_instance',
      entityId: inst.id,
      meta: { typeKey: inst.typeKey, recordId: inst.recordId, ...meta },
    });
  }

  async function assertAssignable(tx: Db, actor: Actor, inst: repo.InstanceRow, stepIndex: number, userId: string) {
    const active = await deps.org.activeUserIds(tx, [userId]);
    const pendingInStep = (await repo.listInstanceTasks(tx, inst.id)).some(
      (t) => t.stepIndex === stepIndex && t.kind === 'approve' && t.status === 'pending' && t.assigneeId === userId,
    );
    if (active.length === 0 || userId === actor.userId || userId === inst.initiatorId || pendingInStep) {
      throw new AppError(WorkflowErrorCode.APPROVAL_TARGET_USER_INVALID, {
        fields: [{ path: 'userId', code: 'invalid', messageKey: 'error.APPROVAL_TARGET_USER_INVALID' }],
      });
    }
  }

  return { typeOf, versionOf, initiatorName, save, finish, lockOwnTask, decideOwn, audit, assertAssignable };
}
export type ApprovalCore = ReturnType<typeof createApprovalCore>;
