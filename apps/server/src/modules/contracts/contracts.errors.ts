import { defineErrors } from '../../kernel/errors.ts';

export const ContractErrorCode = defineErrors({
  CONTRACT_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '合同当前状态下不能修改；已审批的合同请发起补充协议',
    'en-US': 'The contract cannot be changed now; start an amendment for an approved contract',
  },
  CONTRACT_STATUS_CONFLICT: {
    status: 409,
    'zh-CN': '合同当前状态（{status}）不允许此操作',
    'en-US': 'This cannot be done while the contract is {status}',
  },
  CONTRACT_REVIEW_BLOCKED: {
    status: 409,
    'zh-CN': '合同评审有阻断项（{rules}），请修改合同，或填写理由走特批流程',
    'en-US': 'The contract review has blocking findings ({rules}); change the contract or give a reason for special approval',
  },
  CONTRACT_SIGNED_ORIGINAL_MISSING: {
    status: 409,
    'zh-CN': '请先在文档归档中上传合同签署原件，再登记签署',
    'en-US': 'Upload the signed original to the archive before recording the signature',
  },
  CONTRACT_SIGNED_DATE_IN_FUTURE: {
    status: 400,
    'zh-CN': '签署日期不能晚于今天（{today}）',
    'en-US': 'The signed date cannot be after today ({today})',
  },
  CONTRACT_LINE_PRODUCT_UNKNOWN: {
    status: 400,
    'zh-CN': '第 {position} 行的产品不存在',
    'en-US': 'The product of line {position} does not exist',
  },
  CONTRACT_LINE_PRODUCT_DISCONTINUED: {
    status: 400,
    'zh-CN': '第 {position} 行的产品（{code}）已停产',
    'en-US': 'The product of line {position} ({code}) is discontinued',
  },
  CONTRACT_LINE_NAME_REQUIRED: {
    status: 400,
    'zh-CN': '第 {position} 行没有选择产品，需要填写名称',
    'en-US': 'Line {position} has no product and needs a name',
  },
  CONTRACT_LINE_PRICE_REQUIRED: {
    status: 400,
    'zh-CN': '第 {position} 行需要填写含税单价',
    'en-US': 'Line {position} needs a unit price incl. tax',
  },
  CONTRACT_CUSTOMER_REQUIRED: { status: 400, 'zh-CN': '请选择客户', 'en-US': 'Choose a customer' },
  CONTRACT_SOURCE_NOT_READY: {
    status: 409,
    'zh-CN': '{source}还不能用于生成合同：{reason}',
    'en-US': 'The {source} cannot become a contract yet: {reason}',
  },
  CONTRACT_OPPORTUNITY_CUSTOMER_MISMATCH: {
    status: 400,
    'zh-CN': '商机属于另一个客户',
    'en-US': 'The opportunity belongs to another customer',
  },
  CONTRACT_AMENDMENT_OPEN: {
    status: 409,
    'zh-CN': '已有进行中的补充协议（版本 {versionNo}）',
    'en-US': 'An amendment is already open (version {versionNo})',
  },
  CONTRACT_NO_AMENDMENT: { status: 404, 'zh-CN': '没有进行中的补充协议', 'en-US': 'There is no open amendment' },
  CONTRACT_ANNEX_INVALID: {
    status: 400,
    'zh-CN': '产品清单附件无法读取：{problem}',
    'en-US': 'The product-list annex cannot be read: {problem}',
  },
  CONTRACT_SETTINGS_INVALID: {
    status: 400,
    'zh-CN': '合同设置无效：{problem}',
    'en-US': 'The contract settings are not valid: {problem}',
  },
});
