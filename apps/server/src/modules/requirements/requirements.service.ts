import type {
  TCreateRequirement,
  TPage,
  TRequirement,
  TRequirementLineInput,
  TRequirementListItem,
  TRequirementListQuery,
  TUpdateRequirement,
} from '@crm/contracts';
import { z } from 'zod';
import { writeAudit, writeListAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { FileKinds, type FileService } from '../../kernel/files/files.service.ts';
import { decodeCursor, toPage } from '../../kernel/http/pagination.ts';
import type { People } from '../admin/index.ts';
import { EDITABLE, listItemDto, requirementDto } from './requirement-dto.ts';
import { linesSummary, planLines, type PlannedLines, type RequirementCatalog } from './requirement-lines.ts';
import { RequirementErrorCode } from './requirements.errors.ts';
import * as repo from './requirements.repository.ts';
import type { RequirementAttachmentValue } from './requirements.schema.ts';

/** What requirements need of the customers module: the customer if the actor may see it. */
export type RequirementCustomerLookup = {
  findInScope(db: Db, actor: Actor, id: string): Promise<{ id: string; name: string } | undefined>;
};

/** What requirements need of opportunities: the opportunity if the actor may see it (404 otherwise). */
export type RequirementOpportunityLookup = {
  get(actor: Actor, id: string): Promise<{ id: string; name: string; customerId: string }>;
};

export type RequirementServiceDeps = {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries'>;
  catalog: RequirementCatalog;
  customers: RequirementCustomerLookup;
  opportunities: RequirementOpportunityLookup;
  files: Pick<FileService, 'get' | 'open'>;
};

const ZCursor = z.tuple([z.string(), z.uuid()]);
/** Photos (from the phone's camera too) and documents. */
const ATTACHMENT_TYPES: readonly string[] = [...FileKinds.image, ...FileKinds.pdf, ...FileKinds.office, ...FileKinds.text];

/** Requirements: list, read, enter and edit drafts, attachments; presentation shared by the other use cases. */
export function createRequirementService(deps: RequirementServiceDeps) {
  const { db, clock } = deps;

  async function present(actor: Actor, r: repo.RequirementRow): Promise<TRequirement> {
    const lines = await repo.listLines(db, r.id);
    const scope = repo.writeScope(actor);
    const [users, writable] = await Promise.all([
      deps.people.summaries([r.ownerId, ...lines.map((l) => l.reviewedBy)]),
      scope === undefined ? Promise.resolve(r) : repo.findRequirement(db, r.id, scope),
    ]);
    const names = new Map([...users].map(([id, u]) => [id, u.displayName]));
    const owner = users.get(r.ownerId);
    return requirementDto(actor, r, {
      lines,
      names,
      departmentName: owner && owner.departmentId === r.departmentId ? owner.departmentName : null,
      canWrite: writable !== undefined,
    });
  }

  /** The requirement as the actor may read it (reviewers: every submitted one); 404 otherwise. */
  async function findReadable(actor: Actor, id: string): Promise<repo.RequirementRow> {
    const row = await repo.findRequirement(db, id, repo.readScope(actor));
    if (!row) throw new AppError(CommonError.NOT_FOUND);
    return row;
  }

  /** Files to attach must be ones the actor may see (their own uploads), and images or documents. */
  async function resolveAttachments(actor: Actor, ids: readonly string[], kept: readonly RequirementAttachmentValue[]) {
    const out: RequirementAttachmentValue[] = [];
    for (const id of new Set(ids)) {
      const existing = kept.find((a) => a.id === id);
      if (existing) {
        out.push(existing);
        continue;
      }
      const file = await deps.files.get(actor, id).catch(() => undefined);
      if (!file || !ATTACHMENT_TYPES.includes(file.mimeType)) {
        throw new AppError(RequirementErrorCode.REQUIREMENT_ATTACHMENT_INVALID, {
          params: { name: file?.name ?? id },
          fields: [{ path: 'attachmentIds', code: 'invalid', messageKey: 'error.REQUIREMENT_ATTACHMENT_INVALID' }],
        });
      }
      out.push({ id: file.id, name: file.name, mimeType: file.mimeType, size: file.size });
    }
    return out;
  }

  /** The customer (in the actor's scope) and the opportunity (of that customer), with their names. */
  async function resolveParties(actor: Actor, customerId: string, opportunityId: string | null) {
    const customer = await deps.customers.findInScope(db, actor, customerId);
    if (!customer) throw new AppError(CommonError.NOT_FOUND);
    if (!opportunityId) return { customer, opportunity: null };
    const opportunity = await deps.opportunities.get(actor, opportunityId);
    if (opportunity.customerId !== customer.id) {
      throw new AppError(RequirementErrorCode.REQUIREMENT_OPPORTUNITY_OTHER_CUSTOMER, {
        fields: [{ path: 'opportunityId', code: 'other_customer', messageKey: 'error.REQUIREMENT_OPPORTUNITY_OTHER_CUSTOMER' }],
      });
    }
    return { customer, opportunity };
  }

  async function applyLines(tx: Db, requirementId: string, plan: PlannedLines): Promise<void> {
    await repo.deleteLinesExcept(tx, requirementId, plan.keepIds);
    for (const u of plan.updates) await repo.updateLine(tx, requirementId, u.id, u.set);
    await repo.insertLines(
      tx,
      plan.inserts.map((l) => ({ ...l, requirementId })),
    );
  }

  return {
    present,
    findReadable,

    async list(actor: Actor, query: TRequirementListQuery): Promise<TPage<TRequirementListItem>> {
      const sort = query.sort.replace(/^-/, '') as repo.RequirementSortKey;
      const desc = query.sort.startsWith('-');
      const after = decodeCursor(query.cursor, ZCursor);
      const rows = await repo.listRequirements(
        db,
        {
          scope: repo.readScope(actor),
          q: query.q,
          statuses: query.status,
          customerId: query.customerId,
          opportunityId: query.opportunityId,
          ownerId: query.mine ? (actor.userId ?? undefined) : query.ownerId,
        },
        { sort, desc, limit: query.limit + 1, after: after ?? undefined },
      );
      await writeListAudit(db, actor, { action: 'requirement.list', entityType: 'requirement' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [repo.requirementSortValue(r, sort), r.id],
        (r) => r,
      );
      const [owners, counts] = await Promise.all([
        deps.people.summaries(page.items.map((r) => r.ownerId)),
        repo.lineCounts(
          db,
          page.items.map((r) => r.id),
        ),
      ]);
      const names = new Map([...owners].map(([id, u]) => [id, u.displayName]));
      return { items: page.items.map((r) => listItemDto(r, names, counts.get(r.id))), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<TRequirement> {
      const row = await findReadable(actor, id);
      await writeReadAudit(db, actor, { action: 'requirement.read', entityType: 'requirement', entityId: id });
      return present(actor, row);
    },

    async create(actor: Actor, input: TCreateRequirement): Promise<TRequirement> {
      if (!actor.userId) throw new AppError(CommonError.FORBIDDEN);
      const { customer, opportunity } = await resolveParties(actor, input.customerId, input.opportunityId ?? null);
      const attachments = await resolveAttachments(actor, input.attachmentIds ?? [], []);
      const plan = await planLines(db, deps.catalog, (input.lines ?? []) as TRequirementLineInput[], []);
      const now = clock.now();
      const id = await withTx(db, async (tx) => {
        const created = await repo.insertRequirement(tx, {
          title: input.title,
          customerId: customer.id,
          customerName: customer.name,
          opportunityId: opportunity?.id ?? null,
          opportunityName: opportunity?.name ?? null,
          ownerId: actor.userId!,
          departmentId: actor.departmentId,
          status: 'draft',
          wantedDate: input.wantedDate ?? null,
          notes: input.notes ?? null,
          attachments,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        const lines = await repo.insertLines(
          tx,
          plan.inserts.map((l) => ({ ...l, requirementId: created.id })),
        );
        await writeAudit(tx, actor, {
          action: 'requirement.create',
          entityType: 'requirement',
          entityId: created.id,
          after: { ...created, lines: linesSummary(lines) },
        });
        return created.id;
      });
      return present(actor, (await repo.findRequirement(db, id, repo.writeScope(actor)))!);
    },

    async update(actor: Actor, id: string, input: TUpdateRequirement): Promise<TRequirement> {
      const current = await repo.findRequirement(db, id, repo.writeScope(actor));
      if (!current) throw new AppError(CommonError.NOT_FOUND);
      if (current.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
      if (!EDITABLE.includes(current.status)) throw new AppError(RequirementErrorCode.REQUIREMENT_NOT_EDITABLE);
      const customerId = input.customerId ?? current.customerId;
      const opportunityId = input.opportunityId === undefined ? current.opportunityId : input.opportunityId;
      const parties =
        customerId !== current.customerId || opportunityId !== current.opportunityId
          ? await resolveParties(actor, customerId, opportunityId)
          : undefined;
      const attachments =
        input.attachmentIds === undefined ? undefined : await resolveAttachments(actor, input.attachmentIds, current.attachments);
      const oldLines = await repo.listLines(db, id);
      const plan = input.lines === undefined ? undefined : await planLines(db, deps.catalog, input.lines, oldLines);
      const now = clock.now();
      await withTx(db, async (tx) => {
        const locked = await repo.lockRequirement(tx, id, repo.writeScope(actor));
        if (!locked) throw new AppError(CommonError.NOT_FOUND);
        if (locked.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        if (!EDITABLE.includes(locked.status)) throw new AppError(RequirementErrorCode.REQUIREMENT_NOT_EDITABLE);
        if (plan) await applyLines(tx, id, plan);
        const updated = await repo.updateRequirement(tx, id, input.version, {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(parties
            ? {
                customerId: parties.customer.id,
                customerName: parties.customer.name,
                opportunityId: parties.opportunity?.id ?? null,
                opportunityName: parties.opportunity?.name ?? null,
              }
            : {}),
          ...(input.wantedDate !== undefined ? { wantedDate: input.wantedDate } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
          ...(attachments ? { attachments } : {}),
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        const newLines = plan ? await repo.listLines(tx, id) : oldLines;
        await writeAudit(tx, actor, {
          action: 'requirement.update',
          entityType: 'requirement',
          entityId: id,
          before: { ...locked, lines: linesSummary(oldLines) },
          after: { ...updated, lines: linesSummary(newLines) },
        });
      });
      return present(actor, (await repo.findRequirement(db, id, repo.writeScope(actor)))!);
    },

    /**
     * Downloads a photo or document of a requirement: whoever may read the requirement may read
     * its files, whoever uploaded them (the file store itself only knows the uploader).
     */
    async openAttachment(actor: Actor, id: string, fileId: string) {
      const row = await findReadable(actor, id);
      if (!row.attachments.some((a) => a.id === fileId)) throw new AppError(CommonError.NOT_FOUND);
      await writeAudit(db, actor, {
        action: 'requirement.attachment.download',
        entityType: 'requirement',
        entityId: id,
        meta: { fileId },
      });
      return deps.files.open(asSystem('requirement-attachment'), fileId);
    },
  };
}
export type RequirementService = ReturnType<typeof createRequirementService>;
