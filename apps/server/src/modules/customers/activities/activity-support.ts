import type { TActivity } from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { AppError } from '../../../kernel/errors.ts';
import { FileKinds, type FileService } from '../../../kernel/files/files.service.ts';
import { iso } from '../../../kernel/http/pagination.ts';
import type { People } from '../../admin/index.ts';
import type { ActivityAttachmentRef } from '../activities.schema.ts';
import { ActivityErrorCode } from './activities.errors.ts';
import * as repo from './activities.repository.ts';

/** The author may correct or remove an activity for this long after recording it; then it is history. */
export const ACTIVITY_EDIT_HOURS = 72;
/** An activity "now" may come from a device whose clock runs a little ahead. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
const ATTACHMENT_TYPES: readonly string[] = [...FileKinds.image, ...FileKinds.pdf, ...FileKinds.office, ...FileKinds.text];

export type ActivitySupportDeps = {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries'>;
  files: Pick<FileService, 'get' | 'open'>;
};

/** What every way of recording activities shares: the edit window, presentation, attachments, time checks. */
export function createActivitySupport(deps: ActivitySupportDeps) {
  const { db, clock } = deps;

  const editableUntil = (row: repo.ActivityRow) => row.createdAt.getTime() + ACTIVITY_EDIT_HOURS * 3_600_000;
  const canEdit = (actor: Actor, row: repo.ActivityRow) =>
    row.authorId !== null &&
    row.authorId === actor.userId &&
    hasPermission(actor, Permission.activityWrite) &&
    clock.now().getTime() <= editableUntil(row);

  return {
    editableUntil,
    canEdit,

    /** Only the author edits, within the window. */
    assertEditable(actor: Actor, row: repo.ActivityRow): void {
      if (row.authorId !== actor.userId) throw new AppError(ActivityErrorCode.ACTIVITY_NOT_AUTHOR);
      if (clock.now().getTime() > editableUntil(row)) {
        throw new AppError(ActivityErrorCode.ACTIVITY_EDIT_WINDOW_PASSED, { params: { hours: ACTIVITY_EDIT_HOURS } });
      }
    },

    async toDtos(actor: Actor, rows: repo.ActivityRow[]): Promise<TActivity[]> {
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
        leadId: r.leadId,
        opportunityId: r.opportunityId,
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
    },

    /** Files to attach must be ones the actor may see (their own uploads), and images or documents. */
    async resolveAttachments(actor: Actor, ids: string[], kept: ActivityAttachmentRef[]): Promise<ActivityAttachmentRef[]> {
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
    },

    checkTimes(occurredAt: Date, nextFollowUpAt: Date | null): void {
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
    },
  };
}
export type ActivitySupport = ReturnType<typeof createActivitySupport>;
