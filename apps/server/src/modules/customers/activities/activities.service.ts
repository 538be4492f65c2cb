import type { TActivity, TActivityListQuery, TCreateActivity, TPage, TUpdateActivity } from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { z } from 'zod';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { FileKinds, type FileService } from '../../../kernel/files/files.service.ts';
import { decodeCursor, iso, toPage } from '../../../kernel/http/pagination.ts';
import type { People } from '../../admin/index.ts';
import type { TaskService } from '../../tasks/index.ts';
import type { ActivityAttachmentRef } from '../activities.schema.ts';
import { CustomerErrorCode } from '../customers.errors.ts';
import * as customers from '../customers.repository.ts';
import { ActivityErrorCode } from './activities.errors.ts';
import * as repo from './activities.repository.ts';

/** The author may correct or remove an activity for this long after recording it; then it is history. */
export const ACTIVITY_EDIT_HOURS = 72;
/** An activity "now" may come from a device whose clock runs a little ahead. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
const ATTACHMENT_TYPES: readonly string[] = [...FileKinds.image, ...FileKinds.pdf, ...FileKinds.office, ...FileKinds.text];

const ZCursor = z.tuple([z.iso.datetime(), z.uuid()]);

type Deps = {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries'>;
  files: Pick<FileService, 'get' | 'open'>;
  tasks: Pick<TaskService, 'upsertFollowUp' | 'cancelFollowUp'>;
};

/** 跟进记录 of a customer: everyone who sees the customer reads and adds them; authors correct their own. */
export function createActivityService(deps: Deps) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, customers.customerScopeColumns);

  const editableUntil = (row: repo.ActivityRow) => row.createdAt.getTime() + ACTIVITY_EDIT_HOURS * 3_600_000;
  const canEdit = (actor: Actor, row: repo.ActivityRow) =>
    row.authorId !== null &&
    row.authorId === actor.userId &&
    hasPermission(actor, Permission.activityWrite) &&
    clock.now().getTime() <= editableUntil(row);

  async function toDtos(actor: Actor, rows: repo.ActivityRow[]): Promise<TActivity[]> {
    const [authors, contacts] = await Promise.all([
      deps.people.summaries(rows.map((r) => r.authorId)),
      repo.contactNames(
        db,
        rows.map((r) => r.contactId).filter((id): id is string => id !== null),
      ),
    ]);
    return rows.map((r) => ({
      id: r.id,
      customerId: r.customerId,
      relatedType: r.relatedType,
      relatedId: r.relatedId,
      type: r.type,
      content: r.content,
      occurredAt: iso(r.occurredAt),
      contactId: r.contactId,
      contactName: r.contactId ? (contacts.get(r.contactId) ?? null) : null,
      nextFollowUpAt: iso(r.nextFollowUpAt),
      attachments: r.attachments,
      authorId: r.authorId,
      authorName: r.authorId ? (authors.get(r.authorId)?.displayName ?? null) : null,
      canEdit: canEdit(actor, r),
      version: r.version,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    }));
  }

  /** Files to attach must be ones the actor may see (their own uploads), and images or documents. */
  async function resolveAttachments(actor: Actor, ids: string[], kept: ActivityAttachmentRef[]): Promise<ActivityAttachmentRef[]> {
    const out: ActivityAttachmentRef[] = [];
    for (const id of new Set(ids)) {
      const existing = kept.find((a) => a.id === id);
      if (existing) {
        out.push(existing);
        continue;
      }
      const file = await deps.files.get(actor, id).catch(() => undefined);
      if (!file || !ATTACHMENT_TYPES.includes(file.mimeType)) {
        throw new AppError(ActivityErrorCode.ACTIVITY_ATTACHMENT_INVALID, {
          params: { name: file?.name ?? id },
          fields: [{ path: 'attachmentIds', code: 'invalid', messageKey: 'error.ACTIVITY_ATTACHMENT_INVALID' }],
        });
      }
      out.push({ id: file.id, name: file.name, mimeType: file.mimeType, size: file.size });
    }
    return out;
  }

  function checkTimes(occurredAt: Date, nextFollowUpAt: Date | null): void {
    if (occurredAt.getTime() > clock.now().getTime() + FUTURE_TOLERANCE_MS) {
      throw new AppError(ActivityErrorCode.ACTIVITY_IN_FUTURE, {
        fields: [{ path: 'occurredAt', code: 'future', messageKey: 'error.ACTIVITY_IN_FUTURE' }],
      });
    }
    if (nextFollowUpAt && nextFollowUpAt.getTime() <= occurredAt.getTime()) {
      throw new AppError(ActivityErrorCode.ACTIVITY_FOLLOW_UP_TOO_EARLY, {
        fields: [{ path: 'nextFollowUpAt', code: 'too_early', messageKey: 'error.ACTIVITY_FOLLOW_UP_TOO_EARLY' }],
      });
    }
  }

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
    if (row.authorId !== actor.userId) throw new AppError(ActivityErrorCode.ACTIVITY_NOT_AUTHOR);
    if (clock.now().getTime() > editableUntil(row)) {
      throw new AppError(ActivityErrorCode.ACTIVITY_EDIT_WINDOW_PASSED, { params: { hours: ACTIVITY_EDIT_HOURS } });
    }
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
