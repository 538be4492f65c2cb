import { defineErrors } from '../../../kernel/errors.ts';

export const OpportunityErrorCode = defineErrors({
  OPPORTUNITY_CUSTOMER_INVALID: {
    status: 400,
    'zh-CN': '客户不存在、不在您的权限范围内或已合并',
    'en-US': 'The customer does not exist, is outside your scope or was merged',
  },
  OPPORTUNITY_CUSTOMER_IN_POOL: {
    status: 400,
    'zh-CN': '该客户在公海池中，请先领取后再建商机',
    'en-US': 'The customer is in the public pool; claim it before creating opportunities',
  },
  OPPORTUNITY_OWNER_INVALID: { status: 400, 'zh-CN': '负责人不存在或已停用', 'en-US': 'The owner does not exist or is disabled' },
  OPPORTUNITY_START_STAGE_INVALID: {
    status: 400,
    'zh-CN': '新商机只能从进行中的阶段开始',
    'en-US': 'A new opportunity must start in an open stage',
  },
  OPPORTUNITY_STAGE_UNKNOWN: { status: 400, 'zh-CN': '阶段不存在', 'en-US': 'No such stage' },
  OPPORTUNITY_AWARD_NOTICE_INVALID: {
    status: 400,
    'zh-CN': '中标通知书文件不存在或无权使用',
    'en-US': 'The award notice file does not exist or you cannot use it',
  },
  OPPORTUNITY_PRODUCT_UNKNOWN: {
    status: 400,
    'zh-CN': '产品不存在或已停用：{codes}',
    'en-US': 'Unknown or discontinued products: {codes}',
  },
  OPPORTUNITY_PRODUCTS_UNAVAILABLE: {
    status: 400,
    'zh-CN': '产品目录尚不可用，暂不能录入产品明细',
    'en-US': 'The product catalogue is not available; product lines cannot be entered yet',
  },
  OPPORTUNITY_CLOSED_FIELDS: {
    status: 409,
    'zh-CN': '已赢单或输单的商机不能修改金额、客户或阶段相关信息，请先重新打开',
    'en-US': 'A won or lost opportunity cannot change its amount, customer or stage details; reopen it first',
  },
  STAGE_UNCHANGED: { status: 422, 'zh-CN': '商机已在该阶段', 'en-US': 'The opportunity is already in this stage' },
  STAGE_REQUIRED_SKIPPED: {
    status: 422,
    'zh-CN': '不能跳过必经阶段「{stageZh}」',
    'en-US': 'The required stage "{stageEn}" cannot be skipped',
  },
  STAGE_TENDER_INFO_REQUIRED: {
    status: 422,
    'zh-CN': '投标商机进入「{stageZh}」前须填写招标编号和开标日期',
    'en-US': 'A tender opportunity needs its tender number and bid opening date before entering "{stageEn}"',
  },
  STAGE_WON_AMOUNT_REQUIRED: {
    status: 422,
    'zh-CN': '赢单前须填写商机金额',
    'en-US': 'Enter the amount before marking the opportunity won',
  },
  STAGE_WON_TENDER_RESULT_REQUIRED: {
    status: 422,
    'zh-CN': '投标结果不是中标，不能赢单',
    'en-US': 'The tender result is not "won"; the opportunity cannot be won',
  },
  STAGE_WON_AWARD_NOTICE_REQUIRED: {
    status: 422,
    'zh-CN': '投标商机赢单前须上传中标通知书',
    'en-US': 'Upload the bid-award notice before marking a tender opportunity won',
  },
  STAGE_LOST_REASON_REQUIRED: {
    status: 422,
    'zh-CN': '输单须选择输单原因（选“其他”时须填写说明）',
    'en-US': 'Choose why the opportunity was lost (and explain when the reason is "other")',
  },
  STAGE_REOPEN_FORBIDDEN: {
    status: 403,
    'zh-CN': '您无权重新打开已赢单或输单的商机',
    'en-US': 'You may not reopen a won or lost opportunity',
  },
  STAGE_REOPEN_REASON_REQUIRED: {
    status: 422,
    'zh-CN': '重新打开商机须填写原因',
    'en-US': 'Give a reason for reopening the opportunity',
  },
  STAGE_REASON_CODE_INVALID: {
    status: 400,
    'zh-CN': '该原因不适用于此阶段',
    'en-US': 'This reason does not apply to the stage',
  },
  PIPELINE_INVALID: {
    status: 400,
    'zh-CN': '销售流程设置无效：须有进行中的阶段、恰好一个赢单阶段和至少一个输单阶段，阶段编码不能重复',
    'en-US': 'The pipeline is not valid: it needs open stages, exactly one won stage, at least one lost stage and unique codes',
  },
  PIPELINE_STAGE_IN_USE: {
    status: 409,
    'zh-CN': '阶段「{stage}」仍有商机，不能删除或更改类型',
    'en-US': 'Stage "{stage}" still has opportunities; it cannot be removed or change its kind',
  },
});
