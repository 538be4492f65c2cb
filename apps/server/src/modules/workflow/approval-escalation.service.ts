import { writeAudit } from '../../kernel/audit/audit.ts';
import { asSystem } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import { nextLevelHead, type OrgLookup } from './approver-resolution.ts';
import * as repo from './workflow.repository.ts';

/**
 * Time limits of steps: halfway through a pending task's limit its assignee is reminded; when the
 * limit is over, the head above the assignee is added to the step (escalation) and both are told.
 * Safe to run twice: each task is reminded and escalated once, re-read under the instance lock.
 */
export function createApprovalEscalation(deps: {
  db: Db;
  clock: Clock;
  org: OrgLookup;
  notifications: Pick<NotificationService, 'notify'>;
}) {
  const { db, clock } = deps;
  return {
    async processDue(): Promise<{ reminded: number; escalated: number }> {
      const actor = asSystem('approvals.escalation');
      const now = clock.now();
      let reminded = 0;
      let escalated = 0;
      for (const due of await repo.listDueTasks(db, now, 200)) {
        await withTx(db, async (tx) => {
          const inst = await repo.lockInstance(tx, due.instanceId);
          const task = await repo.findTask(tx, due.id);
          if (!inst || !task || inst.status !== 'running' || task.status !== 'pending' || !task.dueAt) return;
          const version = await repo.findDefinitionVersionById(tx, inst.definitionVersionId);
          const step = version?.steps[task.stepIndex];
          const stepName = step?.name ?? '';
          const link = `/approvals/${inst.id}`;
          const base = {
            instanceId: inst.id,
            taskId: task.id,
            stepIndex: task.stepIndex,
            actorId: null,
            actorName: 'system',
            createdAt: now,
          };
          if (!task.remindedAt) {
            await repo.markTasks(tx, [task.id], { remindedAt: now });
            await repo.insertActions(tx, [{ ...base, kind: 'remind', targetUserId: task.assigneeId }]);
            await deps.notifications.notify(tx, {
              userIds: [task.assigneeId],
              kind: 'approval.remind',
              params: { title: inst.title, step: stepName, due: task.dueAt.toISOString() },
              link,
              entityType: 'approval_instance',
              entityId: inst.id,
            });
            reminded++;
          }
          if (task.escalatedAt || task.dueAt.getTime() > now.getTime()) return;
          await repo.markTasks(tx, [task.id], { escalatedAt: now });
          const head = await nextLevelHead(tx, deps.org, task.assigneeId);
          const tasks = await repo.listInstanceTasks(tx, inst.id);
          const already = tasks.some((t) => t.stepIndex === task.stepIndex && t.status === 'pending' && t.assigneeId === head);
          if (!head || head === inst.initiatorId || already) return;
          const limitMs = (step?.timeLimitHours ?? 24) * 3_600_000;
          await repo.insertTasks(tx, [
            {
              instanceId: inst.id,
              stepIndex: task.stepIndex,
              kind: 'approve',
              assigneeId: head,
              status: 'pending',
              origin: 'escalation',
              createdAt: now,
              dueAt: new Date(now.getTime() + limitMs),
            },
          ]);
          await repo.insertActions(tx, [{ ...base, kind: 'escalate', targetUserId: head }]);
          const names = await deps.org.names(tx, [task.assigneeId]);
          await deps.notifications.notify(tx, {
            userIds: [head],
            kind: 'approval.escalated',
            params: { title: inst.title, step: stepName, assignee: names.get(task.assigneeId) ?? '' },
            link,
            entityType: 'approval_instance',
            entityId: inst.id,
          });
          await writeAudit(tx, actor, {
            action: 'approval.escalate',
            entityType: 'approval_instance',
            entityId: inst.id,
            meta: { taskId: task.id, to: head },
          });
          escalated++;
        });
      }
      return { reminded, escalated };
    },
  };
}
export type ApprovalEscalation = ReturnType<typeof createApprovalEscalation>;
