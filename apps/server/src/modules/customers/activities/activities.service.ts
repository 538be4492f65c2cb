import type { TActivity, TActivityListQuery, TCreateActivity, TPage, TUpdateActivity } from '@crm/contracts';
import { z } from 'zod';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { decodeCursor, toPage } from '../../../kernel/http/pagination.ts';
import type { TaskService } from '../../tasks/index.ts';
import { CustomerErrorCode } from '../customers.errors.ts';
import * as customers from '../customers.repository.ts';
import { ActivityErrorCode } from './activities.errors.ts';
import * as repo from './activities.repository.ts';
import { createActivitySupport, type ActivitySupportDeps } from './activity-support.ts';

export { ACTIVITY_EDIT_HOURS } from './activity-support.ts';

const ZCursor = z.tuple([z.iso.datetime(), z.uuid()]);

type Deps = ActivitySupportDeps & {
  tasks: Pick<TaskService, 'upsertFollowUp' | 'cancelFollowUp'>;
};

/** 跟进记录 of a customer: everyone who sees the customer reads and adds them; authors correct their own. */
export function createActivityService(deps: Deps) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, customers.customerScopeColumns);
  const support = createActivitySupport(deps);
  const { toDtos, resolveAttachments, checkTimes } = support;

  async function assertContact(tx: Db, customerId: string, contactId: string | null | undefined): Promise<void> {
    if (!contactId) return;
    if (!(await customers.findContact(tx, customerId, contactId))) {
      throw new AppError(ActivityErrorCode.ACTIVITY_CONTACT_INVALID, {
        fields: [{ path: 'contactId', code: 'invalid', messageKey: 'error.ACTIVITY_CONTACT_INVALID' }],
      });
    }
  }

  /** The follow-up goes to the customer's owner; a customer in the public pool has none, so the author gets it. */
  function followUpAssignee(actor: Actor, c: customers.CustomerRow) {
    return c.ownerId
      ? { assigneeId: c.ownerId, departmentId: c.departmentId }
      : { assigneeId: actor.userId!, departmentId: actor.departmentId };
  }

  async function lockOwnActivity(tx: Db, actor: Actor, customerId: string, activityId: string) {
    const owner = await customers.lockCustomer(tx, customerId, scopeOf(actor));
    const row = owner ? await repo.findActivity(tx, customerId, activityId) : undefined;
    if (!owner || !row) throw new AppError(CommonError.NOT_FOUND);
    support.assertEditable(actor, row);
    return { owner, row };
  }

  return {
    async list(actor: Actor, customerId: string, query: TActivityListQuery): Promise<TPage<TActivity>> {
      const owner = await customers.findCustomer(db, customerId, scopeOf(actor));
      if (!owner) throw new AppError(CommonError.NOT_FOUND);
      const after = decodeCursor(query.cursor, ZCursor);
      const rows = await repo.listActivities(db, customerId, {
        limit: query.limit + 1,
        type: query.type,
        after: after ? { occurredAt: new Date(after[0]), id: after[1] } : undefined,
      });
      await writeListAudit(db, actor, { action: 'activity.list', entityType: 'activity' }, { ...query, customerId });
      const page = toPage(
        rows,
        query.limit,
        (r) => [r.occurredAt.toISOString(), r.id],
        (r) => r,
      );
      return { items: await toDtos(actor, page.items), nextCursor: page.nextCursor };
    },

    async create(actor: Actor, customerId: string, input: TCreateActivity): Promise<TActivity> {
      const occurredAt = new Date(input.occurredAt);
      const nextFollowUpAt = input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null;
      checkTimes(occurredAt, nextFollowUpAt);
      // Outside the transaction: the file lookups use their own connection.
      const attachments = await resolveAttachments(actor, input.attachmentIds ?? [], []);
      const row = await withTx(db, async (tx) => {
        const owner = await customers.lockCustomer(tx, customerId, scopeOf(actor));
        if (!owner) throw new AppError(CommonError.NOT_FOUND);
        if (owner.mergedIntoId) throw new AppError(CustomerErrorCode.CUSTOMER_MERGED);
        await assertContact(tx, customerId, input.contactId);
        const now = clock.now();
        const created = await repo.insertActivity(tx, {
          customerId,
          type: input.type,
          content: input.content,
          occurredAt,
          contactId: input.contactId ?? null,
          nextFollowUpAt,
          attachments,
          authorId: actor.userId,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await repo.touchLastActivity(tx, customerId, occurredAt);
        await writeAudit(tx, actor, {
          action: 'activity.create',
          entityType: 'activity',
          entityId: created.id,
          after: created,
          meta: { customerId },
        });
        if (nextFollowUpAt) {
          await deps.tasks.upsertFollowUp(tx, actor, {
            related: { type: 'customer', id: customerId, label: owner.name },
            title: owner.name,
            notes: input.content.slice(0, 500),
            dueAt: nextFollowUpAt,
            ...followUpAssignee(actor, owner),
            sourceId: created.id,
          });
        }
        return created;
      });
      return (await toDtos(actor, [row]))[0]!;
    },

    async update(actor: Actor, customerId: string, activityId: string, input: TUpdateActivity): Promise<TActivity> {
      const current = await repo.findActivity(db, customerId, activityId);
      const attachments =
        input.attachmentIds === undefined || !current
          ? undefined
          : await resolveAttachments(actor, input.attachmentIds, current.attachments);
      const row = await withTx(db, async (tx) => {
        const { owner, row: before } = await lockOwnActivity(tx, actor, customerId, activityId);
        if (before.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        const occurredAt = input.occurredAt ? new Date(input.occurredAt) : before.occurredAt;
        const nextFollowUpAt =
          input.nextFollowUpAt === undefined ? before.nextFollowUpAt : input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null;
        checkTimes(occurredAt, nextFollowUpAt);
        if (input.contactId !== undefined) await assertContact(tx, customerId, input.contactId);
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
        await repo.touchLastActivity(tx, customerId, occurredAt);
        await writeAudit(tx, actor, {
          action: 'activity.update',
          entityType: 'activity',
          entityId: activityId,
          before,
          after: updated,
          meta: { customerId },
        });
        const followUpChanged = nextFollowUpAt?.getTime() !== before.nextFollowUpAt?.getTime();
        if (followUpChanged && nextFollowUpAt) {
          await deps.tasks.upsertFollowUp(tx, actor, {
            related: { type: 'customer', id: customerId, label: owner.name },
            title: owner.name,
            notes: updated.content.slice(0, 500),
            dueAt: nextFollowUpAt,
            ...followUpAssignee(actor, owner),
            sourceId: activityId,
          });
        } else if (followUpChanged) {
          await deps.tasks.cancelFollowUp(tx, actor, { related: { type: 'customer', id: customerId }, sourceId: activityId });
        }
        return updated;
      });
      return (await toDtos(actor, [row]))[0]!;
    },

    async remove(actor: Actor, customerId: string, activityId: string): Promise<void> {
      await withTx(db, async (tx) => {
        const { row } = await lockOwnActivity(tx, actor, customerId, activityId);
        await repo.deleteActivity(tx, activityId);
        await writeAudit(tx, actor, {
          action: 'activity.delete',
          entityType: 'activity',
          entityId: activityId,
          before: row,
          meta: { customerId },
        });
        // The follow-up this activity asked for goes with it.
        await deps.tasks.cancelFollowUp(tx, actor, { related: { type: 'customer', id: customerId }, sourceId: activityId });
      });
    },

    /**
     * Downloads an attachment: whoever may see the customer may read the files of its activities,
     * whoever uploaded them (the file store itself only knows the uploader).
     */
    async openAttachment(actor: Actor, customerId: string, activityId: string, fileId: string) {
      const owner = await customers.findCustomer(db, customerId, scopeOf(actor));
      const row = owner ? await repo.findActivity(db, customerId, activityId) : undefined;
      if (!row || !row.attachments.some((a) => a.id === fileId)) throw new AppError(CommonError.NOT_FOUND);
      await writeAudit(db, actor, {
        action: 'activity.attachment.download',
        entityType: 'activity',
        entityId: activityId,
        meta: { customerId, fileId },
      });
      return deps.files.open(asSystem('activity-attachment'), fileId);
    },
  };
}
export type ActivityService = ReturnType<typeof createActivityService>;
