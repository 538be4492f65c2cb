import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { defineUniqueFields } from '../../kernel/http/problem.ts';
import { registerMessages, translate, type Messages } from '../../kernel/i18n.ts';
import { RequirementErrorCode } from './requirements.errors.ts';

definePermissions(
  'requirements',
  { 'zh-CN': '需求', 'en-US': 'Requirements' },
  {
    [Permission.requirementRead]: { 'zh-CN': '查看需求', 'en-US': 'View requirements' },
    [Permission.requirementWrite]: {
      'zh-CN': '填报、修改、提交、撤回、取消需求',
      'en-US': 'Enter, edit, submit, withdraw and cancel requirements',
    },
    [Permission.requirementReview]: {
      'zh-CN': '产品经理审核需求（确认标准品、标记非标、手工录入新物料编码）',
      'en-US': 'Product-manager review (confirm standard products, mark non-standard lines, enter new material codes)',
    },
  },
);

defineUniqueFields({ requirement_number_key: 'number' });

const writer = [Permission.requirementRead, Permission.requirementWrite];

/**
 * Default grants of the built-in roles for requirements (applied once; see the admin module).
 * Product managers also need `product:write` to create a product by hand: the products module
 * grants it to them.
 */
export const REQUIREMENT_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: writer,
  [BuiltinRole.salesManager]: writer,
  [BuiltinRole.salesDirector]: writer,
  [BuiltinRole.productManager]: [Permission.requirementRead, Permission.requirementReview],
  [BuiltinRole.contractReviewer]: [Permission.requirementRead],
  [BuiltinRole.admin]: [...writer, Permission.requirementReview],
};

const texts: Record<string, [zh: string, en: string]> = {
  'status.draft': ['草稿', 'draft'],
  'status.in_review': ['产品经理审核中', 'in product-manager review'],
  'status.approved': ['审核通过', 'approved'],
  'status.returned': ['已退回', 'returned'],
  'status.contracted': ['已签合同', 'contracted'],
  'status.cancelled': ['已取消', 'cancelled'],
  'decision.pending': ['待审核', 'pending'],
  'decision.standard': ['标准品', 'standard'],
  'decision.non_standard': ['非标（需新物料编码）', 'non-standard (needs a new material code)'],
  'decision.new_code': ['已录入新编码', 'new material code'],
  untitled: ['（未编号）', '(no number yet)'],
};

const zh: Messages = {};
const en: Messages = {};
for (const [key, [z, e]] of Object.entries(texts)) {
  zh[`requirements.${key}`] = z;
  en[`requirements.${key}`] = e;
}
registerMessages({ 'zh-CN': zh, 'en-US': en });

registerMessages({
  'zh-CN': {
    'notification.requirement.approved.title': '需求 {number} 已通过产品经理审核',
    'notification.requirement.returned.title': '需求 {number} 被退回',
    'notification.requirement.returned.body': '{comment}',
  },
  'en-US': {
    'notification.requirement.approved.title': 'Requirement {number} passed product-manager review',
    'notification.requirement.returned.title': 'Requirement {number} was returned',
    'notification.requirement.returned.body': '{comment}',
  },
});

/** "This cannot be done while the requirement is <status>", the status in the actor's words. */
export function statusConflict(actor: Actor, status: string): AppError {
  return new AppError(RequirementErrorCode.REQUIREMENT_STATUS_CONFLICT, {
    params: { status: translate(actor.locale, `requirements.status.${status}`) },
  });
}

export function statusText(actor: Actor, status: string): string {
  return translate(actor.locale, `requirements.status.${status}`);
}
