import {
  Permission,
  type TCreateOpportunity,
  type TCreateOpportunityParsed,
  type TMoveStage,
  type TOpportunity,
  type TOpportunityLineInput,
  type TOpportunityListQuery,
  type TOpportunitySummary,
  type TPage,
  type TStageChange,
  type TUpdateOpportunity,
  ZCreateOpportunity,
} from '@crm/contracts';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { scopeFilter, scopeParts } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit, writeReadAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { FileService } from '../../../kernel/files/files.service.ts';
import { decodeCursor, toPage } from '../../../kernel/http/pagination.ts';
import { money, toMoneyString } from '../../../kernel/money.ts';
import type { People } from '../../admin/index.ts';
import { toOpportunityDto, toStageChangeDtos, toSummaryDto, type DtoNames } from './opportunity-dto.ts';
import { OpportunityErrorCode } from './opportunities.errors.ts';
import * as repo from './opportunities.repository.ts';
import { loadStages } from './pipeline.service.ts';
import { checkStageMove, type StageDef } from './stage-rules.ts';

/** What this feature needs of the customers module (its index.ts `lookup`). */
export type CustomerLookup = {
  findInScope(
    db: Db,
    actor: Actor,
    id: string,
  ): Promise<{ id: string; name: string; ownerId: string | null; mergedIntoId: string | null } | undefined>;
  names(db: Db, ids: readonly string[]): Promise<Map<string, string>>;
};

/** What this feature needs of the products module (its catalogue's `findByIds`). */
export type ProductLookup = {
  findByIds(db: Db, ids: readonly string[]): Promise<{ id: string; materialCode: string; name: string; status: string }[]>;
};

export type OpportunityDeps = {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries' | 'summary' | 'subtree' | 'departmentNames'>;
  customers: CustomerLookup;
  files: Pick<FileService, 'get' | 'open'>;
  /** Absent until the products module is wired: product lines are then refused. */
  products?: ProductLookup;
};

const ZCursor = z.tuple([z.string(), z.uuid()]);

/** Fields a won or lost opportunity may still change (the rest needs a reopen first). */
const CLOSED_EDITABLE = new Set(['name', 'description', 'competitors', 'source', 'ownerId', 'version']);

export function createOpportunityService(deps: OpportunityDeps) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.opportunityScopeColumns);
  const scopePartsOf = (actor: Actor) => scopeParts(actor, repo.opportunityScopeColumns);

  async function names(rows: repo.OpportunityRow[], stages?: StageDef[]): Promise<DtoNames> {
    const [stageList, owners, departments, customers] = await Promise.all([
      stages ?? loadStages(db),
      deps.people.summaries(rows.map((r) => r.ownerId)),
      deps.people.departmentNames(rows.map((r) => r.departmentId)),
      deps.customers.names(
        db,
        rows.map((r) => r.customerId),
      ),
    ]);
    return { stages: new Map(stageList.map((s) => [s.id, s])), owners, departments, customers };
  }

  async function present(row: repo.OpportunityRow): Promise<TOpportunity> {
    const lines = await repo.listLines(db, row.id);
    return toOpportunityDto(row, lines, await names([row]));
  }

  /** Product lines with the catalogue's code and name, amounts exact to the fen. */
  async function resolveLines(tx: Db, lines: TOpportunityLineInput[]) {
    if (lines.length === 0) return [];
    if (!deps.products) throw new AppError(OpportunityErrorCode.OPPORTUNITY_PRODUCTS_UNAVAILABLE);
    const found = new Map(
      (
        await deps.products.findByIds(
          tx,
          lines.map((l) => l.productId),
        )
      ).map((p) => [p.id, p]),
    );
    const missing = lines
      .filter((l) => found.get(l.productId)?.status !== 'active')
      .map((l) => found.get(l.productId)?.materialCode ?? l.productId);
    if (missing.length > 0) throw new AppError(OpportunityErrorCode.OPPORTUNITY_PRODUCT_UNKNOWN, { params: { codes: missing.join(', ') } });
    return lines.map((l, i) => {
      const p = found.get(l.productId)!;
      return {
        position: i + 1,
        productId: p.id,
        materialCode: p.materialCode,
        productName: p.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        amount: toMoneyString(money(l.quantity).times(l.unitPrice)),
      };
    });
  }

  async function assertCustomer(tx: Db, actor: Actor, customerId: string): Promise<void> {
    const customer = await deps.customers.findInScope(tx, actor, customerId);
    if (!customer || customer.mergedIntoId) {
      throw new AppError(OpportunityErrorCode.OPPORTUNITY_CUSTOMER_INVALID, {
        fields: [{ path: 'customerId', code: 'invalid', messageKey: 'error.OPPORTUNITY_CUSTOMER_INVALID' }],
      });
    }
    if (customer.ownerId === null) throw new AppError(OpportunityErrorCode.OPPORTUNITY_CUSTOMER_IN_POOL);
  }

  async function resolveOwner(actor: Actor, ownerId: string): Promise<{ id: string; departmentId: string }> {
    if (ownerId !== actor.userId && !hasPermission(actor, Permission.opportunityAssign)) throw new AppError(CommonError.FORBIDDEN);
    const owner = await deps.people.summary(ownerId);
    if (!owner || !owner.isActive) {
      throw new AppError(OpportunityErrorCode.OPPORTUNITY_OWNER_INVALID, {
        fields: [{ path: 'ownerId', code: 'invalid', messageKey: 'error.OPPORTUNITY_OWNER_INVALID' }],
      });
    }
    return { id: owner.id, departmentId: owner.departmentId };
  }

  async function resolveAwardNotice(
    actor: Actor,
    fileId: string | null | undefined,
  ): Promise<{ id: string; name: string } | null | undefined> {
    if (fileId === undefined || fileId === null) return fileId;
    const file = await deps.files.get(actor, fileId).catch(() => undefined);
    if (!file || !['application/pdf', 'image/png', 'image/jpeg'].includes(file.mimeType)) {
      throw new AppError(OpportunityErrorCode.OPPORTUNITY_AWARD_NOTICE_INVALID, {
        fields: [{ path: 'tender.awardNoticeFileId', code: 'invalid', messageKey: 'error.OPPORTUNITY_AWARD_NOTICE_INVALID' }],
      });
    }
    return { id: file.id, name: file.name };
  }

  /** Inserts the opportunity, its first stage-history entry, its lines and the audit entry, in `tx`. */
  async function insert(
    tx: Db,
    actor: Actor,
    input: TCreateOpportunityParsed,
    owner: { id: string; departmentId: string },
    awardNotice: { id: string; name: string } | null | undefined,
  ): Promise<repo.OpportunityRow> {
    const stages = await loadStages(tx);
    const stage = input.stageId ? stages.find((s) => s.id === input.stageId) : stages.find((s) => s.kind === 'open');
    if (!stage || stage.kind !== 'open') throw new AppError(OpportunityErrorCode.OPPORTUNITY_START_STAGE_INVALID);
    await assertCustomer(tx, actor, input.customerId);
    const lines = await resolveLines(tx, input.lines ?? []);
    const now = clock.now();
    const tender = input.tender ?? {};
    const created = await repo.insertOpportunity(tx, {
      name: input.name,
      customerId: input.customerId,
      ownerId: owner.id,
      departmentId: owner.departmentId,
      amount: toMoneyString(input.amount),
      currency: input.currency,
      expectedCloseDate: input.expectedCloseDate,
      stageId: stage.id,
      stageKind: 'open',
      stageEnteredAt: now,
      probability: input.probability ?? stage.probability,
      probabilityOverridden: input.probability !== undefined && input.probability !== null,
      source: input.source ?? null,
      leadId: input.leadId ?? null,
      isTender: input.isTender,
      tenderNumber: tender.tenderNumber ?? null,
      bidOpeningDate: tender.bidOpeningDate ?? null,
      bidBondAmount: tender.bidBondAmount ?? null,
      bidBondReturned: tender.bidBondReturned ?? false,
      tenderResult: tender.result ?? 'pending',
      awardNoticeFileId: awardNotice?.id ?? null,
      awardNoticeName: awardNotice?.name ?? null,
      competitors: input.competitors ?? [],
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    await repo.insertStageChanges(tx, [
      {
        opportunityId: created.id,
        fromStageId: null,
        toStageId: stage.id,
        at: now,
        byId: actor.userId,
        amount: created.amount,
        probability: created.probability,
      },
    ]);
    const insertedLines = await repo.replaceLines(tx, created.id, lines);
    await writeAudit(tx, actor, {
      action: 'opportunity.create',
      entityType: 'opportunity',
      entityId: created.id,
      after: { ...created, lines: insertedLines.map(({ id: _id, opportunityId: _o, ...l }) => l) },
      meta: input.leadId ? { leadId: input.leadId } : undefined,
    });
    return created;
  }

  return {
    scopeOf,
    scopePartsOf,

    async create(actor: Actor, body: TCreateOpportunity): Promise<TOpportunity> {
      const input = ZCreateOpportunity.parse(body);
      const owner = await resolveOwner(actor, input.ownerId ?? actor.userId ?? '');
      const awardNotice = await resolveAwardNotice(actor, input.tender?.awardNoticeFileId);
      const row = await withTx(db, (tx) => insert(tx, actor, input, owner, awardNotice));
      return present(row);
    },

    /**
     * Creates an opportunity inside the caller's transaction (lead conversion): the customer is
     * checked in `tx`, so one created in the same transaction counts. The owner is the actor unless
     * the caller names another and gives that owner's department (resolved before the transaction).
     * An award notice cannot be attached here. Returns the new opportunity's id and version.
     */
    async createWithin(
      tx: Db,
      actor: Actor,
      body: TCreateOpportunity,
      opts: { ownerDepartmentId?: string } = {},
    ): Promise<{ id: string; version: number }> {
      const input = ZCreateOpportunity.parse(body);
      if (input.tender?.awardNoticeFileId) throw new AppError(CommonError.BAD_REQUEST);
      let owner: { id: string; departmentId: string };
      if (!input.ownerId || input.ownerId === actor.userId) {
        if (!actor.userId || !actor.departmentId) throw new AppError(OpportunityErrorCode.OPPORTUNITY_OWNER_INVALID);
        owner = { id: actor.userId, departmentId: actor.departmentId };
      } else {
        if (!hasPermission(actor, Permission.opportunityAssign)) throw new AppError(CommonError.FORBIDDEN);
        if (!opts.ownerDepartmentId) throw new AppError(OpportunityErrorCode.OPPORTUNITY_OWNER_INVALID);
        owner = { id: input.ownerId, departmentId: opts.ownerDepartmentId };
      }
      const row = await insert(tx, actor, input, owner, undefined);
      return { id: row.id, version: row.version };
    },

    async get(actor: Actor, id: string): Promise<TOpportunity> {
      const row = await repo.findOpportunity(db, id, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, { action: 'opportunity.read', entityType: 'opportunity', entityId: id });
      return present(row);
    },

    async list(actor: Actor, query: TOpportunityListQuery): Promise<TPage<TOpportunitySummary>> {
      const sort = query.sort.replace(/^-/, '') as repo.OpportunitySortKey;
      const desc = query.sort.startsWith('-');
      const after = decodeCursor(query.cursor, ZCursor);
      const filter: repo.OpportunityFilter = {
        scope: scopeOf(actor),
        scopeParts: scopePartsOf(actor),
        q: query.q,
        ownerIds: query.mine === 'true' ? [actor.userId ?? '00000000-0000-0000-0000-000000000000'] : query.ownerId,
        departmentIds: query.departmentId ? await deps.people.subtree(query.departmentId) : undefined,
        stageIds: query.stageId,
        stageKind: query.stageKind,
        customerId: query.customerId,
        isTender: query.isTender === undefined ? undefined : query.isTender === 'true',
        expectedCloseFrom: query.expectedCloseFrom,
        expectedCloseTo: query.expectedCloseTo,
      };
      const rows = await repo.listOpportunities(db, filter, { sort, desc, limit: query.limit + 1, after });
      await writeListAudit(db, actor, { action: 'opportunity.list', entityType: 'opportunity' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [repo.opportunitySortValue(r, sort), r.id],
        (r) => r,
      );
      const n = await names(page.items);
      return { items: page.items.map((r) => toSummaryDto(r, n)), nextCursor: page.nextCursor };
    },

    async update(actor: Actor, id: string, input: TUpdateOpportunity): Promise<TOpportunity> {
      const current = await repo.findOpportunity(db, id, scopeOf(actor));
      if (!current) throw new AppError(CommonError.NOT_FOUND);
      if (current.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
      if (current.stageKind !== 'open') {
        const locked = Object.entries(input).filter(
          ([k, v]) => v !== undefined && !CLOSED_EDITABLE.has(k) && !(k === 'tender' && onlyBondReturned(v as object)),
        );
        if (locked.length > 0) {
          throw new AppError(OpportunityErrorCode.OPPORTUNITY_CLOSED_FIELDS, {
            fields: locked.map(([k]) => ({ path: k, code: 'closed', messageKey: 'error.OPPORTUNITY_CLOSED_FIELDS' })),
          });
        }
      }
      const owner = input.ownerId && input.ownerId !== current.ownerId ? await resolveOwner(actor, input.ownerId) : undefined;
      const awardNotice = await resolveAwardNotice(actor, input.tender?.awardNoticeFileId);
      const stages = await loadStages(db);
      const row = await withTx(db, async (tx) => {
        if (input.customerId && input.customerId !== current.customerId) await assertCustomer(tx, actor, input.customerId);
        const lines = input.lines ? await resolveLines(tx, input.lines) : undefined;
        const t = input.tender;
        const stage = stages.find((s) => s.id === current.stageId);
        const set: Partial<repo.NewOpportunityRow> = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
          ...(input.amount !== undefined ? { amount: toMoneyString(input.amount) } : {}),
          ...(input.currency !== undefined ? { currency: input.currency } : {}),
          ...(input.expectedCloseDate !== undefined ? { expectedCloseDate: input.expectedCloseDate } : {}),
          ...(input.probability !== undefined
            ? input.probability === null
              ? { probability: stage?.probability ?? current.probability, probabilityOverridden: false }
              : { probability: input.probability, probabilityOverridden: true }
            : {}),
          ...(input.source !== undefined ? { source: input.source } : {}),
          ...(input.isTender !== undefined ? { isTender: input.isTender } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.competitors !== undefined ? { competitors: input.competitors } : {}),
          ...(t?.tenderNumber !== undefined ? { tenderNumber: t.tenderNumber } : {}),
          ...(t?.bidOpeningDate !== undefined ? { bidOpeningDate: t.bidOpeningDate } : {}),
          ...(t?.bidBondAmount !== undefined ? { bidBondAmount: t.bidBondAmount } : {}),
          ...(t?.bidBondReturned !== undefined ? { bidBondReturned: t.bidBondReturned } : {}),
          ...(t?.result !== undefined ? { tenderResult: t.result } : {}),
          ...(awardNotice !== undefined ? { awardNoticeFileId: awardNotice?.id ?? null, awardNoticeName: awardNotice?.name ?? null } : {}),
          ...(owner ? { ownerId: owner.id, departmentId: owner.departmentId } : {}),
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        };
        const updated = await repo.updateOpportunity(tx, id, input.version, set);
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        const before = lines ? await repo.listLines(tx, id) : undefined;
        const after = lines ? await repo.replaceLines(tx, id, lines) : undefined;
        const plain = (ls: repo.LineRow[] | undefined) => ls?.map(({ id: _i, opportunityId: _o, ...l }) => l);
        await writeAudit(tx, actor, {
          action: owner ? 'opportunity.transfer' : 'opportunity.update',
          entityType: 'opportunity',
          entityId: id,
          before: lines ? { ...current, lines: plain(before) } : current,
          after: lines ? { ...updated, lines: plain(after) } : updated,
        });
        return updated;
      });
      return present(row);
    },

    async moveStage(actor: Actor, id: string, input: TMoveStage): Promise<TOpportunity> {
      const row = await withTx(db, async (tx) => {
        const current = await repo.lockOpportunity(tx, id, scopeOf(actor));
        if (!current) throw new AppError(CommonError.NOT_FOUND);
        const stages = await loadStages(tx);
        const to = stages.find((s) => (input.stageId ? s.id === input.stageId : s.code === input.stage));
        if (!to) {
          throw new AppError(OpportunityErrorCode.OPPORTUNITY_STAGE_UNKNOWN, {
            fields: [{ path: input.stageId ? 'stageId' : 'stage', code: 'unknown', messageKey: 'error.OPPORTUNITY_STAGE_UNKNOWN' }],
          });
        }
        if (current.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        const from = stages.find((s) => s.id === current.stageId)!;
        const visited = await repo.visitedStages(tx, id);
        visited.add(current.stageId);
        const refusal = checkStageMove({
          stages,
          from,
          to,
          visited,
          subject: current,
          reasonCode: input.reasonCode,
          reason: input.reason,
          canReopen: hasPermission(actor, Permission.opportunityReopen),
        });
        if (refusal) {
          const stage = refusal.stage ?? to;
          throw new AppError(refusal.rule, {
            params: { stageZh: stage.nameZh, stageEn: stage.nameEn },
            extensions: { rule: refusal.rule, stage: stage.code },
          });
        }
        const now = clock.now();
        const closing = to.kind !== 'open';
        const tenderResult =
          current.isTender && current.tenderResult === 'pending' && closing ? (to.kind === 'won' ? 'won' : 'lost') : current.tenderResult;
        const moved = await repo.moveStage(
          tx,
          id,
          { version: input.version, fromStageId: current.stageId },
          {
            stageId: to.id,
            stageKind: to.kind,
            stageEnteredAt: now,
            probability: to.probability,
            probabilityOverridden: false,
            closedAt: closing ? now : null,
            wonDate: to.kind === 'won' ? clock.today() : null,
            closeReasonCode: closing ? (input.reasonCode ?? null) : null,
            closeReason: closing ? (input.reason ?? null) : null,
            tenderResult,
            updatedAt: now,
            updatedBy: actor.userId,
          },
        );
        if (!moved) throw new AppError(CommonError.STALE_VERSION);
        await repo.insertStageChanges(tx, [
          {
            opportunityId: id,
            fromStageId: from.id,
            toStageId: to.id,
            at: now,
            byId: actor.userId,
            amount: moved.amount,
            probability: moved.probability,
            reasonCode: input.reasonCode ?? null,
            reason: input.reason ?? null,
          },
        ]);
        await writeAudit(tx, actor, {
          action: from.kind !== 'open' ? 'opportunity.reopen' : `opportunity.stage`,
          entityType: 'opportunity',
          entityId: id,
          before: pickStage(current),
          after: pickStage(moved),
          meta: { from: from.code, to: to.code, ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}) },
        });
        return moved;
      });
      return present(row);
    },

    async history(actor: Actor, id: string): Promise<TStageChange[]> {
      const row = await repo.findOpportunity(db, id, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      const [changes, stages] = await Promise.all([repo.listStageChanges(db, id), loadStages(db)]);
      const people = await deps.people.summaries(changes.map((c) => c.byId));
      return toStageChangeDtos(changes, new Map(stages.map((s) => [s.id, s])), people);
    },

    /** The bid-award notice of an opportunity the actor may see. */
    async openAwardNotice(actor: Actor, id: string): Promise<{ file: { name: string; mimeType: string }; stream: Readable }> {
      const row = await repo.findOpportunity(db, id, scopeOf(actor));
      if (!row?.awardNoticeFileId) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, { action: 'opportunity.award_notice.read', entityType: 'opportunity', entityId: id });
      // The opportunity's scope was checked; the file may have been uploaded by someone else.
      return deps.files.open(asSystem('opportunity-award-notice'), row.awardNoticeFileId);
    },
  };
}
export type OpportunityService = ReturnType<typeof createOpportunityService>;

function onlyBondReturned(tender: object): boolean {
  return Object.entries(tender).every(([k, v]) => v === undefined || k === 'bidBondReturned');
}

function pickStage(r: repo.OpportunityRow) {
  return {
    stageId: r.stageId,
    stageKind: r.stageKind,
    probability: r.probability,
    closedAt: r.closedAt,
    wonDate: r.wonDate,
    closeReasonCode: r.closeReasonCode,
    closeReason: r.closeReason,
    tenderResult: r.tenderResult,
  };
}
