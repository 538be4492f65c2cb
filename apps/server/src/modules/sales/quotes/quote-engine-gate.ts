import { BuiltinRole } from '@crm/contracts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { ApprovalCallbackContext, ApprovalOutcome, ApprovalsApi } from '../../workflow/index.ts';
import { manualQuoteApprovalGate, type QuoteApprovalGate } from './quote-approval-gate.ts';
import { approvalSubject } from './quote-subject.ts';
import * as repo from './quotes.repository.ts';
import type { QuoteWorkflow } from './quote-workflow.service.ts';
import type { QuoteService } from './quotes.service.ts';

export const QUOTE_APPROVAL_TYPE = 'quote';

/**
 * The default route of a quote that needs approval: the rep's manager, then a sales director
 * when the largest discount is beyond a manager's 20 %. Administrators change it in the
 * definitions editor; this is only version 1.
 */
const defaultDefinition = {
  steps: [
    {
      key: 'manager',
      name: '直属经理审批',
      approvers: [{ kind: 'manager' as const }],
      mode: 'any' as const,
      conditions: [],
      autoApprove: [],
      timeLimitHours: 24,
    },
    {
      key: 'director',
      name: '销售总监审批',
      approvers: [{ kind: 'role' as const, roleCode: BuiltinRole.salesDirector }],
      mode: 'any' as const,
      conditions: [{ field: 'maxDiscountPercent', op: 'gt' as const, value: '20' }],
      autoApprove: [],
      timeLimitHours: 48,
    },
  ],
};

/**
 * Quotes approved by the approvals engine: registers the `quote` approval type (its facts and
 * its final callbacks) and returns the gate that starts and stops instances from the quote's
 * submit, withdraw, new version and expiry. A version submitted before the engine took over
 * (no instance) is still decided by hand.
 */
export function createEngineQuoteApprovalGate(deps: {
  approvals: ApprovalsApi;
  workflow: Pick<QuoteWorkflow, 'applyApprovalDecision' | 'applyApprovalWithdrawal'>;
  quotes: Pick<QuoteService, 'currentVersion'>;
}): QuoteApprovalGate {
  async function loadFacts(tx: Db, quoteId: string) {
    const q = await repo.findQuote(tx, quoteId, undefined);
    if (!q) throw new AppError(CommonError.NOT_FOUND);
    const v = await deps.quotes.currentVersion(tx, q);
    const s = approvalSubject(q, v, await repo.listLines(tx, v.id));
    return {
      totalInclTax: s.totalInclTax,
      maxDiscountPercent: s.maxDiscountPercent,
      limitPercent: s.limitPercent,
      hasBelowFloor: s.hasBelowFloor,
      reasonCount: s.reasons.length,
      customerName: s.customerName,
      customerGrade: v.customerGrade,
      currency: s.currency,
      ownerId: s.ownerId,
    };
  }

  /**
   * The engine has checked that the decider holds the approval task: that task is their right to
   * decide this quote, even when it lies outside their own data scope (e.g. a named approver).
   */
  const decider = (actor: Actor): Actor => ({ ...actor, dataScope: 'all' });

  /** The final decision of the engine, applied to the quote in the deciding transaction. */
  const decide = (tx: Db, instance: ApprovalOutcome, ctx: ApprovalCallbackContext, outcome: 'approved' | 'refused') =>
    deps.workflow.applyApprovalDecision(tx, decider(ctx.actor), {
      quoteId: instance.recordId,
      versionId: instance.context.versionId ?? '',
      outcome,
      comment: instance.comment,
      channel: ctx.channel,
    });

  deps.approvals.registerApprovalType({
    key: QUOTE_APPROVAL_TYPE,
    label: { 'zh-CN': '报价单', 'en-US': 'Quote' },
    fields: [
      { key: 'totalInclTax', type: 'decimal', label: { 'zh-CN': '价税合计', 'en-US': 'Total incl. tax' } },
      { key: 'maxDiscountPercent', type: 'decimal', label: { 'zh-CN': '最大折扣 %', 'en-US': 'Largest discount %' } },
      { key: 'limitPercent', type: 'decimal', label: { 'zh-CN': '报价人折扣权限 %', 'en-US': 'Owner’s discount limit %' } },
      { key: 'hasBelowFloor', type: 'boolean', label: { 'zh-CN': '有低于底价的行', 'en-US': 'A line is below the floor price' } },
      { key: 'reasonCount', type: 'integer', label: { 'zh-CN': '超权限项数', 'en-US': 'Reasons for approval' } },
      { key: 'customerName', type: 'string', label: { 'zh-CN': '客户', 'en-US': 'Customer' } },
      {
        key: 'customerGrade',
        type: 'enum',
        label: { 'zh-CN': '客户等级', 'en-US': 'Customer grade' },
        options: ['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: { 'zh-CN': g, 'en-US': g } })),
      },
      { key: 'currency', type: 'string', label: { 'zh-CN': '币种', 'en-US': 'Currency' } },
      { key: 'ownerId', type: 'user', label: { 'zh-CN': '报价人', 'en-US': 'Quote owner' } },
    ],
    loadFacts,
    onApproved: (tx, instance, ctx) => decide(tx, instance, ctx, 'approved'),
    onRejected: (tx, instance, ctx) => decide(tx, instance, ctx, 'refused'),
    onWithdrawn: (tx, instance, ctx) =>
      deps.workflow.applyApprovalWithdrawal(tx, decider(ctx.actor), {
        quoteId: instance.recordId,
        versionId: instance.context.versionId ?? '',
      }),
    link: (recordId) => `/quotes/${recordId}`,
    defaultDefinition,
  });

  return {
    channel: deps.approvals.channel,
    async requested(tx, actor, subject) {
      const started = await deps.approvals.start(tx, actor, {
        typeKey: QUOTE_APPROVAL_TYPE,
        recordId: subject.quoteId,
        title: `${subject.number} · ${subject.customerName ?? subject.title}`,
        context: { versionId: subject.versionId, number: subject.number },
      });
      return { instanceId: started.instanceId, approvedAtOnce: started.status === 'approved' };
    },
    async withdrawn(tx, actor, subject) {
      await deps.approvals.cancelForRecord(tx, actor, { typeKey: QUOTE_APPROVAL_TYPE, recordId: subject.quoteId });
    },
    canDecideByHand: (actor, subject) => subject.instanceId === null && manualQuoteApprovalGate.canDecideByHand(actor, subject),
  };
}
