import { BuiltinRole } from '@crm/contracts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { ApprovalsApi } from '../workflow/index.ts';
import type { RequirementApprovalStarter, RequirementWorkflow } from './requirement-workflow.service.ts';
import * as repo from './requirements.repository.ts';

export const REQUIREMENT_APPROVAL_TYPE = 'requirement';

/** What the approval needs of the customers module: the grade of the requirement's customer. */
export type RequirementCustomerGrade = { pricingProfile(db: Db, id: string): Promise<{ grade: string } | undefined> };

/**
 * The default route of a requirement: one step, any product manager (或签). Product managers sit
 * in their own department beside the sales line, so the role is found across the organisation.
 * Administrators change it in the definitions editor; this is only version 1.
 */
const defaultDefinition = {
  steps: [
    {
      key: 'product_manager',
      name: '产品经理审核',
      approvers: [{ kind: 'role' as const, roleCode: BuiltinRole.productManager }],
      mode: 'any' as const,
      conditions: [],
      autoApprove: [],
      timeLimitHours: 48,
    },
  ],
};

/**
 * Product-manager review through the approvals engine: registers the `requirement` approval type
 * (its facts and final callbacks) and returns how the workflow starts and ends instances.
 */
export function registerRequirementApproval(deps: {
  approvals: ApprovalsApi;
  workflow: Pick<RequirementWorkflow, 'applyApprovalDecision' | 'applyApprovalWithdrawal'>;
  customers: RequirementCustomerGrade;
}): RequirementApprovalStarter {
  async function loadFacts(tx: Db, requirementId: string) {
    // System-level read: the engine loads the facts of the record whose submit (in scope) started it.
    const r = await repo.findRequirement(tx, requirementId, undefined);
    if (!r) throw new AppError(CommonError.NOT_FOUND);
    // One query after the other: a transaction's connection runs one at a time.
    const lines = await repo.listLines(tx, r.id);
    const profile = await deps.customers.pricingProfile(tx, r.customerId);
    return {
      lineCount: lines.length,
      nonStandardCount: lines.filter((l) => l.productId === null).length,
      hasAttachments: r.attachments.length > 0,
      customerName: r.customerName,
      customerGrade: profile?.grade ?? null,
      wantedDate: r.wantedDate,
      ownerId: r.ownerId,
    };
  }

  /**
   * Holding the approval task is the product manager's right to decide the requirement, even when
   * the requirement lies outside their own data scope.
   */
  const decider = (actor: Actor): Actor => ({ ...actor, dataScope: 'all' });

  deps.approvals.registerApprovalType({
    key: REQUIREMENT_APPROVAL_TYPE,
    label: { 'zh-CN': '需求审核', 'en-US': 'Requirement review' },
    fields: [
      { key: 'lineCount', type: 'integer', label: { 'zh-CN': '明细行数', 'en-US': 'Lines' } },
      { key: 'nonStandardCount', type: 'integer', label: { 'zh-CN': '非目录产品行数', 'en-US': 'Lines without a catalogue product' } },
      { key: 'hasAttachments', type: 'boolean', label: { 'zh-CN': '有照片或文档', 'en-US': 'Has photos or documents' } },
      { key: 'customerName', type: 'string', label: { 'zh-CN': '客户', 'en-US': 'Customer' } },
      {
        key: 'customerGrade',
        type: 'enum',
        label: { 'zh-CN': '客户等级', 'en-US': 'Customer grade' },
        options: ['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: { 'zh-CN': g, 'en-US': g } })),
      },
      { key: 'wantedDate', type: 'string', label: { 'zh-CN': '期望交期', 'en-US': 'Wanted date' } },
      { key: 'ownerId', type: 'user', label: { 'zh-CN': '需求负责人', 'en-US': 'Requirement owner' } },
    ],
    loadFacts,
    onApproved: (tx, instance, ctx) =>
      deps.workflow.applyApprovalDecision(tx, decider(ctx.actor), {
        requirementId: instance.recordId,
        outcome: 'approved',
        comment: instance.comment,
        channel: ctx.channel,
      }),
    onRejected: (tx, instance, ctx) =>
      deps.workflow.applyApprovalDecision(tx, decider(ctx.actor), {
        requirementId: instance.recordId,
        outcome: 'returned',
        comment: instance.comment,
        channel: ctx.channel,
      }),
    onWithdrawn: (tx, instance, ctx) => deps.workflow.applyApprovalWithdrawal(tx, decider(ctx.actor), instance.recordId),
    link: (recordId) => `/requirements/${recordId}`,
    defaultDefinition,
  });

  return {
    start: (tx, actor, input) => deps.approvals.start(tx, actor, { typeKey: REQUIREMENT_APPROVAL_TYPE, ...input }),
    async cancel(tx, actor, recordId) {
      await deps.approvals.cancelForRecord(tx, actor, { typeKey: REQUIREMENT_APPROVAL_TYPE, recordId });
    },
  };
}
