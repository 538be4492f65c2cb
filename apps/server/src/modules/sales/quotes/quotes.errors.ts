import { defineErrors } from '../../../kernel/errors.ts';

export const QuoteErrorCode = defineErrors({
  QUOTE_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '只有草稿状态的报价单可以修改；请新建版本',
    'en-US': 'Only a draft quote can be changed; create a new version instead',
  },
  QUOTE_NEEDS_APPROVAL: {
    status: 409,
    'zh-CN': '报价单需要审批通过后才能发送给客户',
    'en-US': 'The quote needs approval before it can be sent',
  },
  QUOTE_STATUS_CONFLICT: {
    status: 409,
    'zh-CN': '报价单当前状态（{status}）不允许此操作',
    'en-US': 'This cannot be done while the quote is {status}',
  },
  QUOTE_EXPIRED: {
    status: 409,
    'zh-CN': '报价单已过有效期（{validUntil}），请新建版本',
    'en-US': 'The quote expired on {validUntil}; create a new version',
  },
  QUOTE_NO_LINES: { status: 400, 'zh-CN': '报价单至少需要一行明细', 'en-US': 'A quote needs at least one line' },
  QUOTE_LINE_PRODUCT_UNKNOWN: {
    status: 400,
    'zh-CN': '第 {position} 行的产品不存在',
    'en-US': 'The product of line {position} does not exist',
  },
  QUOTE_LINE_PRODUCT_DISCONTINUED: {
    status: 400,
    'zh-CN': '第 {position} 行的产品已停产，不能报价',
    'en-US': 'The product of line {position} is discontinued and cannot be quoted',
  },
  QUOTE_LINE_NAME_REQUIRED: {
    status: 400,
    'zh-CN': '第 {position} 行没有选择产品，需要填写名称',
    'en-US': 'Line {position} has no product and needs a name',
  },
  QUOTE_SELF_APPROVAL: {
    status: 403,
    'zh-CN': '不能审批自己的报价单',
    'en-US': 'You cannot approve your own quote',
  },
  QUOTE_APPROVAL_BEYOND_AUTHORITY: {
    status: 403,
    'zh-CN': '报价折扣 {discount}% 超出您的审批权限（{limit}%）',
    'en-US': 'The discount of {discount}% is beyond what you may approve ({limit}%)',
  },
  QUOTE_APPROVAL_BY_ENGINE: {
    status: 409,
    'zh-CN': '该报价单的审批在审批流中进行',
    'en-US': 'This quote is approved through the approval workflow',
  },
  QUOTE_VALIDITY_PAST: {
    status: 400,
    'zh-CN': '有效期不能早于今天',
    'en-US': 'The validity date cannot be in the past',
  },
  QUOTE_SETTINGS_INVALID: {
    status: 400,
    'zh-CN': '报价设置有误：{problem}',
    'en-US': 'Quote settings are not valid: {problem}',
  },
});
