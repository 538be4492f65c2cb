import { defineErrors } from '../../kernel/errors.ts';

export const RequirementErrorCode = defineErrors({
  REQUIREMENT_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '只有草稿或被退回的需求可以修改',
    'en-US': 'Only a draft or returned requirement can be changed',
  },
  REQUIREMENT_STATUS_CONFLICT: {
    status: 409,
    'zh-CN': '需求当前状态（{status}）不允许此操作',
    'en-US': 'This cannot be done while the requirement is {status}',
  },
  REQUIREMENT_NO_LINES: { status: 400, 'zh-CN': '需求至少需要一行明细', 'en-US': 'A requirement needs at least one line' },
  REQUIREMENT_LINE_PRODUCT_UNKNOWN: {
    status: 400,
    'zh-CN': '第 {position} 行的产品不存在',
    'en-US': 'The product of line {position} does not exist',
  },
  REQUIREMENT_LINE_PRODUCT_DISCONTINUED: {
    status: 400,
    'zh-CN': '第 {position} 行的产品已停产',
    'en-US': 'The product of line {position} is discontinued',
  },
  REQUIREMENT_LINE_NAME_REQUIRED: {
    status: 400,
    'zh-CN': '第 {position} 行没有选择产品，需要填写名称',
    'en-US': 'Line {position} has no product and needs a name',
  },
  REQUIREMENT_LINE_UNKNOWN: {
    status: 400,
    'zh-CN': '需求行不存在或不属于该需求',
    'en-US': 'The line does not exist or belongs to another requirement',
  },
  REQUIREMENT_OPPORTUNITY_OTHER_CUSTOMER: {
    status: 400,
    'zh-CN': '所选商机属于其他客户',
    'en-US': 'The opportunity belongs to another customer',
  },
  REQUIREMENT_ATTACHMENT_INVALID: {
    status: 400,
    'zh-CN': '附件 {name} 无效：只能附上自己上传的图片或文档',
    'en-US': 'Attachment {name} is not valid: attach images or documents you uploaded',
  },
  REQUIREMENT_ONLY_OWNER: {
    status: 403,
    'zh-CN': '只有需求负责人可以撤回',
    'en-US': 'Only the requirement’s owner can withdraw it',
  },
  REQUIREMENT_LINES_PENDING: {
    status: 409,
    'zh-CN': '请先审核每一行（第 {positions} 行尚未审核），再审批通过',
    'en-US': 'Review every line first (line {positions} not reviewed yet), then approve',
  },
  REQUIREMENT_REVIEW_NOT_OPEN: {
    status: 409,
    'zh-CN': '需求当前状态（{status}）不能审核明细行',
    'en-US': 'Lines cannot be reviewed while the requirement is {status}',
  },
  REQUIREMENT_NOT_APPROVED: {
    status: 409,
    'zh-CN': '需求 {number} 尚未通过产品经理审核（当前：{status}），不能用于合同',
    'en-US': 'Requirement {number} has not passed product-manager review (now {status}) and cannot go into a contract',
  },
});
