import type {
  TCreateLead,
  TLead,
  TLeadDisqualifyRequest,
  TLeadListQuery,
  TLeadQualifyRequest,
  TLeadReopenRequest,
  TPage,
  TUpdateLead,
} from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { z } from 'zod';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit, writeReadAudit } from '../../../kernel/audit/audit.ts';
import { hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import { addDays, startOfBusinessDay, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { decodeCursor, toPage } from '../../../kernel/http/pagination.ts';
import type { NotificationService } from '../../../kernel/notifications/notifications.ts';
import type { People } from '../../admin/index.ts';
import { resolveAssignee } from './lead-assignee.ts';
import type { LeadPresenter } from './lead-dto.ts';
import type { LeadSourceService } from './lead-sources.service.ts';
import { isLeadClosed, nextLeadStatus, transitionSources, type LeadTransition } from './lead-status.ts';
import { LeadErrorCode } from './leads.errors.ts';
import * as repo from './leads.repository.ts';

const ZCursor = z.tuple([z.iso.datetime(), z.uuid()]);

/** 线索: list, read, create, edit, qualify, disqualify and reopen, within the actor's data scope. */
export function createLeadService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summary' | 'summaries' | 'departmentNames'>;
  notifications: Pick<NotificationService, 'notify'>;
  sources: Pick<LeadSourceService, 'assertUsable'>;
  present: LeadPresenter;
}) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.leadScopeColumns);
  const one = async (row: repo.LeadRow) => (await deps.present([row]))[0]!;

  /** Tells apart why a guarded update found nothing: gone or out of scope, changed meanwhile, or the wrong status. */
  async function refusal(actor: Actor, id: string, version: number, transition?: LeadTransition): Promise<AppError> {
    const row = await repo.findLead(db, id, scopeOf(actor));
    if (!row) return new AppError(CommonError.NOT_FOUND);
    if (row.version !== version) return new AppError(CommonError.STALE_VERSION);
    if (isLeadClosed(row.status)) return new AppError(LeadErrorCode.LEAD_CLOSED);
    return new AppError(LeadErrorCode.LEAD_STATUS_INVALID, { params: { status: row.status, transition } });
  }

  async function transition(
    actor: Actor,
    id: string,
    version: number,
    kind: Exclude<LeadTransition, 'convert'>,
    set: (now: Date) => Partial<repo.NewLeadRow>,
    meta?: Record<string, unknown>,
  ): Promise<TLead> {
    const row = await withTx(db, async (tx) => {
      const before = await repo.lockLead(tx, id, scopeOf(actor));
      if (!before) throw new AppError(CommonError.NOT_FOUND);
      const status = nextLeadStatus(before.status, kind);
      if (before.version !== version) throw new AppError(CommonError.STALE_VERSION);
      if (!status) {
        throw isLeadClosed(before.status)
          ? new AppError(LeadErrorCode.LEAD_CLOSED)
          : new AppError(LeadErrorCode.LEAD_STATUS_INVALID, { params: { status: before.status } });
      }
      const now = clock.now();
      const updated = await repo.transitionLead(tx, id, version, transitionSources(kind), {
        ...set(now),
        status,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      if (!updated) throw await refusal(actor, id, version, kind);
      await writeAudit(tx, actor, { action: `lead.${kind}`, entityType: 'lead', entityId: id, before, after: updated, meta });
      return updated;
    });
    return one(row);
  }

  return {
    async list(actor: Actor, query: TLeadListQuery): Promise<TPage<TLead>> {
      const desc = query.sort !== 'createdAt';
      const sort: repo.LeadSortKey = query.sort === '-updatedAt' ? 'updatedAt' : 'createdAt';
      const after = decodeCursor(query.cursor, ZCursor);
      const tz = clock.timezone;
      // "Mine" of an actor without a user (a system job) matches nobody.
      const ownerIds = query.mine ? [actor.userId ?? '00000000-0000-0000-0000-000000000000'] : query.ownerId;
      const rows = await repo.listLeads(
        db,
        {
          scope: scopeOf(actor),
          q: query.q,
          statuses: query.status,
          sources: query.source,
          ownerIds,
          createdFrom: query.createdFrom ? startOfBusinessDay(query.createdFrom, tz) : undefined,
          createdBefore: query.createdTo ? startOfBusinessDay(addDays(query.createdTo, 1), tz) : undefined,
        },
        { sort, desc, limit: query.limit + 1, after: after ? [after[0], after[1]] : undefined },
      );
      await writeListAudit(db, actor, { action: 'lead.list', entityType: 'lead' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [(sort === 'createdAt' ? r.createdAt : r.updatedAt).toISOString(), r.id],
        (r) => r,
      );
      return { items: await deps.present(page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<TLead> {
      const row = await repo.findLead(db, id, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, { action: 'lead.read', entityType: 'lead', entityId: id });
      return one(row);
    },

    async create(actor: Actor, input: TCreateLead): Promise<TLead> {
      const ownerId = input.ownerId ?? actor.userId;
      if (!ownerId) throw new AppError(CommonError.FORBIDDEN);
      if (ownerId !== actor.userId && !hasPermission(actor, Permission.leadAssign)) throw new AppError(CommonError.FORBIDDEN);
      const owner = await resolveAssignee(deps.people, actor, ownerId);
      await deps.sources.assertUsable(input.source);
      const { ownerId: _owner, ...fields } = input;
      const row = await withTx(db, async (tx) => {
        const now = clock.now();
        const created = await repo.insertLead(tx, {
          ...fields,
          mobileDigits: repo.mobileKey(input.mobile),
          status: 'new',
          ownerId: owner.id,
          departmentId: owner.departmentId,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await writeAudit(tx, actor, { action: 'lead.create', entityType: 'lead', entityId: created.id, after: created });
        if (owner.id !== actor.userId) {
          await deps.notifications.notify(tx, {
            userIds: [owner.id],
            kind: 'leads.assigned',
            params: { by: actor.displayName, name: created.companyName, reason: '—', count: 1 },
            link: `/leads/${created.id}`,
            entityType: 'lead',
            entityId: created.id,
          });
        }
        return created;
      });
      return one(row);
    },

    async update(actor: Actor, id: string, input: TUpdateLead): Promise<TLead> {
      const current = await repo.findLead(db, id, scopeOf(actor));
      if (!current) throw new AppError(CommonError.NOT_FOUND);
      if (isLeadClosed(current.status)) throw new AppError(LeadErrorCode.LEAD_CLOSED);
      if (input.source !== undefined) await deps.sources.assertUsable(input.source, current.source);
      const { version, ...fields } = input;
      const row = await withTx(db, async (tx) => {
        const before = await repo.lockLead(tx, id, scopeOf(actor));
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        if (before.version !== version) throw new AppError(CommonError.STALE_VERSION);
        if (isLeadClosed(before.status)) throw new AppError(LeadErrorCode.LEAD_CLOSED);
        const updated = await repo.updateLead(tx, id, version, {
          ...fields,
          ...(fields.mobile !== undefined ? { mobileDigits: repo.mobileKey(fields.mobile) } : {}),
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, { action: 'lead.update', entityType: 'lead', entityId: id, before, after: updated });
        return updated;
      });
      return one(row);
    },

    qualify: (actor: Actor, id: string, input: TLeadQualifyRequest) =>
      transition(actor, id, input.version, 'qualify', (now) => ({ qualifiedAt: now }), input.note ? { note: input.note } : undefined),

    disqualify: (actor: Actor, id: string, input: TLeadDisqualifyRequest) =>
      transition(
        actor,
        id,
        input.version,
        'disqualify',
        (now) => ({ disqualifyReason: input.reason, disqualifyNote: input.note ?? null, disqualifiedAt: now }),
        { reason: input.reason, note: input.note ?? null },
      ),

    /** A disqualified lead comes back into follow-up; its last reason stays in the audit trail. */
    reopen: (actor: Actor, id: string, input: TLeadReopenRequest) =>
      transition(actor, id, input.version, 'reopen', () => ({ disqualifyReason: null, disqualifyNote: null, disqualifiedAt: null })),
  };
}
export type LeadService = ReturnType<typeof createLeadService>;
