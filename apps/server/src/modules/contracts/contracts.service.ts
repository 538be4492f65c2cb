import type {
  TContract,
  TContractCreate,
  TContractLineInput,
  TContractListItem,
  TContractListQuery,
  TContractReview,
  TContractUpdate,
  TPage,
  TPaymentTerm,
} from '@crm/contracts';
import { Permission, ZContractCreate, ZContractListQuery } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { requirePermission, scopeFilter } from '../../kernel/access/access.ts';
import { writeAudit, writeListAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { decodeCursor, toPage } from '../../kernel/http/pagination.ts';
import { computeLineAmounts, marginPercentOf } from './contract-amounts.ts';
import { listItemDto, presentContract, reviewDto } from './contract-dto.ts';
import { linesAsInputs, priceLines, type PricedLines } from './contract-lines.ts';
import type { ContractServiceDeps } from './contract-ports.ts';
import { reviewContract, type StoredReview } from './contract-review.ts';
import { contractSource, readSourceRecords } from './contract-sources.ts';
import { ContractErrorCode } from './contracts.errors.ts';
import * as repo from './contracts.repository.ts';

const ZCursor = z.tuple([z.string(), z.uuid()]);

/** Requirement lines the product manager settled keep that status through every edit of the contract. */
const reviewedRequirementLines = (lines: readonly repo.ContractLineRow[]) =>
  new Set(lines.filter((l) => l.isTechnicallyReviewed && l.requirementLineId).map((l) => l.requirementLineId!));

/** Contracts: create from a source, read, list, edit the working version, run the automatic review. */
export function createContractService(deps: ContractServiceDeps) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.contractScopeColumns);

  async function findInScope(from: Db, actor: Actor, id: string): Promise<repo.ContractRow> {
    const c = await repo.findContract(from, id, scopeOf(actor));
    if (!c) throw new AppError(CommonError.NOT_FOUND);
    return c;
  }

  async function lockInScope(tx: Db, actor: Actor, id: string, version?: number): Promise<repo.ContractRow> {
    const c = await repo.lockContract(tx, id, scopeOf(actor));
    if (!c) throw new AppError(CommonError.NOT_FOUND);
    if (version !== undefined && c.version !== version) throw new AppError(CommonError.STALE_VERSION);
    return c;
  }

  /** The automatic review of a version, with the facts read in the caller's transaction. */
  async function reviewVersion(
    tx: Db,
    c: repo.ContractRow,
    v: repo.ContractVersionRow,
    lines: readonly repo.ContractLineRow[],
  ): Promise<StoredReview> {
    // One after the other: a transaction is one connection, which runs one statement at a time.
    const profile = await deps.customers.creditProfile(tx, c.customerId);
    const exposure = await deps.exposure().openExposure(tx, c.customerId, c.id);
    const settings = await deps.settings.current(tx);
    const costKnown = v.costAmount !== null;
    return reviewContract(
      {
        today: clock.today(),
        signedDate: c.signedDate,
        amountInclTax: v.amountInclTax,
        marginPercent: costKnown
          ? (marginPercentOf(new Decimal(v.amountExclTax).minus(v.costAmount!), new Decimal(v.amountExclTax))?.toFixed(2) ?? null)
          : null,
        paymentTerms: v.paymentTerms,
        deliveryDate: v.deliveryTerms.deliveryDate ?? null,
        warrantyMonths: v.warrantyMonths,
        latePenalty: v.latePenalty,
        customer: {
          grade: profile?.grade ?? null,
          creditLimit: profile?.creditLimit ?? null,
          creditDays: profile?.creditDays ?? null,
          openExposure: exposure,
        },
        lines: lines.map((l) => ({
          id: l.id,
          position: l.position,
          name: l.name,
          materialCode: l.materialCode,
          category: l.category,
          unitPrice: l.unitPrice,
          floorPrice: l.floorPrice,
          marginPercent:
            computeLineAmounts({
              qty: l.qty,
              unitPrice: l.unitPrice,
              taxRate: l.taxRate,
              standardCost: l.standardCost,
            }).marginPercent?.toFixed(2) ?? null,
          wantedDeliveryDate: l.wantedDeliveryDate,
          leadTimeDays: l.leadTimeDays,
          standardWarrantyMonths: l.standardWarrantyMonths,
          isNonStandard: l.isNonStandard,
          isTechnicallyReviewed: l.isTechnicallyReviewed,
        })),
      },
      settings,
      clock.now(),
    );
  }

  /**
   * Stores lines (when given) and the totals and review of a version, and the list columns of the
   * contract, in the caller's transaction.
   */
  async function writeVersionContent(
    tx: Db,
    c: repo.ContractRow,
    v: repo.ContractVersionRow,
    lineInputs: readonly TContractLineInput[] | undefined,
    set: Partial<repo.NewContractVersionRow>,
  ): Promise<{ version: repo.ContractVersionRow; lines: repo.ContractLineRow[] }> {
    const current = await repo.listLines(tx, v.id);
    if (!lineInputs) return reviewAndStore(tx, c, v, current, set);
    const priced = await priceLines(tx, deps.catalog, lineInputs, reviewedRequirementLines(current));
    return storePricedContent(tx, c, v, priced, set);
  }

  /** Replaces a version's lines with priced ones, then stores its totals and review. */
  async function storePricedContent(
    tx: Db,
    c: repo.ContractRow,
    v: repo.ContractVersionRow,
    priced: PricedLines,
    set: Partial<repo.NewContractVersionRow>,
  ) {
    const lines = await repo.replaceLines(
      tx,
      v.id,
      priced.lines.map((l) => ({ ...l, versionId: v.id, contractId: c.id })),
    );
    return reviewAndStore(tx, c, v, lines, { ...set, ...priced.totals });
  }

  async function reviewAndStore(
    tx: Db,
    c: repo.ContractRow,
    v: repo.ContractVersionRow,
    lines: repo.ContractLineRow[],
    set: Partial<repo.NewContractVersionRow>,
  ): Promise<{ version: repo.ContractVersionRow; lines: repo.ContractLineRow[] }> {
    const review = await reviewVersion(tx, c, { ...v, ...set } as repo.ContractVersionRow, lines);
    const version = await repo.updateVersion(tx, v.id, { ...set, review, updatedAt: clock.now() });
    return { version, lines };
  }

  async function present(actor: Actor, c: repo.ContractRow, versionId?: string): Promise<TContract> {
    const shownId = versionId ?? c.workingVersionId ?? c.effectiveVersionId;
    if (!shownId) throw new Error(`Contract ${c.id} has no version`);
    const versions = await repo.listVersions(db, c.id);
    const shown = versions.find((v) => v.id === shownId);
    if (!shown) throw new AppError(CommonError.NOT_FOUND);
    const working = c.workingVersionId ? versions.find((v) => v.id === c.workingVersionId) : undefined;
    const [lines, users, departments, profile] = await Promise.all([
      repo.listLines(db, shown.id),
      deps.people.summaries([c.ownerId, ...versions.map((v) => v.createdBy)]),
      deps.people.departmentNames([c.departmentId]),
      deps.customers.creditProfile(db, c.customerId),
    ]);
    const names = new Map([...users].map(([id, u]) => [id, u.displayName]));
    return presentContract({
      actor,
      row: c,
      shown,
      working,
      lines,
      versions,
      names,
      departmentName: c.departmentId ? (departments.get(c.departmentId) ?? null) : null,
      customerGrade: profile?.grade ?? null,
    });
  }

  return {
    scopeOf,
    findInScope,
    lockInScope,
    reviewVersion,
    writeVersionContent,
    present,

    async list(actor: Actor, query: TContractListQuery): Promise<TPage<TContractListItem>> {
      requirePermission(actor, Permission.contractRead);
      const q = ZContractListQuery.parse(query);
      const after = decodeCursor(q.cursor, ZCursor);
      const statuses = q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status];
      const rows = await repo.listContracts(
        db,
        {
          scope: scopeOf(actor),
          q: q.q,
          statuses,
          type: q.type,
          customerId: q.customerId,
          ownerId: q.ownerId,
          signedFrom: q.signedFrom,
          signedTo: q.signedTo,
        },
        { sort: q.sort, limit: q.limit + 1, after },
      );
      await writeListAudit(db, actor, { action: 'contract.list', entityType: 'contract' }, q);
      const page = toPage(
        rows,
        q.limit,
        (r) => [repo.contractSortValue(r, q.sort), r.id],
        (r) => r,
      );
      const [users, departments] = await Promise.all([
        deps.people.summaries(page.items.map((r) => r.ownerId)),
        deps.people.departmentNames(page.items.map((r) => r.departmentId)),
      ]);
      const names = new Map([...users].map(([id, u]) => [id, u.displayName]));
      return { items: page.items.map((r) => listItemDto(r, names, departments)), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string, versionId?: string): Promise<TContract> {
      requirePermission(actor, Permission.contractRead);
      const c = await findInScope(db, actor, id);
      await writeReadAudit(db, actor, { action: 'contract.read', entityType: 'contract', entityId: id });
      return present(actor, c, versionId);
    },

    async create(actor: Actor, body: TContractCreate): Promise<TContract> {
      requirePermission(actor, Permission.contractWrite);
      const input = ZContractCreate.parse(body);
      const records = await readSourceRecords(deps, actor, input);
      const id = await withTx(db, async (tx) => {
        const src = await contractSource(deps, tx, actor, input, records);
        const customer = await deps.customers.findInScope(tx, actor, src.customerId);
        if (!customer) throw new AppError(CommonError.NOT_FOUND, { fields: [{ path: 'customerId', code: 'not_found' }] });
        if (input.source.kind === 'blank' && records.opportunity) {
          if (records.opportunity.customerId !== customer.id)
            throw new AppError(ContractErrorCode.CONTRACT_OPPORTUNITY_CUSTOMER_MISMATCH, {
              fields: [{ path: 'opportunityId', code: 'mismatch' }],
            });
        }
        const now = clock.now();
        const priced = await priceLines(tx, deps.catalog, src.lines, src.reviewed);
        const warranty =
          input.warrantyMonths ??
          priced.lines.reduce<number | null>(
            (m, l) => (l.standardWarrantyMonths == null ? m : Math.max(m ?? 0, l.standardWarrantyMonths)),
            null,
          ) ??
          12;
        const c = await repo.insertContract(tx, {
          title: src.title || customer.name,
          type: input.type,
          customerId: customer.id,
          customerName: customer.name,
          opportunityId: src.opportunityId,
          opportunityName: src.opportunityName,
          quoteId: src.quoteId,
          quoteVersionId: src.quoteVersionId,
          requirementIds: src.requirementIds,
          ownerId: actor.userId!,
          departmentId: actor.departmentId,
          currency: src.currency,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        const v = await repo.insertVersion(tx, {
          contractId: c.id,
          versionNo: 1,
          kind: 'original',
          status: 'draft',
          paymentTerms: (input.paymentTerms ?? []) as TPaymentTerm[],
          deliveryTerms: input.deliveryTerms ?? {},
          warrantyMonths: warranty,
          latePenalty: input.latePenalty ?? { capPercent: '5' },
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        const { version, lines } = await storePricedContent(tx, c, v, priced, {});
        const saved = await repo.updateContract(tx, c.id, c.version, {
          workingVersionId: v.id,
          amountInclTax: version.amountInclTax,
          reviewLevel: version.review?.level ?? null,
        });
        if (src.requirementIds.length > 0) await deps.requirements()!.markContracted(tx, actor, src.requirementIds, c.id);
        await writeAudit(tx, actor, {
          action: 'contract.create',
          entityType: 'contract',
          entityId: c.id,
          after: {
            title: saved!.title,
            customerId: c.customerId,
            type: c.type,
            source: input.source,
            amountInclTax: version.amountInclTax,
            lines: lines.length,
          },
        });
        return c.id;
      });
      return present(actor, await findInScope(db, actor, id));
    },

    /** Changes the working version: the draft, or the draft of an open amendment. */
    async update(actor: Actor, id: string, input: TContractUpdate): Promise<TContract> {
      requirePermission(actor, Permission.contractWrite);
      // Read through the opportunities service (its own connection) before the transaction opens.
      const opportunity = input.opportunityId ? await deps.opportunities.get(actor, input.opportunityId) : null;
      await withTx(db, async (tx) => {
        const c = await lockInScope(tx, actor, id, input.version);
        const working = c.workingVersionId ? await repo.findVersion(tx, c.id, c.workingVersionId) : undefined;
        if (!working || working.status !== 'draft' || c.status === 'terminated' || c.status === 'completed')
          throw new AppError(ContractErrorCode.CONTRACT_NOT_EDITABLE);
        const isOriginal = working.kind === 'original';
        if (!isOriginal && (input.type !== undefined || input.currency !== undefined || input.opportunityId !== undefined))
          throw new AppError(ContractErrorCode.CONTRACT_NOT_EDITABLE, {
            fields: [{ path: input.type ? 'type' : input.currency ? 'currency' : 'opportunityId', code: 'amendment' }],
          });
        if (opportunity) {
          if (opportunity.customerId !== c.customerId)
            throw new AppError(ContractErrorCode.CONTRACT_OPPORTUNITY_CUSTOMER_MISMATCH, {
              fields: [{ path: 'opportunityId', code: 'mismatch' }],
            });
        }
        const set: Partial<repo.NewContractVersionRow> = { updatedBy: actor.userId };
        if (input.paymentTerms) set.paymentTerms = input.paymentTerms as TPaymentTerm[];
        if (input.deliveryTerms) set.deliveryTerms = input.deliveryTerms;
        if (input.warrantyMonths !== undefined) set.warrantyMonths = input.warrantyMonths;
        if (input.latePenalty) set.latePenalty = input.latePenalty;
        const before = { ...pickTerms(working), title: c.title, type: c.type, currency: c.currency, amountInclTax: working.amountInclTax };
        const { version: v, lines } = await writeVersionContent(tx, c, working, input.lines, set);
        const saved = await repo.updateContract(tx, c.id, c.version, {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.type !== undefined ? { type: input.type } : {}),
          ...(input.currency !== undefined ? { currency: input.currency } : {}),
          ...(input.opportunityId !== undefined ? { opportunityId: input.opportunityId, opportunityName: opportunity?.name ?? null } : {}),
          ...(isOriginal ? { amountInclTax: v.amountInclTax } : {}),
          reviewLevel: v.review?.level ?? null,
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!saved) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'contract.update',
          entityType: 'contract',
          entityId: c.id,
          before,
          after: {
            ...pickTerms(v),
            title: saved.title,
            type: saved.type,
            currency: saved.currency,
            amountInclTax: v.amountInclTax,
            ...(input.lines ? { lines: lines.map((l) => ({ code: l.materialCode ?? l.name, qty: l.qty, unitPrice: l.unitPrice })) } : {}),
          },
          meta: { versionNo: v.versionNo },
        });
      });
      return present(actor, await findInScope(db, actor, id));
    },

    /** Runs the automatic review of the working version again (facts such as credit may have changed) and stores it. */
    async review(actor: Actor, id: string): Promise<TContractReview> {
      requirePermission(actor, Permission.contractRead);
      const stored = await withTx(db, async (tx) => {
        const c = await lockInScope(tx, actor, id);
        const v = await repo.findVersion(tx, c.id, c.workingVersionId ?? c.effectiveVersionId ?? '');
        if (!v) throw new AppError(CommonError.NOT_FOUND);
        const review = await reviewVersion(tx, c, v, await repo.listLines(tx, v.id));
        if (v.status === 'draft') {
          await repo.updateVersion(tx, v.id, { review });
          if (v.id === c.workingVersionId) await repo.setReviewLevel(tx, c.id, review.level);
        }
        await writeAudit(tx, actor, {
          action: 'contract.review',
          entityType: 'contract',
          entityId: c.id,
          after: { level: review.level, route: review.route },
          meta: { versionNo: v.versionNo },
        });
        return review;
      });
      return reviewDto(stored, actor.locale)!;
    },

    /** The lines of the effective version as inputs (a new amendment starts from them). */
    linesAsInputs,
  };
}
export type ContractService = ReturnType<typeof createContractService>;

function pickTerms(v: repo.ContractVersionRow) {
  return { paymentTerms: v.paymentTerms, deliveryTerms: v.deliveryTerms, warrantyMonths: v.warrantyMonths, latePenalty: v.latePenalty };
}
