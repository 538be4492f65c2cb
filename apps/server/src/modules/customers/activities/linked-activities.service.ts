import type { TActivity, TActivityListQuery, TCreateActivity, TPage, TUpdateActivity } from '@crm/contracts';
import { z } from 'zod';
import { writeAudit, writeListAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { decodeCursor, toPage } from '../../../kernel/http/pagination.ts';
import type { RelatedRecord, TaskService } from '../../tasks/index.ts';
import type { ActivityAttachmentRef } from '../activities.schema.ts';
import * as customers from '../customers.repository.ts';
import { ActivityErrorCode } from './activities.errors.ts';
import * as repo from './activities.repository.ts';
import { createActivitySupport, type ActivitySupportDeps } from './activity-support.ts';

export type { ActivityLink } from './activities.repository.ts';

const ZCursor = z.tuple([z.iso.datetime(), z.uuid()]);

/** Where an activity of another module's record goes, and who gets its follow-up task. */
export type LinkedActivityTarget = {
  link: repo.ActivityLink;
  /** The customer the record belongs to (an opportunity's customer, a converted lead's customer), if any. */
  customerId: string | null;
  followUp: { related: RelatedRecord; assigneeId: string; departmentId: string | null };
  /** When it was written down, for history brought in from elsewhere (imports, demo data); now by default. */
  recordedAt?: Date;
};

/**
 * 跟进记录 of records that other modules own (a lead, an opportunity). The owning module checks its
 * own data scope and locks its record, then calls these functions with its transaction; the
 * activities keep every rule of a customer's activities (times, attachments, edit window,
 * follow-up task, the customer's last activity).
 */
export function createLinkedActivityService(deps: ActivitySupportDeps & { tasks: Pick<TaskService, 'upsertFollowUp' | 'cancelFollowUp'> }) {
  const { db, clock } = deps;
  const support = createActivitySupport(deps);

  const auditMeta = (row: repo.ActivityRow) => ({ customerId: row.customerId, leadId: row.leadId, opportunityId: row.opportunityId });

  async function assertContact(tx: Db, customerId: string | null, contactId: string | null | undefined): Promise<void> {
    if (!contactId) return;
    if (!customerId || !(await customers.findContact(tx, customerId, contactId))) {
      throw new AppError(ActivityErrorCode.ACTIVITY_CONTACT_INVALID, {
        fields: [{ path: 'contactId', code: 'invalid', messageKey: 'error.ACTIVITY_CONTACT_INVALID' }],
      });
    }
  }

  function followUp(target: LinkedActivityTarget, content: string, dueAt: Date, sourceId: string) {
    return {
      related: target.followUp.related,
      title: target.followUp.related.label ?? content.slice(0, 60),
      notes: content.slice(0, 500),
      dueAt,
      assigneeId: target.followUp.assigneeId,
      departmentId: target.followUp.departmentId,
      sourceId,
    };
  }

  async function lockOwn(tx: Db, actor: Actor, link: repo.ActivityLink, activityId: string) {
    const row = await repo.findLinkedActivity(tx, link, activityId);
    if (!row) throw new AppError(CommonError.NOT_FOUND);
    support.assertEditable(actor, row);
    return row;
  }

  return {
    /** Activity rows as the actor sees them (names, whether they may still edit). */
    present: (actor: Actor, rows: repo.ActivityRow[]): Promise<TActivity[]> => support.toDtos(actor, rows),

    /** The record's timeline; the caller has checked that the actor may see the record. */
    async list(actor: Actor, link: repo.ActivityLink, query: TActivityListQuery): Promise<TPage<TActivity>> {
      const after = decodeCursor(query.cursor, ZCursor);
      const rows = await repo.listLinkedActivities(db, link, {
        limit: query.limit + 1,
        type: query.type,
        after: after ? { occurredAt: new Date(after[0]), id: after[1] } : undefined,
      });
      await writeListAudit(db, actor, { action: 'activity.list', entityType: 'activity' }, { ...query, ...link });
      const page = toPage(
        rows,
        query.limit,
        (r) => [r.occurredAt.toISOString(), r.id],
        (r) => r,
      );
      return { items: await support.toDtos(actor, page.items), nextCursor: page.nextCursor };
    },

    /** Resolves the files to attach before the transaction (the file lookups use their own connection). */
    async prepareAttachments(actor: Actor, ids: string[] | undefined, link?: repo.ActivityLink, activityId?: string) {
      if (ids === undefined) return undefined;
      const current = link && activityId ? await repo.findLinkedActivity(db, link, activityId) : undefined;
      return support.resolveAttachments(actor, ids, current?.attachments ?? []);
    },

    async createWithin(
      tx: Db,
      actor: Actor,
      target: LinkedActivityTarget,
      input: TCreateActivity,
      attachments: ActivityAttachmentRef[] | undefined,
    ): Promise<repo.ActivityRow> {
      const occurredAt = new Date(input.occurredAt);
      const nextFollowUpAt = input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null;
      support.checkTimes(occurredAt, nextFollowUpAt);
      await assertContact(tx, target.customerId, input.contactId);
      const now = target.recordedAt ?? clock.now();
      const created = await repo.insertActivity(tx, {
        customerId: target.customerId,
        leadId: 'leadId' in target.link ? target.link.leadId : null,
        opportunityId: 'opportunityId' in target.link ? target.link.opportunityId : null,
        type: input.type,
        content: input.content,
        occurredAt,
        contactId: input.contactId ?? null,
        nextFollowUpAt,
        attachments: attachments ?? [],
        authorId: actor.userId,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      if (target.customerId) await repo.touchLastActivity(tx, target.customerId, occurredAt);
      await writeAudit(tx, actor, {
        action: 'activity.create',
        entityType: 'activity',
        entityId: created.id,
        after: created,
        meta: auditMeta(created),
      });
      if (nextFollowUpAt) await deps.tasks.upsertFollowUp(tx, actor, followUp(target, input.content, nextFollowUpAt, created.id));
      return created;
    },

    async updateWithin(
      tx: Db,
      actor: Actor,
      target: LinkedActivityTarget,
      activityId: string,
      input: TUpdateActivity,
      attachments: ActivityAttachmentRef[] | undefined,
    ): Promise<repo.ActivityRow> {
      const before = await lockOwn(tx, actor, target.link, activityId);
      if (before.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : before.occurredAt;
      const nextFollowUpAt =
        input.nextFollowUpAt === undefined ? before.nextFollowUpAt : input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null;
      support.checkTimes(occurredAt, nextFollowUpAt);
      if (input.contactId !== undefined) await assertContact(tx, before.customerId, input.contactId);
      const { version, attachmentIds: _ids, occurredAt: _at, nextFollowUpAt: _next, ...fields } = input;
      const updated = await repo.updateActivity(tx, activityId, version, {
        ...fields,
        occurredAt,
        nextFollowUpAt,
        ...(attachments ? { attachments } : {}),
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      });
      if (!updated) throw new AppError(CommonError.STALE_VERSION);
      if (updated.customerId) await repo.touchLastActivity(tx, updated.customerId, occurredAt);
      await writeAudit(tx, actor, {
        action: 'activity.update',
        entityType: 'activity',
        entityId: activityId,
        before,
        after: updated,
        meta: auditMeta(updated),
      });
      const followUpChanged = nextFollowUpAt?.getTime() !== before.nextFollowUpAt?.getTime();
      if (followUpChanged && nextFollowUpAt) {
        await deps.tasks.upsertFollowUp(tx, actor, followUp(target, updated.content, nextFollowUpAt, activityId));
      } else if (followUpChanged) {
        await deps.tasks.cancelFollowUp(tx, actor, { related: target.followUp.related, sourceId: activityId });
      }
      return updated;
    },

    async removeWithin(tx: Db, actor: Actor, target: LinkedActivityTarget, activityId: string): Promise<void> {
      const row = await lockOwn(tx, actor, target.link, activityId);
      await repo.deleteActivity(tx, activityId);
      await writeAudit(tx, actor, {
        action: 'activity.delete',
        entityType: 'activity',
        entityId: activityId,
        before: row,
        meta: auditMeta(row),
      });
      await deps.tasks.cancelFollowUp(tx, actor, { related: target.followUp.related, sourceId: activityId });
    },

    /**
     * A converted lead's activities join its customer's timeline (they keep their lead), and the
     * customer's last activity moves up to the latest of them. In the conversion's transaction.
     */
    async joinLeadToCustomer(tx: Db, actor: Actor, leadId: string, customerId: string): Promise<number> {
      const moved = await repo.joinLeadActivitiesToCustomer(tx, leadId, customerId);
      if (moved.length === 0) return 0;
      const latest = moved.reduce((a, b) => (b.occurredAt > a ? b.occurredAt : a), moved[0]!.occurredAt);
      await repo.touchLastActivity(tx, customerId, latest);
      await writeAudit(
        tx,
        actor,
        moved.map((m) => ({
          action: 'activity.move',
          entityType: 'activity',
          entityId: m.id,
          before: { customerId: null },
          after: { customerId },
          meta: { leadId, reason: 'lead_conversion' },
        })),
      );
      return moved.length;
    },

    /** Downloads an attachment of the record's activity; the caller has checked that the actor may see the record. */
    async openAttachment(actor: Actor, link: repo.ActivityLink, activityId: string, fileId: string) {
      const row = await repo.findLinkedActivity(db, link, activityId);
      if (!row || !row.attachments.some((a) => a.id === fileId)) throw new AppError(CommonError.NOT_FOUND);
      await writeAudit(db, actor, {
        action: 'activity.attachment.download',
        entityType: 'activity',
        entityId: activityId,
        meta: { ...auditMeta(row), fileId },
      });
      return deps.files.open(asSystem('activity-attachment'), fileId);
    },
  };
}
export type LinkedActivityService = ReturnType<typeof createLinkedActivityService>;
