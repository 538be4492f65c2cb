import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import * as repo from './tasks.repository.ts';

export type RelatedRecord = { type: string; id: string; label: string | null };

/**
 * What other modules do with tasks inside their own transactions: the follow-up task that an
 * activity's next follow-up date asks for, and tasks that move with their record (merge, transfer).
 */
export function createFollowUpHooks(deps: { clock: Clock }) {
  const { clock } = deps;
  return {
    /**
     * The one open follow-up task about a record: created, or moved to the new due time and
     * assignee. Runs in the caller's transaction.
     */
    async upsertFollowUp(
      tx: Db,
      actor: Actor,
      input: {
        related: RelatedRecord;
        title: string;
        notes: string | null;
        dueAt: Date;
        assigneeId: string;
        departmentId: string | null;
        sourceId: string;
      },
    ): Promise<repo.TaskRow> {
      const now = clock.now();
      const existing = await repo.lockOpenTaskFor(tx, input.related, 'follow-up');
      if (existing) {
        const moved = existing.dueAt?.getTime() !== input.dueAt.getTime() || existing.assigneeId !== input.assigneeId;
        const updated = await repo.updateTask(tx, existing.id, existing.version, {
          title: input.title,
          notes: input.notes,
          dueAt: input.dueAt,
          // A follow-up is announced at its due time; a reminder set by hand does not survive a new date.
          ...(moved ? { dueNotifiedAt: null, remindAt: null } : {}),
          assigneeId: input.assigneeId,
          departmentId: input.departmentId,
          relatedLabel: input.related.label,
          sourceId: input.sourceId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await writeAudit(tx, actor, {
          action: 'task.update',
          entityType: 'task',
          entityId: existing.id,
          before: existing,
          after: updated,
          meta: { source: 'follow-up', sourceId: input.sourceId },
        });
        return updated!;
      }
      const created = await repo.insertTask(tx, {
        title: input.title,
        notes: input.notes,
        dueAt: input.dueAt,
        assigneeId: input.assigneeId,
        departmentId: input.departmentId,
        relatedType: input.related.type,
        relatedId: input.related.id,
        relatedLabel: input.related.label,
        source: 'follow-up',
        sourceId: input.sourceId,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      await writeAudit(tx, actor, { action: 'task.create', entityType: 'task', entityId: created.id, after: created });
      return created;
    },

    /** Cancels the open follow-up task about a record when the given source produced it (its activity went away). */
    async cancelFollowUp(tx: Db, actor: Actor, input: { related: { type: string; id: string }; sourceId: string }): Promise<void> {
      const existing = await repo.lockOpenTaskFor(tx, input.related, 'follow-up');
      if (!existing || existing.sourceId !== input.sourceId) return;
      const updated = await repo.updateTask(tx, existing.id, existing.version, {
        status: 'cancelled',
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      });
      await writeAudit(tx, actor, { action: 'task.cancel', entityType: 'task', entityId: existing.id, before: existing, after: updated });
    },

    /**
     * Moves every task about one record to another (e.g. a customer merge), or only the open ones to
     * a record of another type (a converted lead's to its customer); answers the moved ids.
     */
    async moveRelated(
      tx: Db,
      actor: Actor,
      input: { type: string; fromId: string; toType?: string; toId: string; toLabel: string | null; openOnly?: boolean },
    ): Promise<string[]> {
      const moved = await repo.moveRelated(tx, input, clock.now(), actor.userId);
      await writeAudit(
        tx,
        actor,
        moved.map((t) => ({
          action: 'task.move',
          entityType: 'task',
          entityId: t.id,
          before: { relatedType: t.relatedType, relatedId: t.relatedId, relatedLabel: t.relatedLabel },
          after: { relatedType: input.toType ?? input.type, relatedId: input.toId, relatedLabel: input.toLabel },
        })),
      );
      return moved.map((t) => t.id);
    },

    /**
     * When records change owner, their open follow-ups go with them; when they lose their owner
     * (back to a pool), the follow-ups are cancelled. In the caller's transaction.
     */
    async handOverFollowUps(
      tx: Db,
      actor: Actor,
      input: { type: string; ids: string[]; to: { userId: string; departmentId: string | null } | null },
    ): Promise<void> {
      const before = await repo.handOverFollowUps(tx, input, input.to, clock.now(), actor.userId);
      await writeAudit(
        tx,
        actor,
        before.map((t) => ({
          action: input.to ? 'task.reassign' : 'task.cancel',
          entityType: 'task',
          entityId: t.id,
          before: { assigneeId: t.assigneeId, status: t.status },
          after: input.to ? { assigneeId: input.to.userId, status: t.status } : { assigneeId: t.assigneeId, status: 'cancelled' },
        })),
      );
    },

    /** Moves exactly these tasks back (the undo of `moveRelated`). */
    async moveRelatedBack(
      tx: Db,
      actor: Actor,
      input: { type: string; ids: string[]; fromId: string; toId: string; toLabel: string | null },
    ): Promise<string[]> {
      const moved = await repo.moveTasksBack(tx, input, clock.now(), actor.userId);
      await writeAudit(
        tx,
        actor,
        moved.map((id) => ({
          action: 'task.move',
          entityType: 'task',
          entityId: id,
          before: { relatedId: input.fromId },
          after: { relatedId: input.toId, relatedLabel: input.toLabel },
        })),
      );
      return moved;
    },
  };
}
