import type {
  TCreateQuote,
  TCustomerGrade,
  TPage,
  TQuote,
  TQuoteLineInput,
  TQuoteListItem,
  TQuoteListQuery,
  TQuotePreview,
  TQuotePreviewRequest,
  TUpdateQuote,
} from '@crm/contracts';
import { z } from 'zod';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit, writeReadAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import { addDays, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { decodeCursor, toPage } from '../../../kernel/http/pagination.ts';
import type { Locale } from '../../../kernel/i18n.ts';
import { toMoneyString } from '../../../kernel/money.ts';
import { nextNumber } from '../../../kernel/numbering/numbering.ts';
import type { People } from '../../admin/index.ts';
import type { QuoteApprovalGate } from './quote-approval-gate.ts';
import { approvalSubject, statusConflict } from './quote-subject.ts';
import { discountLimitFor } from './quote-approval-rules.ts';
import { lineDto, listItemDto, plainNumber, quoteDto, reasonDto, totalsDto } from './quote-dto.ts';
import { priceQuote, type PricedQuote, type PricingContext, type QuoteCatalog } from './quote-pricing.ts';
import type { QuoteSettingsService } from './quote-settings.service.ts';
import { QuoteErrorCode } from './quotes.errors.ts';
import * as repo from './quotes.repository.ts';

/** What quotes need of the opportunities feature: the opportunity if the actor may see it (404 otherwise). */
export type QuoteOpportunityLookup = {
  get(actor: Actor, id: string): Promise<{ id: string; name: string; customerId: string; customerName: string | null; currency: string }>;
};

/** What quotes need of the customers module: the grade and province that price lists match on. */
export type QuoteCustomerLookup = {
  pricingProfile(db: Db, id: string): Promise<{ name: string; grade: TCustomerGrade; province: string | null } | undefined>;
};

export type QuoteServiceDeps = {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries' | 'roleCodes'>;
  catalog: QuoteCatalog;
  opportunities: QuoteOpportunityLookup;
  customers: QuoteCustomerLookup;
  settings: Pick<QuoteSettingsService, 'current' | 'discountLimits'>;
  gate: () => QuoteApprovalGate;
};

const ZCursor = z.tuple([z.string(), z.uuid()]);

/** A stored line as the input it was made from (for a new version, or re-pricing a draft). */
export function lineInputOf(row: repo.QuoteLineRow): TQuoteLineInput {
  return {
    productId: row.productId,
    name: row.name,
    spec: row.spec,
    unit: row.unit,
    qty: plainNumber(row.qty),
    unitPrice: plainNumber(row.unitPrice),
    discountPercent: plainNumber(row.discountPercent),
    taxRate: plainNumber(row.taxRate),
    notes: row.notes,
  };
}

/** The figures a version keeps from its pricing. */
function versionFigures(priced: PricedQuote) {
  const t = priced.totals;
  return {
    overallDiscountPercent: priced.overallDiscountPercent,
    referenceAmount: toMoneyString(t.referenceAmount),
    subtotal: toMoneyString(t.subtotal),
    overallDiscountAmount: toMoneyString(t.overallDiscountAmount),
    totalExclTax: toMoneyString(t.totalExclTax),
    totalTax: toMoneyString(t.totalTax),
    totalInclTax: toMoneyString(t.totalInclTax),
    limitPercent: priced.limitPercent,
    requiresApproval: priced.requiresApproval,
    approvalReasons: priced.reasons,
  };
}

/** Quotes: list, read (any version), create from an opportunity, edit the draft, preview, new versions. */
export function createQuoteService(deps: QuoteServiceDeps) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, repo.quoteScopeColumns);

  /** Customer grade and province, today's date and the owner's discount limit: read before any transaction. */
  async function pricingContext(
    ownerId: string,
    customerId: string,
    locale: Locale,
  ): Promise<PricingContext & { customerName: string | null }> {
    const [profile, roles, limits] = await Promise.all([
      deps.customers.pricingProfile(db, customerId),
      deps.people.roleCodes([ownerId]),
      deps.settings.discountLimits(),
    ]);
    return {
      grade: profile?.grade ?? null,
      province: profile?.province ?? null,
      date: clock.today(),
      locale,
      limitPercent: discountLimitFor(roles.get(ownerId) ?? [], profile?.grade ?? null, limits),
      customerName: profile?.name ?? null,
    };
  }

  function assertValidity(validUntil: string): void {
    if (validUntil < clock.today()) {
      throw new AppError(QuoteErrorCode.QUOTE_VALIDITY_PAST, {
        fields: [{ path: 'validUntil', code: 'past', messageKey: 'error.QUOTE_VALIDITY_PAST' }],
      });
    }
  }

  async function present(actor: Actor, q: repo.QuoteRow, v: repo.QuoteVersionRow): Promise<TQuote> {
    const [lines, versions, profile] = await Promise.all([
      repo.listLines(db, v.id),
      repo.listVersions(db, q.id),
      deps.customers.pricingProfile(db, q.customerId),
    ]);
    const users = await deps.people.summaries([q.ownerId, ...versions.map((x) => x.createdBy)]);
    const names = new Map([...users].map(([id, u]) => [id, u.displayName]));
    const owner = users.get(q.ownerId);
    return quoteDto(actor, {
      quote: q,
      version: v,
      lines,
      versions,
      names,
      ownerDepartmentName: owner && owner.departmentId === q.departmentId ? owner.departmentName : null,
      customerGrade: v.customerGrade ? (v.customerGrade as TCustomerGrade) : (profile?.grade ?? null),
      canDecideByHand: deps.gate().canDecideByHand(actor, { ownerId: q.ownerId, instanceId: v.approvalInstanceId }),
    });
  }

  async function findInScope(actor: Actor, id: string): Promise<repo.QuoteRow> {
    const q = await repo.findQuote(db, id, scopeOf(actor));
    if (!q) throw new AppError(CommonError.NOT_FOUND);
    return q;
  }

  async function currentVersion(from: Db, q: repo.QuoteRow): Promise<repo.QuoteVersionRow> {
    const v = q.currentVersionId ? await repo.findVersion(from, q.currentVersionId) : undefined;
    if (!v) throw new Error(`Quote ${q.id} has no current version`);
    return v;
  }

  async function write(actor: Actor, id: string) {
    const q = await findInScope(actor, id);
    return present(actor, q, await currentVersion(db, q));
  }

  return {
    scopeOf,
    present,
    findInScope,
    currentVersion,
    pricingContext,

    async list(actor: Actor, query: TQuoteListQuery): Promise<TPage<TQuoteListItem>> {
      const sort = query.sort.replace(/^-/, '') as repo.QuoteSortKey;
      const desc = query.sort.startsWith('-');
      const after = decodeCursor(query.cursor, ZCursor);
      const rows = await repo.listQuotes(
        db,
        {
          scope: scopeOf(actor),
          q: query.q,
          statuses: query.status,
          opportunityId: query.opportunityId,
          customerId: query.customerId,
          ownerId: query.mine ? (actor.userId ?? undefined) : query.ownerId,
          requiresApproval: query.requiresApproval,
          validUntilTo: query.validUntilTo,
        },
        { sort, desc, limit: query.limit + 1, after: after ?? undefined },
      );
      await writeListAudit(db, actor, { action: 'quote.list', entityType: 'quote' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [repo.quoteSortValue(r, sort), r.id],
        (r) => r,
      );
      const owners = await deps.people.summaries(page.items.map((r) => r.ownerId));
      const names = new Map([...owners].map(([id, u]) => [id, u.displayName]));
      return { items: page.items.map((r) => listItemDto(r, names)), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string, versionNo?: number): Promise<TQuote> {
      const q = await findInScope(actor, id);
      const v = versionNo === undefined ? await currentVersion(db, q) : await repo.findVersionByNo(db, q.id, versionNo);
      if (!v) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, { action: 'quote.read', entityType: 'quote', entityId: id, meta: { versionNo: v.versionNo } });
      return present(actor, q, v);
    },

    async create(actor: Actor, input: TCreateQuote): Promise<TQuote> {
      const opportunity = await deps.opportunities.get(actor, input.opportunityId);
      const ownerId = actor.userId;
      if (!ownerId) throw new AppError(CommonError.FORBIDDEN);
      const [ctx, settings] = await Promise.all([pricingContext(ownerId, opportunity.customerId, actor.locale), deps.settings.current()]);
      const overall = input.overallDiscountPercent ?? '0';
      const priced = await priceQuote(db, deps.catalog, ctx, { lines: input.lines ?? [], overallDiscountPercent: overall });
      const validUntil = input.validUntil ?? addDays(ctx.date, settings.validityDays);
      assertValidity(validUntil);
      const currency = input.currency ?? opportunity.currency;
      const now = clock.now();
      const id = await withTx(db, async (tx) => {
        const number = await nextNumber(tx, { key: 'quote', pattern: settings.numberPattern, at: now, timezone: clock.timezone });
        const created = await repo.insertQuote(tx, {
          number,
          title: input.title ?? opportunity.name,
          opportunityId: opportunity.id,
          opportunityName: opportunity.name,
          customerId: opportunity.customerId,
          customerName: ctx.customerName ?? opportunity.customerName,
          ownerId,
          departmentId: actor.departmentId,
          currency,
          status: 'draft',
          validUntil,
          totalInclTax: toMoneyString(priced.totals.totalInclTax),
          requiresApproval: priced.requiresApproval,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        const version = await repo.insertVersion(tx, {
          quoteId: created.id,
          versionNo: 1,
          status: 'draft',
          validUntil,
          currency,
          priceDate: ctx.date,
          customerGrade: ctx.grade,
          customerProvince: ctx.province,
          ...versionFigures(priced),
          paymentTerms: input.paymentTerms ?? null,
          deliveryTerms: input.deliveryTerms ?? null,
          notes: input.notes ?? null,
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await repo.insertLines(
          tx,
          priced.lines.map((l) => ({ ...l, versionId: version.id })),
        );
        const row = await repo.updateQuote(tx, created.id, created.version, { currentVersionId: version.id });
        await writeAudit(tx, actor, {
          action: 'quote.create',
          entityType: 'quote',
          entityId: created.id,
          after: { ...row, lines: priced.lines.length, totals: totalsDto(priced.totals, priced.overallDiscountPercent) },
          meta: { opportunityId: opportunity.id, requiresApproval: priced.requiresApproval },
        });
        return created.id;
      });
      return write(actor, id);
    },

    async update(actor: Actor, id: string, input: TUpdateQuote): Promise<TQuote> {
      const q = await findInScope(actor, id);
      if (q.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
      const v = await currentVersion(db, q);
      if (v.status !== 'draft') throw new AppError(QuoteErrorCode.QUOTE_NOT_EDITABLE);
      const oldLines = await repo.listLines(db, v.id);
      const ctx = await pricingContext(q.ownerId, q.customerId, actor.locale);
      const priced = await priceQuote(db, deps.catalog, ctx, {
        lines: input.lines ?? oldLines.map(lineInputOf),
        overallDiscountPercent: input.overallDiscountPercent ?? plainNumber(v.overallDiscountPercent),
        allowDiscontinued: new Set(oldLines.map((l) => l.productId).filter((p): p is string => p !== null)),
      });
      const validUntil = input.validUntil ?? v.validUntil;
      if (input.validUntil !== undefined) assertValidity(validUntil);
      const now = clock.now();
      await withTx(db, async (tx) => {
        const locked = await repo.lockQuote(tx, id, scopeOf(actor));
        if (!locked) throw new AppError(CommonError.NOT_FOUND);
        if (locked.version !== input.version || locked.currentVersionId !== v.id) throw new AppError(CommonError.STALE_VERSION);
        const fresh = await currentVersion(tx, locked);
        if (fresh.status !== 'draft') throw new AppError(QuoteErrorCode.QUOTE_NOT_EDITABLE);
        const updatedVersion = await repo.updateVersion(tx, v.id, {
          validUntil,
          currency: input.currency ?? fresh.currency,
          priceDate: ctx.date,
          customerGrade: ctx.grade,
          customerProvince: ctx.province,
          ...versionFigures(priced),
          ...(input.paymentTerms !== undefined ? { paymentTerms: input.paymentTerms } : {}),
          ...(input.deliveryTerms !== undefined ? { deliveryTerms: input.deliveryTerms } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
          // A refusal is answered by changing the draft: it no longer stands once the draft changed.
          decision: null,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await repo.deleteLines(tx, v.id);
        await repo.insertLines(
          tx,
          priced.lines.map((l) => ({ ...l, versionId: v.id })),
        );
        const row = await repo.updateQuote(tx, id, input.version, {
          ...(input.title !== undefined ? { title: input.title } : {}),
          currency: updatedVersion.currency,
          validUntil,
          totalInclTax: updatedVersion.totalInclTax,
          requiresApproval: updatedVersion.requiresApproval,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        const summary = (x: repo.QuoteVersionRow, lines: number) => ({
          title: x === fresh ? locked.title : row.title,
          validUntil: x.validUntil,
          currency: x.currency,
          overallDiscountPercent: plainNumber(x.overallDiscountPercent),
          totalInclTax: x.totalInclTax,
          requiresApproval: x.requiresApproval,
          paymentTerms: x.paymentTerms,
          deliveryTerms: x.deliveryTerms,
          notes: x.notes,
          lines,
        });
        await writeAudit(tx, actor, {
          action: 'quote.update',
          entityType: 'quote',
          entityId: id,
          before: summary(fresh, oldLines.length),
          after: summary(updatedVersion, priced.lines.length),
          meta: { versionNo: v.versionNo, linesReplaced: input.lines !== undefined },
        });
      });
      return write(actor, id);
    },

    /** Prices lines as they would be saved, without storing anything (the editor's live totals and flags). */
    async preview(actor: Actor, input: TQuotePreviewRequest): Promise<TQuotePreview> {
      let ownerId: string;
      let customerId: string;
      let currency: string;
      let allowDiscontinued = new Set<string>();
      if (input.quoteId) {
        const q = await findInScope(actor, input.quoteId);
        const v = await currentVersion(db, q);
        ownerId = q.ownerId;
        customerId = q.customerId;
        currency = v.currency;
        allowDiscontinued = new Set((await repo.listLines(db, v.id)).map((l) => l.productId).filter((p): p is string => p !== null));
      } else if (input.opportunityId) {
        const opportunity = await deps.opportunities.get(actor, input.opportunityId);
        if (!actor.userId) throw new AppError(CommonError.FORBIDDEN);
        ownerId = actor.userId;
        customerId = opportunity.customerId;
        currency = opportunity.currency;
      } else {
        throw new AppError(CommonError.VALIDATION_FAILED, {
          fields: [{ path: 'opportunityId', code: 'required', messageKey: 'validation.required' }],
        });
      }
      const ctx = await pricingContext(ownerId, customerId, actor.locale);
      const priced = await priceQuote(db, deps.catalog, ctx, {
        lines: input.lines,
        overallDiscountPercent: input.overallDiscountPercent ?? '0',
        allowDiscontinued,
      });
      return {
        currency,
        priceDate: ctx.date,
        lines: priced.lines.map((l) => lineDto(actor, l)),
        totals: totalsDto(priced.totals, priced.overallDiscountPercent),
        approval: {
          required: priced.requiresApproval,
          reasons: priced.reasons.map((r) => reasonDto(actor, r)),
          limitPercent: plainNumber(priced.limitPercent),
          decision: null,
          instanceId: null,
        },
      };
    },

    /**
     * A new version: copies the current version's lines (their typed prices and discounts) and
     * terms, prices them again for today (price-list explanations, floor prices, limits) and makes
     * it the current draft; the old version stays readable as superseded.
     */
    async newVersion(actor: Actor, id: string, input: { version: number }): Promise<TQuote> {
      const q = await findInScope(actor, id);
      if (q.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
      const v = await currentVersion(db, q);
      const allowed: repo.QuoteStatus[] = ['needs_approval', 'approved', 'sent', 'rejected', 'expired'];
      if (!allowed.includes(v.status)) throw statusConflict(actor, v.status);
      const [oldLines, settings] = await Promise.all([repo.listLines(db, v.id), deps.settings.current()]);
      const ctx = await pricingContext(q.ownerId, q.customerId, actor.locale);
      const priced = await priceQuote(db, deps.catalog, ctx, {
        lines: oldLines.map(lineInputOf),
        overallDiscountPercent: plainNumber(v.overallDiscountPercent),
        allowDiscontinued: new Set(oldLines.map((l) => l.productId).filter((p): p is string => p !== null)),
      });
      const validUntil = addDays(ctx.date, settings.validityDays);
      const now = clock.now();
      await withTx(db, async (tx) => {
        const locked = await repo.lockQuote(tx, id, scopeOf(actor));
        if (!locked) throw new AppError(CommonError.NOT_FOUND);
        if (locked.version !== input.version || locked.currentVersionId !== v.id) throw new AppError(CommonError.STALE_VERSION);
        const fresh = await currentVersion(tx, locked);
        if (!allowed.includes(fresh.status)) throw statusConflict(actor, fresh.status);
        if (fresh.status === 'needs_approval') {
          await deps.gate().withdrawn(tx, actor, approvalSubject(locked, fresh, oldLines));
        }
        await repo.updateVersion(tx, fresh.id, { status: 'superseded', updatedAt: now, updatedBy: actor.userId });
        const next = await repo.insertVersion(tx, {
          quoteId: id,
          versionNo: fresh.versionNo + 1,
          status: 'draft',
          validUntil,
          currency: fresh.currency,
          priceDate: ctx.date,
          customerGrade: ctx.grade,
          customerProvince: ctx.province,
          ...versionFigures(priced),
          paymentTerms: fresh.paymentTerms,
          deliveryTerms: fresh.deliveryTerms,
          notes: fresh.notes,
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await repo.insertLines(
          tx,
          priced.lines.map((l) => ({ ...l, versionId: next.id })),
        );
        const row = await repo.updateQuote(tx, id, input.version, {
          currentVersionId: next.id,
          currentVersionNo: next.versionNo,
          status: 'draft',
          validUntil,
          totalInclTax: next.totalInclTax,
          requiresApproval: next.requiresApproval,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!row) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'quote.new_version',
          entityType: 'quote',
          entityId: id,
          before: { versionNo: fresh.versionNo, status: fresh.status },
          after: { versionNo: next.versionNo, status: 'draft' },
          meta: { supersededVersionId: fresh.id, versionId: next.id },
        });
      });
      return write(actor, id);
    },
  };
}
export type QuoteService = ReturnType<typeof createQuoteService>;
