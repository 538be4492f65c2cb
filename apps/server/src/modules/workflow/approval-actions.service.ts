import type { TAddApprover, TApprovalAttachment, TApprovalComment, TTransferTask } from '@crm/contracts';
import type { Actor } from '../../kernel/auth/actor.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { ApprovalCore, ApprovalCoreDeps } from './approval-core.ts';
import { actorName } from './approval-progress.ts';
import { WorkflowErrorCode } from './workflow.errors.ts';
import * as repo from './workflow.repository.ts';

const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/x-cfb',
  'text/plain',
  'text/csv',
];

/** The people's other actions on an approval: hand on, add an approver, comment, withdraw. */
export function createApprovalActions(deps: ApprovalCoreDeps & { core: ApprovalCore }) {
  const { db, clock, progress } = deps;
  const { typeOf, versionOf, initiatorName, save, finish, lockOwnTask, decideOwn, audit, assertAssignable } = deps.core;

  /** A new approver in the task's step (by transfer or addition), and the action that made them one. */
  async function handToApprover(
    tx: Parameters<typeof save>[0],
    actor: Actor,
    inst: repo.InstanceRow,
    task: repo.TaskRow,
    how: { userId: string; comment?: string | null; origin: 'transfer' | 'added'; action: 'transfer' | 'add_approver' },
  ): Promise<void> {
    const now = clock.now();
    await repo.insertTasks(tx, [
      {
        instanceId: inst.id,
        stepIndex: task.stepIndex,
        kind: 'approve',
        assigneeId: how.userId,
        status: 'pending',
        origin: how.origin,
        createdAt: now,
        dueAt: task.dueAt,
      },
    ]);
    await repo.insertActions(tx, [
      {
        instanceId: inst.id,
        taskId: task.id,
        stepIndex: task.stepIndex,
        actorId: actor.userId,
        actorName: actorName(actor),
        kind: how.action,
        targetUserId: how.userId,
        comment: how.comment ?? null,
        createdAt: now,
      },
    ]);
  }

  return {
    /** Hands one's task to someone else: they take one's place in the step. */
    async transfer(actor: Actor, taskId: string, input: TTransferTask): Promise<string> {
      return withTx(db, async (tx) => {
        const { task: own, inst } = await lockOwnTask(tx, actor, taskId);
        await assertAssignable(tx, actor, inst, own.stepIndex, input.userId);
        const { task } = await decideOwn(tx, actor, taskId, 'transferred', input.comment ?? null);
        const version = await versionOf(tx, inst);
        const step = version.steps[task.stepIndex]!;
        await handToApprover(tx, actor, inst, task, {
          userId: input.userId,
          comment: input.comment,
          origin: 'transfer',
          action: 'transfer',
        });
        const saved = await save(tx, actor, inst, {});
        await deps.notifications.notify(tx, {
          userIds: [input.userId],
          kind: 'approval.transferred',
          params: { title: inst.title, actor: actorName(actor), step: step.name },
          link: `/approvals/${inst.id}`,
          entityType: 'approval_instance',
          entityId: inst.id,
        });
        await audit(tx, actor, 'approval.transfer', saved, { taskId, to: input.userId });
        return inst.id;
      });
    },

    /** Adds an approver to the current step (the actor's own task stays open). */
    async addApprover(actor: Actor, taskId: string, input: TAddApprover): Promise<string> {
      return withTx(db, async (tx) => {
        const { task, inst } = await lockOwnTask(tx, actor, taskId);
        if (task.status !== 'pending') throw new AppError(WorkflowErrorCode.APPROVAL_TASK_ALREADY_DECIDED);
        if (inst.status !== 'running') throw new AppError(WorkflowErrorCode.APPROVAL_INSTANCE_FINISHED);
        await assertAssignable(tx, actor, inst, task.stepIndex, input.userId);
        const version = await versionOf(tx, inst);
        const step = version.steps[task.stepIndex]!;
        await handToApprover(tx, actor, inst, task, {
          userId: input.userId,
          comment: input.comment,
          origin: 'added',
          action: 'add_approver',
        });
        const saved = await save(tx, actor, inst, {});
        await progress.notifyTask(tx, [input.userId], inst, typeOf(inst.typeKey), step, await initiatorName(tx, inst));
        await audit(tx, actor, 'approval.add_approver', saved, { taskId, added: input.userId });
        return inst.id;
      });
    },

    /** A comment (with attachments the actor uploaded) by anyone taking part; tells the others. */
    async comment(actor: Actor, instanceId: string, input: TApprovalComment, canMonitor: boolean): Promise<string> {
      const attachments: TApprovalAttachment[] = [];
      for (const id of new Set(input.attachmentIds ?? [])) {
        const file = await deps.files.get(actor, id).catch(() => undefined);
        if (!file || !ATTACHMENT_TYPES.includes(file.mimeType)) {
          throw new AppError(WorkflowErrorCode.APPROVAL_ATTACHMENT_INVALID, {
            params: { name: file?.name ?? id },
            fields: [{ path: 'attachmentIds', code: 'invalid', messageKey: 'error.APPROVAL_ATTACHMENT_INVALID' }],
          });
        }
        attachments.push({ id: file.id, name: file.name, mimeType: file.mimeType, size: file.size });
      }
      return withTx(db, async (tx) => {
        const found = await repo.findInstanceFor(tx, instanceId, canMonitor ? undefined : repo.involvementOf(actor.userId ?? ''));
        if (!found) throw new AppError(CommonError.NOT_FOUND);
        const inst = (await repo.lockInstance(tx, found.id))!;
        const now = clock.now();
        await repo.insertActions(tx, [
          {
            instanceId: inst.id,
            stepIndex: inst.currentStep,
            actorId: actor.userId,
            actorName: actorName(actor),
            kind: 'comment',
            comment: input.comment,
            attachments,
            createdAt: now,
          },
        ]);
        const pending = (await repo.listInstanceTasks(tx, inst.id)).filter((t) => t.status === 'pending').map((t) => t.assigneeId);
        await deps.notifications.notify(tx, {
          userIds: [inst.initiatorId, ...pending].filter((id) => id !== actor.userId),
          kind: 'approval.comment',
          params: { title: inst.title, actor: actorName(actor), comment: input.comment },
          link: `/approvals/${inst.id}`,
          entityType: 'approval_instance',
          entityId: inst.id,
        });
        await audit(tx, actor, 'approval.comment', inst, { attachments: attachments.map((a) => a.id) });
        return inst.id;
      });
    },

    /** The initiator takes the record back out of approval; the type's module is told in this transaction. */
    async withdraw(actor: Actor, instanceId: string, comment: string | null): Promise<string> {
      return withTx(db, async (tx) => {
        const found = await repo.findInstanceFor(tx, instanceId, repo.involvementOf(actor.userId ?? ''));
        if (!found) throw new AppError(CommonError.NOT_FOUND);
        if (found.initiatorId !== actor.userId) throw new AppError(WorkflowErrorCode.APPROVAL_ONLY_INITIATOR);
        const inst = (await repo.lockInstance(tx, found.id))!;
        if (inst.status !== 'running') throw new AppError(WorkflowErrorCode.APPROVAL_INSTANCE_FINISHED);
        await repo.insertActions(tx, [
          {
            instanceId: inst.id,
            stepIndex: inst.currentStep,
            actorId: actor.userId,
            actorName: actorName(actor),
            kind: 'withdraw',
            comment,
            createdAt: clock.now(),
          },
        ]);
        const done = await finish(tx, actor, inst, 'withdrawn', comment, { callback: true });
        await audit(tx, actor, 'approval.withdraw', done, { by: 'initiator', comment });
        return inst.id;
      });
    },
  };
}
export type ApprovalActions = ReturnType<typeof createApprovalActions>;
