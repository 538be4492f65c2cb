import type { TApproveTask, TRejectTask } from '@crm/contracts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { ApprovalCore, ApprovalCoreDeps } from './approval-core.ts';
import { actorName } from './approval-progress.ts';
import { WorkflowErrorCode } from './workflow.errors.ts';
import * as repo from './workflow.repository.ts';

export type StartApprovalInput = {
  typeKey: string;
  recordId: string;
  title: string;
  /** Kept with the instance and handed back in the callbacks. */
  context?: Record<string, string>;
};

/**
 * 审批引擎: starts instances and carries out the people's actions on them. Every action locks the
 * instance, guards the task's transition in SQL (`status = 'pending'`), writes its history, audit
 * entry and notifications in one transaction, and runs the business type's final callback in it.
 */
export function createApprovalEngine(deps: ApprovalCoreDeps & { core: ApprovalCore }) {
  const { db, clock, progress } = deps;
  const { typeOf, versionOf, initiatorName, save, finish, decideOwn, audit } = deps.core;

  return {
    /**
     * Starts an approval of a record, in the caller's transaction (e.g. the quote's submit). The
     * facts are loaded and kept; the first applying step gets its tasks. An instance that needs
     * nobody (every step skipped or approved by itself) is approved at once, and the result says
     * so: the caller, still in the middle of its own change, applies that outcome itself (no callback).
     */
    async start(tx: Db, actor: Actor, input: StartApprovalInput): Promise<{ instanceId: string; status: 'running' | 'approved' }> {
      const type = typeOf(input.typeKey);
      const definition = await repo.findDefinition(tx, input.typeKey);
      const version = definition ? await repo.findDefinitionVersion(tx, definition.id, definition.activeVersionNo) : undefined;
      if (!version) throw new AppError(WorkflowErrorCode.APPROVAL_NO_DEFINITION, { params: { type: input.typeKey } });
      if (await repo.findRunningInstanceForRecord(tx, input.typeKey, input.recordId)) {
        throw new AppError(WorkflowErrorCode.APPROVAL_ALREADY_RUNNING);
      }
      if (!actor.userId) throw new AppError(CommonError.FORBIDDEN);
      const facts = type.factsSchema.parse(await type.loadFacts(tx, input.recordId));
      const context = input.context ?? {};
      const now = clock.now();
      let inst = await repo.insertInstance(tx, {
        typeKey: input.typeKey,
        definitionVersionId: version.id,
        recordId: input.recordId,
        title: input.title,
        link: type.link(input.recordId, context),
        initiatorId: actor.userId,
        initiatorDepartmentId: actor.departmentId,
        status: 'running',
        currentStep: 0,
        stepStates: version.steps.map(() => 'waiting' as const),
        facts,
        context,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      await repo.insertActions(tx, [
        { instanceId: inst.id, actorId: actor.userId, actorName: actorName(actor), kind: 'start', createdAt: now },
      ]);
      const name = actorName(actor);
      const cc = (await progress.resolveAll(tx, version.cc, inst)).filter((id) => id !== actor.userId);
      if (cc.length > 0) {
        await repo.insertTasks(
          tx,
          cc.map((assigneeId) => ({
            instanceId: inst.id,
            stepIndex: -1,
            kind: 'cc' as const,
            assigneeId,
            status: 'unread' as const,
            origin: 'rule' as const,
            createdAt: now,
          })),
        );
        await deps.notifications.notify(tx, {
          userIds: cc,
          kind: 'approval.cc',
          params: { title: inst.title, type: type.label['zh-CN'], typeEn: type.label['en-US'], initiator: name },
          link: `/approvals/${inst.id}`,
          entityType: 'approval_instance',
          entityId: inst.id,
        });
      }
      const next = await progress.activateFrom(tx, actor, inst, version.steps, 0, type, name, [...inst.stepStates]);
      inst = await save(tx, actor, inst, { stepStates: next.states, currentStep: next.currentStep });
      if (next.finished) inst = await finish(tx, actor, inst, 'approved', null, { callback: false });
      await audit(tx, actor, 'approval.start', inst, { definitionVersion: version.versionNo, title: input.title });
      return { instanceId: inst.id, status: next.finished ? 'approved' : 'running' };
    },

    /**
     * The record's own module took it out of approval (withdrawn on the record, superseded,
     * expired): the running instance ends as withdrawn, without calling back.
     */
    async cancelForRecord(tx: Db, actor: Actor, input: { typeKey: string; recordId: string; comment?: string }): Promise<boolean> {
      const inst = await repo.findRunningInstanceForRecord(tx, input.typeKey, input.recordId);
      if (!inst) return false;
      await repo.insertActions(tx, [
        {
          instanceId: inst.id,
          actorId: actor.userId,
          actorName: actorName(actor),
          kind: 'withdraw',
          comment: input.comment ?? null,
          createdAt: clock.now(),
        },
      ]);
      const done = await finish(tx, actor, inst, 'withdrawn', input.comment ?? null, { callback: false });
      await audit(tx, actor, 'approval.withdraw', done, { by: 'record' });
      return true;
    },

    async approve(actor: Actor, taskId: string, input: TApproveTask): Promise<string> {
      return withTx(db, async (tx) => {
        const comment = input.comment ?? null;
        const { task, inst } = await decideOwn(tx, actor, taskId, 'approved', comment);
        const version = await versionOf(tx, inst);
        const step = version.steps[task.stepIndex]!;
        const now = clock.now();
        await repo.insertActions(tx, [
          {
            instanceId: inst.id,
            taskId: task.id,
            stepIndex: task.stepIndex,
            actorId: actor.userId,
            actorName: actorName(actor),
            kind: 'approve',
            comment,
            createdAt: now,
          },
        ]);
        let stepDone: boolean;
        if (step.mode === 'any') {
          await repo.cancelPendingTasks(tx, inst.id, now, task.stepIndex);
          stepDone = true;
        } else {
          stepDone = !(await repo.listInstanceTasks(tx, inst.id)).some((t) => t.stepIndex === task.stepIndex && t.status === 'pending');
        }
        let current = inst;
        if (stepDone) {
          const states = [...inst.stepStates];
          states[task.stepIndex] = 'approved';
          const type = typeOf(inst.typeKey);
          const next = await progress.activateFrom(
            tx,
            actor,
            inst,
            version.steps,
            task.stepIndex + 1,
            type,
            await initiatorName(tx, inst),
            states,
          );
          current = next.finished
            ? await finish(tx, actor, inst, 'approved', comment, { states: next.states, callback: true })
            : await save(tx, actor, inst, { stepStates: next.states, currentStep: next.currentStep });
        } else {
          current = await save(tx, actor, inst, {});
        }
        await audit(tx, actor, 'approval.approve', current, { taskId, step: task.stepIndex, comment });
        return inst.id;
      });
    },

    /** Rejects: the whole instance back to the initiator, or back to an earlier step that was approved. */
    async reject(actor: Actor, taskId: string, input: TRejectTask): Promise<string> {
      return withTx(db, async (tx) => {
        const comment = input.comment;
        const { task, inst } = await decideOwn(tx, actor, taskId, 'rejected', comment);
        const now = clock.now();
        const base = {
          instanceId: inst.id,
          taskId: task.id,
          stepIndex: task.stepIndex,
          actorId: actor.userId,
          actorName: actorName(actor),
          comment,
          createdAt: now,
        };
        if (input.toStep === undefined) {
          await repo.insertActions(tx, [{ ...base, kind: 'reject' }]);
          const done = await finish(tx, actor, inst, 'rejected', comment, { callback: true });
          await audit(tx, actor, 'approval.reject', done, { taskId, step: task.stepIndex, comment });
          return inst.id;
        }
        const target = input.toStep;
        if (target >= task.stepIndex || inst.stepStates[target] !== 'approved') {
          throw new AppError(WorkflowErrorCode.APPROVAL_REJECT_TARGET_INVALID, {
            fields: [{ path: 'toStep', code: 'invalid', messageKey: 'error.APPROVAL_REJECT_TARGET_INVALID' }],
          });
        }
        const version = await versionOf(tx, inst);
        await repo.insertActions(tx, [{ ...base, kind: 'return', comment: `${comment}`, targetUserId: null }]);
        await repo.cancelPendingTasks(tx, inst.id, now, task.stepIndex);
        const states = inst.stepStates.map((s, i) => (i >= target ? ('waiting' as const) : s));
        const type = typeOf(inst.typeKey);
        // Approvals of the steps sent back no longer count: the step is asked again in full.
        const next = await progress.activateFrom(tx, actor, inst, version.steps, target, type, await initiatorName(tx, inst), states);
        const saved = next.finished
          ? await finish(tx, actor, inst, 'approved', comment, { states: next.states, callback: true })
          : await save(tx, actor, inst, { stepStates: next.states, currentStep: next.currentStep });
        await deps.notifications.notify(tx, {
          userIds: [inst.initiatorId],
          kind: 'approval.returned',
          params: { title: inst.title, step: version.steps[target]!.name, actor: actorName(actor), comment },
          link: `/approvals/${inst.id}`,
          entityType: 'approval_instance',
          entityId: inst.id,
        });
        await audit(tx, actor, 'approval.return', saved, { taskId, step: task.stepIndex, toStep: target, comment });
        return inst.id;
      });
    },
  };
}
export type ApprovalEngine = ReturnType<typeof createApprovalEngine>;
