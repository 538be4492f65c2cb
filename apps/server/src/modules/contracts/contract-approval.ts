import { BuiltinRole, type TApprovalStep } from '@crm/contracts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { toMoneyString } from '../../kernel/money.ts';
import type { ApprovalsApi } from '../workflow/index.ts';
import type { ContractApprovalGate, ContractWorkflow } from './contract-workflow.service.ts';
import * as repo from './contracts.repository.ts';

export const CONTRACT_APPROVAL_TYPE = 'contract';

const step = (
  key: string,
  name: string,
  approvers: TApprovalStep['approvers'],
  conditions: TApprovalStep['conditions'],
  hours: number,
): TApprovalStep => ({
  key,
  name,
  approvers,
  mode: 'any',
  conditions,
  autoApprove: [],
  timeLimitHours: hours,
});

/**
 * Version 1 of the contract route, chosen by the automatic review: the rep's manager always; the
 * product manager for unreviewed non-standard lines; a sales director for margin, price, warranty
 * or penalty warnings, large contracts and special approvals; finance for credit warnings.
 * Administrators change it in the definitions editor.
 */
const defaultDefinition = {
  steps: [
    step('manager', '直属经理审批', [{ kind: 'manager' }], [], 24),
    step(
      'product_manager',
      '产品经理技术评审',
      [{ kind: 'role', roleCode: BuiltinRole.productManager }],
      [{ field: 'needsProductManager', op: 'eq', value: true }],
      48,
    ),
    step(
      'director',
      '销售总监审批',
      [{ kind: 'role', roleCode: BuiltinRole.salesDirector }],
      [{ field: 'needsDirector', op: 'eq', value: true }],
      48,
    ),
    step('finance', '财务审批', [{ kind: 'role', roleCode: BuiltinRole.finance }], [{ field: 'needsFinance', op: 'eq', value: true }], 48),
  ],
};

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * Registers the `contract` approval type: its facts come from the version in review and its
 * automatic review, its final decision goes to the contract workflow in the deciding transaction.
 */
export function createContractApprovalGate(deps: { approvals: ApprovalsApi; workflow: () => ContractWorkflow }): ContractApprovalGate {
  async function loadFacts(tx: Db, contractId: string) {
    const c = await repo.findContract(tx, contractId, undefined);
    if (!c) throw new AppError(CommonError.NOT_FOUND);
    const v = await repo.findVersion(tx, c.id, c.workingVersionId ?? c.effectiveVersionId ?? '');
    if (!v) throw new AppError(CommonError.NOT_FOUND);
    const route = v.review?.route ?? ['manager'];
    const findings = v.review?.findings ?? [];
    const margin = findings.find((f) => f.rule === 'margin' && f.key.startsWith('margin') && f.params?.margin !== undefined);
    return {
      amountInclTax: toMoneyString(v.amountInclTax),
      marginPercent: margin ? String(margin.params!.margin) : null,
      reviewLevel: v.review?.level ?? 'pass',
      needsDirector: route.includes('director'),
      needsFinance: route.includes('finance'),
      needsProductManager: route.includes('product_manager'),
      isSpecial: route.includes('special'),
      hasMarginWarning: findings.some((f) => f.rule === 'margin' && f.level !== 'pass'),
      hasCreditWarning: findings.some(
        (f) => (f.rule === 'credit_limit' || f.rule === 'credit_days' || f.rule === 'prepayment') && f.level !== 'pass',
      ),
      isAmendment: v.kind === 'amendment',
      contractType: c.type,
      customerName: c.customerName,
      ownerId: c.ownerId,
    };
  }

  /** The engine checked that the decider holds the task: that is their right to decide, whatever their scope. */
  const decider = (actor: Actor): Actor => ({ ...actor, dataScope: 'all' });

  deps.approvals.registerApprovalType({
    key: CONTRACT_APPROVAL_TYPE,
    label: label('合同评审', 'Contract review'),
    fields: [
      { key: 'amountInclTax', type: 'decimal', label: label('合同金额（含税）', 'Amount incl. tax') },
      { key: 'marginPercent', type: 'decimal', label: label('毛利率 %', 'Gross margin %') },
      {
        key: 'reviewLevel',
        type: 'enum',
        label: label('自动评审结果', 'Automatic review result'),
        options: [
          { value: 'pass', label: label('通过', 'Pass') },
          { value: 'warn', label: label('预警', 'Warning') },
          { value: 'block', label: label('阻断（特批）', 'Blocked (special approval)') },
        ],
      },
      { key: 'needsDirector', type: 'boolean', label: label('评审要求总监审批', 'Review asks for a director') },
      { key: 'needsFinance', type: 'boolean', label: label('评审要求财务审批', 'Review asks for finance') },
      { key: 'needsProductManager', type: 'boolean', label: label('有待技术评审的非标行', 'Non-standard lines await technical review') },
      { key: 'isSpecial', type: 'boolean', label: label('特批', 'Special approval') },
      { key: 'hasMarginWarning', type: 'boolean', label: label('毛利预警', 'Margin warning') },
      { key: 'hasCreditWarning', type: 'boolean', label: label('信用预警', 'Credit warning') },
      { key: 'isAmendment', type: 'boolean', label: label('补充协议', 'Amendment') },
      {
        key: 'contractType',
        type: 'enum',
        label: label('合同类型', 'Contract type'),
        options: [
          { value: 'standard', label: label('标准合同', 'Standard') },
          { value: 'framework', label: label('框架合同', 'Framework') },
          { value: 'non_standard', label: label('非标合同', 'Non-standard') },
          { value: 'overseas', label: label('海外合同', 'Overseas') },
        ],
      },
      { key: 'customerName', type: 'string', label: label('客户', 'Customer') },
      { key: 'ownerId', type: 'user', label: label('合同负责人', 'Contract owner') },
    ],
    loadFacts,
    onApproved: (tx, instance, ctx) =>
      deps.workflow().applyDecision(tx, decider(ctx.actor), {
        contractId: instance.recordId,
        versionId: instance.context.versionId ?? '',
        outcome: 'approved',
        comment: instance.comment,
      }),
    onRejected: (tx, instance, ctx) =>
      deps.workflow().applyDecision(tx, decider(ctx.actor), {
        contractId: instance.recordId,
        versionId: instance.context.versionId ?? '',
        outcome: 'rejected',
        comment: instance.comment,
      }),
    onWithdrawn: (tx, instance, ctx) =>
      deps
        .workflow()
        .applyWithdrawal(tx, decider(ctx.actor), { contractId: instance.recordId, versionId: instance.context.versionId ?? '' }),
    link: (recordId) => `/contracts/${recordId}`,
    defaultDefinition,
  });

  return {
    async start(tx, actor, subject) {
      const started = await deps.approvals.start(tx, actor, {
        typeKey: CONTRACT_APPROVAL_TYPE,
        recordId: subject.contractId,
        title: subject.title,
        context: { versionId: subject.versionId },
      });
      return { instanceId: started.instanceId, approvedAtOnce: started.status === 'approved' };
    },
    async cancel(tx, actor, contractId) {
      await deps.approvals.cancelForRecord(tx, actor, { typeKey: CONTRACT_APPROVAL_TYPE, recordId: contractId });
    },
  };
}
