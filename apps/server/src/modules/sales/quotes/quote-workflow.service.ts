import { Permission, type TQuote, type TQuoteAcceptRequest, type TQuoteApprovalRequest, type TQuoteRejectRequest } from '@crm/contracts';
import { canSeeField } from '../../../kernel/access/access.ts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { NotificationService } from '../../../kernel/notifications/notifications.ts';
import type { People } from '../../admin/index.ts';
import type { QuoteApprovalGate } from './quote-approval-gate.ts';
import { discountLimitFor } from './quote-approval-rules.ts';
import type { QuoteSettingsService } from './quote-settings.service.ts';
import { approvalSubject, maxDiscountOf, statusConflict } from './quote-subject.ts';
import { QuoteErrorCode } from './quotes.errors.ts';
import * as repo from './quotes.repository.ts';
import type { QuoteDecisionValue } from './quotes.schema.ts';
import type { QuoteService } from './quotes.service.ts';

type Step = {
  version?: Partial<repo.NewQuoteVersionRow>;
  quote?: Partial<repo.NewQuoteRow>;
  meta?: Record<string, unknown>;
};

/** An accepted quote as the contracts module takes it over (exact figures as decimal strings). */
export type AcceptedQuote = {
  quoteId: string;
  number: string;
  versionId: string;
  versionNo: number;
  opportunityId: string;
  opportunityName: string | null;
  customerId: string;
  ownerId: string;
  departmentId: string | null;
  currency: string;
  acceptedAt: Date;
  paymentTerms: string | null;
  deliveryTerms: string | null;
  totals: { subtotal: string; overallDiscountAmount: string; totalExclTax: string; totalTax: string; totalInclTax: string };
  lines: {
    lineId: string;
    position: number;
    productId: string | null;
    materialCode: string | null;
    name: string;
    spec: string | null;
    unit: string | null;
    qty: string;
    /** Unit price incl. tax after line and overall discounts (6 decimals). */
    netUnitPrice: string;
    taxRate: string;
    amountInclTax: string;
    amountExclTax: string;
    taxAmount: string;
  }[];
};

/**
 * The life of a quote version: submit (to approval when flagged), withdraw, decide by hand, send,
 * record the customer's answer, expire. Every step locks the quote, checks its version and
 * status in SQL order, writes its audit entry in the same transaction.
 */
export function createQuoteWorkflow(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'roleCodes' | 'membersWithPermission' | 'departmentTree' | 'summaries'>;
  notifications: Pick<NotificationService, 'notify'>;
  settings: Pick<QuoteSettingsService, 'discountLimits'>;
  quotes: Pick<QuoteService, 'scopeOf' | 'present' | 'currentVersion'>;
  gate: () => QuoteApprovalGate;
}) {
  const { db, clock } = deps;

  /** Locks the quote, checks the version the caller read and the allowed statuses, applies the step. */
  async function step(
    tx: Db,
    actor: Actor,
    id: string,
    version: number,
    action: string,
    allowed: readonly repo.QuoteStatus[],
    apply: (q: repo.QuoteRow, v: repo.QuoteVersionRow, lines: repo.QuoteLineRow[]) => Promise<Step> | Step,
  ): Promise<{ quote: repo.QuoteRow; version: repo.QuoteVersionRow; before: repo.QuoteVersionRow; lines: repo.QuoteLineRow[] }> {
    const q = await repo.lockQuote(tx, id, deps.quotes.scopeOf(actor));
    if (!q) throw new AppError(CommonError.NOT_FOUND);
    if (q.version !== version) throw new AppError(CommonError.STALE_VERSION);
    const v = await deps.quotes.currentVersion(tx, q);
    if (!allowed.includes(v.status)) throw statusConflict(actor, v.status);
    const lines = await repo.listLines(tx, v.id);
    const change = await apply(q, v, lines);
    const now = clock.now();
    const updatedVersion = await repo.updateVersion(tx, v.id, { ...change.version, updatedAt: now, updatedBy: actor.userId });
    const updated = await repo.updateQuote(tx, id, version, {
      status: updatedVersion.status,
      ...change.quote,
      updatedAt: now,
      updatedBy: actor.userId,
    });
    if (!updated) throw new AppError(CommonError.STALE_VERSION);
    await writeAudit(tx, actor, {
      action,
      entityType: 'quote',
      entityId: id,
      before: { status: v.status },
      after: { status: updatedVersion.status },
      meta: { versionNo: v.versionNo, ...change.meta },
    });
    return { quote: updated, version: updatedVersion, before: v, lines };
  }

  async function answer(actor: Actor, q: repo.QuoteRow, v: repo.QuoteVersionRow): Promise<TQuote> {
    return deps.quotes.present(actor, q, v);
  }

  function assertNotExpired(v: repo.QuoteVersionRow): void {
    if (v.validUntil < clock.today()) throw new AppError(QuoteErrorCode.QUOTE_EXPIRED, { params: { validUntil: v.validUntil } });
  }

  /** Managers and directors above (or at) the owner's department who may approve, the owner left out. */
  async function handApprovers(q: repo.QuoteRow): Promise<string[]> {
    if (!q.departmentId) return [];
    const tree = await deps.people.departmentTree();
    const own = tree.find((d) => d.id === q.departmentId);
    if (!own) return [];
    const chain = tree.filter((d) => own.path.startsWith(d.path));
    const found = await Promise.all(chain.map((d) => deps.people.membersWithPermission(d.id, Permission.quoteApprove)));
    const chainIds = new Set(chain.map((d) => d.id));
    return [
      ...new Set(
        found
          .flat()
          .filter((u) => chainIds.has(u.departmentId) && u.id !== q.ownerId)
          .map((u) => u.id),
      ),
    ];
  }

  async function notifyDecision(q: repo.QuoteRow, outcome: 'approved' | 'refused', comment: string | null): Promise<void> {
    await deps.notifications.notify(db, {
      userIds: [q.ownerId],
      kind: `quote.${outcome}`,
      params: { number: q.number, comment: comment ?? '' },
      link: `/quotes/${q.id}`,
      entityType: 'quote',
      entityId: q.id,
    });
  }

  return {
    /** Draft → needs approval (flagged) or approved (nothing to approve). */
    async submit(actor: Actor, id: string, version: number): Promise<TQuote> {
      const gate = deps.gate();
      const result = await withTx(db, async (tx) =>
        step(tx, actor, id, version, 'quote.submit', ['draft'], async (q, v, lines) => {
          if (lines.length === 0) throw new AppError(QuoteErrorCode.QUOTE_NO_LINES);
          assertNotExpired(v);
          const now = clock.now();
          if (!v.requiresApproval)
            return { version: { status: 'approved', submittedAt: now, decision: null }, meta: { approvalNeeded: false } };
          const { instanceId, approvedAtOnce } = await gate.requested(tx, actor, approvalSubject(q, v, lines));
          if (approvedAtOnce) {
            const decision: QuoteDecisionValue = {
              outcome: 'approved',
              byId: null,
              byName: null,
              at: now.toISOString(),
              comment: null,
              channel: gate.channel,
            };
            return {
              version: { status: 'approved', submittedAt: now, decision, approvalInstanceId: null },
              meta: { approvalNeeded: true, channel: gate.channel, instanceId, approvedAtOnce: true },
            };
          }
          return {
            version: { status: 'needs_approval', submittedAt: now, decision: null, approvalInstanceId: instanceId },
            meta: { approvalNeeded: true, channel: gate.channel, instanceId, reasons: v.approvalReasons.map((r) => r.code) },
          };
        }),
      );
      if (result.version.status === 'needs_approval' && result.version.approvalInstanceId === null) {
        const approvers = await handApprovers(result.quote);
        if (approvers.length > 0) {
          const owner = (await deps.people.summaries([result.quote.ownerId])).get(result.quote.ownerId);
          await deps.notifications.notify(db, {
            userIds: approvers,
            kind: 'quote.approvalNeeded',
            params: {
              number: result.quote.number,
              owner: owner?.displayName ?? '',
              customer: result.quote.customerName ?? '',
              amount: result.version.totalInclTax,
              currency: result.version.currency,
              count: result.version.approvalReasons.length,
            },
            link: `/quotes/${id}`,
            entityType: 'quote',
            entityId: id,
          });
        }
      }
      return answer(actor, result.quote, result.version);
    },

    /** Needs approval → draft, by the quote's owner, before anyone decided. */
    async withdraw(actor: Actor, id: string, version: number): Promise<TQuote> {
      const gate = deps.gate();
      const result = await withTx(db, async (tx) =>
        step(tx, actor, id, version, 'quote.withdraw', ['needs_approval'], async (q, v, lines) => {
          if (actor.userId !== q.ownerId) throw new AppError(CommonError.FORBIDDEN);
          await gate.withdrawn(tx, actor, approvalSubject(q, v, lines));
          return { version: { status: 'draft', approvalInstanceId: null } };
        }),
      );
      return answer(actor, result.quote, result.version);
    },

    /**
     * Approval by hand (until the approvals engine takes over): a holder of `quote:approve` who sees
     * the quote, is not its owner, whose own discount limit covers the discount, and who may see
     * floor prices when a line is below the floor.
     */
    async decide(actor: Actor, id: string, input: TQuoteApprovalRequest): Promise<TQuote> {
      const gate = deps.gate();
      const [roles, limits] = await Promise.all([deps.people.roleCodes([actor.userId]), deps.settings.discountLimits()]);
      const outcome = input.decision === 'approve' ? 'approved' : 'refused';
      const comment = input.comment ?? null;
      const result = await withTx(db, async (tx) =>
        step(tx, actor, id, input.version, `quote.approval.${outcome}`, ['needs_approval'], (q, v, lines) => {
          if (!gate.canDecideByHand(actor, { ownerId: q.ownerId, instanceId: v.approvalInstanceId })) {
            if (!hasPermission(actor, Permission.quoteApprove)) throw new AppError(CommonError.FORBIDDEN);
            if (actor.userId === q.ownerId) throw new AppError(QuoteErrorCode.QUOTE_SELF_APPROVAL);
            throw new AppError(QuoteErrorCode.QUOTE_APPROVAL_BY_ENGINE);
          }
          if (outcome === 'approved') {
            const own = discountLimitFor(roles.get(actor.userId ?? '') ?? [], v.customerGrade, limits);
            const discount = maxDiscountOf(v, lines);
            if (discount.toDecimalPlaces(2).greaterThan(own)) {
              throw new AppError(QuoteErrorCode.QUOTE_APPROVAL_BEYOND_AUTHORITY, {
                params: { discount: discount.toDecimalPlaces(2).toFixed(2), limit: own.toFixed() },
              });
            }
            if (lines.some((l) => l.flags.includes('below_floor')) && !canSeeField(actor, 'product', 'floorPrice')) {
              throw new AppError(CommonError.FORBIDDEN);
            }
          }
          const decision: QuoteDecisionValue = {
            outcome,
            byId: actor.userId,
            byName: actor.displayName,
            at: clock.now().toISOString(),
            comment,
            channel: gate.channel,
          };
          return {
            version: { status: outcome === 'approved' ? 'approved' : 'draft', decision, approvalInstanceId: null },
            meta: { channel: gate.channel, comment },
          };
        }),
      );
      await notifyDecision(result.quote, outcome, comment);
      return answer(actor, result.quote, result.version);
    },

    /**
     * For the approvals engine: its final decision on a version, in the engine's transaction.
     * `actor` is the deciding person (their data scope applies) or the engine's `asSystem` actor.
     */
    async applyApprovalDecision(
      tx: Db,
      actor: Actor,
      input: { quoteId: string; versionId: string; outcome: 'approved' | 'refused'; comment: string | null; channel: string },
    ): Promise<void> {
      const q = await repo.findQuote(tx, input.quoteId, undefined);
      if (!q) throw new AppError(CommonError.NOT_FOUND);
      await step(tx, actor, input.quoteId, q.version, `quote.approval.${input.outcome}`, ['needs_approval'], (_q, v) => {
        if (v.id !== input.versionId) throw new AppError(CommonError.STALE_VERSION);
        const decision: QuoteDecisionValue = {
          outcome: input.outcome,
          byId: actor.userId,
          byName: actor.displayName,
          at: clock.now().toISOString(),
          comment: input.comment,
          channel: input.channel,
        };
        return {
          version: { status: input.outcome === 'approved' ? 'approved' : 'draft', decision, approvalInstanceId: null },
          meta: { channel: input.channel, comment: input.comment },
        };
      });
    },

    /** For the approvals engine: the owner withdrew the version from the approvals inbox, in the engine's transaction. */
    async applyApprovalWithdrawal(tx: Db, actor: Actor, input: { quoteId: string; versionId: string }): Promise<void> {
      const q = await repo.findQuote(tx, input.quoteId, undefined);
      if (!q) throw new AppError(CommonError.NOT_FOUND);
      await step(tx, actor, input.quoteId, q.version, 'quote.withdraw', ['needs_approval'], (_q, v) => {
        if (v.id !== input.versionId) throw new AppError(CommonError.STALE_VERSION);
        return { version: { status: 'draft', approvalInstanceId: null }, meta: { channel: 'approvals' } };
      });
    },

    /** Approved (or a draft that needs no approval) → sent to the customer. */
    async send(actor: Actor, id: string, version: number): Promise<TQuote> {
      const result = await withTx(db, async (tx) =>
        step(tx, actor, id, version, 'quote.send', ['draft', 'approved'], (_q, v, lines) => {
          if (lines.length === 0) throw new AppError(QuoteErrorCode.QUOTE_NO_LINES);
          if (v.status === 'draft' && v.requiresApproval) throw new AppError(QuoteErrorCode.QUOTE_NEEDS_APPROVAL);
          assertNotExpired(v);
          const now = clock.now();
          return { version: { status: 'sent', sentAt: now, submittedAt: v.submittedAt ?? now } };
        }),
      );
      return answer(actor, result.quote, result.version);
    },

    /** The customer accepted: the version is locked for good and becomes the basis of a contract. */
    async accept(actor: Actor, id: string, input: TQuoteAcceptRequest): Promise<TQuote> {
      const result = await withTx(db, async (tx) =>
        step(tx, actor, id, input.version, 'quote.accept', ['sent'], (_q, v) => {
          assertNotExpired(v);
          const now = clock.now();
          return {
            version: { status: 'accepted', acceptedAt: now, acceptNote: input.note ?? null },
            quote: { acceptedVersionId: v.id, acceptedAt: now },
            meta: { note: input.note ?? null },
          };
        }),
      );
      return answer(actor, result.quote, result.version);
    },

    async reject(actor: Actor, id: string, input: TQuoteRejectRequest): Promise<TQuote> {
      const result = await withTx(db, async (tx) =>
        step(tx, actor, id, input.version, 'quote.reject', ['sent'], () => ({
          version: { status: 'rejected', rejectedAt: clock.now(), rejectReason: input.reason },
          meta: { reason: input.reason },
        })),
      );
      return answer(actor, result.quote, result.version);
    },

    /**
     * The accepted version of a quote with its lines, in the caller's transaction (contracts take
     * it over). Undefined unless the quote is accepted. The caller checks the actor's right to the
     * quote (e.g. through `get`) before it copies anything.
     */
    async getAccepted(tx: Db, quoteId: string): Promise<AcceptedQuote | undefined> {
      const found = await repo.findAccepted(tx, quoteId);
      if (!found) return undefined;
      const { quote: q, version: v } = found;
      const lines = await repo.listLines(tx, v.id);
      return {
        quoteId: q.id,
        number: q.number,
        versionId: v.id,
        versionNo: v.versionNo,
        opportunityId: q.opportunityId,
        opportunityName: q.opportunityName,
        customerId: q.customerId,
        ownerId: q.ownerId,
        departmentId: q.departmentId,
        currency: v.currency,
        acceptedAt: v.acceptedAt ?? q.acceptedAt!,
        paymentTerms: v.paymentTerms,
        deliveryTerms: v.deliveryTerms,
        totals: {
          subtotal: v.subtotal,
          overallDiscountAmount: v.overallDiscountAmount,
          totalExclTax: v.totalExclTax,
          totalTax: v.totalTax,
          totalInclTax: v.totalInclTax,
        },
        lines: lines.map((l) => ({
          lineId: l.id,
          position: l.position,
          productId: l.productId,
          materialCode: l.materialCode,
          name: l.name,
          spec: l.spec,
          unit: l.unit,
          qty: l.qty,
          netUnitPrice: l.netUnitPrice,
          taxRate: l.taxRate,
          amountInclTax: l.amountInclTax,
          amountExclTax: l.amountExclTax,
          taxAmount: l.taxAmount,
        })),
      };
    },

    /** Daily: open quotes whose validity ended become expired (and leave approval). Safe to run twice. */
    async expireDue(): Promise<number> {
      const actor = asSystem('quotes.expire');
      const today = clock.today();
      let total = 0;
      for (;;) {
        const done = await withTx(db, async (tx) => {
          const expired = await repo.expireQuotes(tx, today, clock.now(), 200);
          for (const e of expired.filter((x) => x.status === 'needs_approval')) {
            const q = await repo.findQuote(tx, e.id, undefined);
            const v = q ? await deps.quotes.currentVersion(tx, q) : undefined;
            if (q && v) await deps.gate().withdrawn(tx, actor, approvalSubject(q, v, await repo.listLines(tx, v.id)));
          }
          await writeAudit(
            tx,
            actor,
            expired.map((e) => ({
              action: 'quote.expire',
              entityType: 'quote',
              entityId: e.id,
              before: { status: e.status },
              after: { status: 'expired' },
              meta: { today },
            })),
          );
          return expired.length;
        });
        total += done;
        if (done < 200) return total;
      }
    },
  };
}
export type QuoteWorkflow = ReturnType<typeof createQuoteWorkflow>;
